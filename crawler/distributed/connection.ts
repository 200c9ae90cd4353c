/**
 * The Redis behind a distributed crawl: the `--queue redis://…` URL checked, shown without its
 * password, and connections that say in one line when Redis is not there.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { UsageError } from '../errors.ts';

export const QUEUE_ERRORS = {
  badUrl: (shown: string) => `--queue must be a redis:// or rediss:// URL (redis://host:port/db), got: ${shown}`,
  badDb: (shown: string) => `--queue: the database number must be a whole number 0–15 in ${shown}`,
  unreachable: (shown: string, why: string) => `cannot reach Redis at ${shown}: ${why}`,
  lost: (shown: string, why: string) => `lost Redis at ${shown}: ${why}`,
  lostAtStop: 'stopped without it (pages in hand go back to the queue when it returns)',
};

export interface QueueTarget {
  /** ioredis options (password included: never print them). */
  options: RedisOptions;
  /** The URL as shown in logs and errors: the password replaced by ***. */
  shown: string;
}

/** The URL with its password (and a user's name beside it) masked: what logs, reports and errors print. */
export function redactRedisUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.href;
  } catch {
    // Unparseable: mask anything between "//" and "@" so a password never leaks through an error.
    return raw.replace(/\/\/[^/@]*@/, '//***@');
  }
}

/** Parses `redis://[user:password@]host[:port][/db]`; a UsageError for anything else. */
export function parseQueueUrl(raw: string): QueueTarget {
  const shown = redactRedisUrl(raw);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(QUEUE_ERRORS.badUrl(shown));
  }
  if ((u.protocol !== 'redis:' && u.protocol !== 'rediss:') || !u.hostname) throw new UsageError(QUEUE_ERRORS.badUrl(shown));
  const dbPart = u.pathname.replace(/^\//, '');
  if (dbPart && (!/^\d{1,2}$/.test(dbPart) || Number(dbPart) > 15)) throw new UsageError(QUEUE_ERRORS.badDb(shown));
  const options: RedisOptions = {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 6379,
    db: dbPart ? Number(dbPart) : 0,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return { options, shown };
}

/** Message of a connection error, without anything from the URL but host and port. */
function why(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const msg = (err.message ?? String(e)).split('\n')[0];
  return err.code && !msg.includes(err.code) ? `${err.code} ${msg}` : msg;
}

/**
 * A connection for BullMQ and our own keys: reconnects forever (Redis restarted mid-crawl is a
 * pause, not the end), commands wait for it (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
export function connect(target: QueueTarget, extra: RedisOptions = {}): Redis {
  const redis = new Redis({
    ...target.options,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(100 * times, 1000),
    ...extra,
  });
  // Errors while reconnecting are expected; commands wait for the connection to come back.
  redis.on('error', () => {});
  return redis;
}

/** Checks Redis answers before a crawl or worker starts: a wrong or unreachable URL is one line, exit 2. */
export async function checkReachable(target: QueueTarget, timeoutMs = 3000): Promise<void> {
  const probe = new Redis({ ...target.options, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs, enableOfflineQueue: false });
  // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than "Connection is closed".
  let first: unknown = null;
  probe.on('error', (e) => (first ??= e));
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new UsageError(QUEUE_ERRORS.unreachable(target.shown, why(first ?? e)));
  } finally {
    probe.disconnect();
  }
}

/** How often a stopping process looks whether its Redis is still there. */
const STOP_WATCH_MS = 250;

/**
 * After a stop signal, a clean stop needs Redis (locks released, status written): when Redis is not
 * there — already, or while stopping — waiting for it could last forever, so `onLost` is called
 * (the commands print one line and exit 2). Returns a function that stops watching.
 */
export function watchRedisWhileStopping(isReady: () => boolean, onLost: () => void): () => void {
  if (!isReady()) {
    onLost();
    return () => {};
  }
  const timer = setInterval(() => {
    if (isReady()) return;
    clearInterval(timer);
    onLost();
  }, STOP_WATCH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
