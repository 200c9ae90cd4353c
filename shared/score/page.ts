/**
 * `answerPage`: the best answer one page gives to a question, for `zmot page --question` and the
 * overlay's live score. Its own module, so the extension's worker does not load site scoring
 * (shared/score/index.ts re-exports it).
 */
import type { Answer, Config, PageArtifacts, PageResult, ProspectQuestion, Stage } from '../schemas/index.ts';
import { brandNamesOf, questionContext, scorePassage, type BrandNames } from './answer.ts';
import { buildCorpus, ownDomains } from './corpus.ts';
import { queryGroups } from './query-terms.ts';
import { analyzerFor } from './text.ts';

export interface AnswerPageOptions {
  /** Brand, products and competitors (names only); without them tone and comparisons know no names. */
  names?: BrandNames;
  config?: Pick<Config, 'brand' | 'products' | 'competitors' | 'languages'>;
}

/**
 * The best answer one page gives to a question (idf from that page's own passages), or null when
 * the page has no passage that shares a word with the question or cannot answer at all.
 */
export function answerPage(
  artifacts: PageArtifacts,
  page: PageResult,
  question: Pick<ProspectQuestion, 'text' | 'stage'> & Partial<ProspectQuestion>,
  options: AnswerPageOptions = {},
): Answer | null {
  const names = options.names ?? (options.config ? brandNamesOf(options.config) : { brand: [], competitors: [] });
  const defaultLang = options.config?.languages[0] ?? 'en';
  const domains = options.config?.brand.domains ?? [];
  const corpus = buildCorpus([{ artifacts, page }], defaultLang, { isOwn: ownDomains(domains) });
  const q: ProspectQuestion = { id: question.id ?? 'question', text: question.text, stage: question.stage as Stage, weight: question.weight ?? 1, source: question.source ?? 'query', ...(question.lang ? { lang: question.lang } : {}) };
  let ctx = questionContext(q, names, defaultLang);
  let index = corpus.indexes.get(ctx.analyzer.lang ?? '');
  const [pageLang, pageIndex] = [...corpus.indexes.entries()][0] ?? [];
  if (!index && pageIndex) {
    // A page in another language than the question: read the question's words the page's way.
    const words = ctx.questionWords.join(' ');
    ctx = { ...ctx, analyzer: analyzerFor(pageLang), groups: queryGroups(words, pageLang) };
    index = pageIndex;
  }
  if (!index || !ctx.groups.length) return null;
  let best: Answer | null = null;
  for (const hit of index.search(ctx.groups, 40)) {
    const scored = scorePassage(ctx, index, hit.doc).answer;
    if (!best || scored.answer > best.answer) best = scored;
  }
  return best;
}
