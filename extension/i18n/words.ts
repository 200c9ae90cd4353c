/**
 * The overlay's words in each language it speaks. The results page's interface language (hl=,
 * <html lang>) picks one, unless the options force one; anything else reads English. Page text
 * (titles, passages, questions) is never translated, only our own words.
 *
 * Kept as plain objects in the content script (no fetch of a locale file: the page cannot probe
 * for the extension's files, and the words are there before the first badge).
 */
// shared/stages.ts, not shared/schemas/question.ts: that one holds classic zod, ≈ 20 KB gzipped,
// which the content script must not carry.
import { STAGE_LABELS, type QueryStage } from '../../shared/stages.ts';

export const OVERLAY_LANGUAGES = ['en', 'fr', 'de', 'es', 'ro'] as const;
/** The languages whose words the content script carries today (see translations.ts for the others). */
export const SHIPPED_OVERLAY_LANGUAGES: readonly string[] = ['en'];
export type OverlayLanguage = (typeof OVERLAY_LANGUAGES)[number];

type Stages = Record<QueryStage, string>;

const en = {
  // The English stage names are the shared ones, as the crawl reports print them.
  stage: { ...STAGE_LABELS } as Stages,
  stageHint: {
    interest: 'assessing the problem; helpful, non-promotional answers win',
    comparison: 'comparing solutions; comparisons, alternatives and reviews win',
    purchase: 'ready to act; prices, delivery, setup and terms win',
    navigational: 'looking for a site or brand by name; outside the funnel',
  } as Stages,
  brand: 'Your brand',
  competitor: 'Competitor',
  answer: 'Answer',
  findability: 'Findability',
  pending: 'scoring…',
  unscored: 'not scored',
  showWhy: 'ZMOT Lens: show why',
  hideWhy: 'ZMOT Lens: hide details',
  noAnswer: 'The report has no question close to this query',
  closest: 'closest question:',
  fromReport: (date: string) => `From your imported crawl report (${date}).`,
  live: (date: string) => `Scored live from the page (${date}).`,
  answerFor: 'Answer score for',
  stageProfile: 'Stage profile: which stage this page serves',
  noProfile: 'No stage profile for this page.',
  failing: 'Failing findability audits',
  noFailing: 'No failing findability audit.',
  passage: 'The passage that answers',
  noPassage: 'No passage of this page answers the query.',
  notes: 'Why',
  notIndexable: 'This page cannot be indexed: search engines will not show it.',
  scoringPage: 'Fetching and scoring the page…',
  collapse: 'Hide the summary',
  expand: 'Show the summary',
  help: 'What the numbers mean',
  paa: (n: number) => `People also ask (${n})`,
  collect: (n: number) => (n ? `Collect the query and ${n} question${n > 1 ? 's' : ''}` : 'Collect the query'),
  collecting: 'Collecting…',
  collected: (added: number, total: number) => `Added ${added} (${total} collected)`,
  queryStage: 'Query stage',
  unclear: 'unclear',
  probably: (stage: string) => `probably ${stage.toLowerCase()}?`,
  sure: (n: number) => `${n}% sure`,
  brandAbsent: 'not in these results',
  brandUnset: 'set your domains in the options',
  competitors: 'Competitors',
  noCompetitors: 'none in these results',
  serves: 'Results serving each stage',
  notScored: 'not scored',
  scored: (n: number, of: number) => `${n} of ${of} results scored`,
  legendTitle: 'Reading the badges',
  legendAnswer: 'Answer: how well the page answers this query (the question it was scored for is named when it is not the query itself).',
  legendFindability: 'Findability: how easily search engines find, index and show that answer (title, headings, indexability…).',
  legendScale: 'Both run from 0 to 100:',
  legendGood: '70–100 good',
  legendAverage: '40–69 average',
  legendPoor: '0–39 poor',
  legendMarker: 'A grey Z alone: the result is not scored (not in your report, not allowed for live scoring). Click it to see why.',
  legendClose: 'Got it',
  failed: (why: string) => `ZMOT Lens could not read this results page (${why}). The page itself is unaffected.`,
  dismiss: 'Dismiss',
};
export type Words = typeof en;

const WORDS: Partial<Record<OverlayLanguage, Words>> = { en };

let current: Words = en;

/** The overlay language for a page language (primary subtag) and the options' choice. */
export function overlayLanguage(pageLang: string | null, forced: string): OverlayLanguage {
  const pick = forced !== 'auto' ? forced : pageLang ?? 'en';
  return (OVERLAY_LANGUAGES as readonly string[]).includes(pick) ? (pick as OverlayLanguage) : 'en';
}

/** Sets the words every overlay component reads from now on (one results page, one language). */
export function setOverlayLanguage(lang: OverlayLanguage): void {
  current = WORDS[lang] ?? en;
}

/** The words of the current overlay language. */
export function w(): Words {
  return current;
}

export function wordsFor(lang: OverlayLanguage): Words {
  return WORDS[lang] ?? en;
}
