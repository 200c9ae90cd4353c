/**
 * The effective question set: the config's questions, then imported ones (Search Console, "People
 * also ask", CSV), then starter templates — de-duplicated on text and language, first one wins.
 */
import type { Config, ProspectQuestion } from '../schemas/index.ts';
import { normalizeQuestion } from './ids.ts';
import { parsePaaJson, parseQuestionsCsv, parseSearchConsoleCsv, type ImportOptions, type QuestionImport } from './import.ts';
import { templateQuestions } from './templates.ts';

export { parsePaaJson, parseQuestionsCsv, parseSearchConsoleCsv, type ImportOptions, type QuestionImport } from './import.ts';
export { templateQuestions, TEMPLATES, TEMPLATE_LANGUAGES, TEMPLATE_WEIGHT } from './templates.ts';
export { normalizeQuestion, questionId, slugify, stableHash } from './ids.ts';
export { parseCsv } from './csv.ts';

export type QuestionFileFormat = Config['questionFiles'][number]['format'];

/** Parses one questions file's text in the given format. */
export function parseQuestionFile(format: QuestionFileFormat, text: string, options: ImportOptions = {}): QuestionImport {
  switch (format) {
    case 'csv':
      return parseQuestionsCsv(text, options);
    case 'search-console':
      return parseSearchConsoleCsv(text, options);
    case 'paa-json':
      return parsePaaJson(text, options);
  }
}

/** What the import parsers need to know of the config: language, and names that make a query navigational. */
export function importOptionsFor(config: Pick<Config, 'brand' | 'competitors' | 'products' | 'languages'>): ImportOptions {
  return {
    lang: config.languages[0],
    brandNames: [config.brand.name, ...config.products, ...config.competitors.map((c) => c.name)],
    brandDomains: [...config.brand.domains, ...config.competitors.flatMap((c) => c.domains)],
  };
}

/** The questions a site is scored on. Pure and deterministic; ids are made unique by suffixing. */
export function effectiveQuestions(config: Config, imported: ProspectQuestion[] = []): ProspectQuestion[] {
  const out: ProspectQuestion[] = [];
  const seenText = new Set<string>();
  const seenIds = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const defaultLang = config.languages[0];
  const at = new Map<string, number>();
  const add = (q: ProspectQuestion) => {
    const key = `${(q.lang ?? defaultLang ?? '').toLowerCase().slice(0, 2)}|${normalizeQuestion(q.text)}`;
    if (seenText.has(key)) {
      // The same question collected on a results page brings what its AI Overview cited to the one kept.
      const i = at.get(key)!;
      if (q.aiAnswer && !out[i].aiAnswer) out[i] = { ...out[i], aiAnswer: q.aiAnswer };
      return;
    }
    seenText.add(key);
    at.set(key, out.length);
    let id = q.id;
    // Next suffix per id, so many questions sharing one id stay linear.
    let n = nextSuffix.get(q.id) ?? 2;
    while (seenIds.has(id)) id = `${q.id}-${n++}`;
    nextSuffix.set(q.id, n);
    seenIds.add(id);
    out.push(id === q.id ? q : { ...q, id });
  };
  for (const q of config.questions) add(q);
  for (const q of imported) add(q);
  if (config.templates) for (const q of templateQuestions(config)) add(q);
  return out;
}
