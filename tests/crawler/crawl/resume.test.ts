/**
 * Interrupt a real `zmot crawl` (kill -9, then Ctrl-C) and resume it: nothing answered before the
 * interruption is fetched again, and nothing is missing at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CrawlStore } from '../../../crawler/store/crawl-store.ts';
import { ZMOT_BIN } from '../../helpers/paths.ts';
import { startResumeSite } from './sites/resume-site.ts';

const TOTAL = 60;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

function startCrawl(origin: string, out: string, extra: string[] = []): { child: ChildProcess; exit: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
  const child = spawn(process.execPath, [ZMOT_BIN, 'crawl', `${origin}/`, '--out', out, '--no-report', '--json', '--concurrency', '4', '--workers', '0', '--max-pages', '1000', ...extra], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.resume();
  const exit = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout })));
  return { child, exit };
}

/** Pages committed in the store so far (read while the crawler writes: WAL allows it). */
function storedPages(storePath: string): number {
  try {
    const store = CrawlStore.open(storePath, { readonly: true });
    try {
      return store.pageCount();
    } finally {
      store.close();
    }
  } catch {
    return 0;
  }
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function setup(openFor: number) {
  const site = await startResumeSite(openFor, TOTAL);
  const out = await mkdtemp(path.join(os.tmpdir(), 'zmot-resume-'));
  cleanup.push(() => site.close(), () => rm(out, { recursive: true, force: true }));
  return { site, out, storePath: path.join(out, 'crawl.sqlite') };
}

function allStored(storePath: string): string[] {
  const store = CrawlStore.open(storePath, { readonly: true });
  try {
    return [...store.pageRecords()].map((r) => new URL(r.url).pathname).sort();
  } finally {
    store.close();
  }
}

const EXPECTED = ['/', ...Array.from({ length: TOTAL - 1 }, (_, i) => `/p/${i + 1}`)].sort();

describe('resume after an interruption', () => {
  it('continues after kill -9 without refetching or losing a page', async () => {
    const { site, out, storePath } = await setup(25);
    const first = startCrawl(site.origin, out);
    cleanup.push(async () => void first.child.kill('SIGKILL'));
    // Every answered page is committed before the kill: then "refetched" is exactly checkable.
    await waitFor(() => site.pagesServed() >= 25 && storedPages(storePath) >= 25, '25 pages stored');
    first.child.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');
    const storedBeforeResume = storedPages(storePath);
    expect(storedBeforeResume).toBe(25);

    site.release();
    const second = startCrawl(site.origin, out, ['--resume']);
    const done = await second.exit;
    expect(done.code).toBe(0);
    const summary = JSON.parse(done.stdout);
    expect(summary).toMatchObject({ resumed: true, interrupted: false, pagesFetched: TOTAL, errors: 0 });

    // No page answered twice, robots.txt and the sitemap probe not fetched again, nothing missing.
    for (const [p, count] of site.completed) expect(count, p).toBe(1);
    expect(allStored(storePath)).toEqual(EXPECTED);
  });

  it('stops cleanly on Ctrl-C (SIGINT) and finishes on --resume', async () => {
    const { site, out, storePath } = await setup(20);
    const first = startCrawl(site.origin, out);
    cleanup.push(async () => void first.child.kill('SIGKILL'));
    await waitFor(() => site.pagesServed() >= 20 && storedPages(storePath) >= 20, '20 pages stored');
    first.child.kill('SIGINT');
    const stopped = await first.exit;
    expect(stopped.code).toBe(130);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ interrupted: true, pagesFetched: 20 });

    site.release();
    const second = await startCrawl(site.origin, out, ['--resume']).exit;
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ resumed: true, interrupted: false, pagesFetched: TOTAL });
    for (const [p, count] of site.completed) expect(count, p).toBe(1);
    expect(allStored(storePath)).toEqual(EXPECTED);
  });
});
