/**
 * Question files as users and tools produce them, broken every way: any CSV of questions, Search
 * Console exports, the extension's JSON export. Each parser returns valid questions or a typed error
 * naming the line, in bounded time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, parsePaaJson, parseQuestionsCsv, parseSearchConsoleCsv, type QuestionImport } from '../../shared/questions/index.ts';
import { ProspectQuestionSchema } from '../../shared/schemas/index.ts';
import { anyText, bounded, isOneLine, mutate, mutation, params, payload, suiteTimeout } from './fuzz.ts';

function expectTyped(result: QuestionImport, text: string) {
  if (result.ok) {
    for (const q of result.questions) expect(ProspectQuestionSchema.safeParse(q).success, JSON.stringify(q)).toBe(true);
    expect(new Set(result.questions.map((q) => q.id)).size).toBe(result.questions.length);
    return;
  }
  expect(isOneLine(result.error.message), result.error.message).toBe(true);
  if (result.error.line !== null) {
    expect(Number.isInteger(result.error.line) && result.error.line >= 1).toBe(true);
    expect(result.error.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length + 1);
  }
}

const cell = fc.oneof(
  fc.constantFrom('', 'interest', 'comparison', 'purchase', 'navigational', 'awareness', 'BOFU', 'stage?', '1', '0', '-1', '1,5', '1 234', 'NaN', 'Infinity', 'en', 'fr', 'xx-long-language', '"quoted"', 'a "b" c', '=1+1'),
  anyText,
  payload,
);
const csvText = fc
  .tuple(
    fc.oneof(fc.constant(null), fc.array(fc.constantFrom('question', 'text', 'query', 'stage', 'persona', 'weight', 'lang', 'id', 'Top queries', 'Clicks', 'Impressions', 'CTR', 'Position', 'Requêtes les plus fréquentes', 'x'), { minLength: 1, maxLength: 6 })),
    fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 25 }),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([header, rows, delim, nl, bom]) => {
    const quote = (c: string) => (/[",;\t\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
    const lines = [...(header ? [header] : []), ...rows].map((r) => r.map(quote).join(delim));
    return `${bom ? '\uFEFF' : ''}${lines.join(nl)}`;
  });
/** Broken the ways files break: cut mid-quote, bytes injected, lines duplicated. */
const brokenCsv = fc.tuple(csvText, fc.array(mutation, { maxLength: 3 })).map(([t, m]) => mutate(t, m));

describe('question file parsers on hostile files', () => {
  it('the CSV reader gives rows with their lines, or the line of the error', { timeout: suiteTimeout(20_000) }, () => {
    fc.assert(
      fc.property(fc.oneof(brokenCsv, anyText), (text) => {
        const out = bounded('parseCsv', text, () => parseCsv(text));
        if (out.ok) for (const r of out.rows) expect(r.line).toBeGreaterThanOrEqual(1);
        else expect(isOneLine(out.message)).toBe(true);
      }),
      params(400),
    );
  });

  it('a questions CSV gives valid questions or a typed error', { timeout: suiteTimeout(30_000) }, () => {
    fc.assert(fc.property(fc.oneof(csvText, brokenCsv, anyText), (text) => expectTyped(bounded('parseQuestionsCsv', text, () => parseQuestionsCsv(text, { lang: 'en', brandNames: ['Acme'] })), text)), params(200));
  });

  it('a Search Console export gives valid questions or a typed error', { timeout: suiteTimeout(30_000) }, () => {
    const gsc = fc
      .array(fc.tuple(cell, fc.oneof(fc.constantFrom('12', '1,234', '1 234', '1.234', '0', '-5', 'n/a', '12.5%'), anyText)), { maxLength: 25 })
      .map((rows) => `Top queries,Clicks,Impressions,CTR,Position\n${rows.map(([q, i]) => `"${q.replaceAll('"', '""')}",1,"${i.replaceAll('"', '""')}",1%,3.2`).join('\n')}`);
    fc.assert(fc.property(fc.oneof(gsc, brokenCsv, gsc.chain((t) => fc.array(mutation, { maxLength: 3 }).map((m) => mutate(t, m)))), (text) => expectTyped(bounded('parseSearchConsoleCsv', text, () => parseSearchConsoleCsv(text, { lang: 'en' })), text)), params(150));
  });

  it('the extension’s JSON export gives valid questions or a typed error', { timeout: suiteTimeout(30_000) }, () => {
    const item = fc.record({
      text: fc.oneof(cell, fc.constant('how much does a leak sensor cost?')),
      query: fc.oneof(cell, fc.constant('leak sensor')),
      source: fc.constantFrom('paa', 'query', 'other'),
      lang: fc.option(cell, { nil: undefined }),
      collectedAt: fc.constantFrom('2026-01-02T03:04:05Z', '2026-01-02', 'yesterday'),
      url: fc.option(fc.oneof(fc.webUrl(), payload), { nil: undefined }),
    });
    const doc = fc.record({ version: fc.constantFrom(1, 2, '1'), exportedAt: fc.constantFrom('2026-01-02T03:04:05Z', 'x'), questions: fc.array(item, { maxLength: 12 }) }).map((d) => JSON.stringify(d, null, 2));
    const broken = fc.tuple(doc, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([t, m]) => mutate(t, m));
    fc.assert(fc.property(fc.oneof(doc, broken, fc.jsonValue().map((v) => JSON.stringify(v)), anyText), (text) => expectTyped(bounded('parsePaaJson', text, () => parsePaaJson(text, { lang: 'en' })), text)), params(200));
  });

  it('large and repetitive files are read in bounded time', () => {
    const sameId = `id,question,stage\n${Array.from({ length: 20_000 }, (_, i) => `q,question number ${i} about leaks,interest`).join('\n')}`;
    const out = bounded('CSV with one id on every row', 'x', () => parseQuestionsCsv(sameId));
    expectTyped(out, sameId);
    expect(out.ok && out.questions.length).toBe(20_000);

    const many = JSON.stringify({ version: 1, exportedAt: '2026-01-02T03:04:05Z', questions: Array.from({ length: 5_000 }, (_, i) => ({ text: `how do leak sensors work ${i}?`, query: 'leak sensor', source: 'paa', collectedAt: '2026-01-02T03:04:05Z' })) }, null, 2);
    expectTyped(bounded('export of 5,000 questions', 'x', () => parsePaaJson(many)), many);

    const deep = `{"extra": ${'['.repeat(50_000)}${']'.repeat(50_000)}, "version": 1, "exportedAt": "x", "questions": []}`;
    expectTyped(bounded('export with a deeply nested extra field', 'x', () => parsePaaJson(deep)), deep);

    const wide = `question\n${'x,'.repeat(200_000)}`;
    expectTyped(bounded('one row of 200,000 cells', 'x', () => parseQuestionsCsv(wide)), wide);
  });
});
