/** `zmot queue status`: every crawl in a Redis with its page counts. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { frontierKeys } from './frontier.ts';
import { namespace, PREFIX, readRegistry } from './namespace.ts';

export interface CrawlQueueStatus {
  crawl: string;
  status: string;
  startUrl: string;
  queued: number;
  active: number;
  done: number;
  failed: number;
  updatedAt: string;
}

export async function queueStatus(redis: Redis): Promise<CrawlQueueStatus[]> {
  const rows: CrawlQueueStatus[] = [];
  for (const [crawlId, entry] of await readRegistry(redis)) {
    const ns = namespace(crawlId);
    const stats = await redis.hgetall(ns.stats);
    const waiting = await redis.hget(frontierKeys(ns.ours).counters, 'queued');
    const q = new Queue(ns.queueName, { connection: redis, prefix: PREFIX });
    let counts: Record<string, number> = {};
    try {
      counts = await q.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused');
    } finally {
      await q.close().catch(() => {});
    }
    const n = (v: string | undefined) => Number(v ?? 0) || 0;
    rows.push({
      crawl: crawlId,
      status: entry.status,
      startUrl: entry.startUrl,
      // The crawl's frontier in Redis, plus jobs handed to the queue and not yet taken; answers waiting for the coordinator count as active.
      queued: n(waiting ?? undefined) + (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0) + (counts.paused ?? 0),
      active: (counts.active ?? 0) + (counts.completed ?? 0),
      done: n(stats.done),
      failed: n(stats.failed),
      updatedAt: entry.updatedAt,
    });
  }
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
