import { pageStageProfile, dominantStage } from '../../../shared/classify/page-stage.ts';
import { classifyQuery } from '../../../shared/classify/query-stage.ts';
import { extractArtifacts, type PageInput } from '../../../shared/extract/index.ts';
import { pageResultFrom } from '../../../shared/pipeline.ts';
import { EXTENSION_LIMITS, type ResultScore } from '../../../shared/schemas/extension.ts';
import type { Stage } from '../../../shared/schemas/question.ts';
import { answerPage } from '../../../shared/score/page.ts';

// Why a live score is what it is, when the scorer itself has nothing to say.
const MESSAGES = {
  noPassage: 'No passage of this page shares a word with the query.',
  status: (status: number) => `The page answered HTTP ${status}.`,
  navigational: 'A navigational query: scored as an interest question.',
} as const;

const trim = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface LiveScoringNames {
  /** The user's brand names: promotional repetition of them costs tone at the interest stage. */
  brandNames: string[];
}

/**
 * A fetched result page scored for the query with the shared core, as `zmot page --question` scores
 * a page: artifacts → audits → findability and stage profile, and the answer of its best passage.
 */
export function scoreFetchedPage(input: PageInput, query: string, lang: string | null, names: LiveScoringNames = { brandNames: [] }, now = new Date()): ResultScore {
  const artifacts = extractArtifacts(input);
  const page = pageResultFrom(artifacts, { stageProfile: pageStageProfile });
  const classified = classifyQuery(query, { lang: lang ?? undefined, brandNames: names.brandNames });
  // A navigational query still wants the page to answer it; it is scored as an interest question.
  const stage: Stage = classified.stage === 'navigational' ? 'interest' : classified.stage;
  const questionLang = lang ?? artifacts.lang?.split('-')[0] ?? undefined;
  const text = trim(query, 500);
  const answer = answerPage(artifacts, page, { text, stage, lang: questionLang }, { names: { brand: names.brandNames, competitors: [] } });
  const notes = answer ? answer.notes : [artifacts.status >= 400 ? MESSAGES.status(artifacts.status) : MESSAGES.noPassage];
  if (classified.stage === 'navigational') notes.unshift(MESSAGES.navigational);
  return {
    url: trim(input.requestedUrl ?? input.url, EXTENSION_LIMITS.maxUrl),
    source: 'live',
    answer: answer ? answer.answer : 0,
    answerFor: text,
    findability: answer ? answer.findability : page.findability.score,
    indexable: page.findability.indexable,
    stageProfile: page.stageProfile ? { ...page.stageProfile, signals: page.stageProfile.signals.slice(0, 20).map((x) => trim(x, 300)) } : null,
    dominantStage: page.stageProfile ? dominantStage(page.stageProfile) : null,
    failing: page.findability.failing.slice(0, 20).map((f) => ({ id: trim(f.id, 100), title: trim(f.title, 300), lost: Math.min(1, Math.max(0, f.lost)) })),
    passage: answer ? { heading: answer.heading === null ? null : trim(answer.heading, 300), excerpt: trim(answer.excerpt, EXTENSION_LIMITS.maxExcerpt) } : null,
    notes: notes.slice(0, 10).map((n) => trim(n, 300)),
    title: artifacts.title === null ? null : trim(artifacts.title, 300),
    scoredAt: now.toISOString(),
  };
}
