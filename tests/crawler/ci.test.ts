import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG, DEMO_SITE_DIR } from '../../crawler/demo/server.ts';
import { zmotInProcess as zmot } from '../helpers/cli.ts';

// `zmot ci` on the demo site, as a content site's pipeline runs it: a static build served and crawled.
let work: string;
let site: string;
const demoConfig = JSON.parse(await readFile(DEMO_CONFIG, 'utf8'));

async function config(name: string, assertions: unknown[]): Promise<string> {
  const file = path.join(work, name);
  await writeFile(file, JSON.stringify({ ...demoConfig, assertions }));
  return file;
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'zmot-ci-'));
  site = path.join(work, 'dist');
  await cp(DEMO_SITE_DIR, site, { recursive: true });
});

describe('zmot ci', () => {
  let baselineDir: string;
  // Both crawling runs are recorded in one project history: the second reports what changed since the first.
  const historyDir = () => path.join(work, 'history');

  it('passes (exit 0) a configuration the demo site meets, warnings allowed, with JUnit and SARIF written', async () => {
    baselineDir = path.join(work, 'baseline');
    const cfg = await config('pass.json', [
      { target: 'score:zmot', level: 'error', min: 1 },
      { target: 'audit:document-title', level: 'error', max: 0 },
      { target: 'issue:redirect-loop', level: 'error', max: 0 },
      { target: 'audit:meta-description', level: 'warn', max: 0 },
    ]);
    const r = await zmot(['ci', '--config', cfg, '--serve', site, '--out', baselineDir, '--history', historyDir()]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PASSED, 1 warning/);
    expect(r.stdout).toContain(`Recorded as run #1 in ${path.join(historyDir(), 'history.sqlite')}`);
    expect(r.stdout).toContain('first recorded run of this site');
    expect(await readFile(path.join(baselineDir, 'summary.md'), 'utf8')).not.toContain('### Since last run');
    const junit = await readFile(path.join(baselineDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="zmot ci" tests="5" failures="0"/);
    const sarif = JSON.parse(await readFile(path.join(baselineDir, 'zmot.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0].level).toBe('warning');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/\/warranty\/$/);
  }, 300_000);

  it('fails (exit 1) an error-level assertion and names the offending pages, also as GitHub annotations', async () => {
    const cfg = await config('fail.json', [
      { target: 'audit:meta-description', level: 'error', max: 0 },
      { target: 'score:purchase', level: 'error', min: 99 },
    ]);
    const r = await zmot(['ci', '--config', cfg, '--dir', baselineDir, '--out', path.join(work, 'fail')], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ audit:meta-description/);
    expect(r.stdout).toMatch(/\/warranty\//);
    expect(r.stdout).toMatch(/✗ score:purchase: purchase stage score: [\d.]+ \(expected ≥ 99\)/);
    expect(r.stdout).toMatch(/^::error title=zmot audit%3Ameta-description::/m);
    const junit = await readFile(path.join(work, 'fail', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/failures="2"/);
  }, 120_000);

  it('fails on regressions against a baseline and lists exactly what changed', async () => {
    // The content team deletes the pricing table and links to a page that does not exist.
    const pricing = path.join(site, 'pricing/index.html');
    const html = await readFile(pricing, 'utf8');
    await writeFile(pricing, html.replace(/<table[\s\S]*?<\/table>/g, '').replace(/\$\d[\d,.]*/g, '').replace('</main>', '<p><a href="/no-such-page/">new page</a></p></main>'));
    await rm(path.join(site, 'shipping'), { recursive: true });
    const cfg = await config('base.json', []);
    const r = await zmot(['ci', '--config', cfg, '--serve', site, '--baseline', path.join(baselineDir, 'report.json'), '--out', path.join(work, 'after'), '--history', historyDir()]);
    expect(r.code).toBe(1);
    // Recorded as the second run, with what changed since the first: in the console and in summary.md for the pull request.
    expect(r.stdout).toContain(`Recorded as run #2 in ${path.join(historyDir(), 'history.sqlite')}`);
    // summary.md writes punctuation as numeric character references (safe in GitHub comments): read as rendered.
    const summary = (await readFile(path.join(work, 'after', 'summary.md'), 'utf8')).replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    const since = summary.slice(summary.indexOf('### Since last run'));
    expect(since).toMatch(/^### Since last run\n\n- ZMOT \d+ → \d+ \(−\d+\) since run #1 /);
    expect(since).toContain('- config changed');
    expect(since).toMatch(/- 1 page\(s\) removed: \/shipping\//);
    expect(since).toMatch(/- lost · purchase · "brightwell shipping time and cost" \(\d+ → \d+\): /);
    expect(r.stdout).toMatch(/regression\(s\) against the baseline/);
    expect(r.stdout).toMatch(/new broken-link: \/no-such-page\/ — /);
    expect(r.stdout).toMatch(/new broken-link: \/shipping\/ — /);
    expect(r.stdout).toMatch(/"brightwell shipping time and cost" was answered \(by \/shipping\/\) and no longer is/);
    expect(r.stdout).toMatch(/purchase stage dropped from \d+ to \d+/);
    // What did not change is not reported: the demo's own broken links were there in the baseline too.
    expect(r.stdout).not.toMatch(/how-to-read-a-water-meter/);
  }, 300_000);

  it('exits 2 with one line for bad input', async () => {
    const cfg = await config('bad-target.json', [{ target: 'score:happiness', min: 1 }]);
    const bad = await zmot(['ci', '--config', cfg, '--dir', baselineDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/unknown score "happiness"/);
    const noDir = await zmot(['ci', '--config', cfg, '--serve', path.join(work, 'nope')]);
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toMatch(/--serve needs a folder/);
    const badBaseline = path.join(work, 'baseline.json');
    await writeFile(badBaseline, '{"schemaVersion": 1}');
    const r = await zmot(['ci', '--config', cfg, '--dir', baselineDir, '--baseline', badBaseline]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/baseline\.json: /);
  }, 120_000);
});
