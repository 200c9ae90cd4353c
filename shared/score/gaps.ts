/**
 * The gaps list: questions without a good, findable answer, each with the nearest page and what
 * is missing in words — what the marketer should write or fix next.
 */
import type { Gap } from '../schemas/index.ts';
import type { QuestionContext, ScoredAnswer } from './answer.ts';
import type { Corpus } from './corpus.ts';
import { quoteList } from './notes.ts';

const NOTES = {
  noPageInLanguage: (lang: string) => `no page in ${lang}`,
  noPageMentions: (words: string) => `no page mentions ${words}`,
  noSearchableWords: 'the question has no searchable words',
  weakOverall: (answer: number, findability: number) => `weak answer overall (answer ${answer}/100, findability ${findability}/100)`,
  otherLanguage: (lang: string, url: string) => `only a page in ${lang} answers it (${url})`,
};

/** Reasons that cost less than this are left out of a gap: they are not why it is a gap. */
const MIN_LOSS = 0.1;
const MAX_REASONS = 4;

export interface GapInput {
  ctx: QuestionContext;
  nearest: ScoredAnswer | null;
  visibility: number;
  corpus: Corpus;
  elsewhere: ScoredAnswer | null;
}

export function gapFor({ ctx, nearest, visibility, corpus, elsewhere }: GapInput): Gap {
  const missing: string[] = [];
  if (!nearest) {
    if (!ctx.groups.length) missing.push(NOTES.noSearchableWords);
    else if (!corpus.indexes.has(ctx.analyzer.lang ?? '')) missing.push(NOTES.noPageInLanguage(ctx.lang));
    else missing.push(NOTES.noPageMentions(quoteList(ctx.groups.map((g) => g.label))));
  } else {
    const reasons = nearest.notes.filter((n) => n.loss >= MIN_LOSS).slice(0, MAX_REASONS).map((n) => n.text);
    if (reasons.length) missing.push(...reasons);
    else missing.push(NOTES.weakOverall(Math.round(nearest.answer.answer * 100), Math.round(nearest.answer.findability * 100)));
  }
  if (elsewhere && elsewhere.page.url !== nearest?.page.url) missing.push(NOTES.otherLanguage(elsewhere.page.lang ?? '?', elsewhere.page.url));
  return {
    questionId: ctx.question.id,
    question: ctx.question.text,
    stage: ctx.question.stage,
    nearestUrl: nearest ? nearest.page.url : null,
    missing,
    visibility,
  };
}
