import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../crawler/browser.ts';
import { configFromPointOfView } from '../../crawler/compare/compare.ts';
import { loadConfig } from '../../crawler/config-file.ts';
import { serveCompetitor } from '../../crawler/demo/competitor/server.ts';
import { DEMO_CONFIG, serveDemo } from '../../crawler/demo/server.ts';
import type { StaticServer } from '../../crawler/serve.ts';
import { CompareCliOutputSchema, CompareReportSchema, type CompareCliOutput, type CompareReport } from '../../shared/schemas/index.ts';
import { compareTextLines } from '../../crawler/commands/compare.ts';
import { zmotInProcess as zmot } from '../helpers/cli.ts';

// zmot compare on the demo brand against the bundled competitor (crawler/demo/competitor/EXPECTED.md).
const BRAND = 'Brightwell Home';
const RIVAL = 'AquaGuard';
let out: string;
let report: CompareReport;
let stdout: string;
let json: CompareCliOutput;
let servers: StaticServer[] = [];

beforeAll(async () => {
  servers = [await serveDemo(), await serveCompetitor()];
  out = path.join(await mkdtemp(path.join(os.tmpdir(), 'zmot-compare-')), 'out');
  const r = await zmot(['compare', '--config', DEMO_CONFIG, '--site', `${BRAND}=${servers[0].origin}/`, '--site', `${RIVAL}=${servers[1].origin}/`, '--out', out, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  // --json prints what its schema allows, nothing else.
  json = CompareCliOutputSchema.parse(JSON.parse(r.stdout));
  report = CompareReportSchema.parse(JSON.parse(await readFile(path.join(out, 'compare.json'), 'utf8')));
  // The text the command prints without --json, from the same figures.
  stdout = compareTextLines(report, report.questions.length, json.files).join('\n');
}, 360_000);
afterAll(async () => {
  for (const s of servers) await s.close();
});

const q = (id: string) => report.questions.find((x) => x.question.id === id)!;
const vis = (id: string, site: string) => q(id).answers.find((a) => a.site === site)!.visibility;

describe('zmot compare: demo brand against the bundled competitor', () => {
  it('scores both sites on the same questions, each from its own point of view', () => {
    expect(report.sites.map((s) => [s.name, s.role])).toEqual([[BRAND, 'brand'], [RIVAL, 'competitor']]);
    expect(report.questions.length).toBeGreaterThan(24);
    for (const x of report.questions) expect(x.answers.map((a) => a.site).sort()).toEqual([RIVAL, BRAND].sort());
  });

  it('finds the stronger and weaker stages EXPECTED.md describes', () => {
    const share = (stage: string, site: string) => report.stages.find((s) => s.stage === stage)!.share[site];
    // AquaGuard takes most at interest, least at comparison; the brand leads every stage.
    expect(share('interest', RIVAL)).toBeGreaterThan(share('comparison', RIVAL));
    expect(share('interest', RIVAL)).toBeGreaterThan(share('purchase', RIVAL));
    expect(share('comparison', RIVAL)).toBeLessThanOrEqual(15);
    for (const s of report.stages) expect(s.leader).toBe(BRAND);
    const rival = report.sites[1].scores!.stages;
    expect(rival.interest!).toBeGreaterThan(rival.comparison!);
    expect(rival.interest!).toBeGreaterThan(rival.purchase!);
  });

  it('names the questions the brand loses, the winning competitor page and the margin', () => {
    for (const [id, page] of [
      ['q-prevent-water-damage', '/learn/prevent-water-damage/'],
      ['q-water-bill-high', '/learn/high-water-bill/'],
      ['q-water-heater-leaking', '/learn/water-heater-leaking/'],
      ['q-fleet-pricing', '/pricing/'],
    ]) {
      expect(q(id)).toMatchObject({ winner: RIVAL, outcome: 'brand-loses' });
      expect(q(id).margin).toBeGreaterThanOrEqual(40);
      expect(new URL(q(id).answers[0].url!).pathname).toBe(page);
      expect(report.losses).toContain(id);
    }
    for (const id of ['q-what-is-leak-detector', 'q-find-hidden-leak', 'q-best-leak-detectors', 'q-return-policy', 'q-free-trial-demo']) expect(q(id).winner).toBe(BRAND);
    expect(q('q-sentry-reviews')).toMatchObject({ winner: null, outcome: 'nobody' });
    expect(report.opportunities).toContain('q-sentry-reviews');
    expect(stdout).toContain(`${report.losses.length} question(s) a competitor answers better`);
    expect(stdout).toMatch(new RegExp(`^  interest +${BRAND} \\d+% · ${RIVAL} \\d+% · nobody \\d+% — led by ${BRAND}$`, 'm'));
  });

  it('--json prints the sites, stage shares, counts and files of compare.json (CompareCliOutputSchema)', () => {
    expect(json.brand).toBe(BRAND);
    expect(json.sites).toEqual(report.sites);
    expect(json.stages).toEqual(report.stages);
    expect([json.losses, json.opportunities]).toEqual([report.losses.length, report.opportunities.length]);
    expect(json.files.map((f) => path.relative(out, f)).sort()).toEqual(['compare.csv', 'compare.html', 'compare.json', 'compare.md']);
  });

  it("scores each competitor from its own point of view: it is the brand, the brand and its products are its rivals", async () => {
    const config = await loadConfig(DEMO_CONFIG);
    const questions = report.questions.map((x) => x.question);
    const pov = configFromPointOfView(config, RIVAL, questions);
    expect(pov.brand).toEqual({ name: RIVAL, domains: ['aquaguard.example'] });
    expect(pov.products).toEqual([]);
    expect(pov.competitors.map((c) => c.name)).toEqual([BRAND, ...config.products, 'Flowstop']);
    // Same questions, not re-expanded from AquaGuard's name.
    expect(pov.templates).toBe(false);
    expect(pov.questions.map((x) => x.id)).toEqual(questions.map((x) => x.id));
  });

  it('writes CSV and Markdown with the same figures', async () => {
    const csv = await readFile(path.join(out, 'compare.csv'), 'utf8');
    const line = csv.split('\r\n').find((l) => l.startsWith('q-fleet-pricing,'))!;
    expect(line).toContain(`,${vis('q-fleet-pricing', BRAND)},${vis('q-fleet-pricing', RIVAL)},${RIVAL},`);
    const md = await readFile(path.join(out, 'compare.md'), 'utf8');
    const interest = report.stages.find((s) => s.stage === 'interest')!;
    expect(md).toContain(`| interest | ${Math.round(interest.share[BRAND])}% | ${Math.round(interest.share[RIVAL])}% | ${Math.round(interest.nobody)}% |`);
  });

  it('compare.html opens in Chromium with no console error and the figures of compare.json', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(path.join(out, 'compare.html')).href, { waitUntil: 'load' });
      for (const st of report.stages) {
        const bars = await page.$$eval(`svg.share[data-stage="${st.stage}"] rect`, (rs) => rs.map((r) => [r.getAttribute('data-site'), Number(r.getAttribute('data-v'))]));
        expect(bars).toEqual([...report.sites.map((s) => [s.name, st.share[s.name]]), ['Nobody', st.nobody]].filter(([, v]) => (v as number) > 0));
      }
      expect(await page.$$eval('#losses ol > li', (ls) => ls.map((l) => l.getAttribute('data-qid')))).toEqual(report.losses);
      const cells = await page.$$eval('#t-compare tbody tr[data-qid="q-fleet-pricing"] td[data-site]', (tds) => tds.map((td) => [td.getAttribute('data-site'), Number(td.getAttribute('data-v'))]));
      expect(cells).toEqual([[BRAND, vis('q-fleet-pricing', BRAND)], [RIVAL, vis('q-fleet-pricing', RIVAL)]]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
