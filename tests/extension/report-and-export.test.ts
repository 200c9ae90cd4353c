import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseCsv } from '../../shared/questions/csv.ts';
import { parseQuestionFile } from '../../shared/questions/index.ts';
import { QuestionsExportSchema, type ExportedQuestion } from '../../shared/schemas/questions-export.ts';
import { importReport, scoreFromReport } from '../../extension/utils/report-index.ts';
import { csvCell, questionsCsv, questionsExport } from '../../extension/utils/questions-export.ts';
import { readSettingsChecked } from '../../extension/utils/settings.ts';
import { readQuestions, readReportIndex, readScoreCache } from '../../extension/utils/storage.ts';
import { buildReport, demoPage } from './helpers.ts';
import { demoRoutes } from './harness.ts';

// What the options page does with files: a crawl report is checked with the shared schema (a bad
// file gets one line naming the file and the field), questions export as JSON that `zmot` reads
// and CSV that a spreadsheet cannot turn into formulas; stored values are parsed on every read.

const ORIGIN = 'https://brightwell.example';

describe('importing a crawl report', () => {
  const report = buildReport(
    [
      { url: `${ORIGIN}/guides/what-is-a-leak-detector/`, html: demoPage('guides/what-is-a-leak-detector', ORIGIN) },
      { url: `${ORIGIN}/pricing/`, html: demoPage('pricing', ORIGIN) },
    ],
    [
      { text: 'what is a water leak detector', stage: 'interest' },
      { text: 'how much does the brightwell sentry cost', stage: 'purchase' },
    ],
    ORIGIN,
  );

  it('keeps every page, keyed so that Google’s URL finds it, with its findability and stage profile', () => {
    const result = importReport('report.json', JSON.stringify(report));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const pricing = scoreFromReport(result.index, 'https://www.brightwell.example/pricing', 'brightwell sentry price', 'en');
    expect(pricing).not.toBeNull();
    expect(pricing!.stageProfile).toEqual(report.pages[1].stageProfile);
    expect(pricing!.failing.map((f) => f.id)).toEqual(report.pages[1].findability.failing.map((f) => f.id));
    // "brightwell sentry price" is not a report question, but the nearest one is about the same thing.
    expect(pricing!.answerFor).toBe('how much does the brightwell sentry cost');
    expect(pricing!.notes[0]).toContain('nearest question');
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const result = importReport('crawl.html', '<!doctype html><title>report</title>');
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^crawl\.html: not a JSON file/) });
  });

  it('refuses JSON that is not a crawl report, naming the field', () => {
    const broken = { ...report, pages: [{ ...report.pages[0], findability: { score: 'high' } }] };
    const result = importReport('report.json', JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^report\.json: not a ZMOT Lens crawl report — pages\.0\.findability\.score: /);
    expect(result.message).not.toContain('\n');
  });

  it('refuses a report of another schema version', () => {
    const result = importReport('old.json', JSON.stringify({ ...report, schemaVersion: 99 }));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('schemaVersion') });
  });
});

describe('exporting collected questions', () => {
  const questions: ExportedQuestion[] = [
    { text: 'How does a leak detector work?', query: 'leak detector', source: 'paa', lang: 'en', collectedAt: '2026-01-02T10:00:00.000Z', url: 'https://www.google.com/search?q=leak+detector' },
    { text: '=HYPERLINK("http://evil.example","click")', query: '+cmd|calc', source: 'paa', collectedAt: '2026-01-02T10:00:00.000Z' },
    { text: 'leak detector', query: 'leak detector', source: 'query', collectedAt: '2026-01-02T10:00:00.000Z' },
  ];

  it('writes JSON in the shared export schema, which zmot imports as "paa-json"', () => {
    const text = JSON.stringify(questionsExport(questions, new Date('2026-01-03T00:00:00Z')));
    expect(QuestionsExportSchema.parse(JSON.parse(text))).toEqual({ version: 1, exportedAt: '2026-01-03T00:00:00.000Z', questions });
    const imported = parseQuestionFile('paa-json', text);
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(imported.questions.map((q) => q.text)).toContain('How does a leak detector work?');
  });

  it('writes CSV that zmot imports as a questions CSV', () => {
    const imported = parseQuestionFile('csv', questionsCsv(questions.slice(0, 1)));
    expect(imported.ok).toBe(true);
    if (imported.ok) expect(imported.questions.map((q) => q.text)).toEqual(['How does a leak detector work?']);
  });

  it('writes CSV a spreadsheet cannot run as formulas, and the shared CSV reader reads back', () => {
    const csv = questionsCsv(questions);
    const parsed = parseCsv(csv);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [header, ...rows] = parsed.rows.map((r) => r.cells);
    expect(header).toEqual(['text', 'query', 'source', 'lang', 'collectedAt', 'url']);
    expect(rows[0][0]).toBe('How does a leak detector work?');
    expect(rows[1][0]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[1][1]).toBe(`'+cmd|calc`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('stored values are parsed on every read', () => {
  beforeEach(() => fakeBrowser.reset());

  it('falls back to default settings, with a notice, when the stored ones are invalid', async () => {
    await fakeBrowser.storage.local.set({ settings: { brandDomains: ['<script>'], showBadges: 'yes' } });
    const { settings, notice } = await readSettingsChecked();
    expect(settings.brandDomains).toEqual([]);
    expect(settings.showBadges).toBe(true);
    expect(notice).toContain('reset to the defaults');
  });

  it('reads a corrupted report, question list or cache as empty', async () => {
    await fakeBrowser.storage.local.set({ reportIndex: { version: 1, pages: 'nope' }, questions: [{ text: 42 }], scoreCache: { k: { score: {}, expiresAt: 'never' } } });
    expect(await readReportIndex()).toBeNull();
    expect(await readQuestions()).toEqual([]);
    expect(await readScoreCache()).toEqual({});
  });
});

describe('a badge scores the searched query (issue 18)', () => {
  // A report of the whole demo site: the report keeps the passage of four pages per question, and
  // the answer score and findability of every page it retrieved.
  const routes = demoRoutes();
  const QUESTION = 'how much does the brightwell sentry cost';
  const OTHER = 'brightwell sentry reviews';
  const report = buildReport(
    routes.map((route) => ({ url: `${ORIGIN}${route}`, html: demoPage(route.replace(/^\/|\/$/g, ''), ORIGIN) })),
    [
      { text: QUESTION, stage: 'purchase' },
      { text: OTHER, stage: 'comparison' },
    ],
    ORIGIN,
  );
  const cost = report.questions.find((q) => q.question.text === QUESTION)!;
  const kept = new Set([cost.best, ...cost.others].filter((a) => a !== null).map((a) => a!.url));
  const beyond = cost.pages!.find((p) => !kept.has(p.url))!;
  const retrieved = new Set(cost.pages!.map((p) => p.url));
  const notRetrieved = report.pages.map((p) => p.url).find((u) => !retrieved.has(u))!;

  it('the report carries every retrieved page of a question, not only the best four', () => {
    expect(kept.size).toBeLessThanOrEqual(4);
    expect(cost.pages!.length).toBeGreaterThan(kept.size);
    expect(beyond).toBeDefined();
    expect(notRetrieved).toBeDefined();
  });

  it('a page beyond the best four is scored for the searched question itself, from the compact scores', () => {
    const imported = importReport('report.json', JSON.stringify(report));
    if (!imported.ok) throw new Error(imported.message);
    const score = scoreFromReport(imported.index, beyond.url, QUESTION, 'en')!;
    expect(score.answerFor).toBe(QUESTION);
    expect(score.answer).toBe(beyond.answer);
    expect(score.findability).toBe(beyond.findability);
    expect(score.passage).toBeNull();
  });

  it('a page the report found nothing in for the searched question gets no answer score, never another question’s', () => {
    const imported = importReport('report.json', JSON.stringify(report));
    if (!imported.ok) throw new Error(imported.message);
    const score = scoreFromReport(imported.index, notRetrieved, QUESTION, 'en')!;
    expect(score.answerFor).toBe(QUESTION);
    expect(score.answer).toBeNull();
    expect(score.notes.join(' ')).toContain('no passage of this page for this question');
    // A report written before per-page scores existed: the same, never a fallback to another question.
    const old = { ...report, questions: report.questions.map(({ pages: _pages, ...q }) => q) };
    const oldImported = importReport('old.json', JSON.stringify(old));
    if (!oldImported.ok) throw new Error(oldImported.message);
    const oldScore = scoreFromReport(oldImported.index, beyond.url, QUESTION, 'en')!;
    expect(oldScore.answerFor).toBe(QUESTION);
    expect(oldScore.answer).toBeNull();
  });
});
