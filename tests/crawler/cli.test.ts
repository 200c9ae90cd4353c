import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zmot, zmotInProcess, type CliResult } from '../helpers/cli.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';

/** Bad input: exit 2 and exactly one line on stderr, with no stack trace. */
function expectOneLineError(r: CliResult, pattern: RegExp) {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

// The real binary (`zmot`, a process) for what only a process shows: help, exit codes, one line on stderr;
// the rest through the binary's own runCli in-process (zmotInProcess), which costs no process start.
describe('zmot CLI exit codes', () => {
  it('prints help for the program and each subcommand and exits 0', async () => {
    const top = await zmot(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: zmot/);
    for (const cmd of ['page', 'demo']) {
      const r = await zmotInProcess([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: zmot ${cmd}`);
    }
  });

  it('exits 2 with one line for a missing file, from its bundle and from its TypeScript through tsx alike', async () => {
    // ZMOT_NO_BUNDLE: what runs when the bundle (crawler/bin/cli-bundle.js) cannot be built.
    const [bundled, typescript] = await Promise.all([zmot(['page', 'no/such/page.html']), zmot(['page', 'no/such/page.html'], { env: { ZMOT_NO_BUNDLE: '1' } })]);
    expectOneLineError(bundled, /no such file: no\/such\/page\.html/);
    expectOneLineError(typescript, /no such file: no\/such\/page\.html/);
  });

  it('exits 2 with one line for a bad URL', async () => {
    expectOneLineError(await zmotInProcess(['page', 'http://exa mple.com/']), /not a valid URL/);
    expectOneLineError(await zmotInProcess(['page', 'ftp://example.com/x']), /unsupported URL scheme/);
  });

  it('exits 2 for an unknown subcommand or option', async () => {
    expectOneLineError(await zmot(['frobnicate']), /unknown command/);
    expectOneLineError(await zmot(['page', 'x.html', '--no-such-flag']), /unknown option/);
  });

  it('exits 2 with one line for a config file that cannot be read, is not JSON, or has a bad field', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-cli-'));
    const { loadConfig } = await import('../../crawler/config-file.ts');
    const notJson = path.join(dir, 'bad.json');
    await writeFile(notJson, '{ brand: ');
    await expect(loadConfig(notJson)).rejects.toThrow(/bad\.json: not valid JSON/);
    const badField = path.join(dir, 'field.json');
    await writeFile(badField, JSON.stringify({ brand: { name: 'B' }, crawl: { concurrency: 'lots' } }));
    await expect(loadConfig(badField)).rejects.toThrow(/field\.json: crawl\.concurrency: /);
    const unreadable = path.join(dir, 'locked.json');
    await writeFile(unreadable, '{}');
    await chmod(unreadable, 0o000);
    // root can read anything; a directory is unreadable as a file for everyone.
    await expect(loadConfig(process.getuid?.() === 0 ? dir : unreadable)).rejects.toThrow(/cannot read config/);
    await expect(loadConfig(path.join(dir, 'missing.json'))).rejects.toThrow(/no such file/);
  });

  it('scores a saved page and prints its audits, as text and as JSON', async () => {
    const file = path.join(SHARED_FIXTURES, 'lighthouse-seo/seo-failure-cases.html');
    const text = await zmotInProcess(['page', file, '--url', 'https://brand.example/x.html', '--header', 'X-Robots-Tag: none']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/not indexable/);
    expect(text.stdout).toMatch(/document-title/);
    const json = await zmotInProcess(['page', file, '--json', '--url', 'https://brand.example/x.html']);
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout);
    expect(data.page.url).toBe('https://brand.example/x.html');
    expect(data.page.audits.find((a: { id: string }) => a.id === 'document-title').score).toBe(0);
    expect(data.artifacts.links.length).toBeGreaterThan(0);
  });
});
