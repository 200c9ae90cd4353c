/**
 * Distributed crawl on a real redis-server: a coordinator and two workers crawl the demo site into
 * the same crawl store a single-process crawl writes, and the reports agree; the queue is listed by
 * `zmot queue status`; a wrong or unreachable Redis is one line and exit 2.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../crawler/config-file.ts';
import { DEMO_CONFIG, serveDemo } from '../../../crawler/demo/server.ts';
import { parseQueueUrl } from '../../../crawler/distributed/connection.ts';
import { RedisPages } from '../../../crawler/distributed/coordinator.ts';
import { startWorker, type WorkerHandle } from '../../../crawler/distributed/worker.ts';
import { crawlToStore, reportFromStore, runSiteJob } from '../../../crawler/job.ts';
import type { StaticServer } from '../../../crawler/serve.ts';
import type { Config } from '../../../shared/schemas/index.ts';
import { zmot } from '../../helpers/cli.ts';
import { startRedis, type TestRedis } from '../../helpers/redis-server.ts';

let redis: TestRedis;
let site: StaticServer;
let tmp: string;
let config: Config;
const workers: WorkerHandle[] = [];

beforeAll(async () => {
  [redis, site, tmp, config] = await Promise.all([startRedis(), serveDemo(), mkdtemp(path.join(os.tmpdir(), 'zmot-dist-')), loadConfig(DEMO_CONFIG)]);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await Promise.all([redis?.close(), site?.close(), tmp && rm(tmp, { recursive: true, force: true })]);
});

/**
 * The report without what differs between any two runs: dates, durations, request timings, and the
 * order of lists (pages come in the order they were fetched, ties keep that order: two single-process
 * crawls of the demo differ there too). Every value of every page, audit and answer is compared.
 */
function comparable(json: string): unknown {
  const VOLATILE = new Set(['timings', 'generatedAt', 'startedAt', 'finishedAt', 'fetchedAt', 'durationMs', 'resumedAt']);
  const key = (v: unknown) => JSON.stringify(v);
  return JSON.parse(json, (k, v) => {
    if (VOLATILE.has(k)) return undefined;
    if (Array.isArray(v)) return [...v].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)));
    return v;
  });
}

describe('distributed crawl (Redis + BullMQ)', () => {
  let distributedOut = '';

  it('two workers and a coordinator write the same report.json as a single-process crawl', async () => {
    const target = parseQueueUrl(redis.url);
    // Workers first for one, after the coordinator for the other: both orders work.
    workers.push(await startWorker(target, { concurrency: 4, lockMs: 5000, pollMs: 200 }));
    const localOut = path.join(tmp, 'local');
    distributedOut = path.join(tmp, 'distributed');
    const startUrl = `${site.origin}/`;
    const distributed = crawlToStore({ startUrl, config, outDir: distributedOut, deps: { remote: new RedisPages(target) } });
    workers.push(await startWorker(target, { concurrency: 4, lockMs: 5000, pollMs: 200 }));
    const [local, { summary, storePath }] = await Promise.all([runSiteJob({ startUrl, config, outDir: localOut }), distributed]);
    await reportFromStore(storePath, distributedOut, { config });

    expect(summary.pagesFetched).toBe(local.summary.pagesFetched);
    expect(summary.pagesFetched).toBeGreaterThan(10);
    // Both workers took part.
    expect(workers.every((w) => w.served.size === 1)).toBe(true);
    const [a, b] = await Promise.all([readFile(path.join(localOut, 'report.json'), 'utf8'), readFile(path.join(distributedOut, 'report.json'), 'utf8')]);
    expect(comparable(b)).toEqual(comparable(a));
  });

  it('`zmot queue status` lists the crawl with its counts; a wrong or unreachable Redis is one line, exit 2', async () => {
    const [status, unreachable] = await Promise.all([
      zmot(['queue', 'status', redis.url, '--json']),
      zmot(['crawl', `${site.origin}/`, '--queue', 'redis://:s3cret@127.0.0.1:1/0', '--out', path.join(tmp, 'never')]),
    ]);
    expect(status.code).toBe(0);
    const rows = JSON.parse(status.stdout) as Array<{ crawl: string; status: string; startUrl: string; queued: number; active: number; done: number; failed: number }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'finished', startUrl: `${site.origin}/`, queued: 0, active: 0, failed: 0 });
    const report = JSON.parse(await readFile(path.join(distributedOut, 'report.json'), 'utf8')) as { pages: unknown[] };
    expect(rows[0].done).toBe(report.pages.length);

    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1\/0: .*ECONNREFUSED/);
    expect(unreachable.stderr).not.toContain('s3cret');
    // The same checks run in every command that takes --queue (crawl, worker, queue status).
    expect(() => parseQueueUrl('http://127.0.0.1:6379/0')).toThrow(/--queue must be a redis:\/\//);
    expect(() => parseQueueUrl('redis://u:s3cret@127.0.0.1:6379/99')).toThrow(/database number.*redis:\/\/u:\*\*\*@/);
    expect(() => parseQueueUrl('redis://u:s3cret@127.0.0.1:6379/99')).not.toThrow(/s3cret/);
  }, 120_000);
});
