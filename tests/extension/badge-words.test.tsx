// @vitest-environment jsdom
import { options, render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultScore } from '../../shared/schemas/extension.ts';
import { ResultBadge } from '../../extension/components/ResultBadge.tsx';
import { Legend } from '../../extension/components/SummaryPanel.tsx';
import { analyzePage } from '../../extension/entrypoints/google.content/analyze.ts';
import { summarize } from '../../extension/utils/summary.ts';
import { SettingsSchema } from '../../shared/schemas/extension.ts';
import { readSavedSerpPage } from '../helpers/serp-fixtures.ts';
import { loadIntoDocument } from './helpers.ts';

// Effects flushed on a plain timer, not preact's 100 ms rAF fallback, which can fire after jsdom's teardown (see pages.test.tsx).
options.requestAnimationFrame = (flush) => setTimeout(flush, 0);

// What a badge says: the question it scored when that is not the query (in the pill itself), a
// quiet marker rather than a pill for a result without a score, and a legend for the numbers.

const score = (answerFor: string | null): ResultScore => ({
  url: 'https://brightwell.example/pricing/',
  source: 'report',
  answer: 0.62,
  answerFor,
  findability: 0.8,
  indexable: true,
  stageProfile: null,
  dominantStage: null,
  failing: [],
  passage: null,
  notes: [],
  title: 'Pricing',
  scoredAt: '2026-01-02T03:04:05.000Z',
});

function shown(node: preact.ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(node, root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the badge pill', () => {
  it('names the closest question when the answer was scored for another one than the query', () => {
    const pill = shown(<ResultBadge state={{ status: 'scored', score: score('how much does the brightwell sentry cost') }} party="brand" query="brightwell sentry price" />);
    expect(pill.querySelector('[data-field="closest"]')!.textContent).toBe('closest question: how much does the brightwell sentry cost');
    expect(pill.querySelector('[data-metric="answer"] .zl-metric-value')!.textContent).toBe('62');
  });

  it('says nothing more when the query is the question (case and punctuation aside)', () => {
    const pill = shown(<ResultBadge state={{ status: 'scored', score: score('How much does the Brightwell Sentry cost?') }} party="brand" query="how much does the brightwell sentry cost" />);
    expect(pill.querySelector('[data-field="closest"]')).toBeNull();
  });

  it('a result without a score gets a quiet marker, a full pill only when the options ask for it', () => {
    const state = { status: 'unscored', reason: 'not-in-report', message: 'Not in your report.' } as const;
    const quiet = shown(<ResultBadge state={state} party="other" />);
    expect(quiet.querySelector('.zl-pill')!.classList.contains('zl-quiet')).toBe(true);
    expect(quiet.querySelector('.zl-status')).toBeNull();
    const full = shown(<ResultBadge state={state} party="other" showUnscored />);
    expect(full.querySelector('.zl-status')!.textContent).toBe('not scored');
  });

  it('the legend says what both numbers, the scale and the colours mean', () => {
    const text = shown(<Legend />).textContent!;
    expect(text).toMatch(/Answer: .*Findability: .*0 to 100.*70–100 good.*40–69 average.*0–39 poor.*not scored/s);
  });

  it('the panel lists each competitor once, at its best position, on a saved page where one site holds several results', () => {
    const doc = loadIntoDocument(readSavedSerpPage('google-nojs-2023-google-nojs.html'));
    const domains = analyzePage(doc, 'https://www.google.com/search?q=google', SettingsSchema.parse({})).results.map((r) => r.result.domain);
    // Every domain of the page is a competitor here; some hold several positions.
    const repeated = [...new Set(domains.filter((d, i) => domains.indexOf(d) !== i))];
    expect(repeated.length).toBeGreaterThan(0);
    const analysis = analyzePage(doc, 'https://www.google.com/search?q=google', SettingsSchema.parse({ competitorDomains: [...new Set(domains)] }));
    const listed = summarize(analysis, new Map()).competitors;
    expect(listed.map((c) => c.domain)).toEqual([...new Set(domains)]);
    for (const c of listed) expect(c.position).toBe(domains.indexOf(c.domain) + 1);
  });
});
