/**
 * Malformed input files through the real CLI: a config, question files (CSV, Search Console, the
 * extension's JSON), a crawl report, a crawl store and a saved results page, each broken the way
 * real files break. Each gets one line on stderr naming the file and the problem (line or field),
 * exit 2, and an existing crawl store is left byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG, serveDemo } from '../../crawler/demo/server.ts';
import { loadConfig } from '../../crawler/config-file.ts';
import { runSiteJob } from '../../crawler/job.ts';
import type { StaticServer } from '../../crawler/serve.ts';
import { zmotInProcess as zmot, type CliResult } from '../helpers/cli.ts';
import { HOSTILE_SITE, TERMINAL_CONTROLS } from './inert.ts';

let dir: string;
let store: string;
let server: StaticServer;
let storeHash: string;
let goodReport: string;

/** Every file of a folder, names and bytes: what "untouched" means. */
async function hashFolder(folder: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (d: string) => {
    for (const entry of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      hash.update(`${path.relative(folder, p)}\0`);
      if (entry.isDirectory()) await walk(p);
      else hash.update(await readFile(p));
    }
  };
  await walk(folder);
  return hash.digest('hex');
}

/** Exit 2, exactly one line on stderr naming the file, the problem as `detail`, no stack, no control characters. */
function expectBadInput(r: CliResult, file: string, detail: RegExp) {
  const lines = r.stderr.trim().split('\n');
  expect(r.code, r.stderr).toBe(2);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^zmot: /);
  expect(lines[0]).toContain(path.basename(file));
  expect(lines[0]).toMatch(detail);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stderr).not.toMatch(TERMINAL_CONTROLS);
}

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await mkdir(path.dirname(p), { recursive: true });
  await writeFile(p, content);
  return p;
}

async function expectStoreUntouched() {
  expect(await hashFolder(store), 'the crawl store changed').toBe(storeHash);
}

const BINARY = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xff, 0xfe, 0x9b, 0x1b, 0x5b, 0x32, 0x4a, ...Array.from({ length: 300 }, (_, i) => (i * 97) % 256)]);
const GOOD_CONFIG = { brand: { name: 'Brightwell Home', domains: ['127.0.0.1'] }, templates: false, questions: [{ id: 'q1', text: 'How much does a leak sensor cost?', stage: 'purchase' }] };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-malformed-'));
  store = path.join(dir, 'store');
  server = await serveDemo();
  const config = await loadConfig(DEMO_CONFIG);
  await runSiteJob({ startUrl: `${server.origin}/`, config: { ...config, crawl: { ...config.crawl, maxPages: 3 } }, outDir: store });
  storeHash = await hashFolder(store);
  goodReport = path.join(store, 'report.json');
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a malformed config file', () => {
  it('that is not JSON names the line and column (zmot crawl)', async () => {
    const cfg = await file('bad-json/zmot.config.json', '{\n  "brand": { "name": "Acme" },\n  "crawl": { "maxPages": 10, }\n}\n');
    expectBadInput(await zmot(['crawl', `${server.origin}/`, '--config', cfg, '--out', store]), cfg, /not valid JSON at line 3, column 30: expected a property name in double quotes, found "}"/);
    await expectStoreUntouched();
  });

  it('with a field of the wrong type names the field (zmot ci --dir)', async () => {
    const cfg = await file('wrong-type.json', JSON.stringify({ brand: { name: 'Acme' }, crawl: { maxPages: 'many' } }, null, 2));
    expectBadInput(await zmot(['ci', '--config', cfg, '--dir', store, '--out', path.join(dir, 'ci-out')]), cfg, /crawl\.maxPages: .*expected number.*\(line 6\)/);
    await expectStoreUntouched();
  });

  it('with an unknown stage names the question (zmot questions)', async () => {
    const cfg = await file('unknown-stage.json', JSON.stringify({ brand: { name: 'Acme' }, questions: [{ id: 'q1', text: 'What is a leak sensor?', stage: 'awareness' }] }, null, 2));
    expectBadInput(await zmot(['questions', '--config', cfg]), cfg, /questions\.0\.stage: .*"interest"/);
  });

  it('that is empty, binary, or a folder says so (zmot report --config, zmot classify --config)', async () => {
    const empty = await file('empty.json', '');
    expectBadInput(await zmot(['report', store, '--config', empty, '--out', path.join(dir, 'rebuilt')]), empty, /not valid JSON \(the file is empty\)/);
    const binary = await file('binary.json', BINARY);
    expectBadInput(await zmot(['classify', 'leak sensor price', '--config', binary]), binary, /not valid JSON at line 1, column 1: expected a value, found "P"/);
    expectBadInput(await zmot(['questions', '--config', store]), store, /cannot read config .*is a directory/);
    await expectStoreUntouched();
  });

  it('saved with a byte order mark is read', async () => {
    const cfg = await file('bom.json', `\uFEFF${JSON.stringify(GOOD_CONFIG)}`);
    const r = await zmot(['questions', '--config', cfg, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ questions: [{ id: 'q1' }] });
  });
});

describe('a malformed questions file', () => {
  async function configWith(name: string, format: 'csv' | 'search-console' | 'paa-json', content: string | Buffer) {
    const qfile = await file(`questions/${name}`, content);
    const cfg = await file(`questions/${name}.config.json`, JSON.stringify({ ...GOOD_CONFIG, questionFiles: [{ path: name, format }] }));
    return { qfile, cfg };
  }

  it('a CSV with a quote never closed names its line', async () => {
    const { qfile, cfg } = await configWith('open-quote.csv', 'csv', 'question,stage\nHow much is it?,purchase\n"What is a leak sensor?,interest\nWhy?,interest\n');
    expectBadInput(await zmot(['questions', '--config', cfg]), qfile, /open-quote\.csv:3: a quoted field is never closed/);
  });

  it('a CSV with an unknown stage names its line and the value', async () => {
    const { qfile, cfg } = await configWith('bad-stage.csv', 'csv', 'question,stage\nHow much is it?,purchase\nWhat is it?,stage-9\n');
    expectBadInput(await zmot(['questions', '--config', cfg]), qfile, /bad-stage\.csv:3: unknown stage "stage-9"/);
  });

  it('a binary file given as CSV (an .xlsx) is refused, not read as questions', async () => {
    const { qfile, cfg } = await configWith('questions.csv', 'csv', BINARY);
    expectBadInput(await zmot(['questions', '--config', cfg]), qfile, /questions\.csv:1: binary data, not text/);
  });

  it('a Search Console export without impressions, or with a bad count, names the line', async () => {
    const noColumn = await configWith('no-impressions.csv', 'search-console', 'Top queries,Clicks,CTR,Position\nleak sensor,3,1%,4\n');
    expectBadInput(await zmot(['questions', '--config', noColumn.cfg]), noColumn.qfile, /no-impressions\.csv:1: no Impressions column/);
    const badCount = await configWith('bad-count.csv', 'search-console', 'Top queries,Clicks,Impressions,CTR,Position\nleak sensor price,3,120,1%,4\nbest leak sensor,1,n/a,1%,9\n');
    expectBadInput(await zmot(['questions', '--config', badCount.cfg]), badCount.qfile, /bad-count\.csv:3: impressions must be a whole number, got "n\/a"/);
  });

  it('an extension export that is not JSON, or not an export, names the line and field', async () => {
    const notJson = await configWith('paa.json', 'paa-json', '{\n  "version": 1,\n  "questions": [\n    { "text": "how?" },\n  ]\n}\n');
    expectBadInput(await zmot(['questions', '--config', notJson.cfg]), notJson.qfile, /paa\.json:5: not valid JSON/);
    const badField = await configWith('paa2.json', 'paa-json', JSON.stringify({ version: 1, exportedAt: '2026-01-02T03:04:05Z', questions: [{ text: 'how do leak sensors work?', query: 'leak sensor', source: 'paa', collectedAt: 'yesterday' }] }, null, 2));
    expectBadInput(await zmot(['questions', '--config', badField.cfg]), badField.qfile, /paa2\.json:\d+: questions\.0\.collectedAt: /);
  });

  it('a questions file that does not exist is named', async () => {
    const cfg = await file('questions/missing.config.json', JSON.stringify({ ...GOOD_CONFIG, questionFiles: [{ path: 'nowhere.csv', format: 'csv' }] }));
    expectBadInput(await zmot(['questions', '--config', cfg]), 'nowhere.csv', /cannot read questions file .*no such file/);
  });
});

describe('a malformed crawl report or store', () => {
  it('a baseline report that is not JSON, binary, or of another schema version is named with the problem (zmot ci --baseline)', async () => {
    const cfg = await file('ci/zmot.config.json', JSON.stringify(GOOD_CONFIG));
    const out = path.join(dir, 'ci/out');
    const truncated = await file('ci/truncated-report.json', (await readFile(goodReport, 'utf8')).slice(0, 5_000));
    expectBadInput(await zmot(['ci', '--config', cfg, '--dir', store, '--out', out, '--baseline', truncated]), truncated, /not valid JSON at line \d+, column \d+: expected/);
    const binary = await file('ci/binary-report.json', BINARY);
    expectBadInput(await zmot(['ci', '--config', cfg, '--dir', store, '--out', out, '--baseline', binary]), binary, /not valid JSON at line 1/);
    const report = JSON.parse(await readFile(goodReport, 'utf8'));
    const future = await file('ci/future-report.json', JSON.stringify({ ...report, schemaVersion: 99 }, null, 2));
    expectBadInput(await zmot(['ci', '--config', cfg, '--dir', store, '--out', out, '--baseline', future]), future, /schemaVersion: .*\(line 2\)/);
    const badPage = await file('ci/bad-page-report.json', JSON.stringify({ ...report, pages: [{ ...report.pages[0], status: 'ok' }] }, null, 2));
    expectBadInput(await zmot(['ci', '--config', cfg, '--dir', store, '--out', out, '--baseline', badPage]), badPage, /pages\.0\.status: /);
    await expectStoreUntouched();
  });

  it('a crawl folder whose report.json is broken is named (zmot ci --dir)', async () => {
    const broken = path.join(dir, 'broken-crawl');
    await file('broken-crawl/report.json', '{"schemaVersion": 1, "pages": [');
    const cfg = await file('ci/zmot.config.json', JSON.stringify(GOOD_CONFIG));
    expectBadInput(await zmot(['ci', '--config', cfg, '--dir', broken, '--out', path.join(dir, 'ci/out2')]), 'report.json', /not valid JSON at line 1, column 32: expected a value, found end of file/);
  });

  it('a crawl store that is not a database is refused and left as it was (zmot report)', async () => {
    const garbage = path.join(dir, 'garbage-store');
    const db = await file('garbage-store/crawl.sqlite', BINARY);
    const before = await hashFolder(garbage);
    expectBadInput(await zmot(['report', garbage]), db, /not a readable crawl store/);
    expect(await hashFolder(garbage)).toBe(before);
    await mkdir(path.join(dir, 'empty-store'), { recursive: true });
    expectBadInput(await zmot(['report', path.join(dir, 'empty-store')]), 'empty-store', /holds no crawl store/);
  });
});

describe('a malformed saved results page', () => {
  it('binary garbage, an empty file and a page that is not Google’s are refused with the file named (zmot serp)', async () => {
    for (const [name, content] of [['garbage.html', BINARY], ['empty.html', ''], ['not-google.html', '<!doctype html><title>Hello</title><p>Not a results page</p>']] as const) {
      const f = await file(`serp/${name}`, content);
      expectBadInput(await zmot(['serp', f]), f, /not a Google results page/);
    }
  });

  it('a parser bomb is read in bounded time and refused with the file named', async () => {
    const bomb = path.join(HOSTILE_SITE, 'bombs.html');
    expectBadInput(await zmot(['serp', bomb]), bomb, /not a Google results page/);
  });
});
