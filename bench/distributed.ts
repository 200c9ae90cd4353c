/**
 * Distributed crawl benchmark: `npm run bench:distributed [-- --pages N --reps N --no-write]`.
 *
 * Serves the real-sized generated site (bench/fixtures-site, ~92 KB pages) on 127.0.0.1, starts
 * Debian's redis-server on a free port, then crawls the site with the single-process `zmot crawl` and
 * with `zmot crawl --queue` and 1, 2 and 4 `zmot worker` processes (started and warm before the crawl),
 * taking turns. Pages/s is the coordinator's wall time from spawn to exit (store written, no report);
 * CPU is user+system seconds of every process of the run (coordinator, workers, redis-server) from
 * /proc. Then Redis memory (used_memory before and after): 100,000 URLs queued in a crawl's frontier
 * (crawler/distributed/frontier.ts: the per-depth lists and the seen-URL hash), the same URLs once
 * handed out (only their fingerprints stay), and 100,000 BullMQ page jobs (what is in flight), with the
 * 10-million-URL estimate from them. Writes the "Distributed crawl" section of BENCHMARKS.md;
 * `--memory-only` measures and rewrites only the memory part.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { RedisFrontier } from '../crawler/distributed/frontier.ts';
import { CrawlStore } from '../crawler/store/crawl-store.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ZMOT_BIN = path.join(ROOT, 'crawler/bin/zmot.js');
const BENCHMARKS = path.join(ROOT, 'BENCHMARKS.md');
const START = '<!-- distributed:start -->';
const END = '<!-- distributed:end -->';
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const PAGES = Number(arg('pages', '1000'));
const REPS = Number(arg('reps', '1'));
const JOBS = Number(arg('jobs', '100000'));
const WRITE = !process.argv.includes('--no-write');
const MEMORY_ONLY = process.argv.includes('--memory-only');
const MEM_START = '<!-- distributed-memory:start -->';
const MEM_END = '<!-- distributed-memory:end -->';
const TICK = 100; // clock ticks per second on Linux

function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime (fields 14-17; index 11-14 after the name)
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICK;
  } catch {
    return 0;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function child(args: string[], cmd = process.execPath): ChildProcess {
  return spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Samples a process's CPU seconds until it exits (the last reading before exit). */
function tracked(c: ChildProcess) {
  let last = 0;
  const t = setInterval(() => (last = Math.max(last, cpuSeconds(c.pid))), 100);
  const exit = new Promise<number | null>((resolve) => c.on('exit', (code) => (clearInterval(t), resolve(code))));
  return { cpu: () => Math.max(last, cpuSeconds(c.pid)), exit };
}

async function startSite(): Promise<{ origin: string; stop(): void }> {
  const c = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/fixtures-site/serve.ts'), String(PAGES), 'real'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve) => {
    let buf = '';
    c.stdout!.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve((JSON.parse(buf.split('\n')[0]) as { origin: string }).origin);
    });
  });
  return { origin, stop: () => void c.kill('SIGTERM') };
}

async function waitReady(port: number) {
  for (;;) {
    const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    r.on('error', () => {});
    try {
      await r.connect();
      await r.ping();
      r.disconnect();
      return;
    } catch {
      r.disconnect();
      await new Promise((res) => setTimeout(res, 50));
    }
  }
}

interface Row {
  label: string;
  workers: number;
  pages: number;
  wallS: number;
  pagesPerS: number;
  cpuS: number;
}

async function run(label: string, workers: number, origin: string, queueUrl: string | null, redisPid: number | undefined, tmp: string): Promise<Row> {
  const ws = Array.from({ length: workers }, () => child([ZMOT_BIN, 'worker', '--queue', queueUrl!, '--concurrency', '8']));
  const wt = ws.map(tracked);
  // Wait until every worker says it is waiting (started and warm).
  await Promise.all(
    ws.map(
      (w) =>
        new Promise<void>((resolve) => {
          let err = '';
          w.stderr!.on('data', (d) => {
            err += d;
            if (err.includes('waiting for page jobs')) resolve();
          });
        }),
    ),
  );
  const redisCpu0 = cpuSeconds(redisPid);
  const wCpu0 = wt.map((t) => t.cpu());
  const out = path.join(tmp, `${label}-${Date.now()}`);
  const t0 = performance.now();
  const coord = child([ZMOT_BIN, 'crawl', `${origin}/`, '--out', out, '--no-report', '--json', '--max-pages', String(PAGES + 10), '--concurrency', '16', ...(queueUrl ? ['--queue', queueUrl] : [])]);
  let stdout = '';
  coord.stdout!.on('data', (d) => (stdout += d));
  coord.stderr!.resume();
  const ct = tracked(coord);
  const code = await ct.exit;
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = ct.cpu() + wt.reduce((a, t, i) => a + t.cpu() - wCpu0[i], 0) + (cpuSeconds(redisPid) - redisCpu0);
  for (const w of ws) w.kill('SIGTERM');
  await Promise.all(wt.map((t) => t.exit));
  if (code !== 0) throw new Error(`${label}: zmot crawl exited ${code}`);
  const pages = Number((JSON.parse(stdout.slice(stdout.indexOf('{'))) as { pagesFetched: number }).pagesFetched);
  return { label, workers, pages, wallS, pagesPerS: pages / wallS, cpuS };
}

async function redisMemory(port: number): Promise<{ perJobBytes: number; per100k: number }> {
  const redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: null });
  await redis.flushall();
  const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  const before = await used();
  const q = new Queue('crawl-bench-memory', { connection: redis, prefix: 'zmot', defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 1000 } } });
  const batch = 1000;
  for (let i = 0; i < JOBS; i += batch) {
    await q.addBulk(
      Array.from({ length: Math.min(batch, JOBS - i) }, (_, j) => {
        const url = `https://www.example-retailer.com/category-${(i + j) % 97}/product-${i + j}/`;
        return { name: 'page', data: { url, depth: 3, inSitemap: true, robotsTxt: { url: 'https://www.example-retailer.com/robots.txt', status: 200, content: null, allowed: true, errorMessage: null } }, opts: { jobId: String(i + j).padStart(40, '0') } };
      }),
    );
  }
  const after = await used();
  await q.obliterate({ force: true });
  await q.close();
  redis.disconnect();
  const per = (after - before) / JOBS;
  return { perJobBytes: per, per100k: per * 100_000 };
}

/** A crawl's frontier in Redis: bytes per URL while queued, and once handed out and stored (only its fingerprint stays). */
async function frontierMemory(port: number): Promise<{ queuedBytes: number; seenBytes: number }> {
  const redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: null });
  await redis.flushall();
  const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  const store = CrawlStore.open(':memory:');
  const before = await used();
  const frontier = await RedisFrontier.open(redis, 'zmot:crawl-bench:z', store, { maxUrlsPerPattern: 10_000_000, maxQueued: 10_000_000 }, false, 'bench');
  const batch = 1000;
  for (let i = 0; i < JOBS; i += batch) {
    // As a crawl finds them: product pages found on their category page, three clicks deep.
    await frontier.add(
      Array.from({ length: Math.min(batch, JOBS - i) }, (_, j) => {
        const n = i + j;
        const category = `https://www.example-retailer.com/category-${n % 97}/`;
        return { url: `${category}product-${n}/`, depth: 3, source: 'link' as const, foundOn: `${category}?page=${Math.floor(n / 97 / 24) + 1}` };
      }),
    );
  }
  const queued = await used();
  // Handed out (claimed) and completed without a store write: what stays is the seen-URL fingerprint.
  for (let item = await frontier.next(); item; item = await frontier.next()) await frontier.complete(item, { state: 'done', discovered: [], aliases: [] });
  const seen = await used();
  store.close();
  await redis.flushall();
  redis.disconnect();
  return { queuedBytes: (queued - before) / JOBS, seenBytes: (seen - before) / JOBS };
}

function memorySection(mem: { per100k: number; perJobBytes: number }, f: { queuedBytes: number; seenBytes: number }): string {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const gb = (bytes: number) => (bytes / 1024 / 1024 / 1024).toFixed(2);
  return `${MEM_START}
Redis memory (\`used_memory\` before and after, Redis ${redisVersion}; \`npm run bench:distributed -- --memory-only\` measures only this):
the frontier lives in Redis (crawler/distributed/frontier.ts). ${JOBS.toLocaleString('en')} URLs queued — each as
\`[url, depth, source, found-on, run]\` in its depth's list plus an 8-byte fingerprint in the crawl's seen-URL hash
(realistic retailer URLs, ~60 characters, found on ~60-character category pages) — take **${mb(f.queuedBytes * 100_000)} MB**
(${Math.round(f.queuedBytes)} bytes a URL); once handed out and stored, a URL keeps only its fingerprint:
${mb(f.seenBytes * 100_000)} MB per 100,000 (${Math.round(f.seenBytes)} bytes a URL).

Extrapolated linearly, a 10-million-URL crawl needs at most **${gb(f.queuedBytes * 10_000_000)} GB** of Redis for its frontier (every URL
queued at once), ${gb(f.seenBytes * 10_000_000)} GB at its end (every URL seen, none waiting); pages in flight are BullMQ jobs
on top: ${JOBS.toLocaleString('en')} of them took ${mb(mem.per100k)} MB (${Math.round(mem.perJobBytes)} bytes a job), and a crawl has
at most \`--concurrency\` of them (and their answers, tens of KB each, until the coordinator stores them) at once.
Measured on our own generated URLs, one run.
${MEM_END}`;
}

let redisVersion = '';

const tmp = await mkdtemp(path.join(os.tmpdir(), 'zmot-bench-dist-'));
const port = await freePort();
const redisDir = path.join(tmp, 'redis');
await (await import('node:fs/promises')).mkdir(redisDir);
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
const site = await startSite();
try {
  await waitReady(port);
  {
    const probe = new Redis({ port, host: '127.0.0.1' });
    redisVersion = /redis_version:(\S+)/.exec(await probe.info('server'))![1];
    probe.disconnect();
  }
  if (MEMORY_ONLY) {
    const part = memorySection(await redisMemory(port), await frontierMemory(port));
    process.stdout.write(`${part}\n`);
    if (WRITE) {
      const md = await readFile(BENCHMARKS, 'utf8');
      if (!md.includes(MEM_START)) throw new Error('BENCHMARKS.md has no distributed memory part: run the whole benchmark once');
      await writeFile(BENCHMARKS, md.replace(new RegExp(`${MEM_START}[\\s\\S]*?${MEM_END}`), part));
    }
    site.stop();
    redis.kill('SIGTERM');
    await rm(tmp, { recursive: true, force: true });
    process.exit(0);
  }
  const queueUrl = `redis://127.0.0.1:${port}/0`;
  const rows: Row[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    rows.push(await run('single process', 0, site.origin, null, undefined, tmp));
    for (const n of [1, 2, 4]) rows.push(await run(`--queue, ${n} worker(s)`, n, site.origin, queueUrl, redis.pid, tmp));
  }
  const mem = await redisMemory(port);
  const fmem = await frontierMemory(port);
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const base = rows.find((r) => r.workers === 0)!;
  const table = [
    '| run | pages | wall s | pages/s | vs single process | CPU s (all processes) | CPU s per page |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.label} | ${r.pages} | ${r.wallS.toFixed(1)} | ${r.pagesPerS.toFixed(1)} | ${(r.pagesPerS / base.pagesPerS).toFixed(2)}× | ${r.cpuS.toFixed(1)} | ${(r.cpuS / r.pages * 1000).toFixed(0)} ms |`),
  ].join('\n');
  const section = `${START}
## Distributed crawl

\`npm run bench:distributed -- --pages ${PAGES}\` (bench/distributed.ts): the real-sized generated site (~92 KB
pages) on 127.0.0.1, a local redis-server, \`zmot crawl --concurrency 16 --no-report\` alone and with \`--queue\`
and 1, 2, 4 warm \`zmot worker --concurrency 8\` processes. Machine: ${os.cpus().length} cores shared with other
work, load average at the end ${load} (${REPS} run(s) each, noisy): the ratios matter, not the absolute figures.
Workers are started and warm before the clock starts; the coordinator's and the single process's start-up are counted.

${table}

On ${os.cpus().length} cores the gain from more workers is bounded by the cores: every worker process
extracts and audits on one thread, the coordinator and Redis take their share, and the single-process crawl
already uses worker threads. Distribution is for more machines, not for more processes on one.

${memorySection(mem, fmem)}
${END}`;
  process.stdout.write(`${section}\n`);
  if (WRITE) {
    const md = await readFile(BENCHMARKS, 'utf8');
    const next = md.includes(START) ? md.replace(new RegExp(`${START}[\\s\\S]*?${END}`), section) : `${md.trimEnd()}\n\n${section}\n`;
    await writeFile(BENCHMARKS, next);
  }
} finally {
  site.stop();
  redis.kill('SIGTERM');
  await rm(tmp, { recursive: true, force: true });
}
