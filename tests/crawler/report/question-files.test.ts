import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../crawler/config-file.ts';
import { DEMO_CONFIG, serveDemo } from '../../../crawler/demo/server.ts';
import { runSiteJob } from '../../../crawler/job.ts';
import { questionsExport } from '../../../extension/utils/questions-export.ts';
import { parseCsv } from '../../../shared/questions/csv.ts';
import type { ExportedQuestion } from '../../../shared/schemas/questions-export.ts';

// A Search Console export and a CSV named in the config are scored in the crawl report, like config questions.
describe('question files in a crawl report', () => {
  it('scores the questions of the config, of its question files and of its templates together', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-qfiles-'));
    await writeFile(path.join(dir, 'extra.csv'), 'question,stage,persona\nhow long does brightwell shipping take,purchase,homeowner\n');
    await writeFile(path.join(dir, 'gsc.csv'), 'Top queries,Clicks,Impressions,CTR,Position\nbest water leak detector,12,840,1.4%,6.2\n');
    const demo = JSON.parse(await readFile(DEMO_CONFIG, 'utf8'));
    const cfgFile = path.join(dir, 'zmot.config.json');
    const server = await serveDemo();
    // The extension's export (issue 14): queries collected with their stage and the sources their AI Overview cited.
    const seen = { lang: 'en', collectedAt: '2026-06-24T12:55:02Z', url: 'https://www.google.com/search?q=x' };
    const ai = (...urls: string[]) => ({ expanded: true, sources: urls.map((url, i) => ({ url, domain: new URL(url).hostname.replace(/^www\./, ''), title: `source ${i + 1}`, position: i + 1 })) });
    const collected: ExportedQuestion[] = [
      // The same text as a config question: the AI Overview's citations join the config's question.
      { ...seen, text: 'what is a water leak detector', query: 'what is a water leak detector', source: 'query', stage: 'interest', aiOverview: ai('https://en.wikipedia.org/wiki/Leak_detection', `${server.origin}/guides/what-is-a-leak-detector/`) },
      { ...seen, text: 'how do smart leak detectors work', query: 'how do smart leak detectors work', source: 'query', stage: 'interest', aiOverview: ai('https://www.aquaguard.example/learn/how-smart-leak-detectors-work/', 'https://www.thisoldhouse.com/plumbing/leak-detectors') },
      { ...seen, text: 'why do pipes burst in winter', query: 'why do pipes burst in winter', source: 'query', stage: 'interest', aiOverview: ai('https://www.thisoldhouse.com/plumbing/frozen-pipes') },
      { ...seen, text: 'Do leak detectors need wifi?', query: 'how do smart leak detectors work', source: 'paa' },
    ];
    await writeFile(path.join(dir, 'paa.json'), JSON.stringify(questionsExport(collected)));
    await writeFile(cfgFile, JSON.stringify({ ...demo, questionFiles: [{ path: 'extra.csv', format: 'csv' }, { path: 'gsc.csv', format: 'search-console' }, { path: 'paa.json', format: 'paa-json' }] }));
    const config = await loadConfig(cfgFile);
    try {
      const { report } = await runSiteJob({ startUrl: `${server.origin}/`, config, outDir: path.join(dir, 'out') });
      const bySource = (s: string) => report.questions.filter((q) => q.question.source === s).map((q) => q.question);
      expect(bySource('csv')).toEqual([expect.objectContaining({ text: 'how long does brightwell shipping take', stage: 'purchase', persona: 'homeowner' })]);
      expect(bySource('search-console')).toEqual([expect.objectContaining({ text: 'best water leak detector', stage: 'comparison', weight: 840 })]);
      expect(bySource('config').length).toBe(demo.questions.length);
      const shipping = report.questions.find((q) => q.question.source === 'csv')!;
      // Both pages state delivery times; either is a fair answer.
      expect(['/shipping/', '/pricing/']).toContain(new URL(shipping.best!.url).pathname);

      // Cited in the AI answer: you / competitors / nobody, beside each question's answer score, in every format.
      const cited = (text: string) => report.questions.find((q) => q.question.text === text)!;
      expect(cited('what is a water leak detector')).toMatchObject({ question: { source: 'config' }, aiCitation: { cited: 'you', brand: [`${server.origin}/guides/what-is-a-leak-detector/`], competitors: [], sources: 2 } });
      expect(cited('how do smart leak detectors work')).toMatchObject({ question: { source: 'query', stage: 'interest' }, aiCitation: { cited: 'competitors', brand: [], competitors: ['AquaGuard'] } });
      expect(cited('why do pipes burst in winter').aiCitation).toEqual({ cited: 'nobody', brand: [], competitors: [], sources: 1 });
      expect(cited('Do leak detectors need wifi?').aiCitation).toBeUndefined();
      const out = path.join(dir, 'out');
      const json = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8'));
      expect(json.questions.filter((q: { aiCitation?: { cited: string } }) => q.aiCitation).map((q: { question: { text: string }; aiCitation: { cited: string } }) => [q.question.text, q.aiCitation.cited])).toEqual([
        ['what is a water leak detector', 'you'],
        ['why do pipes burst in winter', 'nobody'],
        ['how do smart leak detectors work', 'competitors'],
      ]);
      const parsed = parseCsv(await readFile(path.join(out, 'questions.csv'), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.message);
      const csv = parsed.rows.map((r) => r.cells);
      const col = (name: string) => csv[0].indexOf(name);
      const row = (text: string) => csv.find((r) => r[1] === text)!;
      expect([row('how do smart leak detectors work')[col('ai_cited')], row('how do smart leak detectors work')[col('ai_cited_pages')]]).toEqual(['competitors', 'AquaGuard']);
      expect(row('what is a water leak detector')[col('ai_cited')]).toBe('you');
      expect(row('Do leak detectors need wifi?')[col('ai_cited')]).toBe('');
      const html = await readFile(path.join(out, 'report.html'), 'utf8');
      expect(html).toContain('<th data-col="6" tabindex="0">Cited in the AI answer</th>');
      expect(html.match(/data-ai="(you|competitors|nobody)"/g)).toHaveLength(3);
      const md = await readFile(path.join(out, 'summary.md'), 'utf8');
      expect(md).toContain('### Cited in the AI answer');
      expect(md).toMatch(/\| interest \| how do smart leak detectors work \| \d+ \| competitors \(AquaGuard\) \|/);
      expect(md).toContain('| **you** (`/guides/what-is-a-leak-detector/`) |');
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
