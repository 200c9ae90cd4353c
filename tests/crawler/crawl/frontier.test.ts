import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteFrontier, type FrontierEntry } from '../../../crawler/crawl/frontier.ts';
import { CrawlStore } from '../../../crawler/store/crawl-store.ts';

let store: CrawlStore;
beforeEach(() => {
  store = CrawlStore.open(':memory:');
});
afterEach(() => store.close());

const link = (url: string, depth: number | null = 1, source: FrontierEntry['source'] = 'link'): FrontierEntry => ({ url, depth, source, foundOn: 'https://a.test/' });

async function drain(f: SqliteFrontier): Promise<string[]> {
  const out: string[] = [];
  for (let item = await f.next(); item; item = await f.next()) {
    out.push(item.url);
    await f.complete(item, { state: 'done', discovered: [], aliases: [] });
  }
  return out;
}

describe('SQLite frontier', () => {
  it('queues each URL once', async () => {
    const f = new SqliteFrontier(store, { maxUrlsPerPattern: 100, maxQueued: 1000 });
    expect((await f.add([link('https://a.test/x'), link('https://a.test/x'), link('https://a.test/y')])).added).toBe(2);
    expect((await f.add([link('https://a.test/x')])).added).toBe(0);
    expect(await drain(f)).toEqual(['https://a.test/x', 'https://a.test/y']);
    expect((await f.add([link('https://a.test/x')])).added).toBe(0);
  });

  it('hands out URLs breadth-first, sitemap-only URLs last', async () => {
    const f = new SqliteFrontier(store, { maxUrlsPerPattern: 100, maxQueued: 1000 });
    await f.add([link('https://a.test/sitemap-only', null, 'sitemap'), link('https://a.test/deep', 3), link('https://a.test/shallow', 1), link('https://a.test/', 0, 'start')]);
    expect(await drain(f)).toEqual(['https://a.test/', 'https://a.test/shallow', 'https://a.test/deep', 'https://a.test/sitemap-only']);
  });

  it('gives a sitemap URL its link depth when a link to it turns up', async () => {
    const f = new SqliteFrontier(store, { maxUrlsPerPattern: 100, maxQueued: 1000 });
    await f.add([link('https://a.test/listed', null, 'sitemap'), link('https://a.test/other', 2)]);
    await f.add([link('https://a.test/listed', 1)]);
    const first = await f.next();
    expect(first).toMatchObject({ url: 'https://a.test/listed', depth: 1 });
  });

  it('caps URLs of one shape (infinite calendars) and records it', async () => {
    const f = new SqliteFrontier(store, { maxUrlsPerPattern: 5, maxQueued: 1000 });
    const months = Array.from({ length: 40 }, (_, i) => link(`https://a.test/calendar?month=${2000 + i}-01`));
    const outcome = await f.add(months);
    expect(outcome).toEqual({ added: 5, dropped: 35 });
    expect(store.stateCounts().skipped).toBe(35);
    expect(store.notes()[0].message).toMatch(/more than 5 URLs shaped like a\.test\/calendar\?month=\{n\}-\{n\}/);
  });

  it('cuts chains of same-shaped pages that each link to the next', async () => {
    const f = new SqliteFrontier(store, { maxUrlsPerPattern: 1000, maxPatternRun: 3, maxQueued: 1000 });
    let via = { pattern: 'a.test/', run: 0 };
    const queued: string[] = [];
    for (let month = 1; month <= 8; month++) {
      const url = `https://a.test/calendar?month=${month}`;
      const { added } = await f.add([{ ...link(url), via }]);
      if (added) queued.push(url);
      via = { pattern: 'a.test/calendar?month={n}', run: (await store.db.prepare('SELECT run FROM frontier WHERE url = ?').pluck().get(url)) as number };
    }
    expect(queued).toEqual([1, 2, 3, 4].map((m) => `https://a.test/calendar?month=${m}`));
    expect(store.notes().some((note) => note.type === 'url-pattern-run')).toBe(true);
  });

  it('bounds the queue', async () => {
    const f = new SqliteFrontier(store, { maxUrlsPerPattern: 1000, maxQueued: 3 });
    expect(await f.add(['a', 'b', 'c', 'd', 'e'].map((p) => link(`https://a.test/${p}`)))).toEqual({ added: 3, dropped: 2 });
    expect(store.notes().map((n) => n.type)).toContain('queue-full');
  });

  it('never fetches a redirect target again once a redirect covered it', async () => {
    const f = new SqliteFrontier(store, { maxUrlsPerPattern: 100, maxQueued: 1000 });
    await f.add([link('https://a.test/old'), link('https://a.test/new')]);
    const old = (await f.next())!;
    await f.complete(old, { state: 'done', discovered: [], aliases: ['https://a.test/new'] });
    expect(await f.next()).toBeNull();
    expect(await f.isDone('https://a.test/new')).toBe(true);
  });

  it('returns claimed URLs to the queue on interruption', async () => {
    const f = new SqliteFrontier(store, { maxUrlsPerPattern: 100, maxQueued: 1000 });
    await f.add([link('https://a.test/1'), link('https://a.test/2')]);
    await f.next();
    await f.releaseClaims();
    const again = new SqliteFrontier(store, { maxUrlsPerPattern: 100, maxQueued: 1000 });
    expect(await drain(again)).toEqual(['https://a.test/1', 'https://a.test/2']);
  });
});
