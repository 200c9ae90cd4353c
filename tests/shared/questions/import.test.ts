import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/questions/csv.ts';
import { jsonSyntaxError, lineOfPath, linesOfItems } from '../../../shared/questions/json-lines.ts';
import { parsePaaJson, parseQuestionFile, parseQuestionsCsv, parseSearchConsoleCsv, type QuestionImport } from '../../../shared/questions/index.ts';
import { ProspectQuestionSchema } from '../../../shared/schemas/index.ts';
import { QuestionsExportSchema } from '../../../shared/schemas/questions-export.ts';

const brand = { lang: 'en', brandNames: ['Brightwell Home', 'AquaGuard'], brandDomains: ['brightwell.example'] };

function ok(r: QuestionImport) {
  if (!r.ok) throw new Error(`expected questions, got error line ${r.error.line}: ${r.error.message}`);
  for (const q of r.questions) ProspectQuestionSchema.parse(q);
  return r;
}
function err(r: QuestionImport) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, remembering the line each row starts on', () => {
    const r = parseCsv('text,stage\n"a, b",interest\n"say ""hi""\nthere",purchase\nlast,comparison\n');
    expect(r.ok && r.rows.map((x) => [x.line, x.cells])).toEqual([
      [1, ['text', 'stage']],
      [2, ['a, b', 'interest']],
      [3, ['say "hi"\nthere', 'purchase']],
      [5, ['last', 'comparison']],
    ]);
  });

  it('detects semicolon and tab delimiters (European spreadsheets, TSV)', () => {
    const semi = parseCsv('question;stage\nprix détecteur;purchase');
    expect(semi.ok && semi.delimiter).toBe(';');
    expect(semi.ok && semi.rows[1].cells).toEqual(['prix détecteur', 'purchase']);
    const tab = parseCsv('question\tstage\nx\ty');
    expect(tab.ok && tab.delimiter).toBe('\t');
  });

  it('names the line of an unterminated quote', () => {
    const r = parseCsv('text\nfine\n"broken,\nstill broken\n');
    expect(r).toEqual({ ok: false, line: 3, message: 'a quoted field is never closed' });
  });

  it('strips a byte-order mark and handles CRLF', () => {
    const r = parseCsv('\uFEFFtext\r\nhello\r\n');
    expect(r.ok && r.rows.map((x) => x.cells[0])).toEqual(['text', 'hello']);
  });
});

describe('CSV of questions', () => {
  it('finds columns by header name and keeps stage, persona, weight and language', () => {
    const r = ok(parseQuestionsCsv('Persona,Question,Stage,Weight,Lang\nplumber,how to install a shut-off valve,purchase,3,en\n', brand));
    expect(r.questions).toEqual([
      expect.objectContaining({ text: 'how to install a shut-off valve', stage: 'purchase', persona: 'plumber', weight: 3, lang: 'en', source: 'csv' }),
    ]);
  });

  it('classifies a question without a stage', () => {
    const r = ok(parseQuestionsCsv('question\nbest water leak detector\nwhy do pipes burst in winter\nleak sensor price\n', brand));
    expect(r.questions.map((q) => q.stage)).toEqual(['comparison', 'interest', 'purchase']);
  });

  it('reads a file without a header as text, stage, persona, weight', () => {
    const r = ok(parseQuestionsCsv('how to find a leak,interest,homeowner,2\n', brand));
    expect(r.questions[0]).toMatchObject({ text: 'how to find a leak', stage: 'interest', persona: 'homeowner', weight: 2 });
  });

  it('accepts marketing stage names (awareness, consideration, decision)', () => {
    const r = ok(parseQuestionsCsv('question,stage\na,awareness\nb,consideration\nc,decision\n', brand));
    expect(r.questions.map((q) => q.stage)).toEqual(['interest', 'comparison', 'purchase']);
  });

  it('names the line of an unknown stage or a bad weight', () => {
    expect(err(parseQuestionsCsv('question,stage\nok,interest\nbad,shopping\n', brand))).toMatchObject({ code: 'bad-row', line: 3, message: expect.stringContaining('unknown stage "shopping"') });
    expect(err(parseQuestionsCsv('question,weight\nok,1\nbad,-2\n', brand))).toMatchObject({ line: 3, message: 'weight must be a positive number, got "-2"' });
  });

  it('skips navigational queries and duplicates, saying which line and why', () => {
    const r = ok(parseQuestionsCsv('question\nBrightwell Home\nhow to find a leak\nHow to find a leak?\n', brand));
    expect(r.questions).toHaveLength(1);
    expect(r.skipped).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringMatching(/^navigational query/) }),
      { line: 4, text: 'How to find a leak?', reason: 'duplicate of line 3' },
    ]);
  });

  it('refuses an empty file with a clear message', () => {
    expect(err(parseQuestionsCsv('  \n', brand))).toMatchObject({ code: 'empty', message: 'the file is empty' });
  });
});

describe('Search Console "Queries" export', () => {
  const gsc = 'Top queries,Clicks,Impressions,CTR,Position\nwater leak detector,120,"4,310",2.78%,6.1\nbrightwell home,300,900,33%,1.0\nhow to find a hidden water leak,10,1200,0.8%,9.4\nleak sensor price,4,0,0%,40\n';

  it('weighs each query by its impressions and classifies its stage', () => {
    const r = ok(parseSearchConsoleCsv(gsc, brand));
    expect(r.questions.map((q) => [q.text, q.weight, q.source])).toEqual([
      ['water leak detector', 4310, 'search-console'],
      ['how to find a hidden water leak', 1200, 'search-console'],
    ]);
    expect(r.questions[1].stage).toBe('interest');
  });

  it('skips brand (navigational) queries and queries without impressions', () => {
    const r = ok(parseSearchConsoleCsv(gsc, brand));
    expect(r.skipped.map((s) => [s.line, s.reason.split(' ')[0]])).toEqual([
      [3, 'navigational'],
      [5, 'no'],
    ]);
  });

  it('reads the French export header', () => {
    const r = ok(parseSearchConsoleCsv('Requêtes les plus fréquentes,Clics,Impressions,CTR,Position\nprix détecteur de fuite,3,250,1.2%,8\n', { ...brand, lang: 'fr' }));
    expect(r.questions[0]).toMatchObject({ text: 'prix détecteur de fuite', weight: 250, stage: 'purchase', lang: 'fr' });
  });

  it('names the line of a bad impressions value, and a missing column', () => {
    expect(err(parseSearchConsoleCsv('Top queries,Clicks,Impressions\nfine,1,10\nbad,1,lots\n', brand))).toMatchObject({ line: 3, message: 'impressions must be a whole number, got "lots"' });
    expect(err(parseSearchConsoleCsv('Page,Clicks,Impressions\n/a,1,2\n', brand))).toMatchObject({ code: 'bad-header', line: 1 });
    expect(err(parseSearchConsoleCsv('Top queries,Clicks\na,1\n', brand)).message).toBe('no Impressions column in the Search Console export');
  });
});

describe('"People also ask" JSON export', () => {
  const exported = {
    version: 1,
    exportedAt: '2026-01-20T10:00:00.000Z',
    questions: [
      { text: 'How do I find a hidden water leak?', query: 'hidden water leak', source: 'paa', lang: 'en', collectedAt: '2026-01-20T09:59:00.000Z', url: 'https://www.google.com/search?q=hidden+water+leak' },
      { text: 'hidden water leak', query: 'hidden water leak', source: 'query', collectedAt: '2026-01-20T09:59:00.000Z' },
      { text: 'Which is the best leak detector?', query: 'leak detector', source: 'paa', lang: 'en', collectedAt: '2026-01-20T09:58:00.000Z' },
    ],
  };

  it('matches its published schema, which the extension writes', () => {
    expect(QuestionsExportSchema.safeParse(exported).success).toBe(true);
  });

  it('imports each question with its source and a classified stage', () => {
    const r = ok(parsePaaJson(JSON.stringify(exported, null, 2), brand));
    expect(r.questions.map((q) => [q.text, q.source, q.stage])).toEqual([
      ['How do I find a hidden water leak?', 'paa', 'interest'],
      ['hidden water leak', 'query', 'interest'],
      ['Which is the best leak detector?', 'paa', 'comparison'],
    ]);
    expect(new Set(r.questions.map((q) => q.id)).size).toBe(3);
  });

  it('names the line of a JSON syntax error', () => {
    const text = '{\n  "version": 1,\n  "questions": [\n    { "text": "a", }\n  ]\n}';
    expect(err(parsePaaJson(text, brand))).toMatchObject({ code: 'bad-json', line: 4 });
  });

  it('names the line and field of a schema error', () => {
    const bad = structuredClone(exported);
    (bad.questions[2] as Record<string, unknown>).source = 'ads';
    const text = JSON.stringify(bad, null, 2);
    const e = err(parsePaaJson(text, brand));
    expect(e.code).toBe('bad-format');
    expect(e.message).toMatch(/^questions\.2\.source: /);
    expect(text.split('\n')[e.line! - 1]).toContain('"source": "ads"');
  });

  it('refuses JSON that is not a questions export', () => {
    expect(err(parsePaaJson('[1, 2]', brand)).message).toMatch(/not a ZMOT Lens questions export/);
  });

  it('is reachable through parseQuestionFile with the config format name', () => {
    expect(parseQuestionFile('paa-json', JSON.stringify(exported), brand).ok).toBe(true);
    expect(parseQuestionFile('search-console', 'Top queries,Impressions\nx,1\n', brand).ok).toBe(true);
  });
});

describe('lineOfPath', () => {
  it('finds the line of a nested value, or of its nearest existing parent', () => {
    const text = '{\n  "a": [\n    1,\n    { "b": 2 }\n  ]\n}';
    expect(lineOfPath(text, ['a', 1, 'b'])).toBe(4);
    expect(lineOfPath(text, ['a', 0])).toBe(3);
    expect(lineOfPath(text, ['a', 5])).toBe(2);
  });
});

describe('jsonSyntaxError', () => {
  it('names where a JSON text breaks and what it should have had, strictly (no comments, no trailing comma)', () => {
    expect(jsonSyntaxError('{\n  "a": 1,\n}')).toMatchObject({ line: 3, column: 1, expected: 'a property name in double quotes', found: '"}"' });
    expect(jsonSyntaxError('[1, // two\n2]')).toMatchObject({ line: 1, column: 5, expected: 'a value', found: '"/"' });
    expect(jsonSyntaxError('{"a": "x\u0001"}')).toMatchObject({ column: 9, expected: 'a valid string', found: 'U+0001' });
    expect(jsonSyntaxError('{"a": "\\q"}')).toMatchObject({ column: 9, expected: 'a valid string', found: '"q"' });
    expect(jsonSyntaxError('{"a": 1.}')).toMatchObject({ column: 9, expected: 'a digit', found: '"}"' });
    expect(jsonSyntaxError('[true1]')).toMatchObject({ column: 6, expected: "',' or ']'", found: '"1"' });
    expect(jsonSyntaxError('[1]\u00a0')).toMatchObject({ column: 4, expected: 'end of file', found: '"\u00a0"' });
    expect(jsonSyntaxError('{"a": [1, {"b": null}]}')).toBeNull();
  });

  it('answers for any nesting depth', () => {
    const deep = `{"x": ${'['.repeat(50_000)}${']'.repeat(50_000)},\n"questions": [1,\n2]}`;
    expect(jsonSyntaxError(deep)).toBeNull();
    expect(jsonSyntaxError('['.repeat(50_000))).toMatchObject({ expected: 'a value', found: 'end of file' });
    expect(linesOfItems(deep, ['questions'])).toEqual([2, 3]);
  });
});
