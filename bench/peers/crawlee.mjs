// Peer for the crawl benchmark: crawlee's CheerioCrawler over the same site, in plain JavaScript so
// no TypeScript loader weighs on its memory. Extracts what a typical crawlee user would (title,
// description, h1, canonical) and follows same-host links.
// Usage: node bench/peers/crawlee.mjs <origin> <maxPages> <concurrency> [persist|memory]
//   → one JSON line {pages, ms, diskBytes}. `memory` sets CRAWLEE_PERSIST_STORAGE=false (queue and state in memory).
//   maxPages 0 = no maxRequestsPerCrawl: the whole site is crawled (what the benchmark does, see below).
//
// Why no maxRequestsPerCrawl by default: in crawlee 3.18 the cap becomes enqueueLinks' `maxNewRequests`
// budget (maxRequestsPerCrawl − handled − pending). Once every page of the site is queued and the budget is a
// few requests, addRequestsBatched cuts each page's ~70 links into chunks of that size and sleeps
// `waitBetweenBatchesMillis` (1 s, not settable through enqueueLinks) between chunks, waiting for all of them;
// duplicates do not use up the budget, so every page then waits ~links ÷ budget seconds with the CPU idle.
// On the 1,000-page real-sized site with a cap of 1,010 that is the "stall" of the earlier runs: enqueueLinks
// took 1, 2, 4, 5 s… per page and the crawl fell to ~1 page/s at concurrency 8 — the autoscaled pool was not
// backing off (current = desired = 8, memory/CPU/client never overloaded). A user crawling a whole site sets
// no cap, so neither does the benchmark (the site is finite; every tool crawls all of it).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const [origin, maxPagesArg, concurrencyArg, mode = 'persist'] = process.argv.slice(2);
if (mode === 'memory') process.env.CRAWLEE_PERSIST_STORAGE = 'false';
const storageDir = await mkdtemp(path.join(os.tmpdir(), 'zmot-bench-crawlee-'));
// Crawlee keeps its queue in a storage folder: a fresh one per run, removed after.
process.env.CRAWLEE_STORAGE_DIR = storageDir;
const { CheerioCrawler, Configuration, log, LogLevel } = await import('@crawlee/cheerio');
log.setLevel(LogLevel.ERROR);

let pages = 0;
let checksum = 0;
const concurrency = Number(concurrencyArg ?? 8);
const crawler = new CheerioCrawler(
  {
    maxRequestsPerCrawl: Number(maxPagesArg) > 0 ? Number(maxPagesArg) : undefined,
    maxConcurrency: concurrency,
    // Start at full concurrency and do not back off because *other* processes use the CPU (the
    // benchmark machine is shared): crawlee then runs as fast as it can, as zmot does.
    autoscaledPoolOptions: { desiredConcurrency: concurrency, systemStatusOptions: { maxCpuOverloadedRatio: 1, maxEventLoopOverloadedRatio: 1 } },
    maxRequestRetries: 1,
    async requestHandler({ $, enqueueLinks }) {
      pages++;
      const title = $('title').text();
      const description = $('meta[name="description"]').attr('content') ?? '';
      const h1 = $('h1').first().text();
      const canonical = $('link[rel="canonical"]').attr('href') ?? '';
      checksum += title.length + description.length + h1.length + canonical.length;
      await enqueueLinks({ strategy: 'same-hostname' });
    },
  },
  new Configuration({ storageClientOptions: { localDataDirectory: storageDir } }),
);
const t0 = performance.now();
// Progress on stderr, in the same form as zmot's, so the harness can read a partial run.
const progress = setInterval(() => process.stderr.write(`crawled ${pages} ·\n`), 2000);
await crawler.run([`${origin}/`]);
clearInterval(progress);
const ms = performance.now() - t0;
async function du(dir) {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await du(p) : (await stat(p)).size;
  }
  return total;
}
const diskBytes = await du(storageDir);
await rm(storageDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ pages, ms: Math.round(ms), checksum, diskBytes })}\n`);
