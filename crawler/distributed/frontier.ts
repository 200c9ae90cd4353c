/**
 * The frontier of a distributed crawl, in Redis: the URLs waiting to be fetched and the URLs already
 * seen live in the crawl's namespace, not in the coordinator's process or its crawl store. The crawl
 * store keeps what a report needs — the outcome of every URL that was fetched, covered by a redirect,
 * blocked or skipped — so `zmot report`, `zmot ci --dir` and `--resume` read it as before.
 *
 * In Redis (keys under the crawl's namespace, dropped when it finishes):
 * - `seen`: a hash of every URL the crawl has met, by a 64-bit fingerprint (8 bytes, the first half
 *   of the URL's SHA-1), valued with the URL's queue level while it waits and '' once it is taken;
 * - one list per queue level (the depth, or after every depth the sitemap-only URLs), first in first
 *   out, of `[url, depth, source, foundOn, run]`, and a sorted set of the levels that hold URLs;
 * - `claimed`: URLs handed out and not yet stored, put back in the queue when a coordinator restarts;
 * - the per-shape URL counts of the infinite-URL-space guard, and the number of URLs waiting.
 *
 * Same rules as the embedded frontier (crawler/crawl/frontier.ts): breadth first, a URL queued once,
 * raised to a shallower level when a link reaches it sooner, shape caps, a queue cap. A page is
 * completed in two steps around the store's transaction: its links go to Redis first, its claim is
 * dropped after the page is stored — a coordinator killed in between finds the page stored (and
 * skips it) or fetches it again (a page in flight), and loses no link either way.
 */
import type { Redis } from 'ioredis';
import { FRONTIER_NOTES, type AddOutcome, type Frontier, type FrontierCompletion, type FrontierCounts, type FrontierEntry, type FrontierItem } from '../crawl/frontier.ts';
import type { CrawlStore, UrlSource } from '../store/crawl-store.ts';
import { urlPatternOf } from '../crawl/urls.ts';
import { UsageError } from '../errors.ts';

export const FRONTIER_ERRORS = {
  lostFrontier: (shown: string) =>
    `the crawl's queue is no longer in Redis at ${shown} (Redis emptied, or restarted without its AOF): start the crawl again without --resume`,
};

/** Level of sitemap-only URLs: after every URL reached by links (as in the embedded frontier). */
const SITEMAP_LEVEL = 1_000_000;
/** URLs claimed per round trip (as the embedded frontier claims them from its database). */
const BATCH = 32;
/** URLs recently seen, so the links every page repeats (menus, footers) are not sent to Redis again. */
const RECENT_CAP = 20_000;

const FP = `local function fp(url)
  return (string.gsub(string.sub(redis.sha1hex(url), 1, 16), '..', function(x) return string.char(tonumber(x, 16)) end))
end`;

/**
 * KEYS: seen, levels, patterns, counters. ARGV: level prefix, maxQueued, maxPerPattern, maxRun (-1: none),
 * number of aliases, the aliases, then per entry: url, level, pattern ('' when unguarded), run, entry.
 * Returns a code per entry (0 queued, 1 known, 2 skipped: run, 3 skipped: shape cap, 4 dropped: queue full,
 * 5 known and raised to a shallower level), then the number of URLs waiting.
 */
const ADD = `${FP}
local seen, levels, patterns, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local qp = ARGV[1]
local maxQueued, maxPer, maxRun = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local nAliases = tonumber(ARGV[5])
local queued = tonumber(redis.call('HGET', counters, 'queued') or '0')
for i = 1, nAliases do
  local f = fp(ARGV[5 + i])
  local cur = redis.call('HGET', seen, f)
  if cur and cur ~= '' then queued = queued - 1 end
  redis.call('HSET', seen, f, '')
end
local out = {}
local i = 6 + nAliases
while i <= #ARGV do
  local url, level, pattern, run, entry = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]), ARGV[i + 4]
  i = i + 5
  local f = fp(url)
  local cur = redis.call('HGET', seen, f)
  local code = 0
  if cur then
    code = 1
    if cur ~= '' and tonumber(level) < tonumber(cur) then
      redis.call('HSET', seen, f, level)
      redis.call('RPUSH', qp .. level, entry)
      redis.call('ZADD', levels, tonumber(level), level)
      code = 5
    end
  elseif queued >= maxQueued then
    code = 4
  else
    if pattern ~= '' then
      if maxRun >= 0 and run > maxRun then code = 2
      elseif redis.call('HINCRBY', patterns, pattern, 1) > maxPer then code = 3 end
    end
    if code == 0 then
      redis.call('HSET', seen, f, level)
      redis.call('RPUSH', qp .. level, entry)
      redis.call('ZADD', levels, tonumber(level), level)
      queued = queued + 1
    else
      redis.call('HSET', seen, f, '')
    end
  end
  out[#out + 1] = code
end
redis.call('HSET', counters, 'queued', queued)
out[#out + 1] = queued
return out`;

/**
 * KEYS: seen, levels, claimed, counters. ARGV: level prefix, how many. Up to that many URLs (entries) in
 * queue order, claimed; entries left behind by a raise to a shallower level are skipped.
 */
const NEXT = `${FP}
local seen, levels, claimed, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local want = tonumber(ARGV[2])
local out = {}
while #out < want do
  local lv = redis.call('ZRANGE', levels, 0, 0)
  if #lv == 0 then break end
  local level = lv[1]
  local entry = redis.call('LPOP', ARGV[1] .. level)
  if not entry then
    redis.call('ZREM', levels, level)
  else
    local f = fp(cjson.decode(entry)[1])
    if redis.call('HGET', seen, f) == level then
      redis.call('HSET', seen, f, '')
      redis.call('HSET', claimed, f, level .. '|' .. entry)
      out[#out + 1] = entry
    end
  end
end
if #out > 0 then redis.call('HINCRBY', counters, 'queued', -#out) end
return out`;

/** KEYS: claimed. ARGV: url. */
const DONE = `${FP}
return redis.call('HDEL', KEYS[1], fp(ARGV[1]))`;

/** KEYS: seen, levels, claimed, counters. ARGV: level prefix. Claimed URLs go back to the front of their level. */
const RELEASE = `local seen, levels, claimed, counters = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local all = redis.call('HGETALL', claimed)
local n = 0
for i = 1, #all, 2 do
  local v = all[i + 1]
  local bar = string.find(v, '|', 1, true)
  local level = string.sub(v, 1, bar - 1)
  redis.call('LPUSH', ARGV[1] .. level, string.sub(v, bar + 1))
  redis.call('ZADD', levels, tonumber(level), level)
  redis.call('HSET', seen, all[i], level)
  n = n + 1
end
redis.call('DEL', claimed)
redis.call('HINCRBY', counters, 'queued', n)
return n`;

type FrontierRedis = Redis & {
  zmotFrontierAdd(seen: string, levels: string, patterns: string, counters: string, ...args: Array<string | number>): Promise<number[]>;
  zmotFrontierNext(seen: string, levels: string, claimed: string, counters: string, prefix: string, count: number): Promise<string[]>;
  zmotFrontierDone(claimed: string, url: string): Promise<number>;
  zmotFrontierRelease(seen: string, levels: string, claimed: string, counters: string, prefix: string): Promise<number>;
};

export interface RedisFrontierOptions {
  maxUrlsPerPattern: number;
  maxPatternRun?: number;
  maxQueued: number;
}

/** The frontier's keys in a crawl's namespace. */
export function frontierKeys(ours: string) {
  const base = `${ours}:f`;
  return { seen: `${base}:seen`, levels: `${base}:levels`, claimed: `${base}:claimed`, patterns: `${base}:patterns`, counters: `${base}:n`, level: `${base}:q:` };
}

type Entry = [url: string, depth: number | null, source: UrlSource, foundOn: string | null, run: number];

export class RedisFrontier implements Frontier {
  private readonly redis: FrontierRedis;
  private readonly keys: ReturnType<typeof frontierKeys>;
  private readonly inFlight = new Set<number>();
  private readonly recent = new Map<string, true>();
  private queued = 0;
  private ids = 0;
  private buffer: Entry[] = [];

  private constructor(
    redis: Redis,
    ours: string,
    private readonly store: CrawlStore,
    private readonly options: RedisFrontierOptions,
  ) {
    redis.defineCommand('zmotFrontierAdd', { numberOfKeys: 4, lua: ADD });
    redis.defineCommand('zmotFrontierNext', { numberOfKeys: 4, lua: NEXT });
    redis.defineCommand('zmotFrontierDone', { numberOfKeys: 1, lua: DONE });
    redis.defineCommand('zmotFrontierRelease', { numberOfKeys: 4, lua: RELEASE });
    this.redis = redis as FrontierRedis;
    this.keys = frontierKeys(ours);
  }

  /**
   * A new crawl's frontier, or a resumed crawl's (its claims of a coordinator that stopped go back to
   * the queue). Throws when a resumed crawl's frontier is gone from Redis.
   */
  static async open(redis: Redis, ours: string, store: CrawlStore, options: RedisFrontierOptions, resumed: boolean, shown: string): Promise<RedisFrontier> {
    const f = new RedisFrontier(redis, ours, store, options);
    if (resumed) {
      if (!(await redis.exists(f.keys.counters))) throw new UsageError(FRONTIER_ERRORS.lostFrontier(shown));
      await f.releaseClaims();
    } else await redis.hset(f.keys.counters, 'queued', 0);
    f.queued = Number(await redis.hget(f.keys.counters, 'queued')) || 0;
    return f;
  }

  private remember(url: string) {
    if (this.recent.size >= RECENT_CAP) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(url, true);
  }

  /** Sends entries (and aliases) to Redis; returns what the store must record. */
  private async send(entries: FrontierEntry[], aliases: string[]) {
    const fresh = entries.filter((e) => !this.recent.has(e.url));
    const maxRun = this.options.maxPatternRun ?? -1;
    const args: Array<string | number> = [this.keys.level, this.options.maxQueued, this.options.maxUrlsPerPattern, Number.isFinite(maxRun) ? maxRun : -1, aliases.length, ...aliases];
    const meta: Array<{ e: FrontierEntry; pattern: string }> = [];
    for (const e of fresh) {
      const guarded = e.source !== 'sitemap' && e.source !== 'start';
      const pattern = guarded ? urlPatternOf(e.url) : '';
      const run = guarded && e.via && e.via.pattern === pattern ? e.via.run + 1 : 0;
      const entry: Entry = [e.url, e.depth, e.source, e.foundOn, run];
      args.push(e.url, e.depth ?? SITEMAP_LEVEL, pattern, run, JSON.stringify(entry));
      meta.push({ e, pattern });
    }
    if (!fresh.length && !aliases.length) return { codes: [] as number[], meta };
    const out = await this.redis.zmotFrontierAdd(this.keys.seen, this.keys.levels, this.keys.patterns, this.keys.counters, ...args);
    this.queued = Number(out.at(-1)) || 0;
    for (const { e } of meta) if (e.depth !== null) this.remember(e.url);
    for (const a of aliases) this.remember(a);
    return { codes: out.slice(0, -1).map(Number), meta };
  }

  /** Skipped and dropped URLs, in the store: the report lists them. Call inside a transaction. */
  private record(codes: number[], meta: Array<{ e: FrontierEntry; pattern: string }>): AddOutcome {
    let added = 0;
    let dropped = 0;
    codes.forEach((code, i) => {
      const { e, pattern } = meta[i];
      if (code === 0) added++;
      else if (code === 2 || code === 3) {
        const skip =
          code === 2
            ? { type: 'url-pattern-run', note: FRONTIER_NOTES.patternRun(pattern, this.options.maxPatternRun!) }
            : { type: 'url-pattern-cap', note: FRONTIER_NOTES.patternCap(pattern, this.options.maxUrlsPerPattern) };
        this.store.insertUrl(e.url, e.depth, e.depth ?? SITEMAP_LEVEL, e.source, e.foundOn, 'skipped', skip.note);
        this.store.addNote(skip.type, pattern, skip.note);
        dropped++;
      } else if (code === 4) {
        this.store.addNote('queue-full', null, FRONTIER_NOTES.queueFull(this.options.maxQueued));
        dropped++;
      }
    });
    return { added, dropped };
  }

  async add(entries: FrontierEntry[]): Promise<AddOutcome> {
    const { codes, meta } = await this.send(entries, []);
    return this.store.transaction(() => this.record(codes, meta));
  }

  async next(): Promise<FrontierItem | null> {
    for (;;) {
      // Claimed a batch at a time, as the embedded frontier does (a URL claimed is not raised to a shallower level any more).
      if (!this.buffer.length) {
        const raw = await this.redis.zmotFrontierNext(this.keys.seen, this.keys.levels, this.keys.claimed, this.keys.counters, this.keys.level, BATCH);
        if (!raw.length) return null;
        this.buffer = raw.map((r) => JSON.parse(r) as Entry);
        this.queued = Math.max(0, this.queued - raw.length);
      }
      const [url, depth, source, foundOn, run] = this.buffer.shift()!;
      // Covered by a redirect meanwhile, or stored by a coordinator that stopped before it could tell Redis: not fetched again.
      if (this.store.urlState(url) !== null) {
        await this.redis.zmotFrontierDone(this.keys.claimed, url);
        continue;
      }
      const item: FrontierItem = { id: ++this.ids, url, depth, source, foundOn, run };
      this.inFlight.add(item.id);
      return item;
    }
  }

  async complete(item: FrontierItem, completion: FrontierCompletion, persist?: () => void): Promise<AddOutcome> {
    const aliases = completion.aliases.filter((a) => a !== item.url);
    // Links first: once the page is stored, nothing it found can be lost.
    const { codes, meta } = await this.send(completion.discovered, aliases);
    const outcome = this.store.transaction(() => {
      persist?.();
      const level = item.depth ?? SITEMAP_LEVEL;
      if (!this.store.insertUrl(item.url, item.depth, level, item.source, item.foundOn, completion.state, completion.note ?? null, item.run)) {
        this.store.setStateByUrl(item.url, completion.state, completion.note ?? null);
      }
      for (const alias of aliases) this.store.insertUrl(alias, item.depth, level, 'redirect', item.url, 'done', `fetched as ${item.url}`);
      return this.record(codes, meta);
    });
    await this.redis.zmotFrontierDone(this.keys.claimed, item.url);
    this.inFlight.delete(item.id);
    return outcome;
  }

  async isDone(url: string): Promise<boolean> {
    return this.store.urlState(url) === 'done';
  }

  async counts(): Promise<FrontierCounts> {
    const c = this.store.stateCounts();
    const [queued, claimed] = await Promise.all([this.redis.hget(this.keys.counters, 'queued'), this.redis.hlen(this.keys.claimed)]);
    const waiting = (Number(queued) || 0) + Math.max(0, claimed - this.inFlight.size);
    // The report reads the store only: how many URLs were still waiting in Redis goes there too.
    this.store.setMeta('queuedInRedis', waiting + this.inFlight.size);
    return { queued: waiting, done: c.done, blocked: c.blocked, skipped: c.skipped, inFlight: this.inFlight.size };
  }

  queuedEstimate(): number {
    return this.queued + this.buffer.length;
  }

  async releaseClaims(): Promise<void> {
    const n = await this.redis.zmotFrontierRelease(this.keys.seen, this.keys.levels, this.keys.claimed, this.keys.counters, this.keys.level);
    this.queued += Number(n) || 0;
    this.buffer = [];
    this.inFlight.clear();
  }
}
