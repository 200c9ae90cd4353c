import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QueryClassificationSchema } from '../../../shared/schemas/classify.ts';
import { ProspectQuestionSchema } from '../../../shared/schemas/index.ts';
import { zmotInProcess as zmot, type CliResult } from '../../helpers/cli.ts';
import { REPO_ROOT } from '../../helpers/paths.ts';

const DEMO_CONFIG = path.join(REPO_ROOT, 'crawler/demo/zmot.config.json');

function expectOneLineError(r: CliResult, pattern: RegExp) {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('zmot classify', () => {
  it('prints the stage, confidence and signals of each query as JSON', async () => {
    const r = await zmot(['classify', 'best water leak detector', 'how to find a hidden leak', 'prix détecteur de fuite', '--json']);
    expect(r.code).toBe(0);
    const out = (JSON.parse(r.stdout) as unknown[]).map((x) => QueryClassificationSchema.parse(x));
    expect(out.map((x) => x.stage)).toEqual(['comparison', 'interest', 'purchase']);
    expect(out[0].signals.some((s) => s.signal === 'best')).toBe(true);
  });

  it('treats the config brand as navigational', async () => {
    const r = await zmot(['classify', 'brightwell home', '--config', DEMO_CONFIG, '--json']);
    expect(JSON.parse(r.stdout)[0].stage).toBe('navigational');
  });

  it('prints a readable line per query', async () => {
    const r = await zmot(['classify', 'leak sensor price']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/leak sensor price {2}→ {2}purchase · confidence \d+% · lang en/);
  });

  it('rejects a bad --lang with one line', async () => {
    expectOneLineError(await zmot(['classify', 'x', '--lang', 'not a language']), /--lang must be a language code/);
  });
});

describe('zmot questions', () => {
  it('prints the effective set with stage and source of each question', async () => {
    const r = await zmot(['questions', '--config', DEMO_CONFIG, '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { questions: unknown[] };
    const qs = data.questions.map((q) => ProspectQuestionSchema.parse(q));
    expect(qs.filter((q) => q.source === 'config')).toHaveLength(28);
    expect(qs.some((q) => q.source === 'template')).toBe(true);
    expect(qs.find((q) => q.id === 'q-sentry-price')?.stage).toBe('purchase');
  });

  it('groups questions by stage in the text output', async () => {
    const r = await zmot(['questions', '--config', DEMO_CONFIG]);
    expect(r.stdout).toMatch(/^interest \(\d+\)$/m);
    expect(r.stdout).toMatch(/^comparison \(\d+\)$/m);
    expect(r.stdout).toMatch(/^purchase \(\d+\)$/m);
    expect(r.stdout).toContain('how much does the brightwell sentry cost');
  });

  it('reads question files relative to the config file, in each format', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-questions-'));
    await mkdir(path.join(dir, 'imports'));
    await writeFile(path.join(dir, 'imports/questions.csv'), 'question,stage,persona\nhow to find a leak behind a wall,interest,homeowner\n');
    await writeFile(path.join(dir, 'imports/Queries.csv'), 'Top queries,Clicks,Impressions,CTR,Position\nwater leak sensor price,12,"1,500",0.8%,7.2\nacme,100,200,50%,1\n');
    await writeFile(
      path.join(dir, 'imports/paa.json'),
      JSON.stringify({ version: 1, exportedAt: '2026-01-20T10:00:00Z', questions: [{ text: 'Which leak sensor is best?', query: 'leak sensor', source: 'paa', collectedAt: '2026-01-20T09:00:00Z' }] }),
    );
    await writeFile(
      path.join(dir, 'zmot.config.json'),
      JSON.stringify({
        brand: { name: 'Acme' },
        templates: false,
        questionFiles: [
          { path: 'imports/questions.csv', format: 'csv' },
          { path: 'imports/Queries.csv', format: 'search-console' },
          { path: 'imports/paa.json', format: 'paa-json' },
        ],
      }),
    );
    // Run from elsewhere: paths are relative to the config file, not to the working directory.
    const r = await zmot(['questions', '--config', path.join(dir, 'zmot.config.json'), '--json'], { cwd: os.tmpdir() });
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { questions: Array<{ text: string; source: string; weight: number; stage: string }>; skipped: Array<{ reason: string }> };
    expect(data.questions.map((q) => [q.text, q.source, q.stage])).toEqual([
      ['how to find a leak behind a wall', 'csv', 'interest'],
      ['water leak sensor price', 'search-console', 'purchase'],
      ['Which leak sensor is best?', 'paa', 'comparison'],
    ]);
    expect(data.questions[1].weight).toBe(1500);
    expect(data.skipped[0].reason).toMatch(/^navigational/);
  });

  it('names the file and line of a bad questions file, exit 2', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-questions-'));
    await writeFile(path.join(dir, 'q.csv'), 'question,stage\nfine,interest\nbad,shopping\n');
    await writeFile(path.join(dir, 'zmot.config.json'), JSON.stringify({ brand: { name: 'Acme' }, questionFiles: [{ path: 'q.csv', format: 'csv' }] }));
    expectOneLineError(await zmot(['questions', '--config', path.join(dir, 'zmot.config.json')]), /q\.csv:3: unknown stage "shopping"/);
  });

  it('says which file is missing, exit 2', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-questions-'));
    await writeFile(path.join(dir, 'zmot.config.json'), JSON.stringify({ brand: { name: 'Acme' }, questionFiles: [{ path: 'gone.csv', format: 'csv' }] }));
    expectOneLineError(await zmot(['questions', '--config', path.join(dir, 'zmot.config.json')]), /cannot read questions file .*gone\.csv: no such file/);
  });

  it('asks for --config when there is no zmot.config.json here', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-questions-'));
    expectOneLineError(await zmot(['questions'], { cwd: dir }), /no config file: pass --config F/);
  });
});

describe('zmot page --question', () => {
  const file = path.join(REPO_ROOT, 'crawler/demo/site/guides/find-a-hidden-water-leak/index.html');
  const url = 'http://127.0.0.1:8080/guides/find-a-hidden-water-leak/';

  it('shows the answer score of the page with its passage and factors', async () => {
    const r = await zmot(['page', file, '--url', url, '--question', 'how to find a hidden water leak', '--json']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as { page: { stageProfile: { interest: number } }; answers: Array<{ data: { stage: string; answer: { heading: string; factors: Record<string, number>; answer: number } } }> };
    const a = data.answers[0].data;
    expect(a.stage).toBe('interest');
    expect(a.answer.heading).toBe('How to find a hidden water leak in 7 steps');
    expect(a.answer.factors).toEqual({ relevance: 1, shape: 1, directness: 1, tone: 1 });
    expect(data.page.stageProfile.interest).toBeGreaterThan(0.5);
  });

  it('prints the factors and the notes in the text output', async () => {
    const r = await zmot(['page', file, '--url', url, '-q', 'how much does a leak sensor cost']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Question: how much does a leak sensor cost/);
    expect(r.stdout).toMatch(/relevance \d+ · shape \d+ · directness \d+ · tone \d+/);
    expect(r.stdout).toContain('no price on the page');
  });
});
