/**
 * Importing prospect questions: any CSV of questions, a Google Search Console "Queries" export,
 * and the extension's "People also ask" JSON export. Each parser takes the file's text and returns
 * the questions, or a typed error naming the line. Rows without a stage are classified.
 */
import { classifyQuery } from '../classify/query-stage.ts';
import { isLanguageTag } from '../language-tag.ts';
import { StageSchema, type ProspectQuestion, type QuestionSource, type Stage } from '../schemas/index.ts';
import {
  QuestionsExportSchema,
  type QuestionImportError,
  type SkippedQuestion,
} from '../schemas/questions-export.ts';
import { parseCsv } from './csv.ts';
import { normalizeQuestion, questionId } from './ids.ts';
import { jsonErrorLine, lineAt, lineOfPath, linesOfItems } from './json-lines.ts';

const MESSAGES = {
  empty: 'the file is empty',
  binary: 'binary data, not text: a spreadsheet (.xlsx) must be saved as "CSV UTF-8" first',
  noRows: 'the file has a header but no rows',
  badStage: (v: string) => `unknown stage ${quote(v)} (use interest, comparison or purchase, or leave it empty to classify)`,
  badWeight: (v: string) => `weight must be a positive number, got ${quote(v)}`,
  tooLong: 'question longer than 500 characters',
  noQueryColumn: 'no query column: a Search Console "Queries" export starts with "Top queries,Clicks,Impressions,CTR,Position"',
  noImpressionsColumn: 'no Impressions column in the Search Console export',
  badLang: (v: string) => `lang must be a language code such as en or fr-CA, got ${quote(v)}`,
  badImpressions: (v: string) => `impressions must be a whole number, got ${quote(v)}`,
  notJson: (why: string) => `not valid JSON (${why})`,
  badExport: (path: string, why: string) => `${path}: ${why}`,
  notExport: 'not a ZMOT Lens questions export (expected {"version": 1, "exportedAt": …, "questions": […]})',
  skipNavigational: (signal: string) => `navigational query${signal ? ` ("${signal}")` : ''}: outside the funnel`,
  skipNoImpressions: 'no impressions',
  skipDuplicate: (line: number) => `duplicate of line ${line}`,
  skipEmpty: 'empty question',
};

/** A language code as a questions file may give it: "en", "fr-CA", "pt-br" (BCP 47's common shapes). */

/**
 * A cell quoted in an error message: short, on one line, with line breaks, control characters and
 * bidi overrides escaped (a file's cell can hold anything, the message must stay one readable line).
 */
function quote(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(cut).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Header names recognised for each column of a questions CSV (lower-case, accents folded). */
const CSV_COLUMNS = {
  text: ['text', 'question', 'questions', 'query', 'queries', 'keyword', 'keywords', 'search term', 'requete', 'mot cle', 'mots cles'],
  stage: ['stage', 'funnel stage', 'etape', 'stade', 'phase'],
  persona: ['persona', 'audience', 'cible'],
  weight: ['weight', 'poids', 'volume', 'search volume', 'impressions'],
  lang: ['lang', 'language', 'langue'],
  id: ['id'],
};
/** Stage names marketers use for the same three stages (AIDA / TOFU-MOFU-BOFU words). */
const STAGE_ALIASES: Record<string, Stage> = {
  interest: 'interest', awareness: 'interest', tofu: 'interest', informational: 'interest', interet: 'interest',
  comparison: 'comparison', consideration: 'comparison', mofu: 'comparison', evaluation: 'comparison', comparaison: 'comparison',
  purchase: 'purchase', decision: 'purchase', bofu: 'purchase', transactional: 'purchase', conversion: 'purchase', achat: 'purchase',
};
/** First-column headers of Search Console "Queries" exports, in the languages Search Console speaks. */
const GSC_QUERY_HEADERS = /^(top queries|queries|query|requetes les plus frequentes|requetes|requete|haufigste suchanfragen|suchanfragen|consultas principales|consultas|query principali|principais consultas)$/;
const GSC_IMPRESSIONS = /^(impressions|impressionen|impresiones|impressioni|impressoes)$/;

export interface ImportOptions {
  /** Language of the questions when the file does not say (the config's first language). */
  lang?: string;
  /** The user's brand and competitor names and domains: a query made only of them is navigational. */
  brandNames?: string[];
  brandDomains?: string[];
}

export type QuestionImport =
  | { ok: true; questions: ProspectQuestion[]; skipped: SkippedQuestion[] }
  | { ok: false; error: QuestionImportError };

function fail(code: QuestionImportError['code'], line: number | null, message: string): QuestionImport {
  return { ok: false, error: { code, line, message } };
}

/** Where a file shows it is not text (NUL bytes, or many undecodable bytes and controls); null for text. */
function binaryAt(text: string): number | null {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return nul;
  const sample = text.slice(0, 8192);
  const junk = /[\ufffd\u0001-\u0008\u000e-\u001f]/g;
  const count = sample.match(junk)?.length ?? 0;
  return count > 8 && count > sample.length / 20 ? sample.search(junk) : null;
}

function fold(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/[_\-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The stage of a question without one: the query classifier's, or null when it is navigational. */
function classify(text: string, lang: string | undefined, options: ImportOptions): { stage: Stage | null; signal: string } {
  const c = classifyQuery(text, { lang, brandNames: options.brandNames ?? [], brandDomains: options.brandDomains ?? [] });
  if (c.stage === 'navigational') return { stage: null, signal: c.signals.find((s) => s.stage === 'navigational')?.signal ?? '' };
  return { stage: c.stage, signal: '' };
}

/** Keeps the first of questions with the same text and language. */
class Deduper {
  private readonly seen = new Map<string, number>();
  private readonly ids = new Set<string>();
  /** Next suffix to try per id: a file with one id on every row stays linear. */
  private readonly nextSuffix = new Map<string, number>();
  duplicateOf(text: string, lang: string | undefined, line: number): number | null {
    const key = `${lang ?? ''}|${normalizeQuestion(text)}`;
    const prev = this.seen.get(key);
    if (prev !== undefined) return prev;
    this.seen.set(key, line);
    return null;
  }
  uniqueId(id: string): string {
    let out = id;
    let n = this.nextSuffix.get(id) ?? 2;
    while (this.ids.has(out)) out = `${id}-${n++}`;
    this.nextSuffix.set(id, n);
    this.ids.add(out);
    return out;
  }
}

/**
 * Any CSV of questions. With a header, columns are found by name (text/question/query, stage,
 * persona, weight, lang, id); without one, the columns are text, stage, persona, weight.
 */
export function parseQuestionsCsv(text: string, options: ImportOptions = {}): QuestionImport {
  if (!text.trim()) return fail('empty', null, MESSAGES.empty);
  const binary = binaryAt(text);
  if (binary !== null) return fail('bad-format', lineAt(text, binary), MESSAGES.binary);
  const csv = parseCsv(text);
  if (!csv.ok) return fail('bad-csv', csv.line, csv.message);
  const rows = csv.rows;
  if (!rows.length) return fail('empty', null, MESSAGES.empty);
  const header = rows[0].cells.map(fold);
  const find = (names: string[]) => header.findIndex((h) => names.includes(h));
  const hasHeader = find(CSV_COLUMNS.text) >= 0;
  const col = hasHeader
    ? { text: find(CSV_COLUMNS.text), stage: find(CSV_COLUMNS.stage), persona: find(CSV_COLUMNS.persona), weight: find(CSV_COLUMNS.weight), lang: find(CSV_COLUMNS.lang), id: find(CSV_COLUMNS.id) }
    : { text: 0, stage: 1, persona: 2, weight: 3, lang: -1, id: -1 };
  const body = hasHeader ? rows.slice(1) : rows;
  if (!body.length) return fail('empty', rows[0].line, MESSAGES.noRows);

  const questions: ProspectQuestion[] = [];
  const skipped: SkippedQuestion[] = [];
  const dedupe = new Deduper();
  for (const row of body) {
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const q = cell(col.text).replace(/\s+/g, ' ');
    if (!q) {
      skipped.push({ line: row.line, text: '', reason: MESSAGES.skipEmpty });
      continue;
    }
    if (q.length > 500) return fail('bad-row', row.line, MESSAGES.tooLong);
    const rawLang = cell(col.lang);
    if (rawLang && !isLanguageTag(rawLang)) return fail('bad-row', row.line, MESSAGES.badLang(rawLang));
    const lang = rawLang || options.lang;
    let weight = 1;
    const rawWeight = cell(col.weight);
    if (rawWeight) {
      weight = Number(rawWeight.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
      if (!Number.isFinite(weight) || weight <= 0) return fail('bad-row', row.line, MESSAGES.badWeight(rawWeight));
    }
    let stage: Stage | null = null;
    const rawStage = cell(col.stage);
    if (rawStage) {
      const alias = STAGE_ALIASES[fold(rawStage)];
      if (fold(rawStage) === 'navigational') {
        skipped.push({ line: row.line, text: q, reason: MESSAGES.skipNavigational('') });
        continue;
      }
      if (!alias) return fail('bad-row', row.line, MESSAGES.badStage(rawStage));
      stage = alias;
    } else {
      const c = classify(q, lang, options);
      if (!c.stage) {
        skipped.push({ line: row.line, text: q, reason: MESSAGES.skipNavigational(c.signal) });
        continue;
      }
      stage = c.stage;
    }
    const dup = dedupe.duplicateOf(q, lang, row.line);
    if (dup !== null) {
      skipped.push({ line: row.line, text: q, reason: MESSAGES.skipDuplicate(dup) });
      continue;
    }
    questions.push(build(dedupe.uniqueId(cell(col.id) || questionId('csv', q)), q, stage, 'csv', weight, lang, cell(col.persona) || undefined));
  }
  return { ok: true, questions, skipped };
}

/** A Search Console performance export, "Queries" table: weight = impressions, stage = classified. */
export function parseSearchConsoleCsv(text: string, options: ImportOptions = {}): QuestionImport {
  if (!text.trim()) return fail('empty', null, MESSAGES.empty);
  const binary = binaryAt(text);
  if (binary !== null) return fail('bad-format', lineAt(text, binary), MESSAGES.binary);
  const csv = parseCsv(text);
  if (!csv.ok) return fail('bad-csv', csv.line, csv.message);
  const [head, ...body] = csv.rows;
  if (!head) return fail('empty', null, MESSAGES.empty);
  const header = head.cells.map(fold);
  const queryCol = header.findIndex((h) => GSC_QUERY_HEADERS.test(h));
  if (queryCol < 0) return fail('bad-header', head.line, MESSAGES.noQueryColumn);
  const impressionsCol = header.findIndex((h) => GSC_IMPRESSIONS.test(h));
  if (impressionsCol < 0) return fail('bad-header', head.line, MESSAGES.noImpressionsColumn);
  if (!body.length) return fail('empty', head.line, MESSAGES.noRows);

  const questions: ProspectQuestion[] = [];
  const skipped: SkippedQuestion[] = [];
  const dedupe = new Deduper();
  for (const row of body) {
    const q = (row.cells[queryCol] ?? '').trim().replace(/\s+/g, ' ');
    if (!q) {
      skipped.push({ line: row.line, text: '', reason: MESSAGES.skipEmpty });
      continue;
    }
    if (q.length > 500) return fail('bad-row', row.line, MESSAGES.tooLong);
    const rawImpressions = (row.cells[impressionsCol] ?? '').trim();
    // Exports format thousands as "1,234", "1 234" or "1.234" depending on the account's locale.
    const impressions = /^\d{1,3}([,.\s\u00a0\u202f]\d{3})*$|^\d+$/.test(rawImpressions) ? Number(rawImpressions.replace(/[,.\s\u00a0\u202f]/g, '')) : NaN;
    if (!Number.isInteger(impressions)) return fail('bad-row', row.line, MESSAGES.badImpressions(rawImpressions));
    if (impressions <= 0) {
      skipped.push({ line: row.line, text: q, reason: MESSAGES.skipNoImpressions });
      continue;
    }
    const c = classify(q, options.lang, options);
    if (!c.stage) {
      skipped.push({ line: row.line, text: q, reason: MESSAGES.skipNavigational(c.signal) });
      continue;
    }
    const dup = dedupe.duplicateOf(q, options.lang, row.line);
    if (dup !== null) {
      skipped.push({ line: row.line, text: q, reason: MESSAGES.skipDuplicate(dup) });
      continue;
    }
    questions.push(build(dedupe.uniqueId(questionId('gsc', q)), q, c.stage, 'search-console', impressions, options.lang));
  }
  return { ok: true, questions, skipped };
}

/** The extension's "People also ask" export (shared/schemas/questions-export.ts). */
export function parsePaaJson(text: string, options: ImportOptions = {}): QuestionImport {
  if (!text.trim()) return fail('empty', null, MESSAGES.empty);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail('bad-json', jsonErrorLine(text, why), MESSAGES.notJson(why.replace(/\s+/g, ' ').slice(0, 160)));
  }
  if (!data || typeof data !== 'object' || Array.isArray(data) || !('questions' in data)) return fail('bad-format', 1, MESSAGES.notExport);
  const parsed = QuestionsExportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join('.') || '(root)';
    return fail('bad-format', lineOfPath(text, issue.path), MESSAGES.badExport(path, issue.message));
  }
  const questions: ProspectQuestion[] = [];
  const skipped: SkippedQuestion[] = [];
  const dedupe = new Deduper();
  const lines = linesOfItems(text, ['questions']);
  parsed.data.questions.forEach((item, i) => {
    const line = lines[i] ?? 1;
    const q = item.text.replace(/\s+/g, ' ');
    const lang = item.lang ?? options.lang;
    // The stage the overlay gave the query is kept; a navigational one is skipped like the classifier's.
    const c = item.stage && item.stage !== 'navigational' ? { stage: item.stage, signal: '' } : classify(q, lang, options);
    if (!c.stage) {
      skipped.push({ line, text: q, reason: MESSAGES.skipNavigational(c.signal) });
      return;
    }
    const dup = dedupe.duplicateOf(q, lang, line);
    if (dup !== null) {
      skipped.push({ line, text: q, reason: MESSAGES.skipDuplicate(dup) });
      return;
    }
    const source: QuestionSource = item.source === 'paa' ? 'paa' : 'query';
    const question = build(dedupe.uniqueId(questionId(source, q)), q, c.stage, source, 1, lang);
    if (item.aiOverview) question.aiAnswer = { sources: item.aiOverview.sources, seenAt: item.collectedAt };
    questions.push(question);
  });
  return { ok: true, questions, skipped };
}

function build(id: string, text: string, stage: Stage, source: QuestionSource, weight: number, lang?: string, persona?: string): ProspectQuestion {
  const q: ProspectQuestion = { id, text, stage: StageSchema.parse(stage), weight, source };
  if (lang && lang.length <= 10 && isLanguageTag(lang)) q.lang = lang;
  if (persona) q.persona = persona;
  return q;
}
