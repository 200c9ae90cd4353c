/**
 * The overlay's words. The results page's interface language (hl=, <html lang>) picks the
 * language, unless the options force one; anything else reads English. Page text (titles,
 * passages, questions) is never translated, only our own words.
 *
 * English is carried by the content script (the default and the fallback); the other languages'
 * tables (translations.ts) stay in the background worker, which hands the content script the one
 * table it needs (`words:get`), cached in storage for the next page. A table is plain data — it
 * crosses messages and storage — so words that take values are templates ("{n}", "{date}") and
 * words that depend on a count are plural forms (Intl.PluralRules categories). `makeWords` turns a
 * table into the functions the components call.
 */
// shared/stages.ts, not shared/schemas/question.ts: that one holds classic zod, ≈ 20 KB gzipped,
// which the content script must not carry.
import { OVERLAY_LANGUAGES, type OverlayLanguage } from '../../shared/overlay-languages.ts';
import { STAGE_LABELS, type QueryStage } from '../../shared/stages.ts';

export { OVERLAY_LANGUAGES, type OverlayLanguage };
/** Storage key (storage.local) of the word tables the content script received, by language; cleared when the extension is updated. */
export const WORDS_CACHE_KEY = 'overlayWords';

/** A word that depends on a count, by Intl.PluralRules category; `zero` is used for exactly 0 when given. */
export type Plural = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };

type Stages = Record<QueryStage, string>;

/** One language's words, as plain data. Placeholders in braces; the comment of each says which. */
export interface WordTable {
  stage: Stages;
  stageHint: Stages;
  brand: string;
  competitor: string;
  answer: string;
  findability: string;
  pending: string;
  unscored: string;
  showWhy: string;
  hideWhy: string;
  noAnswer: string;
  closest: string;
  /** {date} */
  fromReport: string;
  /** {date} */
  live: string;
  answerFor: string;
  stageProfile: string;
  noProfile: string;
  failing: string;
  noFailing: string;
  passage: string;
  noPassage: string;
  notes: string;
  notIndexable: string;
  scoringPage: string;
  collapse: string;
  expand: string;
  help: string;
  /** {n} */
  paa: string;
  /** {n}: the number of "People also ask" questions */
  collect: Plural;
  collecting: string;
  /** {added} {total} */
  collected: string;
  queryStage: string;
  unclear: string;
  /** {stage} as named above, {stageLower} in lower case */
  probably: string;
  /** {n} */
  sure: string;
  brandAbsent: string;
  brandUnset: string;
  competitors: string;
  noCompetitors: string;
  serves: string;
  notScored: string;
  /** {n} {of} */
  scored: string;
  legendTitle: string;
  legendAnswer: string;
  legendFindability: string;
  legendScale: string;
  legendGood: string;
  legendAverage: string;
  legendPoor: string;
  legendMarker: string;
  legendClose: string;
  /** {why} */
  failed: string;
  dismiss: string;
  /** {why} */
  scoresFailed: string;
  /** {n} {why} */
  badgeFailed: string;
  /** {why} */
  collectFailed: string;
  /** {n} */
  noLink: Plural;
  noScoreAnswer: string;
  noQueryOnPage: string;
  aiCited: string;
  aiHeading: string;
  aiCollapsed: string;
  aiBrandCited: string;
  aiBrandNotCited: string;
  aiCompetitors: string;
  aiNoCompetitors: string;
  aiAlsoOrganic: string;
  aiNone: string;
  aiNoSources: string;
  /** Compare report: the brand beside a competitor's score on its badge. */
  compareYou: string;
  compareHeading: string;
  /** {site} */
  compareWinner: string;
  compareNone: string;
  /**
   * Sentences that reach the overlay in English from elsewhere — the worker's "not scored" reasons,
   * the notes of the report and of the scorer, failing audits, the settings notice — as pairs of
   * English template and this language's ({placeholders} in both). English needs none; the worker
   * holds them (i18n/messages.ts) and sends them with the table.
   */
  messages: Array<[string, string]>;
}

export const en: WordTable = {
  // The English stage names are the shared ones, as the crawl reports print them.
  stage: { ...STAGE_LABELS },
  stageHint: {
    interest: 'assessing the problem; helpful, non-promotional answers win',
    comparison: 'comparing solutions; comparisons, alternatives and reviews win',
    purchase: 'ready to act; prices, delivery, setup and terms win',
    navigational: 'looking for a site or brand by name; outside the funnel',
  },
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
  fromReport: 'From your imported crawl report ({date}).',
  live: 'Scored live from the page ({date}).',
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
  paa: 'People also ask ({n})',
  collect: { zero: 'Collect the query', one: 'Collect the query and {n} question', other: 'Collect the query and {n} questions' },
  collecting: 'Collecting…',
  collected: 'Added {added} ({total} collected)',
  queryStage: 'Query stage',
  unclear: 'unclear',
  probably: 'probably {stageLower}?',
  sure: '{n}% sure',
  brandAbsent: 'not in these results',
  brandUnset: 'set your domains in the options',
  competitors: 'Competitors',
  noCompetitors: 'none in these results',
  serves: 'Results serving each stage',
  notScored: 'not scored',
  scored: '{n} of {of} results scored',
  legendTitle: 'Reading the badges',
  legendAnswer: 'Answer: how well the page answers this query (the question it was scored for is named when it is not the query itself).',
  legendFindability: 'Findability: how easily search engines find, index and show that answer (title, headings, indexability…).',
  legendScale: 'Both run from 0 to 100:',
  legendGood: '70–100 good',
  legendAverage: '40–69 average',
  legendPoor: '0–39 poor',
  legendMarker: 'A grey Z alone: the result is not scored (not in your report, not allowed for live scoring). Click it to see why.',
  legendClose: 'Got it',
  failed: 'ZMOT Lens could not read this results page ({why}). The page itself is unaffected.',
  dismiss: 'Dismiss',
  scoresFailed: 'Scores are unavailable: {why}.',
  badgeFailed: 'The badge of result #{n} could not be shown ({why}).',
  collectFailed: 'Not collected: {why}',
  noLink: { one: '{n} result could not be located on the page and got no badge.', other: '{n} results could not be located on the page and got no badge.' },
  noScoreAnswer: 'no answer',
  noQueryOnPage: 'no query on the page',
  aiCited: 'Cited in the AI Overview',
  aiHeading: 'AI Overview',
  aiCollapsed: 'collapsed: open "Show more" to read all of it',
  aiBrandCited: 'Your site is cited',
  aiBrandNotCited: 'Your site is not cited',
  aiCompetitors: 'Competitors cited',
  aiNoCompetitors: 'no competitor cited',
  aiAlsoOrganic: 'Cited and also in the results',
  aiNone: 'none',
  aiNoSources: 'No cited source could be read.',
  compareYou: 'you',
  compareHeading: 'Among the crawled sites:',
  compareWinner: '{site} answers this query best',
  compareNone: 'none answers this query yet',
  messages: [],
};

type Vars = Record<string, string | number>;

/** Fills a template's {placeholders}; an unknown one stays as written. */
export function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in vars ? String(vars[key]) : all));
}

function plural(lang: string, forms: Plural, n: number, vars: Vars): string {
  let category: string = 'other';
  try {
    category = new Intl.PluralRules(lang).select(n);
  } catch {
    // An unknown locale: 'other' is always there.
  }
  const form = (n === 0 ? forms.zero : undefined) ?? forms[category as keyof Plural] ?? forms.other;
  return fill(form, vars);
}

/**
 * Translates a sentence by the first pair whose English template it matches; a placeholder's value
 * is translated too when it is itself one of the sentences ("Could not score the page: {why}.").
 * An unknown sentence stays as it is.
 */
function translator(pairs: Array<[string, string]>): (text: string) => string {
  let compiled: Array<{ re: RegExp; names: string[]; to: string; fixed: number }> | null = null;
  const translate = (text: string, depth: number): string => {
    compiled ??= pairs.map(([from, to]) => {
      const names: string[] = [];
      const source = from
        .split(/\{(\w+)\}/)
        .map((part, i) => (i % 2 ? (names.push(part), '(.+?)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      return { re: new RegExp(`^${source}$`, 's'), names, to, fixed: from.replace(/\{\w+\}/g, '').length };
    });
    // Inside a sentence, a quoted list ("'a', 'b' and 2 more") keeps its words, joined in this language.
    const items = depth > 0 ? text.split(/, | and /) : [];
    if (items.length > 1 && items.every((item) => /^'[^']*'$|^\d+ more$/.test(item))) {
      const last = items.pop()!;
      return `${items.join(', ')} ${translate('and', depth)} ${translate(last, depth)}`;
    }
    // The matching template with the most words of its own wins ("title … do not mention {words}" over "{n} more").
    let best: { m: RegExpExecArray; names: string[]; to: string } | null = null;
    let bestFixed = -1;
    for (const { re, names, to, fixed } of compiled) {
      const m = fixed > bestFixed ? re.exec(text) : null;
      if (m) {
        best = { m, names, to };
        bestFixed = fixed;
      }
    }
    if (best) {
      const { m, names, to } = best;
      return fill(to, Object.fromEntries(names.map((name, i) => [name, depth < 2 ? translate(m[i + 1], depth + 1) : m[i + 1]])));
    }
    if (depth === 0) return text;
    // Inside a sentence: a "; "-separated list item by item, a title quoted in lower case as a title.
    if (text.includes('; ')) return text.split('; ').map((part) => translate(part, depth)).join('; ');
    const upper = text.charAt(0).toUpperCase() + text.slice(1);
    if (upper === text) return text;
    const done = translate(upper, depth);
    return done === upper ? text : done.charAt(0).toLowerCase() + done.slice(1);
  };
  return (text) => (pairs.length ? translate(text, 0) : text);
}

/** The words the components read: a table, with its templates turned into functions. */
export function makeWords(lang: string, t: WordTable) {
  return {
    ...t,
    /** A sentence received in English (worker, report, scorer, settings), in this language when known. */
    message: translator(t.messages),
    fromReport: (date: string) => fill(t.fromReport, { date }),
    live: (date: string) => fill(t.live, { date }),
    paa: (n: number) => fill(t.paa, { n }),
    collect: (n: number) => plural(lang, t.collect, n, { n }),
    collected: (added: number, total: number) => fill(t.collected, { added, total }),
    probably: (stage: string) => fill(t.probably, { stage, stageLower: stage.toLocaleLowerCase(lang) }),
    sure: (n: number) => fill(t.sure, { n }),
    scored: (n: number, of: number) => fill(t.scored, { n, of }),
    failed: (why: string) => fill(t.failed, { why }),
    scoresFailed: (why: string) => fill(t.scoresFailed, { why }),
    badgeFailed: (n: number, why: string) => fill(t.badgeFailed, { n, why }),
    collectFailed: (why: string) => fill(t.collectFailed, { why }),
    noLink: (n: number) => plural(lang, t.noLink, n, { n }),
    compareWinner: (site: string) => fill(t.compareWinner, { site }),
  };
}
export type Words = ReturnType<typeof makeWords>;

const english = makeWords('en', en);
let current: Words = english;
let currentLang: OverlayLanguage = 'en';

/** The overlay language for a page language (primary subtag) and the options' choice. */
export function overlayLanguage(pageLang: string | null, forced: string): OverlayLanguage {
  const pick = forced !== 'auto' ? forced : (pageLang ?? 'en');
  return (OVERLAY_LANGUAGES as readonly string[]).includes(pick) ? (pick as OverlayLanguage) : 'en';
}

/**
 * A table received from the worker or storage, checked against the English one key by key: a
 * missing or mistyped word reads English, so a stale or damaged table never breaks the overlay.
 */
export function tableFrom(raw: unknown): WordTable {
  const got = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [key, base] of Object.entries(en) as Array<[string, unknown]>) {
    const value = got[key];
    if (Array.isArray(base)) {
      const ok = (pair: unknown): pair is [string, string] => Array.isArray(pair) && pair.length === 2 && pair.every((x) => typeof x === 'string' && x.length <= 1000);
      out[key] = Array.isArray(value) ? value.filter(ok).slice(0, 1000) : base;
    } else if (typeof base === 'string') out[key] = typeof value === 'string' && value.length <= 1000 ? value : base;
    else {
      const fromGot = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      const strings = Object.fromEntries(Object.entries(fromGot).filter(([, v]) => typeof v === 'string' && v.length <= 1000));
      // A plural is taken whole (its forms differ by language); a stage table word by word.
      if ('other' in (base as object)) out[key] = typeof strings.other === 'string' ? strings : base;
      else out[key] = { ...(base as object), ...strings };
    }
  }
  return out as unknown as WordTable;
}

/** Sets the words every overlay component reads from now on (one results page, one language). */
export function setOverlayWords(lang: OverlayLanguage, table: WordTable | null): void {
  currentLang = table ? lang : 'en';
  current = table && lang !== 'en' ? makeWords(lang, table) : english;
}

/** The words of the current overlay language. */
export function w(): Words {
  return current;
}

/** The language the current words are in. */
export function wordsLanguage(): OverlayLanguage {
  return currentLang;
}
