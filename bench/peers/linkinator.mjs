// Peer for the crawl benchmark: linkinator (a link checker) recursing over the same site, in plain
// JavaScript. It fetches every page to find links, so pages/s compares the fetch-and-parse loop.
// Usage: node bench/peers/linkinator.mjs <origin> <maxPages> <concurrency>  → one JSON line {pages, ms}
import { LinkChecker } from 'linkinator';

const [origin, , concurrencyArg] = process.argv.slice(2);
const checker = new LinkChecker();
const t0 = performance.now();
const result = await checker.check({
  path: `${origin}/`,
  recurse: true,
  concurrency: Number(concurrencyArg ?? 8),
  timeout: 30_000,
  linksToSkip: async (link) => !link.startsWith(origin),
});
const ms = performance.now() - t0;
const pages = new Set(result.links.filter((l) => l.state !== 'SKIPPED').map((l) => l.url.replace(/#.*$/, ''))).size;
process.stdout.write(`${JSON.stringify({ pages, ms: Math.round(ms), broken: result.links.filter((l) => l.state === 'BROKEN').length })}\n`);
