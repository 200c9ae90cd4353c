/**
 * Where a distributed crawl lives in Redis. Each crawl has its own namespace (its BullMQ queue and
 * our keys beside it), so many crawls — an agency's fifty clients — share one Redis.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { FetchLimits } from '../crawl/fetcher.ts';

/** BullMQ key prefix of every zmot queue. */
export const PREFIX = 'zmot';
/** crawl id → JSON entry: start URL, status, dates. */
export const REGISTRY = `${PREFIX}:crawls`;

export type CrawlStatus = 'running' | 'interrupted' | 'finished';

export interface RegistryEntry {
  startUrl: string;
  status: CrawlStatus;
  createdAt: string;
  updatedAt: string;
}

/** What every worker needs to fetch and process a crawl's pages: settings only, no code, no secrets. */
export interface WorkerCrawlSettings {
  startUrl: string;
  privateNetworks: 'auto' | 'allow' | 'refuse';
  /** The fetcher's request limits, as the embedded crawl's (fetchLimits). */
  limits: FetchLimits;
  perHostConcurrency: number;
  delayMs: number;
  ignoredParams: string[];
  followNofollow: boolean;
  queueCanonicals: boolean;
  queueHreflang: boolean;
  /** `--render`: workers render HTML pages with Chromium. */
  render: { concurrency: number; timeoutMs: number } | null;
}

export function namespace(crawlId: string) {
  const queueName = `crawl-${crawlId}`;
  const ours = `${PREFIX}:${queueName}:z`;
  return {
    crawlId,
    queueName,
    /** Our keys inside the queue's namespace (dropped with it). */
    ours,
    rpc: `${ours}:rpc`,
    reply: (id: string) => `${ours}:rpc:${id}`,
    robots: `${ours}:robots`,
    /** Kept after the queue is dropped: what `zmot queue status` shows of a finished crawl. */
    stats: `${PREFIX}:crawl-stats:${crawlId}`,
    settings: `${PREFIX}:crawl-settings:${crawlId}`,
  };
}
export type Namespace = ReturnType<typeof namespace>;

/** A readable, unique id: the host and a random tail. */
export function newCrawlId(startUrl: string): string {
  const host = new URL(startUrl).host.replace(/[^a-z0-9.-]+/gi, '_').slice(0, 60);
  return `${host}-${randomBytes(4).toString('hex')}`;
}

/** A page's job id: the same URL is one job, so a coordinator that restarts finds the answers already there. */
export function jobIdOf(url: string): string {
  return createHash('sha1').update(url).digest('hex');
}

export async function readRegistry(redis: Redis): Promise<Map<string, RegistryEntry>> {
  const raw = await redis.hgetall(REGISTRY);
  const out = new Map<string, RegistryEntry>();
  for (const [id, json] of Object.entries(raw)) {
    try {
      out.set(id, JSON.parse(json) as RegistryEntry);
    } catch {
      // A foreign or damaged entry is not ours to show.
    }
  }
  return out;
}

export async function setStatus(redis: Redis, crawlId: string, entry: Omit<RegistryEntry, 'updatedAt'>) {
  await redis.hset(REGISTRY, crawlId, JSON.stringify({ ...entry, updatedAt: new Date().toISOString() }));
}
