import { setV8FlagUnlessGiven } from '../v8-flags.ts';

/**
 * How far V8 lets the JavaScript heap grow past what was live after its last full collection, while a report is
 * built and written: 50%. V8 picks this factor itself, up to 4× when a program allocates faster than it collects —
 * which a report does: it reads, decompresses, validates and re-audits every stored page, and nearly all of that
 * is garbage a moment later. So on a 10,000-page crawl ~80 MB of live data sat in a heap of ~430 MB (RSS 530–640 MB;
 * the rest is the scoring index's typed arrays, native code and SQLite), and on 50,000 pages the heap grew past 1 GB
 * around ~250 MB of live data. With 1.5× the heap stays near what is live: 10,000 pages peak at ~415 MB RSS
 * (BENCHMARKS.md, "Reports at scale"), for more frequent full collections of a small live heap.
 *
 * The setting is V8's own `--heap-growing-percent` flag, set for the rest of the process (a zmot command builds
 * its report last). A user's own choice wins: with `--heap-growing-percent` in NODE_OPTIONS or node's arguments,
 * nothing is changed.
 */
export const REPORT_HEAP_GROWING_PERCENT = 50;

export function boundHeapGrowthForReport(): void {
  setV8FlagUnlessGiven('heap-growing-percent', REPORT_HEAP_GROWING_PERCENT);
}
