import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrawlReportSchema } from '../../../shared/schemas/index.ts';
import { zmotInProcess as zmot, type CliResult } from '../../helpers/cli.ts';
import { startBasicSite } from '../crawl/sites/basic-site.ts';
import type { TestSite } from '../crawl/sites/server.ts';

let site: TestSite;
let dir: string;
beforeAll(async () => {
  site = await startBasicSite();
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-crawl-cli-'));
});
afterAll(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

function expectOneLineError(r: CliResult, pattern: RegExp) {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const hits = () => [...site.hits.values()].reduce((a, b) => a + b, 0);

describe('zmot crawl', () => {
  it('crawls, stores and writes the reports; --json prints the summary', async () => {
    const out = path.join(dir, 'site');
    const r = await zmot(['crawl', `${site.origin}/`, '--out', out, '--json', '--workers', '1']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ startUrl: `${site.origin}/`, interrupted: false, resumed: false, blocked: 1, errors: 1 });
    expect(summary.pagesFetched).toBeGreaterThan(15);
    expect(existsSync(path.join(out, 'crawl.sqlite'))).toBe(true);
    const report = CrawlReportSchema.parse(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')));
    expect(report.pages).toHaveLength(summary.pagesFetched);
    expect(report.crawl.startUrl).toBe(`${site.origin}/`);
    expect(report.issues.map((i) => i.type)).toContain('blocked-by-robots');
    expect(summary.files).toContain(path.join(out, 'report.json'));
  });

  it('logs plain lines when not on a terminal, one per failing page', async () => {
    const r = await zmot(['crawl', `${site.origin}/`, '--out', path.join(dir, 'plain'), '--max-pages', '30']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/! 404 http:\/\/127\.0\.0\.1:\d+\/missing — HTTP 404/);
    expect(r.stdout).toMatch(/Crawl finished: \d+ page\(s\)/);
    expect(r.stdout).toMatch(/Reports written:/);
  });

  it('takes limits from flags over the environment over the config file', async () => {
    const config = path.join(dir, 'zmot.config.json');
    await writeFile(config, JSON.stringify({ brand: { name: 'Basic' }, crawl: { maxPages: 9, maxDepth: 5 } }));
    const fromConfig = JSON.parse((await zmot(['crawl', `${site.origin}/`, '--out', path.join(dir, 'cfg'), '--config', config, '--json', '--no-report'])).stdout);
    expect(fromConfig.pagesFetched).toBe(9);
    const fromEnv = JSON.parse((await zmot(['crawl', `${site.origin}/`, '--out', path.join(dir, 'env'), '--config', config, '--json', '--no-report'], { env: { ZMOT_MAX_PAGES: '4' } })).stdout);
    expect(fromEnv.pagesFetched).toBe(4);
    const fromFlag = JSON.parse((await zmot(['crawl', `${site.origin}/`, '--out', path.join(dir, 'flag'), '--config', config, '--json', '--no-report', '--max-pages', '2'], { env: { ZMOT_MAX_PAGES: '4' } })).stdout);
    expect(fromFlag.pagesFetched).toBe(2);
    expect(fromFlag.files).toEqual([]);
  });

  it('exits 2 with one line on bad input', async () => {
    expectOneLineError(await zmot(['crawl', 'ftp://example.com/']), /not a valid http\(s\) URL: ftp:\/\/example\.com\//);
    expectOneLineError(await zmot(['crawl', `${site.origin}/`, '--max-pages', 'lots']), /--max-pages must be a whole number, got: lots/);
    expectOneLineError(await zmot(['crawl', `${site.origin}/`, '--include', '/[oops/']), /not a valid regular expression: \/\[oops\//);
    expectOneLineError(await zmot(['crawl', `${site.origin}/`], { env: { ZMOT_CONCURRENCY: 'many' } }), /ZMOT_CONCURRENCY must be a whole number, got: many/);
  });

  it('leaves an existing store untouched on bad input, and will not resume another site into it', async () => {
    const out = path.join(dir, 'keep');
    expect((await zmot(['crawl', `${site.origin}/`, '--out', out, '--max-pages', '3', '--no-report'])).code).toBe(0);
    const digest = async () => createHash('sha256').update(await readFile(path.join(out, 'crawl.sqlite'))).digest('hex');
    const before = await digest();
    expectOneLineError(await zmot(['crawl', `${site.origin}/`, '--out', out, '--concurrency', '0']), /crawl settings: concurrency/);
    expect(await digest()).toBe(before);
    expectOneLineError(await zmot(['crawl', `${site.origin}/a`, '--out', out, '--resume']), /holds a crawl of http:\/\/127\.0\.0\.1:\d+\/, not http:\/\/127\.0\.0\.1:\d+\/a: use another --out or drop --resume/);
    expect(await digest()).toBe(before);
  });
});

describe('zmot report', () => {
  it('rebuilds the reports from the store without fetching anything', async () => {
    const out = path.join(dir, 'rebuild');
    expect((await zmot(['crawl', `${site.origin}/`, '--out', out, '--no-report'])).code).toBe(0);
    expect(existsSync(path.join(out, 'report.json'))).toBe(false);
    const before = hits();
    const r = await zmot(['report', out, '--json']);
    expect(r.code).toBe(0);
    expect(hits()).toBe(before);
    const summary = JSON.parse(r.stdout);
    const report = CrawlReportSchema.parse(JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')));
    expect(summary.pages).toBe(report.pages.length);
    expect(report.pages.find((p) => p.url === `${site.origin}/`)?.title).toBe('Home');
  });

  it('exits 2 with one line for a folder without a crawl, or a file that is not a store', async () => {
    expectOneLineError(await zmot(['report', path.join(dir, 'nowhere')]), /no such folder/);
    const empty = await mkdtemp(path.join(dir, 'empty-'));
    expectOneLineError(await zmot(['report', empty]), /holds no crawl store \(crawl\.sqlite\)/);
    const fake = path.join(empty, 'crawl.sqlite');
    await writeFile(fake, 'not sqlite at all');
    expectOneLineError(await zmot(['report', empty]), /not a readable crawl store/);
    expect(await readFile(fake, 'utf8')).toBe('not sqlite at all');
  });
});
