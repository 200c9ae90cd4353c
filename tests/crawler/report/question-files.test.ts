import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../crawler/config-file.ts';
import { DEMO_CONFIG, serveDemo } from '../../../crawler/demo/server.ts';
import { runSiteJob } from '../../../crawler/job.ts';

// A Search Console export and a CSV named in the config are scored in the crawl report, like config questions.
describe('question files in a crawl report', () => {
  it('scores the questions of the config, of its question files and of its templates together', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-qfiles-'));
    await writeFile(path.join(dir, 'extra.csv'), 'question,stage,persona\nhow long does brightwell shipping take,purchase,homeowner\n');
    await writeFile(path.join(dir, 'gsc.csv'), 'Top queries,Clicks,Impressions,CTR,Position\nbest water leak detector,12,840,1.4%,6.2\n');
    const demo = JSON.parse(await readFile(DEMO_CONFIG, 'utf8'));
    const cfgFile = path.join(dir, 'zmot.config.json');
    await writeFile(cfgFile, JSON.stringify({ ...demo, questionFiles: [{ path: 'extra.csv', format: 'csv' }, { path: 'gsc.csv', format: 'search-console' }] }));
    const config = await loadConfig(cfgFile);
    const server = await serveDemo();
    try {
      const { report } = await runSiteJob({ startUrl: `${server.origin}/`, config, outDir: path.join(dir, 'out') });
      const bySource = (s: string) => report.questions.filter((q) => q.question.source === s).map((q) => q.question);
      expect(bySource('csv')).toEqual([expect.objectContaining({ text: 'how long does brightwell shipping take', stage: 'purchase', persona: 'homeowner' })]);
      expect(bySource('search-console')).toEqual([expect.objectContaining({ text: 'best water leak detector', stage: 'comparison', weight: 840 })]);
      expect(bySource('config').length).toBe(demo.questions.length);
      const shipping = report.questions.find((q) => q.question.source === 'csv')!;
      // Both pages state delivery times; either is a fair answer.
      expect(['/shipping/', '/pricing/']).toContain(new URL(shipping.best!.url).pathname);
    } finally {
      await server.close();
    }
  }, 180_000);

  it('stops before crawling when a question file is missing, naming it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-qfiles-'));
    const cfgFile = path.join(dir, 'zmot.config.json');
    await writeFile(cfgFile, JSON.stringify({ brand: { name: 'B' }, questionFiles: [{ path: 'missing.csv', format: 'csv' }] }));
    await expect(loadConfig(cfgFile)).rejects.toThrow(/cannot read questions file .*missing\.csv: no such file/);
  });
});
