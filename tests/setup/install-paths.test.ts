import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError } from '../../crawler/browser.ts';
import type { SetupSystem } from './apt.ts';
import { resolveTestBrowser } from './browser.ts';
import { RedisServerNotFoundError, resolveRedisServer } from './redis.ts';

/**
 * The install paths of the test setup on a machine that lacks the browser or redis-server, walked with a
 * fake machine: files that exist, root or not, and apt-get whose outcome we choose (nothing is installed
 * for real). `installs` maps a package to the file apt-get creates; `failFirst` makes the first
 * `apt-get install` fail (a stale package index) so the update-and-retry path runs.
 */
function machine({ root = true, files = ['/usr/bin/apt-get'], installs = {} as Record<string, string>, failFirst = false, broken = false } = {}) {
  const present = new Set(files);
  const calls: Array<{ line: string; frontend: string | undefined }> = [];
  let failed = false;
  const sys: SetupSystem = {
    exists: (file) => present.has(file),
    isRoot: () => root,
    run: (command, args, env) => {
      calls.push({ line: [command, ...args].join(' '), frontend: env.DEBIAN_FRONTEND });
      if (args[0] !== 'install') return 0;
      if (broken || (failFirst && !failed)) {
        failed = true;
        return 100;
      }
      const file = installs[args.at(-1)!];
      if (file) present.add(file);
      return file ? 0 : 100;
    },
  };
  return { sys, calls, lines: () => calls.map((c) => c.line) };
}

describe('redis-server missing: the setup installs Debian\'s or stops with one line', () => {
  it('installs it with apt-get when root (retrying after apt-get update), noninteractive, and says so', () => {
    const m = machine({ installs: { 'redis-server': '/usr/bin/redis-server' }, failFirst: true });
    const log: string[] = [];
    expect(resolveRedisServer({ PATH: '/usr/local/bin:/usr/bin' }, (l) => log.push(l), m.sys)).toBe('/usr/bin/redis-server');
    expect(m.lines()).toEqual(['apt-get install -y -qq redis-server', 'apt-get update -qq', 'apt-get install -y -qq redis-server']);
    expect(m.calls.every((c) => c.frontend === 'noninteractive')).toBe(true);
    expect(log).toEqual(["tests: no redis-server found, installing Debian's (apt-get install -y redis-server)"]);
  });

  it('does not install when not root, without apt-get, or with ZMOT_NO_REDIS_INSTALL=1: one line naming the command', () => {
    const hint = new RedisServerNotFoundError('no redis-server found (apt-get install redis-server, or set REDIS_SERVER to its path)');
    for (const [m, env] of [
      [machine({ root: false }), { PATH: '/usr/bin' }],
      [machine({ files: [] }), { PATH: '/usr/bin' }],
      [machine(), { PATH: '/usr/bin', ZMOT_NO_REDIS_INSTALL: '1' }],
    ] as const) {
      expect(() => resolveRedisServer(env, () => {}, m.sys)).toThrow(hint);
      expect(m.calls).toEqual([]);
    }
  });

  it('says so in one line when apt-get cannot install it', () => {
    const m = machine({ broken: true });
    expect(() => resolveRedisServer({ PATH: '/usr/bin' }, () => {}, m.sys)).toThrow(
      new RedisServerNotFoundError('no redis-server found and apt-get install -y redis-server failed; set REDIS_SERVER'),
    );
    expect(m.lines()).toEqual(['apt-get install -y -qq redis-server', 'apt-get update -qq', 'apt-get install -y -qq redis-server']);
  });
});

describe('no browser: the setup installs Debian\'s Chromium or stops with one line', () => {
  // crawler/browser.ts's search, over the fake machine's files.
  const finder = (m: ReturnType<typeof machine>) => () => {
    if (m.sys.exists('/usr/bin/chromium')) return '/usr/bin/chromium';
    throw new BrowserNotFoundError('no Chromium or Chrome found: install Chromium, or set CHROME_PATH');
  };

  it('installs Chromium with apt-get when root and CHROME_PATH is unset, then finds it', () => {
    const m = machine({ installs: { chromium: '/usr/bin/chromium' } });
    const log: string[] = [];
    expect(resolveTestBrowser((l) => log.push(l), { env: {}, find: finder(m), sys: m.sys })).toBe('/usr/bin/chromium');
    expect(m.lines()).toEqual(['apt-get install -y -qq chromium']);
    expect(log).toEqual(["tests: no Chromium found, installing Debian's (apt-get install -y chromium)"]);
  });

  it('never installs over an explicit CHROME_PATH, when not root or with ZMOT_NO_BROWSER_INSTALL=1', () => {
    for (const [m, env] of [
      [machine(), { CHROME_PATH: '/nowhere/chromium' }],
      [machine({ root: false }), {}],
      [machine(), { ZMOT_NO_BROWSER_INSTALL: '1' }],
    ] as const) {
      expect(() => resolveTestBrowser(() => {}, { env, find: finder(m), sys: m.sys })).toThrow(BrowserNotFoundError);
      expect(m.calls).toEqual([]);
    }
  });

  it('says so in one line when apt-get cannot install it', () => {
    const m = machine({ broken: true });
    expect(() => resolveTestBrowser(() => {}, { env: {}, find: finder(m), sys: m.sys })).toThrow(
      new BrowserNotFoundError('no Chromium found and apt-get install -y chromium failed; set CHROME_PATH'),
    );
    expect(m.lines()).toEqual(['apt-get install -y -qq chromium', 'apt-get update -qq', 'apt-get install -y -qq chromium']);
  });
});
