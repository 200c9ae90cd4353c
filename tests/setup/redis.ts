/**
 * Vitest global setup: finds or provides `redis-server` (the distributed-crawl tests start real ones), like
 * tests/setup/browser.ts does for Chromium, so a fresh machine's `npm install && npm test` passes by itself.
 *
 * Order: REDIS_SERVER, then `redis-server` on the PATH (Debian's package is /usr/bin/redis-server). When none
 * is found, REDIS_SERVER is unset and we are root on Debian (apt-get), Debian's redis-server is installed
 * (ZMOT_NO_REDIS_INSTALL=1 turns that off); otherwise the run stops with one line naming the command to run.
 * The path found is passed to the test workers as REDIS_SERVER.
 */
import path from 'node:path';
import { aptInstall, canAptInstall, REAL_SYSTEM, type SetupSystem } from './apt.ts';

export class RedisServerNotFoundError extends Error {}

const INSTALL_HINT = 'apt-get install redis-server, or set REDIS_SERVER to its path';

function onPath(name: string, env: NodeJS.ProcessEnv, sys: SetupSystem): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (sys.exists(candidate)) return candidate;
  }
  return null;
}

/** The redis-server to test with, installing Debian's when allowed; throws RedisServerNotFoundError otherwise. */
export function resolveRedisServer(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  sys: SetupSystem = REAL_SYSTEM,
): string {
  if (env.REDIS_SERVER) {
    if (sys.exists(env.REDIS_SERVER)) return env.REDIS_SERVER;
    throw new RedisServerNotFoundError(`REDIS_SERVER points to a missing file: ${env.REDIS_SERVER}`);
  }
  const found = onPath('redis-server', env, sys) ?? (sys.exists('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
  if (found) return found;
  if (!canAptInstall('ZMOT_NO_REDIS_INSTALL', env, sys)) throw new RedisServerNotFoundError(`no redis-server found (${INSTALL_HINT})`);
  log("tests: no redis-server found, installing Debian's (apt-get install -y redis-server)");
  if (!aptInstall('redis-server', env, sys) || !sys.exists('/usr/bin/redis-server')) {
    throw new RedisServerNotFoundError(`no redis-server found and apt-get install -y redis-server failed; set REDIS_SERVER`);
  }
  return '/usr/bin/redis-server';
}

export default function setup(): void {
  try {
    process.env.REDIS_SERVER = resolveRedisServer();
  } catch (e) {
    if (!(e instanceof RedisServerNotFoundError)) throw e;
    // One line and a non-zero exit, as for a missing browser.
    process.stderr.write(`tests need redis-server: ${e.message}\n`);
    process.exit(1);
  }
}
