import { describe, expect, it } from 'vitest';
import { diffRuns, sinceLastLines, trendEvents } from '../../../crawler/history/diff.ts';
import type { PageSnapshot, QuestionSnapshot, RunSnapshot } from '../../../crawler/history/snapshot.ts';

// Each explanation the diff gives, on runs built inline: one cause per question.
const page = (path: string, over: Partial<PageSnapshot> = {}): PageSnapshot => ({ path, status: 200, indexable: true, noindex: false, canonical: path, inSitemap: true, title: path, words: 500, findability: 0.9, failing: [], ...over });
const factors = { relevance: 0.9, shape: 0.9, directness: 0.9, tone: 1 };
const question = (id: string, over: Partial<QuestionSnapshot> = {}): QuestionSnapshot => ({
  id, text: `question ${id}`, stage: 'purchase', persona: null, weight: 1, lang: 'en', visibility: 0.8, answered: true,
  bestUrl: `/${id}/`, bestHeading: null, answer: 0.9, findability: 0.9, factors, notes: [], gapMissing: null, ...over,
});
function run(id: number, questions: QuestionSnapshot[], pages: PageSnapshot[], configHash = 'c1'): RunSnapshot {
  return {
    run: { id, recordedAt: `2026-12-0${id}T10:00:00.000Z`, command: 'crawl', site: 'Brand · example.com', siteName: 'Brand', startUrl: 'https://example.com/', crawlStartedAt: null, configHash, toolVersion: '0', zmot: 60, stages: { interest: 60, comparison: 60, purchase: 60 }, personas: {}, pages: pages.length, indexable: pages.length, questions: questions.length, answered: 0, gaps: 0, issues: { error: 0, warning: 0, notice: 0 } },
    config: '{}', questions, pages, issues: [],
  };
}

describe('history diff', () => {
  const before = run(1, [
    question('gone', { weight: 2 }),
    question('hidden'),
    question('priced', { visibility: 0.3, answered: false, answer: 0.33, factors: { ...factors, shape: 0.35 }, notes: ['no price on the page'] }),
    question('steady'),
  ], [page('/gone/'), page('/hidden/'), page('/priced/'), page('/steady/'), page('/home/')]);
  const after = run(2, [
    question('gone', { weight: 2, visibility: 0.1, answered: false, bestUrl: '/home/' }),
    question('hidden', { visibility: 0, answered: false, findability: 0 }),
    question('priced'),
    question('steady'),
    question('new-one', { visibility: 0.7 }),
  ], [page('/hidden/', { noindex: true, indexable: false, findability: 0 }), page('/priced/'), page('/steady/'), page('/home/'), page('/new-one/')], 'c2');
  const d = diffRuns(before, after);

  it('explains each question by its cause, most important first', () => {
    expect(d.questions.map((q) => [q.questionId, q.kind])).toEqual([['gone', 'lost'], ['hidden', 'lost'], ['priced', 'gained'], ['new-one', 'added']]);
    expect(d.questions[0].reasons[0]).toBe('page /gone/ removed (not found in the crawl any more)');
    expect(d.questions[1].reasons[0]).toBe('noindex added on /hidden/');
    expect(d.questions[2].reasons).toContain('price added on /priced/');
    expect(d.questions[2].reasons).toContain('shape 35 → 90');
    expect(d.questions.find((q) => q.questionId === 'steady')).toBeUndefined();
  });

  it('names the site-level events that explain a jump in the trend', () => {
    expect(d.site).toMatchObject({ pagesAdded: ['/new-one/'], pagesRemoved: ['/gone/'], noindexAdded: ['/hidden/'], questionsAdded: ['question new-one'], configChanged: true });
    expect(trendEvents(before, after).map((e) => e.kind)).toEqual(['config-changed', 'pages-added', 'pages-removed', 'pages-noindexed', 'questions-added']);
    const lines = sinceLastLines(d);
    expect(lines[0]).toBe('ZMOT 60 → 60 (±0) since run #1 (2026-12-01 10:00 UTC)');
    expect(lines).toContain('lost · purchase · "question gone" (80 → 10): page /gone/ removed (not found in the crawl any more); best answer moved from /gone/ to /home/');
  });
});
