import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrawlStore, type PageRecord } from '../../../crawler/store/crawl-store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function record(url: string, status = 200): PageRecord {
  return {
    url, finalUrl: url, status, contentType: 'text/html', headers: [['content-type', 'text/html']], redirectChain: [], redirectStopped: null,
    bodyBytes: 100, wireBytes: 100, truncated: false, encoding: 'utf-8', encodingNote: null, error: null, errorCode: null, attempts: 1,
    timings: { startedAt: '2026-01-01T00:00:00.000Z', firstByteMs: 1, totalMs: 2, waitedMs: 0 }, depth: 0, rendered: false, renderError: null,
    fetchedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('crawl store', () => {
  it('keeps pages, artifacts, links and metadata across reopening', () => {
    const file = path.join(dir, 'crawl.sqlite');
    const store = CrawlStore.open(file);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.setMeta('startUrl', 'https://a.test/');
    store.transaction(() =>
      store.savePage(
        { record: record('https://a.test/'), artifacts: { title: 'Home', big: 'x'.repeat(10_000) } },
        [{ from: 'https://a.test/', to: 'https://a.test/b', text: 'B', nofollow: true }],
      ),
    );
    store.addSitemapUrls([{ url: 'https://a.test/b', lastmod: null }], 'https://a.test/sitemap.xml');
    store.close();

    const again = CrawlStore.open(file);
    expect(again.getMeta('startUrl')).toBe('https://a.test/');
    const [page] = [...again.pages()];
    expect(page.record).toEqual(record('https://a.test/'));
    expect(page.artifacts).toEqual({ title: 'Home', big: 'x'.repeat(10_000) });
    expect(page.links).toEqual([{ from: 'https://a.test/', to: 'https://a.test/b', text: 'B', nofollow: true }]);
    expect([...again.links()]).toEqual([{ from: 'https://a.test/', to: 'https://a.test/b', text: 'B', nofollow: true }]);
    expect(again.isInSitemap('https://a.test/b')).toBe(true);
    again.close();
  });

  it('starts over when asked for a fresh store', () => {
    const file = path.join(dir, 'crawl.sqlite');
    const store = CrawlStore.open(file);
    store.setMeta('startUrl', 'https://a.test/');
    store.close();
    const fresh = CrawlStore.open(file, { fresh: true });
    expect(fresh.getMeta('startUrl')).toBeNull();
    fresh.close();
  });

  it('gives URLs claimed by a dead process back to the queue', () => {
    const file = path.join(dir, 'crawl.sqlite');
    const store = CrawlStore.open(file);
    store.insertUrl('https://a.test/1', 1, 1, 'link', null);
    store.insertUrl('https://a.test/2', 1, 1, 'link', null);
    expect(store.claim(10).map((r) => r.url)).toEqual(['https://a.test/1', 'https://a.test/2']);
    expect(store.stateCounts().claimed).toBe(2);
    store.close();
    const again = CrawlStore.open(file);
    expect(again.unclaimAll()).toBe(2);
    expect(again.stateCounts().queued).toBe(2);
    again.close();
  });

  it('refuses a store written by an older zmot with one line naming both versions', async () => {
    const file = path.join(dir, 'crawl.sqlite');
    // A schema-1 store: results and links in tables of their own, no data column on pages.
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(file);
    old.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('schemaVersion', '1'), ('startUrl', '\"https://a.test/\"');");
    old.exec('CREATE TABLE pages (seq INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, final_url TEXT NOT NULL, status INTEGER NOT NULL, content_type TEXT, headers TEXT NOT NULL, redirect_chain TEXT NOT NULL, redirect_stopped TEXT, body_bytes INTEGER, wire_bytes INTEGER, truncated INTEGER NOT NULL DEFAULT 0, encoding TEXT, encoding_note TEXT, error TEXT, error_code TEXT, attempts INTEGER NOT NULL DEFAULT 1, timings TEXT, depth INTEGER, rendered INTEGER NOT NULL DEFAULT 0, render_error TEXT, fetched_at TEXT NOT NULL)');
    old.close();
    for (const readonly of [true, false]) {
      let message = '';
      try {
        CrawlStore.open(file, { readonly });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/written by an older version of zmot \(crawl store schema 1, this version reads 2\): crawl again/);
      expect(message).not.toContain('\n');
    }
  });

  it('keeps a real-sized page in a small fraction of its JSON (compressed blob)', () => {
    const file = path.join(dir, 'crawl.sqlite');
    const store = CrawlStore.open(file);
    const words = Array.from({ length: 6000 }, (_, i) => ['leak', 'sensor', 'valve', 'water', 'pipe', 'home', 'the', 'a'][(i * 7919) % 8] + (i % 50));
    const artifacts = { passages: Array.from({ length: 60 }, (_, i) => ({ id: `p${i}`, text: words.slice(i * 100, i * 100 + 100).join(' ') })) };
    store.transaction(() => store.savePage({ record: record('https://a.test/'), artifacts }, []));
    const json = JSON.stringify({ artifacts, links: [] }).length;
    const blob = (store.db.prepare('SELECT length(data) FROM pages').pluck().get() as number);
    expect(blob).toBeLessThan(json / 4);
    expect(store.getPage('https://a.test/')?.artifacts).toEqual(artifacts);
    store.close();
  });

  it('refuses to open something that is not a crawl store', async () => {
    const file = path.join(dir, 'notes.sqlite');
    await writeFile(file, 'these are my notes, not a database');
    expect(() => CrawlStore.open(file, { readonly: true })).toThrow(/not a database/);
  });
});
