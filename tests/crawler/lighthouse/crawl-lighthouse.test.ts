import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zmotInProcess as zmot } from '../../helpers/cli.ts';
import { serveDemo } from '../../../crawler/demo/server.ts';
import { CrawlReportSchema } from '../../../shared/schemas/index.ts';
import { readFile } from 'node:fs/promises';

// `zmot crawl --lighthouse 2` as a user runs it: real Lighthouse (through the guard proxy) on pages of
// different templates, figures stored on the pages, the rest inheriting their template's figures.
describe('zmot crawl --lighthouse', () => {
  it('measures a sample of pages and marks inherited figures', async () => {
    const server = await serveDemo();
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'zmot-lh-crawl-')), 'r');
    try {
      const r = await zmot(['crawl', `${server.origin}/`, '--out', out, '--max-pages', '12', '--lighthouse', '2', '--json']);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(0);
      const report = CrawlReportSchema.parse(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')));
      const measured = report.pages.filter((p) => p.lighthouse && !p.lighthouse.inheritedFrom);
      expect(measured.length).toBeGreaterThanOrEqual(1);
      for (const p of measured) {
        if (p.lighthouse!.errorMessage) continue;
        expect(p.lighthouse!.performance).toBeGreaterThan(0);
        expect(p.lighthouse!.seo).toBeGreaterThan(0);
        expect(p.lighthouse!.lcpMs).toBeGreaterThan(0);
        // A page below a full accessibility score names the axe checks it failed (the screen-reader persona shows them).
        if (p.lighthouse!.accessibility! < 1) expect(p.lighthouse!.accessibilityFailures.length).toBeGreaterThan(0);
        else expect(p.lighthouse!.accessibilityFailures).toEqual([]);
      }
      expect(measured.some((p) => !p.lighthouse!.errorMessage)).toBe(true);
      const inherited = report.pages.filter((p) => p.lighthouse?.inheritedFrom);
      for (const p of inherited) expect(measured.map((m) => m.url)).toContain(p.lighthouse!.inheritedFrom);
    } finally {
      await server.close();
    }
  }, 300_000);
});
