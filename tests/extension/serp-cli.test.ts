import path from 'node:path';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { readSavedSerp } from '../../crawler/commands/serp.ts';
import { UsageError } from '../../crawler/errors.ts';
import { zmot, zmotInProcess } from '../helpers/cli.ts';
import { SERP_FIXTURES } from './harness.ts';
import { savedSerpPage } from '../helpers/serp-fixtures.ts';

// `zmot serp <saved-serp.html>` runs the content script's parser on a jsdom Document: what the
// extension would see on that page, from the command line, with the same exit codes as every command.
// The real binary (a process) where what reaches the terminal is the point; elsewhere the binary's own
// runCli in-process (zmotInProcess), which costs no process start.

describe('zmot serp', () => {
  it('prints the results page as JSON: query and its stage, organic results, "People also ask"', async () => {
    const file = path.join(SERP_FIXTURES, 'google-desktop-2023-featured-snippet.html');
    const { code, stdout } = await zmotInProcess(['serp', file, '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.query).toBe('featured snippet');
    expect(out.kind).toBe('results');
    expect(out.organic[0]).toMatchObject({ position: 1, featured: true, domain: 'developers.google.com' });
    expect(out.peopleAlsoAsk.length).toBeGreaterThan(0);
    expect(out.classification.stage).toMatch(/^(interest|comparison|purchase|navigational)$/);
  });

  it('prints the AI Overview of the 2026 page: collapsed, its text and cited sources, without noise on stderr', async () => {
    const file = savedSerpPage('ai-overview-top-stories-iran-war-status.html').file;
    const { code, stdout, stderr } = await zmotInProcess(['serp', file, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const out = JSON.parse(stdout);
    expect(out.aiOverview).toMatchObject({ present: true, expanded: false });
    expect(out.aiOverview.text).toMatch(/^The United States and Iran have reached an interim memorandum/);
    expect(out.aiOverview.sources.map((s: { domain: string }) => s.domain)).toEqual(['aljazeera.com', 'cbsnews.com', 'wusa9.com', 'palestinechronicle.com']);
    expect(out.organic).toHaveLength(8);
  });

  it('says nothing on stderr about stylesheets jsdom cannot parse', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-serp-'));
    try {
      // jsdom 29 reports "Could not parse CSS stylesheet" for this (valid) custom-property block.
      const file = path.join(dir, 'css.html');
      await writeFile(file, '<!doctype html><html itemscope itemtype="http://schema.org/SearchResultsPage"><head><title>x - Google Search</title><style>.a{--x:{}}</style></head><body><div id="rso"><div class="g"><a href="https://a.example/"><h3>A</h3></a></div></div></body></html>');
      const { code, stdout, stderr } = await zmot(['serp', file], { timeout: 120_000 });
      expect(code).toBe(0);
      expect(stdout).toContain('a.example');
      expect(stderr).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a German page in its own encoding and language', async () => {
    const out = await readSavedSerp(path.join(SERP_FIXTURES, 'google-desktop-2022-de-test.html'));
    expect(out.query).toBe('test');
    expect(out.organic[0].title).toBe('Stiftung Warentest | Unabhängig. Objektiv. Unbestechlich.');
    expect(out.classification?.lang).toBe('de');
  });

  it('tells a captcha page from a results page', async () => {
    const out = await readSavedSerp(path.join(SERP_FIXTURES, 'google-desktop-2023-recaptcha.html'));
    expect(out.kind).toBe('captcha');
    expect(out.organic).toEqual([]);
  });

  it('refuses a missing file, a page that is not Google’s and a bad --url with one line and exit 2', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zmot-serp-'));
    try {
      const notSerp = path.join(dir, 'blog.html');
      await writeFile(notSerp, '<!doctype html><title>My blog</title><h1>Hello</h1><script>alert(1)</script>');
      await expect(readSavedSerp(notSerp)).rejects.toThrow(UsageError);
      await expect(readSavedSerp(notSerp)).rejects.toThrow(/blog\.html: not a Google results page/);
      await expect(readSavedSerp(path.join(dir, 'nope.html'))).rejects.toThrow(/no such file/);
      await expect(readSavedSerp(path.join(SERP_FIXTURES, 'google-nojs-2023-google-nojs.html'), 'javascript:alert(1)')).rejects.toThrow(/--url is not an http\(s\) URL/);
      const { code, stderr } = await zmot(['serp', notSerp], { timeout: 120_000 });
      expect(code).toBe(2);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toContain('not a Google results page');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
