import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../crawler/browser.ts';
import { loadConfig } from '../../../crawler/config-file.ts';
import { DEMO_CONFIG, DEMO_DIR, DEMO_SITE_DIR } from '../../../crawler/demo/server.ts';
import { recordRun } from '../../../crawler/history/index.ts';
import { HistoryStore } from '../../../crawler/history/store.ts';
import { UsageError } from '../../../crawler/errors.ts';
import { runSiteJob } from '../../../crawler/job.ts';
import { serveStatic, type Routes } from '../../../crawler/serve.ts';
import type { CrawlReport } from '../../../shared/schemas/index.ts';
import { zmotInProcess as zmot } from '../../helpers/cli.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

// Two crawls of a copy of the demo site with one change between them: noindex added on one guide.
const CHANGED = '/guides/signs-of-a-slab-leak/';
let tmp: string;
let historyDir: string;
let first: CrawlReport;
let second: CrawlReport;
let secondDir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'zmot-history-'));
  const site = path.join(tmp, 'site');
  await cp(DEMO_SITE_DIR, site, { recursive: true });
  const routes = JSON.parse(await readFile(path.join(DEMO_DIR, 'routes.json'), 'utf8')) as Routes;
  const config = await loadConfig(DEMO_CONFIG);
  historyDir = path.join(tmp, 'history');
  const server = await serveStatic(site, { routes });
  try {
    const history = { path: historyDir, command: 'crawl' };
    first = (await runSiteJob({ startUrl: `${server.origin}/`, config, outDir: path.join(tmp, 'run1'), history })).report;
    const page = path.join(site, CHANGED, 'index.html');
    await writeFile(page, (await readFile(page, 'utf8')).replace('<meta charset="utf-8">', '<meta charset="utf-8"><meta name="robots" content="noindex">'));
    secondDir = path.join(tmp, 'run2');
    second = (await runSiteJob({ startUrl: `${server.origin}/`, config, outDir: secondDir, history })).report;
  } finally {
    await server.close();
  }
}, 300_000);

describe('project history of two demo crawls', () => {
  it('lists both runs with their scores', async () => {
    const r = await zmot(['history', '--history', historyDir, '--json']);
    expect(r.code).toBe(0);
    const { runs } = JSON.parse(r.stdout);
    expect(runs.map((x: { id: number }) => x.id)).toEqual([1, 2]);
    expect(runs[0].zmot).toBeCloseTo(first.scores!.zmot, 6);
    expect(runs[1].stages.interest).toBeCloseTo(second.scores!.stages.interest!, 6);
    expect(runs[1]).toMatchObject({ site: 'Brightwell Home · 127.0.0.1', pages: second.pages.length, gaps: second.gaps.length, configHash: runs[0].configHash });
  }, 120_000);

  it('diff names exactly the change: noindex added on one guide, the question it answered lost', async () => {
    const r = await zmot(['history', 'diff', '1', '2', '--history', historyDir, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.site).toEqual({ pagesAdded: [], pagesRemoved: [], noindexAdded: [CHANGED], noindexRemoved: [], questionsAdded: [], questionsRemoved: [], configChanged: false });
    expect(d.questions.length).toBeGreaterThan(0);
    expect(d.questions[0]).toMatchObject({ questionId: 'q-slab-leak-signs', kind: 'lost', pageBefore: CHANGED });
    expect(d.questions[0].reasons[0]).toBe(`noindex added on ${CHANGED}`);
    // Nothing else changed on the site, so every question that moved was answered by that page.
    for (const q of d.questions) expect(q.pageBefore).toBe(CHANGED);
    const text = await zmot(['history', 'diff', '--history', historyDir]);
    expect(text.stdout).toContain(`lost · interest · "what are the signs of a slab leak"`);
  }, 180_000);

  it('puts the trend and "since last run" lines in the second report', async () => {
    const h = second.history!;
    expect(h.runs.map((p) => p.zmot)).toEqual([first.scores!.zmot, second.scores!.zmot]);
    expect(h.events).toEqual([{ runId: 2, kind: 'pages-noindexed', message: `noindex added on ${CHANGED}` }]);
    const md = await readFile(path.join(secondDir, 'summary.md'), 'utf8');
    expect(md).toContain('### Since last run');
    expect(md).toContain(`noindex added on /guides/signs-of-a-slab-leak/`);
    expect(first.history!.sinceLast).toBeNull();
  });

  it('report.html shows the trend chart with the figures of report.json and no console error', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(path.join(secondDir, 'report.html')).href, { waitUntil: 'load' });
      const json = JSON.parse(await readFile(path.join(secondDir, 'report.json'), 'utf8')) as CrawlReport;
      const dots = await page.$$eval('#trend svg.trend circle', (cs) => cs.map((c) => ({ s: c.getAttribute('data-series'), run: Number(c.getAttribute('data-run')), v: Number(c.getAttribute('data-v')) })));
      const expected = json.history!.runs.flatMap((p) => [
        { s: 'zmot', run: p.runId, v: p.zmot },
        { s: 'interest', run: p.runId, v: p.stages.interest },
        { s: 'comparison', run: p.runId, v: p.stages.comparison },
        { s: 'purchase', run: p.runId, v: p.stages.purchase },
      ]);
      expect(dots.length).toBe(expected.length);
      for (const e of expected) expect(dots.find((d) => d.s === e.s && d.run === e.run)!.v).toBeCloseTo(e.v!, 1);
      expect(await page.$$eval('#trend svg.trend line.event', (ls) => ls.map((l) => l.getAttribute('data-run')))).toEqual(['2']);
      const rows = await page.$$eval('#t-trend tbody tr', (rs) => rs.map((r) => [...r.querySelectorAll('td')].slice(0, 6).map((td) => td.textContent)));
      expect(rows[0]).toEqual(['#2', expect.any(String), ...[json.scores!.zmot, ...Object.values(json.scores!.stages)].map((v) => String(Math.round(v!)))]);
      expect(await page.$eval('#trend .events', (e) => e.textContent)).toContain(`noindex added on ${CHANGED}`);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe('a history file that is not one', () => {
  it('refuses a text file and a foreign SQLite database in one line, exit 2', async () => {
    const text = path.join(tmp, 'notes.sqlite');
    await writeFile(text, 'these are my notes, not a database\n'.repeat(200));
    const foreign = path.join(tmp, 'other.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (x)');
    db.close();
    for (const file of [text, foreign]) expect(() => HistoryStore.open(file)).toThrow(UsageError);
    expect(() => HistoryStore.open(text)).toThrow(/notes\.sqlite: not a ZMOT Lens history file/);
    const r = await zmot(['history', '--history', foreign]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^zmot: .*other\.sqlite: not a ZMOT Lens history file/);
    // Recording into a foreign file refuses too, and leaves it as it was.
    expect(() => recordRun(second, { history: foreign, config: null, command: 'report' })).toThrow(UsageError);
    const check = new Database(foreign, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type='table'").all()).toEqual([{ name: 't' }]);
    check.close();
  }, 120_000);
});

describe('history in the config', () => {
  it('is a folder relative to the config file, and a report rebuilt with that config records there', async () => {
    const dir = path.join(tmp, 'project');
    await cp(DEMO_CONFIG, path.join(dir, 'zmot.config.json'));
    const file = path.join(dir, 'zmot.config.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), history: 'zmot-history' }));
    const config = await loadConfig(file);
    expect(config.history).toBe(path.join(dir, 'zmot-history'));
    const recorded = recordRun(second, { history: config.history!, config, command: 'report' });
    expect(recorded.history!.file).toBe(path.join(dir, 'zmot-history', 'history.sqlite'));
    expect(recorded.history!.runs).toHaveLength(1);
  });
});

describe('recording is atomic', () => {
  it('a process killed mid-write leaves every earlier run and no half run', async () => {
    const file = path.join(historyDir, 'history.sqlite');
    const marker = path.join(tmp, 'in-transaction');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'tests/helpers/history-writer.ts'), file, path.join(secondDir, 'report.json'), marker], { cwd: REPO_ROOT, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    for (let i = 0; i < 600 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(marker)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    const store = HistoryStore.open(file);
    try {
      expect(store.runs().map((r) => r.id)).toEqual([1, 2]);
      expect(store.load('2').questions).toHaveLength(second.questions.length);
    } finally {
      store.close();
    }
    // The history goes on: zmot report --history records the next run after the killed one.
    const r = await zmot(['report', secondDir, '--history', historyDir, '--json']);
    expect(r.code).toBe(0);
    const lines: string[] = JSON.parse(r.stdout).history;
    expect(lines[0]).toBe(`Recorded as run #3 in ${file}`);
    expect(lines).toContain('no question changed');
  }, 180_000);
});
