/**
 * Memos for what scoring derives from the same passage again and again (once per question):
 * the folded text, compiled phrase patterns. Keyed on objects (WeakMap) or bounded, so a
 * long-lived extension worker does not keep old crawls alive.
 */
import { foldText } from '../classify/query-text.ts';
import type { Passage } from '../schemas/index.ts';

const folded = new WeakMap<Passage, string>();

/** The passage text lower-cased and accent-folded, computed once per passage. */
export function foldedPassage(p: Passage): string {
  let f = folded.get(p);
  if (f === undefined) {
    f = foldText(p.text);
    folded.set(p, f);
  }
  return f;
}

/** One memo slot per passage for a derived value; `key` tells apart values computed with other inputs. */
export function passageMemo<T>() {
  const map = new WeakMap<Passage, { key: string; value: T }>();
  return (p: Passage, key: string, compute: () => T): T => {
    const hit = map.get(p);
    if (hit && hit.key === key) return hit.value;
    const value = compute();
    map.set(p, { key, value });
    return value;
  };
}
