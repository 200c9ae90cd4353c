/**
 * Scoring: how well a site answers prospect questions at each stage, and how findable the answers are.
 * Entry points: `scoreSite` (a crawl) and `answerPage` (one page, for `zmot page --question` and the overlay).
 */
export { scoreSite, scoreQuestion, ANSWERED_THRESHOLD, ANSWERED_CONFIDENCE, type SiteScoring, type ScoreSiteInput } from './site.ts';
export { aggregateScores, weightedScore, DEFAULT_STAGE_WEIGHTS, stageWeights } from './stages.ts';
export { brandNamesOf, type BrandNames } from './answer.ts';
export { questionIntent, SHAPE_LABELS, type AnswerShape, type QuestionIntent } from './intent.ts';
export { toneOf, TONE_PENALTY_BY_STAGE } from './tone.ts';
export { BURIED_AFTER_WORDS } from './directness.ts';
export { analyzerFor, primaryLanguage } from './text.ts';
export { answerPage, type AnswerPageOptions } from './page.ts';
