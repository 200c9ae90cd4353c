/**
 * Query stage classifier: which stage of purchasing maturity a search query comes from
 * (interest, comparison, purchase), or navigational. Lexicon- and pattern-based, pure,
 * deterministic, and explainable: every result lists the words and patterns that decided it.
 * See docs/classifier.md for the rules, the ambiguities settled on purpose, and measured accuracy.
 */
import { normalizeHost } from '../url.ts';
import { registrableDomain } from '../public-suffix.ts';
import { QueryStageSchema, type QueryStage } from '../schemas/question.ts';
import {
  ClassifyQueryOptionsSchema,
  type BroderIntent,
  type ClassifyQueryOptions,
  type QueryClassification,
  type QuerySignal,
  type QueryStageScores,
} from '../schemas/classify.ts';
import { detectLanguage, isStopword, primaryLanguage } from './lang.ts';
import {
  compileEntry,
  compileLexicon,
  foldedWords,
  matchAt,
  NameLexicon,
  type CompiledEntry,
  type CompiledLexicon,
  type LexiconKind,
  type LexiconStage,
  type Lexicon,
  type LexiconEntry,
} from './lexicon.ts';
import { LANGUAGE_PACKS } from '../lang/index.ts';
import { NEUTRAL_LEXICON } from './lexicon-neutral.ts';
import { SITES_LEXICON } from './lexicon-sites.ts';
import { PLACES_LEXICON } from './lexicon-places.ts';
import { foldText, tokenize, type QueryToken, type QueryWord } from './query-text.ts';
import { COMMON_WORDS, GAZETTEER_NAMES, NEAR_WORDS, NOT_JOINED, ORGANISATION_NAMES } from './gazetteer-data.ts';
import { JOINED_MIN_NAME, splitJoined, type NameKind } from './joined.ts';
import { editDistanceWithin, fuzzyLimit } from './fuzzy.ts';
import { QUERY_WEIGHTS, type QueryWeights } from './query-weights.ts';

// Shown to users in the extension and the CLI as the reason behind a classification.
const EXPLANATIONS = {
  defaultInterest: 'no stage words: most searches are informational',
  singleUnknownWord: 'a single unknown word: probably a brand or site name',
  commonNounSuffix: 'a single word shaped like a topic (-ism, -itis, -ology, -tion…)',
  pluralNoun: 'a single plural noun: a topic rather than a name',
  knownTopic: 'a place or a known phrase, not a site name',
  questionMark: '?',
  undetermined: 'und',
} as const;

/** Language lexicons, in the order ties are broken: the registry's order (shared/lang/index.ts). */
export const STAGE_LEXICONS: readonly Lexicon[] = LANGUAGE_PACKS.map((pack) => pack.lexicon);
export const LEXICON_LANGUAGES: readonly string[] = STAGE_LEXICONS.map((lexicon) => lexicon.lang);

/** A query in another lexicon's language still borrows its words (code-mixing: "iphone 15 prix"), at this weight. */
const FOREIGN_LEXICON_FACTOR = 0.6;
/** Strict words ("comment", "test") are false friends: unused unless the query is known to be in their language. */
const STRICT_UNDETERMINED_FACTOR = 0;
/** …when those funnel words amount to at least one clear signal ("credit agricole en ligne" stays navigational). */
const NAV_DAMPING_MIN_FUNNEL = 1;
/** Topic words add to the interest prior up to this many words (weights: shared/classify/query-weights.ts). */
const MAX_TOPIC_WORDS = 3;
const QUESTION_MARK_WEIGHT = 0.8;
const OR_PATTERN_WEIGHT = 1.2;
const DOMAIN_WEIGHT = 2;
/** "irs gov", "wikipedia dot org": as strong as "com" typed alone after a name (lexicon-neutral.ts). */
const SPACED_ADDRESS_WEIGHT = 1.5;
const BRAND_WEIGHT = 1.5;
const CURRENCY_WEIGHT = 1;
/** Purchase weight of act words (buy, download, a calculator) above which a query is transactional for Broder. */
const CLEAR_ACT = 1;
/** Search engines cut queries near 2,048 characters; past this nothing new is learned. */
const MAX_QUERY_CHARS = 2048;
const MAX_QUERY_TOKENS = 64;
/** Order in which exactly tied stages are resolved: weighing options ("is it worth buying") before the act. */
const TIE_ORDER: readonly QueryStage[] = ['comparison', 'purchase', 'navigational', 'interest'];

/**
 * Top-level domains that make a word a site address; tech names like "asp.net" are excepted below.
 * Kept short on purpose rather than read from the Public Suffix List (tldts): the full list makes
 * "readme.md", "config.py", "script.sh" and "photos.zip" site addresses, and queries name files.
 */
const TOP_LEVEL_DOMAINS = new Set(
  `com net org info biz io co uk fr de es it nl be ch at eu us ca au nz ie pt pl se no dk fi cz ru jp cn in br mx ar cl
   gov edu tv me app dev ai ly gg xyz online site store shop blog news gouv`.split(/\s+/),
);
const NOT_DOMAINS = new Set(['asp.net', 'vb.net', 'ado.net', 'dot.net', 'e.g', 'i.e', 'etc.', 'u.s', 'u.k']);
const DOMAIN_PATTERN = /^(?:https?:\/\/)?(?:www\.)?((?:[\p{L}\p{N}-]+\.)+([a-z]{2,12}))(?:\/\S*)?$/u;
const CURRENCY_UNIT = String.raw`(?:[$€£¥₹₽円元]|(?:eur|euros?|usd|dollars?|gbp|chf|kr|sek|nok|dkk|pln|zl|zł|руб)(?!\p{L}))`;
/** "$500", "500€", "300 euros", "500 kr": a price, whatever the language. */
const CURRENCY_PATTERN = new RegExp(String.raw`(?:[$€£¥₹₽]\s*\d)|(?:\d[\d.,]*\s*${CURRENCY_UNIT})`, 'u');
/** Words for "or" that make "X or Y" a comparison; Spanish/Italian "o" only when the language says so. */
const OR_WORDS: Record<string, readonly string[]> = {
  en: ['or'],
  fr: ['ou'],
  de: ['oder'],
  es: ['o', 'u'],
  it: ['o', 'oppure'],
  pt: ['ou'],
  nl: ['of'],
};
const OR_WORDS_ANY_LANGUAGE = ['or', 'ou', 'oder'];
/** "or not", "plus ou moins", "and/or": an "or" that offers no choice between two things. */
const NO_CHOICE_AFTER = new Set('not no pas nicht non so less moins weniger menos two deux zwei dos later else'.split(' '));
const NO_CHOICE_BEFORE = new Set('and et und y more plus mehr mas either whether one un une ein eine uno una sooner less'.split(' '));
/** Long single words with these endings are topics, not brand names ("photosynthesis", "rheumatism"). */
const COMMON_NOUN_SUFFIX =
  /(?:isme|ismus|ismo|ism|itis|osis|ology|ologie|ologia|thesis|these|tesis|ation|ization|isation|acion|ness|itat|keit|heit|schaft)$/;
const COMMON_NOUN_MIN_LENGTH = 8;
/** "dinosaurs", "riddles", "horoscopes": brand names rarely take a plural -s (big ones that do are in the site list). */
const PLURAL_NOUN = /^\p{L}{4,}(?<![su]s|is)s$/u;

interface Candidate {
  start: number;
  /** Exclusive. */
  end: number;
  stage: LexiconStage;
  weight: number;
  kind: LexiconKind;
  source: string;
  exactWords: number;
  /** How the signal is shown; defaults to the matched words. */
  label?: string;
  broder?: BroderIntent;
}

/** Candidates in the order they were found; the index breaks the last ties deterministically. */
type IndexedCandidate = Candidate & { index: number };

interface CompiledSet {
  lexicons: Array<{ compiled: CompiledLexicon; language: string | null }>;
  fuzzy: FuzzyIndex | null;
  /** Names of several words, for one misspelt word among them ("cariboo coffee"); built on first use. */
  fuzzyNames: (() => PhraseIndex) | null;
  /** One-word names of the site list and the gazetteer, for names typed joined to a word ("myhbo", "cdczika"). */
  joinedNames: Map<string, { entry: LexiconEntry; source: string }> | null;
  weights: QueryWeights;
  /** Weight of each name lexicon's entries, by its `lang` (all its entries weigh 1). */
  sourceWeights: Record<string, number>;
}

export interface QueryClassifierConfig {
  /** Language lexicons to use (default: English, French, German, Spanish). */
  lexicons?: readonly Lexicon[];
  /** Recognise the built-in list of big site names and the brand gazetteer (default true); off measures what they add. */
  siteNames?: boolean;
  /** Read a near miss of a known name or English stage word as a misspelling of it (default true). */
  fuzzy?: boolean;
  /** Global weights other than the fitted ones (shared/classify/query-weights.ts); the fit script tries them. */
  weights?: Partial<QueryWeights>;
}

export type QueryClassifier = (query: string, options?: ClassifyQueryOptions) => QueryClassification;

/** A classifier over a chosen set of lexicons; `classifyQuery` is the default one. */
export function createQueryClassifier(config: QueryClassifierConfig = {}): QueryClassifier {
  const languageLexicons = (config.lexicons ?? STAGE_LEXICONS).map((lexicon) => ({
    compiled: compiledOnce(lexicon),
    language: lexicon.lang as string | null,
  }));
  const names = config.siteNames === false ? [] : [SITES_LEXICON, gazetteerLexicon()];
  const organisations = config.siteNames === false ? [] : [organisationLexicon()];
  const shared = [NEUTRAL_LEXICON, PLACES_LEXICON, ...names, ...organisations].map((lexicon) => ({
    compiled: compiledOnce(lexicon),
    language: null,
  }));
  const fuzzy = config.fuzzy === false ? null : buildFuzzyIndex([...(config.lexicons ?? STAGE_LEXICONS).filter((l) => l.lang === 'en'), ...names]);
  let phrases: PhraseIndex | null = null;
  const nameLexicons = [...names, ...organisations];
  const fuzzyNames = config.fuzzy === false || !nameLexicons.length ? null : () => (phrases ??= lazyPhraseIndex(nameLexicons));
  const weights = { ...QUERY_WEIGHTS, ...config.weights };
  const set: CompiledSet = {
    lexicons: [...languageLexicons, ...shared],
    fuzzy,
    fuzzyNames,
    joinedNames: names.length ? joinedNameIndex(names) : null,
    weights,
    sourceWeights: { gazetteer: weights.gazetteerWeight, organisations: weights.organisationWeight },
  };
  return (query, options) => classifyWith(set, query, options);
}

/** Lexicons are constants: each is compiled once per process, whatever the number of classifiers (the fit tries many). */
const compiledLexicons = new WeakMap<Lexicon, CompiledLexicon>();
function compiledOnce(lexicon: Lexicon): CompiledLexicon {
  let compiled = compiledLexicons.get(lexicon);
  if (!compiled) {
    compiled = compileLexicon(lexicon);
    compiledLexicons.set(lexicon, compiled);
  }
  return compiled;
}

let defaultClassifier: QueryClassifier | null = null;

/**
 * The stage of a search query, with the evidence behind it. Never throws: empty, emoji-only or
 * oversized input gets a low-confidence result.
 */
export function classifyQuery(query: string, options?: ClassifyQueryOptions): QueryClassification {
  defaultClassifier ??= createQueryClassifier();
  return defaultClassifier(query, options);
}

function classifyWith(set: CompiledSet, query: string, rawOptions?: ClassifyQueryOptions): QueryClassification {
  const text = typeof query === 'string' ? query : '';
  const parsedOptions = ClassifyQueryOptionsSchema.safeParse(rawOptions ?? {});
  const options = parsedOptions.success ? parsedOptions.data : salvageOptions(rawOptions);
  const analysed = text.slice(0, MAX_QUERY_CHARS);
  const { text: lowerText, words, tokens } = tokenize(analysed, MAX_QUERY_TOKENS);
  const folded = tokens.map((token) => token.folded);

  const givenLang = primaryLanguage(options.lang);
  // Site addresses say nothing about the searcher's language ("acme.io" is not Italian).
  const wordsWithoutSites = words.filter((word) => !looksLikeDomain(word.text)).map((word) => word.text);
  const detectedLang = givenLang ?? detectLanguage(wordsWithoutSites.join(' '));

  const candidates: Candidate[] = [];
  for (const { compiled, language } of set.lexicons) {
    const factor = lexiconFactor(language, detectedLang) * (set.sourceWeights[compiled.lang] ?? 1);
    const strictFactor = strictEntryFactor(language, detectedLang);
    const collect = (entry: CompiledEntry, start: number): void => {
      if (entry.entry.strict && strictFactor === 0) return;
      const length = matchAt(entry, folded, start);
      if (!length) return;
      candidates.push(candidateFrom(entry, start, length, factor * (entry.entry.strict ? strictFactor : 1), compiled.lang));
    };
    for (let start = 0; start < folded.length; start++) {
      for (const entry of compiled.byFirstWord.get(folded[start]) ?? []) collect(entry, start);
      for (const entry of compiled.openStart) collect(entry, start);
    }
  }
  candidates.push(...brandCandidates(options.brandNames, options.brandDomains, folded));
  const sourceWeight = (source: string): number => set.sourceWeights[source] ?? 1;
  if (set.fuzzy) candidates.push(...fuzzyCandidates(set.fuzzy, candidates, tokens, detectedLang, set.weights.fuzzyFactor, sourceWeight));
  if (set.fuzzyNames && set.fuzzy) candidates.push(...fuzzyPhraseCandidates(set.fuzzyNames, set.fuzzy, tokens, set.weights.fuzzyFactor, sourceWeight));
  if (set.joinedNames) candidates.push(...joinedNameCandidates(set.joinedNames, set.fuzzy, candidates, tokens, set.weights.joinedFactor, sourceWeight));
  candidates.push(...domainCandidates(words, tokens));
  candidates.push(...spacedAddressCandidates(tokens));
  candidates.push(...currencyCandidates(words, tokens));
  candidates.push(...orPatternCandidates(tokens, detectedLang));

  const accepted = absorbSiteCompanions(selectNonOverlapping(candidates, tokens.length), tokens);
  const lang = detectedLang ?? inferLanguageFromSignals(accepted) ?? EXPLANATIONS.undetermined;
  const stopwordLang = detectedLang ?? (lang === EXPLANATIONS.undetermined ? null : lang);

  const isContent = tokens.map((token) => !isStopword(token.folded, stopwordLang) && !/^\d+$/.test(token.folded));
  const contentCount = isContent.filter(Boolean).length;
  const coveredBy = new Array<Candidate | null>(tokens.length).fill(null);
  for (const candidate of accepted) for (let i = candidate.start; i < candidate.end; i++) coveredBy[i] = candidate;

  const signals: QuerySignal[] = [];
  const raw: QueryStageScores = { interest: 0, comparison: 0, purchase: 0, navigational: 0 };
  const navCandidates = accepted.filter((candidate) => candidate.stage === 'navigational');
  const funnelEvidence = accepted.reduce(
    (sum, candidate) => (candidate.stage === 'navigational' || candidate.stage === 'none' ? sum : sum + candidate.weight),
    0,
  );
  let purchaseLookup = 0;
  let navLookup = 0;
  // Unknown proper-name-like words next to a name or an organisation word belong to it: "calhoun schools",
  // "bank of eastern oregon", "mcgovern hyundai". Ordinary words ("ford hybrid") do not.
  const partOfName = new Array<boolean>(tokens.length).fill(false);
  const nameLike = (i: number): boolean =>
    isContent[i] && coveredBy[i] === null && !commonWords().has(tokens[i].folded) && !/^\d+$/.test(tokens[i].folded);
  for (const candidate of navCandidates) {
    for (let i = candidate.start - 1; i >= 0 && nameLike(i); i--) partOfName[i] = true;
    for (let i = candidate.end; i < tokens.length && (nameLike(i) || (tokens[i].folded === 'of' && i === candidate.end)); i++) {
      if (nameLike(i)) partOfName[i] = true;
    }
  }
  const navCovered = countContent(isContent, (i) => coveredBy[i]?.stage === 'navigational' || partOfName[i]);
  // A place next to a name says which branch ("google dublin", "winco boise"), not what about it.
  const placeWords = countContent(isContent, (i) => coveredBy[i]?.source === PLACES_LEXICON.lang);
  const navDenominator = Math.max(navCovered, contentCount - placeWords);
  const navCoverage = navDenominator ? navCovered / navDenominator : navCandidates.length ? 1 : 0;

  // "ford hybrid", "outlook notifications": a name next to ordinary words (and no login, no address) is what
  // the search is about; next to a proper name or an unknown word ("google dublin", "usbank fargo") it stays a destination.
  const topicWordIndexes = tokens
    .map((_, i) => i)
    .filter((i) => isContent[i] && (coveredBy[i] === null || (coveredBy[i]?.stage === 'none' && coveredBy[i]?.source !== PLACES_LEXICON.lang)));
  const nameIsTopic =
    navCandidates.some((candidate) => candidate.kind === 'site') &&
    !navCandidates.some((candidate) => candidate.kind !== 'site') &&
    topicWordIndexes.length > 0 &&
    topicWordIndexes.every((i) => commonWords().has(tokens[i].folded));

  for (const candidate of accepted.sort((a, b) => a.start - b.start)) {
    if (candidate.stage === 'none') continue;
    let weight = candidate.weight;
    if (candidate.stage === 'navigational') {
      // A name that is most of the query is the destination; a name among many topic words is a topic.
      weight *= Math.sqrt(navCoverage);
      if (nameIsTopic) weight *= set.weights.nameAsTopicFactor;
      if (funnelEvidence >= NAV_DAMPING_MIN_FUNNEL) weight *= set.weights.navDampingWithFunnel;
    }
    if (candidate.stage === 'purchase' && candidate.broder === 'informational') purchaseLookup += weight;
    if (candidate.stage === 'navigational' && candidate.broder === 'informational') navLookup += weight;
    addSignal(signals, raw, candidate.stage, candidate.label ?? phraseOf(lowerText, tokens, candidate), weight, candidate.source);
  }
  if (/[?¿]/u.test(analysed)) addSignal(signals, raw, 'interest', EXPLANATIONS.questionMark, QUESTION_MARK_WEIGHT, 'neutral');

  const evidence = signals.reduce((sum, signal) => sum + signal.weight, 0);
  const topicWords = countContent(isContent, (i) => !partOfName[i] && (coveredBy[i] === null || coveredBy[i]?.stage === 'none'));
  const fallback: QuerySignal[] = [];
  if (tokens.length > 0) {
    // Topic words argue for interest only when nothing in the query argues for a funnel stage.
    const prior =
      funnelEvidence > 0
        ? set.weights.interestPriorWithEvidence
        : set.weights.interestPrior + set.weights.interestPerTopicWord * Math.min(MAX_TOPIC_WORDS, topicWords);
    fallback.push(signalOf('interest', EXPLANATIONS.defaultInterest, prior, 'fallback'));
  }
  if (evidence === 0 && tokens.length === 1 && contentCount === 1) {
    const word = tokens[0].folded;
    if (coveredBy[0]?.stage === 'none') {
      fallback.push(signalOf('interest', EXPLANATIONS.knownTopic, set.weights.commonNounPrior, 'fallback'));
    } else if (word.length >= COMMON_NOUN_MIN_LENGTH && COMMON_NOUN_SUFFIX.test(word)) {
      fallback.push(signalOf('interest', EXPLANATIONS.commonNounSuffix, set.weights.commonNounPrior, 'fallback'));
    } else if (PLURAL_NOUN.test(word)) {
      fallback.push(signalOf('interest', EXPLANATIONS.pluralNoun, set.weights.commonNounPrior, 'fallback'));
    }
  }
  const scores: QueryStageScores = { ...raw };
  for (const signal of fallback) scores[signal.stage] += signal.weight;

  const total = scores.interest + scores.comparison + scores.purchase + scores.navigational;
  const stage = pickStage(scores);
  // Fallback reasons are listed only when no word of the query argued for the winning stage.
  if (!signals.some((signal) => signal.stage === stage)) signals.push(...fallback.filter((signal) => signal.stage === stage));

  return {
    query: text,
    stage,
    confidence: confidenceOf(scores, total, evidence),
    lang,
    scores: normalise(scores, total),
    signals,
    broder: broderIntentOf(stage, scores, purchaseLookup, navLookup),
  };
}

function lexiconFactor(lexiconLang: string | null, queryLang: string | null): number {
  if (lexiconLang === null || queryLang === null || lexiconLang === queryLang) return 1;
  return FOREIGN_LEXICON_FACTOR;
}

function strictEntryFactor(lexiconLang: string | null, queryLang: string | null): number {
  if (lexiconLang === null || lexiconLang === queryLang) return 1;
  return queryLang === null ? STRICT_UNDETERMINED_FACTOR : 0;
}

function candidateFrom(entry: CompiledEntry, start: number, length: number, factor: number, source: string): Candidate {
  return {
    start,
    end: start + length,
    stage: entry.entry.stage,
    weight: entry.entry.weight * factor,
    kind: entry.entry.kind,
    source,
    exactWords: entry.exactWords,
    ...(entry.entry.broder ? { broder: entry.entry.broder } : {}),
  };
}

/**
 * Longest match first, then the more exact, then the heavier, then the earlier: "best way to"
 * beats "best", "preisvergleich" beats "*vergleich", and each token counts once.
 */
function selectNonOverlapping(candidates: readonly Candidate[], tokenCount: number): Candidate[] {
  const sorted: IndexedCandidate[] = candidates
    .map((candidate, index) => ({ ...candidate, index }))
    .sort(
      (a, b) =>
        b.end - b.start - (a.end - a.start) || b.exactWords - a.exactWords || b.weight - a.weight || a.start - b.start || a.index - b.index,
    );
  const taken = new Array<boolean>(tokenCount).fill(false);
  const accepted: Candidate[] = [];
  for (const candidate of sorted) {
    let free = true;
    for (let i = candidate.start; i < candidate.end; i++) if (taken[i]) free = false;
    if (!free) continue;
    for (let i = candidate.start; i < candidate.end; i++) taken[i] = true;
    accepted.push(candidate);
  }
  return accepted;
}

/**
 * Words that ride along with a site name without changing the destination: "chase online",
 * "credit agricole en ligne", "amazon uk", "ebay de". Folded token sequences.
 */
const SITE_COMPANIONS: readonly string[][] = [
  'online', 'en ligne', 'en linea', 'uk', 'usa', 'us', 'canada', 'france', 'deutschland', 'espana', 'mexico', 'de', 'fr',
  'es', 'com', 'app', 'official', 'website', 'web', 'store', 'shop', 'tv', 'radio', 'news', 'mail', 'music', 'video',
  'scores', 'results', 'schedule', 'live',
].map((phrase) => phrase.split(' '));
const SITE_COMPANION_WEIGHT = 0.8;
/** A companion word overrides a weak or middling reading of itself ("online" 0.6, "store" 1.0), never a clear one ("price"). */
const SITE_COMPANION_MAX_OVERRIDDEN = 1;

function absorbSiteCompanions(accepted: Candidate[], tokens: readonly QueryToken[]): Candidate[] {
  const result = [...accepted];
  for (const site of accepted.filter((candidate) => candidate.stage === 'navigational' && candidate.kind === 'site')) {
    for (const companion of SITE_COMPANIONS) {
      const start = site.end;
      const end = start + companion.length;
      if (end > tokens.length || companion.some((word, i) => tokens[start + i].folded !== word)) continue;
      // "order domino's online": next to an act elsewhere in the query the companion word belongs to the act.
      const act = accepted.some(
        (candidate) => candidate.stage === 'purchase' && candidate.broder !== 'informational' && (candidate.end <= start || candidate.start >= end),
      );
      if (act) continue;
      const overlapping = result.filter((candidate) => candidate.start < end && candidate.end > start);
      const blocked = overlapping.some(
        (candidate) =>
          candidate.stage === 'navigational' ||
          candidate.weight > SITE_COMPANION_MAX_OVERRIDDEN ||
          candidate.start < start ||
          candidate.end > end,
      );
      if (blocked) continue;
      for (const candidate of overlapping) result.splice(result.indexOf(candidate), 1);
      result.push({
        start,
        end,
        stage: 'navigational',
        weight: SITE_COMPANION_WEIGHT,
        kind: 'nav-modifier',
        source: site.source,
        exactWords: companion.length,
      });
      break;
    }
  }
  return result;
}

function tokenRangeOfWord(tokens: readonly QueryToken[], wordIndex: number): [number, number] | null {
  const first = tokens.findIndex((token) => token.word === wordIndex);
  if (first < 0) return null;
  let end = first;
  while (end < tokens.length && tokens[end].word === wordIndex) end++;
  return [first, end];
}

function domainCandidates(words: readonly QueryWord[], tokens: readonly QueryToken[]): Candidate[] {
  const found: Candidate[] = [];
  words.forEach((word, index) => {
    if (!looksLikeDomain(word.text)) return;
    const range = tokenRangeOfWord(tokens, index);
    if (!range) return;
    const [start, end] = range;
    // exactWords 99: an address outranks any lexicon phrase over the same tokens ("facebook.com" beats "facebook").
    found.push({ start, end, stage: 'navigational', weight: DOMAIN_WEIGHT, kind: 'site', source: 'neutral', exactWords: 99, label: word.text });
  });
  return found;
}

/** Generic endings that, typed last after a name with a space for the dot, still make an address ("irs gov"). */
const SPACED_ENDINGS = new Set(['gov', 'edu', 'org']);
/** Endings spelt after "dot" ("wikipedia dot org"). */
const SPOKEN_ENDINGS = new Set(['com', 'org', 'net', 'gov', 'edu']);

/**
 * An address typed with a space or "dot" for its dot: "irs gov", "harvard edu", "wikipedia dot org" — the ending as
 * strong as "com" ("facebook com"). Only last and after a word: "org chart", "gov benefits", "net worth", "us bank"
 * and "airbed uk" are words, and country endings typed that way are places far more often than addresses.
 */
function spacedAddressCandidates(tokens: readonly QueryToken[]): Candidate[] {
  const last = tokens.length - 1;
  if (last < 1) return [];
  const ending = tokens[last].folded;
  const spoken = last >= 2 && tokens[last - 1].folded === 'dot' && SPOKEN_ENDINGS.has(ending);
  if (!spoken && !SPACED_ENDINGS.has(ending)) return [];
  const start = spoken ? last - 1 : last;
  const label = tokens.slice(start).map((token) => token.raw).join(' ');
  return [{ start, end: last + 1, stage: 'navigational', weight: SPACED_ADDRESS_WEIGHT, kind: 'nav-modifier', source: 'neutral', exactWords: last + 1 - start, label }];
}

/** "facebook.com", "www.irs.gov", "impots.gouv.fr" — not "asp.net" or "3.5". */
export function looksLikeDomain(word: string): boolean {
  const text = word.toLowerCase().replace(/[.,;:!?)]+$/, '');
  if (!text.includes('.') || NOT_DOMAINS.has(text)) return false;
  const match = DOMAIN_PATTERN.exec(text);
  if (!match) return false;
  const labels = match[1].split('.');
  const wellFormed = labels.length >= 2 && labels.every((label) => label.length > 0) && /\p{L}/u.test(labels[0]);
  if (!wellFormed || NOT_DOMAINS.has(match[1])) return false;
  // A host followed by a path ("medicare.fcso/fee") is an address typed from memory, whatever its ending
  // (of 3+ letters: "node.js/express" is a library's name).
  return TOP_LEVEL_DOMAINS.has(match[2]) || (URL_PATH.test(text) && labels.every((label) => /^\p{L}{2,}$/u.test(label)) && match[2].length >= 3);
}
/** A path after a dotted host: "/" and at least one letter. */
const URL_PATH = /^[^/]+\.[^/]+\/\p{L}/u;

function currencyCandidates(words: readonly QueryWord[], tokens: readonly QueryToken[]): Candidate[] {
  const found: Candidate[] = [];
  words.forEach((word, index) => {
    if (!/\d/.test(word.text)) return;
    const next = words[index + 1]?.text ?? '';
    // "300 euros": the unit is the next word, and belongs to the same signal.
    const withNext = !CURRENCY_PATTERN.test(word.text) && CURRENCY_PATTERN.test(`${word.text} ${next}`);
    if (!withNext && !CURRENCY_PATTERN.test(word.text)) return;
    const range = tokenRangeOfWord(tokens, index);
    if (!range) return;
    const end = withNext ? (tokenRangeOfWord(tokens, index + 1)?.[1] ?? range[1]) : range[1];
    const label = withNext ? `${word.text} ${next}` : word.text;
    found.push({
      start: range[0],
      end,
      stage: 'purchase',
      weight: CURRENCY_WEIGHT,
      kind: 'term',
      source: 'neutral',
      exactWords: 99,
      label,
    });
  });
  return found;
}

function orPatternCandidates(tokens: readonly QueryToken[], lang: string | null): Candidate[] {
  const orWords = lang ? (OR_WORDS[lang] ?? OR_WORDS_ANY_LANGUAGE) : [...OR_WORDS_ANY_LANGUAGE, 'o'];
  const found: Candidate[] = [];
  for (let i = 1; i < tokens.length - 1; i++) {
    // The unfolded word: French "où" (where) is not "ou" (or).
    if (!orWords.includes(tokens[i].raw)) continue;
    const before = tokens[i - 1].folded;
    const after = tokens[i + 1].folded;
    if (NO_CHOICE_BEFORE.has(before) || NO_CHOICE_AFTER.has(after)) continue;
    if (isStopword(before, lang) && !/\d/.test(before)) continue;
    found.push({
      start: i - 1,
      end: i + 2,
      stage: 'comparison',
      weight: OR_PATTERN_WEIGHT,
      kind: 'term',
      source: 'pattern',
      exactWords: 3,
      label: `${tokens[i - 1].raw} ${tokens[i].raw} ${tokens[i + 1].raw}`,
    });
  }
  return found;
}

function brandCandidates(names: readonly string[], domains: readonly string[], folded: readonly string[]): Candidate[] {
  const phrases = new Set<string>();
  for (const name of names) phrases.add(tokenize(String(name)).tokens.map((token) => token.folded).join(' '));
  for (const domain of domains) {
    const host = normalizeHost(String(domain).replace(/^https?:\/\//i, '').split('/')[0]);
    // The name under the public suffix: "shop.brightwell.co.uk" is "brightwell", not "shop".
    const label = registrableDomain(host)?.name ?? host.split('.')[0];
    if (label) phrases.add(tokenize(label).tokens.map((token) => token.folded).join(' '));
    if (host) phrases.add(tokenize(host).tokens.map((token) => token.folded).join(' '));
  }
  const found: Candidate[] = [];
  for (const phrase of phrases) {
    if (!phrase) continue;
    const compiled = compileEntry({ phrase, stage: 'navigational', weight: BRAND_WEIGHT, kind: 'site', strict: false }, 'brand');
    if (!compiled) continue;
    for (let start = 0; start < folded.length; start++) {
      const length = matchAt(compiled, folded, start);
      // Brands outrank every lexicon phrase of the same length: the user told us this name.
      if (length) found.push({ ...candidateFrom(compiled, start, length, 1, 'brand'), exactWords: 100 });
    }
  }
  return found;
}

function inferLanguageFromSignals(accepted: readonly Candidate[]): string | null {
  const byLang = new Map<string, number>();
  for (const candidate of accepted) {
    if (candidate.stage === 'none' || !LEXICON_LANGUAGES.includes(candidate.source)) continue;
    byLang.set(candidate.source, (byLang.get(candidate.source) ?? 0) + candidate.weight);
  }
  const ranked = [...byLang.entries()].sort((a, b) => b[1] - a[1]);
  if (!ranked.length || (ranked[1] && ranked[1][1] === ranked[0][1])) return null;
  return ranked[0][0];
}

function countContent(isContent: readonly boolean[], predicate: (index: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < isContent.length; i++) if (isContent[i] && predicate(i)) count++;
  return count;
}

/** The matched words as typed (lower-cased): "qu'est-ce que", not "qu est ce que". */
function phraseOf(text: string, tokens: readonly QueryToken[], candidate: Candidate): string {
  return text.slice(tokens[candidate.start].start, tokens[candidate.end - 1].end);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function signalOf(stage: QueryStage, signal: string, weight: number, source: string): QuerySignal {
  return { stage, signal, weight: round(weight), source };
}

function addSignal(
  signals: QuerySignal[],
  raw: QueryStageScores,
  stage: QueryStage,
  signal: string,
  weight: number,
  source: string,
): void {
  if (!(weight > 0)) return;
  raw[stage] += weight;
  signals.push(signalOf(stage, signal, weight, source));
}

function pickStage(scores: QueryStageScores): QueryStage {
  // Nothing to go on (empty, emoji-only): the base rate says informational.
  if (!(scores.interest + scores.comparison + scores.purchase + scores.navigational > 0)) return 'interest';
  let best: QueryStage = 'interest';
  let bestScore = -1;
  for (const stage of TIE_ORDER) {
    if (scores[stage] > bestScore + 1e-9) {
      best = stage;
      bestScore = scores[stage];
    }
  }
  return best;
}

function normalise(scores: QueryStageScores, total: number): QueryStageScores {
  if (!(total > 0)) return { interest: 0.25, comparison: 0.25, purchase: 0.25, navigational: 0.25 };
  const shares = QueryStageSchema.options.map((stage) => round(scores[stage] / total));
  return { interest: shares[0], comparison: shares[1], purchase: shares[2], navigational: shares[3] };
}

/**
 * How sure the classifier is: the winner's share and its lead over the runner-up, discounted
 * when the decision rests on little evidence (a prior alone never exceeds 0.4).
 */
function confidenceOf(scores: QueryStageScores, total: number, evidence: number): number {
  if (!(total > 0)) return 0;
  const ranked = Object.values(scores).sort((a, b) => b - a);
  const share = ranked[0] / total;
  const lead = (ranked[0] - ranked[1]) / total;
  const evidenceFactor = 0.4 + 0.6 * (1 - Math.exp(-evidence));
  return round(Math.min(1, Math.max(0, (0.5 * share + 0.5 * lead) * evidenceFactor)));
}

/**
 * Broder's taxonomy from a stage. Comparison research is informational unless transaction words
 * weigh as much ("compare car insurance quotes"); a purchase-stage query is transactional unless
 * it mostly looks up implementation or opening facts ("how to install…", "opening hours"), which
 * Broder counts as informational. `purchaseLookup` is the purchase weight of such lookup words.
 */
export function broderIntentOf(stage: QueryStage, scores: QueryStageScores, purchaseLookup = 0, navLookup = 0): BroderIntent {
  switch (stage) {
    case 'interest':
      return 'informational';
    case 'navigational':
      // "skype contact number": the company is the topic, the number is the fact looked up.
      return navLookup * 2 >= scores.navigational ? 'informational' : 'navigational';
    case 'purchase':
      // A clear act ("download", "order", a calculator) is what the searcher came to do, whatever else they typed.
      return purchaseLookup > scores.purchase - purchaseLookup && scores.purchase - purchaseLookup < CLEAR_ACT ? 'informational' : 'transactional';
    case 'comparison':
      return scores.purchase - purchaseLookup >= scores.comparison ? 'transactional' : 'informational';
  }
}

/** The brand gazetteer (bench/build-gazetteer.ts): names from a maintained data package; weighed by `gazetteerWeight`. */
let gazetteer: Lexicon | null = null;
function gazetteerLexicon(): Lexicon {
  gazetteer ??= new NameLexicon('gazetteer', GAZETTEER_NAMES, { stage: 'navigational', weight: 1, kind: 'site', strict: false });
  return gazetteer;
}

/**
 * Chains and public bodies (name-suggestion-index: "la fitness", "caribou coffee"): many, most of them little
 * known, so never the target of a one-word misspelling; weighed by `organisationWeight`.
 */
let organisationNames: Lexicon | null = null;
function organisationLexicon(): Lexicon {
  organisationNames ??= new NameLexicon('organisations', ORGANISATION_NAMES, { stage: 'navigational', weight: 1, kind: 'site', strict: false });
  return organisationNames;
}


interface FuzzyTarget {
  word: string;
  entry: LexiconEntry;
  source: string;
}

interface FuzzyIndex {
  /** Single-word targets by length. */
  byLength: Map<number, FuzzyTarget[]>;
  /** Every single word a lexicon knows exactly: never corrected. */
  known: Set<string>;
  near: Set<string>;
}

/**
 * Built part by part on first use: most queries and titles have every word in a lexicon or among the
 * common words, so the targets by length (which compile a name list's one-word names) are often never
 * needed, and a worker that starts to score one page does not pay for them up front.
 */
function buildFuzzyIndex(lexicons: readonly Lexicon[]): FuzzyIndex {
  let byLength: Map<number, FuzzyTarget[]> | null = null;
  let known: Set<string> | null = null;
  let near: Set<string> | null = null;
  const wordsOf = foldedWords;
  const buildKnown = () => {
    const words = new Set<string>();
    for (const lexicon of [...lexicons, ...STAGE_LEXICONS, NEUTRAL_LEXICON, PLACES_LEXICON]) {
      if (lexicon instanceof NameLexicon) for (const word of lexicon.words()) words.add(word);
      else for (const entry of lexicon.entries) for (const word of wordsOf(entry.phrase)) words.add(word);
    }
    return words;
  };
  const buildByLength = () => {
    const targets = new Map<number, FuzzyTarget[]>();
    for (const lexicon of lexicons) {
      // A name list's entries are made only for its one-word names, the only ones that can be targets.
      const entries = lexicon instanceof NameLexicon ? lexicon.oneWordNames().map((name) => lexicon.entry(name)) : lexicon.entries;
      for (const entry of entries) {
        if (entry.stage === 'none' || entry.strict || /[*^$#\s]/.test(entry.phrase)) continue;
        const words = wordsOf(entry.phrase);
        if (words.length !== 1 || fuzzyLimit(words[0].length) === 0 || /\d/.test(words[0])) continue;
        const list = targets.get(words[0].length) ?? [];
        list.push({ word: words[0], entry, source: lexicon.lang });
        targets.set(words[0].length, list);
      }
    }
    return targets;
  };
  return {
    get byLength() {
      return (byLength ??= buildByLength());
    },
    get known() {
      return (known ??= buildKnown());
    },
    get near() {
      return (near ??= new Set(NEAR_WORDS.split(' ')));
    },
  };
}

/**
 * "soptfy", "gooogle", "calculatro": a token no lexicon knows, that is no English word, and that is
 * one edit (two for long words) from a known name or stage word with the same first letter, reads
 * as that word at a lower weight. Exact readings of the same tokens always win.
 */
/** Nearest targets already looked up, per index: page titles and questions repeat their words, and each lookup scans every target of five lengths. */
const nearestMemo = new WeakMap<FuzzyIndex, Map<string, FuzzyTarget | null>>();
const NEAREST_MEMO_SIZE = 20_000;

/** The nearest target wins; among equally near ones, the first of the same length, then the shorter. */
function nearestFuzzyTarget(index: FuzzyIndex, word: string): FuzzyTarget | null {
  let memo = nearestMemo.get(index);
  if (!memo) nearestMemo.set(index, (memo = new Map()));
  const known = memo.get(word);
  if (known !== undefined) return known;
  let best: FuzzyTarget | null = null;
  const maxEdits = fuzzyLimit(word.length);
  for (let edits = 1; edits <= maxEdits && !best; edits++) {
    for (const length of [word.length, word.length - 1, word.length + 1, word.length - 2, word.length + 2]) {
      best = (index.byLength.get(length) ?? []).find(
        (target) => target.word[0] === word[0] && edits <= fuzzyLimit(target.word.length) && editDistanceWithin(word, target.word, edits),
      ) ?? null;
      if (best) break;
    }
  }
  if (memo.size >= NEAREST_MEMO_SIZE) memo.clear();
  memo.set(word, best);
  return best;
}

function fuzzyCandidates(
  index: FuzzyIndex,
  exact: readonly Candidate[],
  tokens: readonly QueryToken[],
  lang: string | null,
  factor: number,
  sourceWeight: (source: string) => number,
): Candidate[] {
  if (lang !== null && lang !== 'en') return [];
  const found: Candidate[] = [];
  tokens.forEach((token, position) => {
    const word = token.folded;
    if (fuzzyLimit(word.length) === 0 || /\d/.test(word) || index.known.has(word) || index.near.has(word) || commonWords().has(word)) return;
    if (exact.some((candidate) => candidate.start <= position && candidate.end > position)) return;
    const best = nearestFuzzyTarget(index, word);
    if (!best) return;
    // "airplance" is "airplane" misspelt before it is "airfrance": a name is read only in a word no common word is near.
    if (best.entry.stage === 'navigational' && nearCommonWord(word)) return;
    found.push({
      start: position,
      end: position + 1,
      stage: best.entry.stage,
      weight: best.entry.weight * factor * sourceWeight(best.source),
      kind: best.entry.kind,
      source: best.source,
      exactWords: 0,
      label: `${token.raw} (≈ ${best.word})`,
      ...(best.entry.broder ? { broder: best.entry.broder } : {}),
    });
  });
  return found;
}

/** Name phrases of 2–4 words by each of their words of 3+ letters (the exact anchor of a near match). */
type PhraseTarget = { words: readonly string[]; at: number; entry: LexiconEntry; source: string };
type PhraseIndex = { get(anchor: string): readonly PhraseTarget[] | undefined };
const PHRASE_MAX_WORDS = 4;
/** Anchors looked up one by one before the whole index is built (a crawl classifies many texts; the extension's first query a few words). */
const PHRASE_LOOKUPS_BEFORE_INDEX = 256;

/** The targets of one entry, in the order of its words, under `anchor` (or under each of its words when `anchor` is null). */
function addPhraseTargets(index: Map<string, PhraseTarget[]>, entry: LexiconEntry, source: string, anchor: string | null): void {
  if (entry.stage !== 'navigational' || entry.kind !== 'site') return;
  const words = foldedWords(entry.phrase);
  if (words.length < 2 || words.length > PHRASE_MAX_WORDS) return;
  words.forEach((word, at) => {
    if (word.length < 3 || (anchor !== null && word !== anchor)) return;
    const list = index.get(word) ?? [];
    list.push({ words, at, entry, source });
    index.set(word, list);
  });
}

function buildPhraseIndex(lexicons: readonly Lexicon[]): Map<string, PhraseTarget[]> {
  const index = new Map<string, PhraseTarget[]>();
  for (const lexicon of lexicons) for (const entry of lexicon.entries) addPhraseTargets(index, entry, lexicon.lang, null);
  return index;
}

/**
 * The phrase index, answered anchor by anchor from the name lists' text (NameLexicon.namesContaining:
 * a scan, no index) until PHRASE_LOOKUPS_BEFORE_INDEX anchors were asked, then built whole. The same
 * targets in the same order as `buildPhraseIndex`: lexicon by lexicon, name by name, word by word.
 */
function lazyPhraseIndex(lexicons: readonly Lexicon[]): PhraseIndex {
  let whole: Map<string, PhraseTarget[]> | null = null;
  const asked = new Map<string, PhraseTarget[] | undefined>();
  // Small lexicons (the site list) are indexed whole at once; the name lists are scanned per anchor.
  const small = new Map(lexicons.filter((l) => !(l instanceof NameLexicon)).map((l) => [l, buildPhraseIndex([l])]));
  return {
    get(anchor) {
      if (whole) return whole.get(anchor);
      if (asked.has(anchor)) return asked.get(anchor);
      if (asked.size >= PHRASE_LOOKUPS_BEFORE_INDEX) {
        whole = buildPhraseIndex(lexicons);
        asked.clear();
        return whole.get(anchor);
      }
      const targets: PhraseTarget[] = [];
      if (anchor.length >= 3) {
        for (const lexicon of lexicons) {
          if (lexicon instanceof NameLexicon) {
            const one = new Map<string, PhraseTarget[]>();
            for (const name of lexicon.namesContaining(anchor)) addPhraseTargets(one, lexicon.entry(name), lexicon.lang, anchor);
            targets.push(...(one.get(anchor) ?? []));
          } else {
            targets.push(...(small.get(lexicon)?.get(anchor) ?? []));
          }
        }
      }
      asked.set(anchor, targets.length ? targets : undefined);
      return asked.get(anchor);
    },
  };
}

/**
 * "cariboo coffee", "university of wasington": a name of several words typed with one of them misspelt (one
 * edit for 6+ letters, two for 9+, same first letter), the others exact, reads as that name ×0.8. The misspelt
 * token must be no common word and no word a lexicon knows ("delta rental" is not "delta dental").
 */
function fuzzyPhraseCandidates(
  phraseIndex: () => PhraseIndex,
  fuzzy: FuzzyIndex,
  tokens: readonly QueryToken[],
  factor: number,
  sourceWeight: (source: string) => number,
): Candidate[] {
  const found: Candidate[] = [];
  const folded = tokens.map((token) => token.folded);
  // Only a token that is no common word and no known word can be the misspelt one: most queries have none.
  const couldBeMisspelt = (token: string): boolean =>
    fuzzyLimit(token.length) > 0 && !/\d/.test(token) && !commonWords().has(token) && !fuzzy.known.has(token);
  if (!folded.some(couldBeMisspelt)) return found;
  // Built on the first query that needs it (a third of a second): most never do.
  const index = phraseIndex();
  const seen = new Set<string>();
  folded.forEach((anchor, position) => {
    for (const { words, at, entry, source } of index.get(anchor) ?? []) {
      const start = position - at;
      const end = start + words.length;
      if (start < 0 || end > folded.length) continue;
      let misspelt = -1;
      let matches = true;
      for (let i = 0; i < words.length && matches; i++) {
        const token = folded[start + i];
        if (token === words[i]) continue;
        const limit = fuzzyLimit(words[i].length);
        const near = misspelt < 0 && limit > 0 && token[0] === words[i][0] && couldBeMisspelt(token) && editDistanceWithin(token, words[i], limit);
        if (near) misspelt = start + i;
        else matches = false;
      }
      const key = `${start}:${end}`;
      if (!matches || misspelt < 0 || seen.has(key)) continue;
      seen.add(key);
      found.push({
        start,
        end,
        stage: 'navigational',
        weight: entry.weight * factor * sourceWeight(source),
        kind: 'site',
        source,
        exactWords: words.length - 1,
        label: `${tokens.slice(start, end).map((token) => token.raw).join(' ')} (≈ ${words.join(' ')})`,
      });
    }
  });
  return found;
}


function joinedNameIndex(lexicons: readonly Lexicon[]): Map<string, { entry: LexiconEntry; source: string }> {
  const index = new Map<string, { entry: LexiconEntry; source: string }>();
  for (const lexicon of lexicons) {
    // Only one-word names can be joined to a word: a name list makes the entries of those alone.
    const entries = lexicon instanceof NameLexicon ? lexicon.oneWordNames().map((name) => lexicon.entry(name)) : lexicon.entries;
    for (const entry of entries) {
      // A folded one-word name (most of the gazetteer's) is its own folded form.
      const plain = /^[a-z0-9]+$/.test(entry.phrase);
      if (entry.stage !== 'navigational' || entry.kind !== 'site' || !(plain || /^[\p{L}\p{N}]+$/u.test(entry.phrase))) continue;
      const word = plain ? entry.phrase : foldText(entry.phrase);
      if (word.length >= JOINED_MIN_NAME && !index.has(word)) index.set(word, { entry, source: lexicon.lang });
    }
  }
  return index;
}

/**
 * "myhbo", "cdczika", "usbankfargo": a token no lexicon reads, that is no English word (dictionary words that
 * would split, "appleton", are listed by the gazetteer build), made of a known one-word name joined to "my", to a
 * common word or to another name (shared/classify/joined.ts), reads as that name at a lower weight.
 */
function joinedNameCandidates(
  names: ReadonlyMap<string, { entry: LexiconEntry; source: string }>,
  fuzzy: FuzzyIndex | null,
  exact: readonly Candidate[],
  tokens: readonly QueryToken[],
  factor: number,
  sourceWeight: (source: string) => number,
): Candidate[] {
  const found: Candidate[] = [];
  const nameKind = (part: string): NameKind => {
    const known = names.get(part);
    return known ? (known.source === SITES_LEXICON.lang ? 'big' : 'name') : null;
  };
  const isCommon = (part: string): boolean => commonWords().has(part);
  tokens.forEach((token, position) => {
    const word = token.folded;
    if (commonWords().has(word) || notJoined().has(word) || fuzzy?.known.has(word) || fuzzy?.near.has(word)) return;
    if (exact.some((candidate) => candidate.start <= position && candidate.end > position)) return;
    const split = splitJoined(word, nameKind, isCommon);
    // "seperate" is "separate" misspelt, not "sepe" + "rate": a token a typo away from a common word is that word.
    if (!split || nearCommonWord(word)) return;
    const { entry, source } = names.get(split.name)!;
    found.push({
      start: position,
      end: position + 1,
      stage: 'navigational',
      weight: entry.weight * factor * sourceWeight(source),
      kind: 'site',
      source,
      exactWords: 0,
      label: `${token.raw} (${split.name} + ${split.rest})`,
    });
  });
  return found;
}

let notJoinedWords: Set<string> | null = null;
function notJoined(): Set<string> {
  notJoinedWords ??= new Set(NOT_JOINED.split(' '));
  return notJoinedWords;
}

let common: Set<string> | null = null;
function commonWords(): Set<string> {
  common ??= new Set(COMMON_WORDS.split(' '));
  return common;
}

/** Common words by first letter and length, built on first use (only a joined-name reading asks). */
let commonByShape: Map<string, string[]> | null = null;
/**
 * A token within the misspelling tolerance of a common English word (one edit for 6+ letters, two for 9+, same first
 * letter, as names are read misspelt): "seperate", "goverment".
 */
function nearCommonWord(word: string): boolean {
  const limit = fuzzyLimit(word.length);
  if (limit === 0) return false;
  if (!commonByShape) {
    commonByShape = new Map();
    for (const common of commonWords()) {
      const key = `${common[0]}${common.length}`;
      const list = commonByShape.get(key);
      if (list) list.push(common);
      else commonByShape.set(key, [common]);
    }
  }
  for (let length = word.length - limit; length <= word.length + limit; length++) {
    if ((commonByShape.get(`${word[0]}${length}`) ?? []).some((common) => editDistanceWithin(word, common, limit))) return true;
  }
  return false;
}

/** Options from a caller that broke the types: keep what is usable (the string names), drop the rest. */
function salvageOptions(raw: unknown): ReturnType<typeof ClassifyQueryOptionsSchema.parse> {
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  return ClassifyQueryOptionsSchema.parse({
    ...(typeof record.lang === 'string' ? { lang: record.lang } : {}),
    brandNames: strings(record.brandNames),
    brandDomains: strings(record.brandDomains),
  });
}
