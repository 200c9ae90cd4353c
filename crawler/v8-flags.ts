import { setFlagsFromString } from 'node:v8';

const applied = new Set<string>();

/**
 * Sets a V8 flag for the rest of the process (V8 flags are process-wide), once, unless the user already chose it:
 * `--<name>` (dashes or underscores) in node's own arguments or in NODE_OPTIONS wins, and nothing is changed.
 * Used where zmot tunes V8 for one kind of work (crawler/crawl/worker-pool.ts, crawler/report/heap.ts).
 */
export function setV8FlagUnlessGiven(name: string, value: number): void {
  if (applied.has(name)) return;
  applied.add(name);
  const pattern = new RegExp(`^--${name.replace(/[-_]/g, '[-_]')}(=|$)`);
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => pattern.test(a));
  if (!given) setFlagsFromString(`--${name}=${value}`);
}
