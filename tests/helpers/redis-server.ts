/**
 * A real redis-server (Debian's package) for the distributed-crawl tests: a free port on 127.0.0.1,
 * a temporary folder, AOF on when asked; stop and restart on the same port and data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Found (or installed) by the global setup, tests/setup/redis.ts.
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

export interface TestRedis {
  port: number;
  url: string;
  dir: string;
  /** SIGKILL (nothing flushed beyond what AOF already holds). */
  kill(): Promise<void>;
  /** Starts again on the same port and folder. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => resolve(false));
  });
}

export async function startRedis(opts: { aof?: boolean } = {}): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`redis-server not found at ${REDIS_SERVER} (apt-get install redis-server)`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'];
  if (opts.aof) args.push('--appendonly', 'yes', '--appendfsync', 'always');
  else args.push('--appendonly', 'no');
  const r: TestRedis = {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    dir,
    async start() {
      child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
      const until = Date.now() + 10_000;
      while (!(await answers(port))) {
        if (Date.now() > until) throw new Error('redis-server did not start');
        await new Promise((res) => setTimeout(res, 30));
      }
    },
    async kill() {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((res) => c.once('exit', res));
      c.kill('SIGKILL');
      await exited;
    },
    async close() {
      await r.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await r.start();
  return r;
}
