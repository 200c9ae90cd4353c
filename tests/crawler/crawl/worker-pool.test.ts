import { describe, expect, it } from 'vitest';
import type { PageJob } from '../../../crawler/crawl/page-processor.ts';
import { DEFAULT_IGNORED_PARAMS } from '../../../crawler/crawl/urls.ts';
import { PageJobTimeoutError, PageWorkerPool } from '../../../crawler/crawl/worker-pool.ts';
import { unpackJson } from '../../../crawler/store/crawl-store.ts';

const SETTINGS = { ignoredParams: DEFAULT_IGNORED_PARAMS, followNofollow: false, queueCanonicals: true, queueHreflang: true };

function job(html: string, url = 'https://shop.test/page'): PageJob {
  return {
    url, requestedUrl: url, status: 200, headers: [['content-type', 'text/html; charset=utf-8']], contentType: 'text/html; charset=utf-8',
    body: Buffer.from(html), html: null, truncated: false, redirectChain: [], fetchError: null, depth: 1, inSitemap: null, robotsTxt: null,
    rendered: false, encoding: null, encodingNote: null,
  };
}

describe('page worker pool', () => {
  it('extracts, scores and lists links on a worker thread', async () => {
    const pool = await PageWorkerPool.start(1, SETTINGS);
    try {
      const out = await pool.run(job('<html lang="en"><head><title>Leak detectors</title></head><body><h1>Leak detectors</h1><a href="/a?utm_source=x">A</a><a href="https://elsewhere.test/" rel="nofollow">B</a></body></html>'));
      expect(out.result?.title).toBe('Leak detectors');
      const stored = unpackJson<{ artifacts: { title: string }; links: unknown[] }>(Buffer.from(out.data));
      expect(stored.artifacts.title).toBe('Leak detectors');
      expect(stored.links).toEqual([
        { from: 'https://shop.test/page', to: 'https://shop.test/a', text: 'A', nofollow: false },
        { from: 'https://shop.test/page', to: 'https://elsewhere.test/', text: 'B', nofollow: true },
      ]);
      expect(out.candidates).toEqual([{ url: 'https://shop.test/a', source: 'link' }]);
    } finally {
      await pool.close();
    }
  });

  it('stops a page that takes too long, replaces the worker and goes on', async () => {
    // No race with the machine's load: the big page gets a 1 ms budget (1.5 MB of markup cannot be
    // extracted in that time on any machine), the small page after it the pool's full budget.
    const pool = await PageWorkerPool.start(1, SETTINGS);
    try {
      const huge = `<html><body>${'<div><p>word word word</p><a href="/x">x</a></div>'.repeat(30_000)}</body></html>`;
      const stopped = pool.run(job(huge), { timeoutMs: 1 });
      await expect(stopped).rejects.toBeInstanceOf(PageJobTimeoutError);
      await expect(stopped).rejects.toThrow('extraction took longer than 0.001s and was stopped');
      // Queued until the replacement worker is up, then a small page goes through.
      const out = await pool.run(job('<title>After</title>'));
      expect(out.result?.title).toBe('After');
    } finally {
      await pool.close();
    }
  });
});
