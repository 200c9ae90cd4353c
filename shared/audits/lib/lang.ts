// The IANA Language Subtag Registry (the BCP 47 registry itself, as a data package): every registered
// primary language subtag. Lighthouse's hreflang and html-lang checks ask the same question of axe-core's
// copy of the ISO 639 list; reading the registry directly keeps shared/ off Lighthouse's internal files.
import languages from 'language-subtag-registry/data/json/language.json' with { type: 'json' };

/** Registered subtags; ranges ("qaa..qtz", reserved for private use) are expanded. */
const REGISTERED = new Set(Object.keys(languages).flatMap(expandRange));

function expandRange(key: string): string[] {
  const [from, to] = key.split('..');
  if (!to) return [key];
  const out: string[] = [];
  const next = (s: string) => s.replace(/([a-y]?)(z*)$/, (_, c: string, zs: string) => (c ? String.fromCharCode(c.charCodeAt(0) + 1) : '') + 'a'.repeat(zs.length));
  for (let s = from; out.length < 1000; s = next(s)) {
    out.push(s);
    if (s === to) break;
  }
  return out;
}

/** Whether a BCP 47 tag's primary language subtag is a registered language ("en-GB" → en). */
export function isValidLanguageTag(tag: string): boolean {
  const [primary] = tag.split('-');
  return REGISTERED.has(primary.toLowerCase());
}

/** Lighthouse's hreflang check: x-default, or a tag whose primary subtag is a registered language. Case-insensitive, no trimming. */
export function isExpectedHreflang(hreflang: string): boolean {
  if (hreflang.toLowerCase() === 'x-default') return true;
  return isValidLanguageTag(hreflang);
}
