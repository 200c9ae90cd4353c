import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServerNotFoundError, resolveRedisServer } from './redis.ts';

// What a fresh machine's test run does about redis-server (the global setup calls this before any test).
describe('finding redis-server for the distributed-crawl tests', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-redis-find-'));
    await writeFile(path.join(dir, 'redis-server'), '');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes REDIS_SERVER first, and names it when it points nowhere', () => {
    const file = path.join(dir, 'redis-server');
    expect(resolveRedisServer({ REDIS_SERVER: file, PATH: '' })).toBe(file);
    expect(() => resolveRedisServer({ REDIS_SERVER: '/nowhere/redis-server', PATH: dir })).toThrow(
      new RedisServerNotFoundError('REDIS_SERVER points to a missing file: /nowhere/redis-server'),
    );
  });

  it('finds it on the PATH', () => {
    expect(resolveRedisServer({ PATH: `/nowhere${path.delimiter}${dir}` })).toBe(path.join(dir, 'redis-server'));
  });
});
