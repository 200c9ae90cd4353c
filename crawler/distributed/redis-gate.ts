/**
 * Per-host politeness held by Redis for every worker of a crawl together: at most `concurrency`
 * requests in flight to a host (one when a delay applies), starts at least the delay apart
 * (robots.txt Crawl-delay raises it for everyone), and a Retry-After pause seen by one worker holds
 * for all. Slots are leases that expire, so a worker killed mid-request does not hold a host forever.
 * Time is Redis's own clock, so machines with skewed clocks agree.
 */
import type { Redis } from 'ioredis';
import type { PolitenessGate, ReleaseSlot } from '../crawl/host-gate.ts';

const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS: leases zset, state hash. ARGV: token, leaseMs, concurrency, baseDelayMs. Returns 0 when acquired, else ms to wait. */
const ACQUIRE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local delay = tonumber(redis.call('HGET', KEYS[2], 'delay') or ARGV[4])
local conc = tonumber(ARGV[3])
if delay > 0 then conc = 1 end
if redis.call('ZCARD', KEYS[1]) >= conc then return -1 end
local startAt = math.max(tonumber(redis.call('HGET', KEYS[2], 'next') or 0), tonumber(redis.call('HGET', KEYS[2], 'paused') or 0))
if startAt > now then return startAt - now end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('HSET', KEYS[2], 'next', now + delay)
return 0`;

/** KEYS: state hash. ARGV: ms. */
const PAUSE = `${NOW}
local untilAt = now + tonumber(ARGV[1])
if untilAt > tonumber(redis.call('HGET', KEYS[1], 'paused') or 0) then redis.call('HSET', KEYS[1], 'paused', untilAt) end
return 0`;

/** How often a waiter asks again when the host is full (a release does not wake other machines). */
const FULL_POLL_MS = 25;

export interface RedisGateOptions {
  /** Key prefix of the crawl (its namespace). */
  prefix: string;
  concurrency: number;
  delayMs: number;
  /** How long a slot is held at most (the request timeout and a margin). */
  leaseMs: number;
}

type GateRedis = Redis & {
  zmotGateAcquire(leases: string, state: string, token: string, leaseMs: number, concurrency: number, delayMs: number): Promise<number>;
  zmotGatePause(state: string, ms: number): Promise<number>;
};

let tokens = 0;

export class RedisHostGate implements PolitenessGate {
  private readonly redis: GateRedis;
  private readonly id = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private closed = false;

  constructor(redis: Redis, private readonly options: RedisGateOptions) {
    redis.defineCommand('zmotGateAcquire', { numberOfKeys: 2, lua: ACQUIRE });
    redis.defineCommand('zmotGatePause', { numberOfKeys: 1, lua: PAUSE });
    this.redis = redis as GateRedis;
  }

  private keys(host: string) {
    const h = host.toLowerCase();
    return { leases: `${this.options.prefix}:lease:${h}`, state: `${this.options.prefix}:gate:${h}` };
  }

  async acquire(host: string, signal?: AbortSignal): Promise<ReleaseSlot> {
    const { leases, state } = this.keys(host);
    const token = `${this.id}-${++tokens}`;
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      if (this.closed) throw new Error('gate closed');
      const wait = Number(await this.redis.zmotGateAcquire(leases, state, token, this.options.leaseMs, this.options.concurrency, this.options.delayMs));
      if (wait === 0) {
        let released = false;
        return () => {
          if (released) return;
          released = true;
          this.redis.zrem(leases, token).catch(() => {});
        };
      }
      await sleep(wait < 0 ? FULL_POLL_MS : Math.min(wait, 1000), signal);
    }
  }

  pause(host: string, ms: number) {
    this.redis.zmotGatePause(this.keys(host).state, Math.round(ms)).catch(() => {});
  }

  setDelay(host: string, delayMs: number) {
    this.redis.hset(this.keys(host).state, 'delay', Math.max(this.options.delayMs, Math.round(delayMs))).catch(() => {});
  }

  close() {
    this.closed = true;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
