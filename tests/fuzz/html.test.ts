/**
 * Random and mutated HTML through the page pipeline (extract → audits → findability): every input
 * gives artifacts that satisfy their schema and a page result, in bounded time, never an exception.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractArtifacts, type PageInput } from '../../shared/extract/index.ts';
import { boundedHtml, capMarkup, parseHtml } from '../../shared/extract/parse-html.ts';
import { pageResultFrom } from '../../shared/pipeline.ts';
import { PageArtifactsSchema } from '../../shared/schemas/index.ts';
import { SHARED_FIXTURES } from '../helpers/paths.ts';
import { bounded, mutate, mutation, params, payload, randomHtml, realPages, suiteTimeout } from './fuzz.ts';

const PAGES = realPages();

function scoreOrFail(html: string, headers: Array<[string, string]> = [['content-type', 'text/html; charset=utf-8']]) {
  const input: PageInput = { url: 'http://127.0.0.1:8080/dir/page.html?q=1', status: 200, headers, html, depth: 1 };
  const artifacts = bounded('extractArtifacts', html, () => extractArtifacts(input));
  const valid = PageArtifactsSchema.safeParse(artifacts);
  if (!valid.success) throw new Error(`artifacts break their schema: ${valid.error.issues[0]?.path.join('.')}: ${valid.error.issues[0]?.message}`);
  const result = bounded('pageResultFrom', html, () => pageResultFrom(artifacts));
  expect(result.url).toBe(input.url);
  expect(result.findability.score).toBeGreaterThanOrEqual(0);
  return { artifacts, result };
}

describe('page pipeline on hostile HTML', () => {
  it('reads random markup', { timeout: suiteTimeout(40_000) }, () => {
    fc.assert(fc.property(randomHtml, (html) => void scoreOrFail(html)), params(60));
  });

  it('reads mutated real pages (sliced, duplicated, injected, end tags dropped)', { timeout: suiteTimeout(40_000) }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAGES), fc.array(mutation, { minLength: 1, maxLength: 4 }), (page, mutations) => void scoreOrFail(mutate(page.html, mutations))),
      params(40),
    );
  });

  it('reads pages with hostile response headers', { timeout: suiteTimeout(20_000) }, () => {
    const headerValue = fc.oneof(payload, fc.string({ maxLength: 60 }), fc.constantFrom('<javascript:alert(1)>; rel=canonical', '<>; rel=alternate; hreflang=', 'noindex, googlebot: nofollow, unavailable_after: x'));
    const headers = fc.array(fc.tuple(fc.constantFrom('link', 'x-robots-tag', 'content-type', 'content-language', 'Link', 'X-Robots-Tag'), headerValue), { maxLength: 6 });
    fc.assert(fc.property(fc.constantFrom(...PAGES), headers, (page, h) => void scoreOrFail(page.html, h)), params(40));
  });

  it('reads each parser bomb in bounded time, with the text after the bomb', { timeout: suiteTimeout(60_000) }, () => {
    const bombs: Record<string, string> = {
      'nested divs': '<div>'.repeat(50_000),
      'nested and closed': `${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}`,
      'nested templates': '<template>'.repeat(20_000),
      'nested tables': '<table><tr><td>'.repeat(20_000),
      'nested lists': '<ul><li>'.repeat(30_000),
      'svg groups': `<svg>${'<g>'.repeat(30_000)}</svg>`,
      'open formatting, then paragraphs': `<p>${Array.from({ length: 500 }, (_, i) => `<b class=c${i}>`).join('')}</p>${'<p>x</p>'.repeat(50_000)}`,
      'open bold in every paragraph': '<p><b>x</p>'.repeat(50_000),
      'attributes': `<div ${Array.from({ length: 50_000 }, (_, i) => `a${i}`).join(' ')}>x</div>`,
      'flat links': '<a href="/x">x</a>'.repeat(60_000),
      'rows': `<table>${'<tr><td>x</td></tr>'.repeat(60_000)}</table>`,
      'deep JSON-LD': `<script type="application/ld+json">${'['.repeat(100_000)}${']'.repeat(100_000)}</script>`,
    };
    for (const [name, bomb] of Object.entries(bombs)) {
      const html = `<!doctype html><title>t</title><main><h1>Before</h1>${bomb}<h2>After the bomb</h2><p>closing words <a href="/after">after</a></p></main>`;
      const { artifacts } = scoreOrFail(html);
      expect(artifacts.title, name).toBe('t');
      if (!/nested|open formatting|svg|rows|flat links/.test(name)) expect(artifacts.links.some((l) => l.href === '/after'), name).toBe(true);
    }
  });

  it('leaves every ordinary page unchanged by the markup caps, saved results pages included', () => {
    for (const page of PAGES.filter((p) => !p.name.startsWith('hostile/'))) {
      expect(capMarkup(page.html).html, page.name).toBe(page.html);
      expect(parseHtml(page.html).warnings, page.name).toEqual([]);
    }
    // `zmot serp` passes saved pages through boundedHtml as latin1 before jsdom reads them.
    const serpDir = path.join(SHARED_FIXTURES, 'serp');
    for (const file of readdirSync(serpDir).filter((f) => f.endsWith('.html'))) {
      const bounded = boundedHtml(readFileSync(path.join(serpDir, file)).toString('latin1'));
      expect({ file, changed: bounded.changed, warnings: bounded.warnings }).toEqual({ file, changed: false, warnings: [] });
    }
  });
});
