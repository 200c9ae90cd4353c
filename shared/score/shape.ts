/**
 * Answer-shape fit: does the passage hold the kind of answer the question wants? A "how much"
 * question wants a price, "how to" wants ordered steps, "X vs Y" wants both names and a comparison,
 * "what is" wants a definition near the top. Each miss lowers the fit and says why.
 */
import { foldText } from '../classify/query-text.ts';
import { languagePack } from '../lang/index.ts';
import type { PageArtifacts, Passage } from '../schemas/index.ts';
import type { AnswerShape, QuestionIntent } from './intent.ts';
import { foldedPassage } from './memo.ts';
import { note, formatCount, type ScoreNote } from './notes.ts';
import { containsPhrase, type PageFeatures } from './page-features.ts';
import type { Analyzer } from './text.ts';

const NOTES = {
  priceElsewhere: 'a price is on the page, but not in the passage that answers',
  noPrice: 'no price on the page',
  noPriceContact: (said: string) => `no price on the page (it says "${said}")`,
  stepsBulleted: 'steps are a bulleted list, not numbered',
  stepsElsewhere: 'numbered steps are on the page, but not under the matching heading',
  noSteps: 'no ordered steps',
  sideNotNamed: (side: string) => `"${side}" is not named`,
  competitorNotNamed: (name: string) => `competitor ${name} not named`,
  sidesApart: 'both names are on the page, but not in the same passage',
  noComparisonTable: 'no comparison table',
  noOptions: 'no ranked list or comparison table',
  oneSided: 'no competitor named: the comparison only covers your own products',
  oneAlternative: 'only one alternative named',
  noAlternatives: 'no alternatives named',
  noReviewMarkup: 'testimonials only: no reviews or ratings (Review/AggregateRating)',
  noReviews: 'no reviews or ratings on the page',
  noProsCons: 'no pros and cons',
  prosConsNoList: 'pros and cons are not listed',
  definitionDeep: (offset: number) => `definition is not near the top (starts at word ${formatCount(offset)})`,
  noDefinitionSentence: 'no definition sentence ("X is …") at the start',
  noDefinition: 'no definition near the top',
  durationElsewhere: 'a duration is on the page, but not in the passage that answers',
  noDuration: 'no duration or date stated',
  noTerms: 'no concrete terms (days, costs, conditions) stated',
  noLocation: 'no store, retailer or address given',
  requirementsElsewhere: 'requirements are listed elsewhere on the page',
  noRequirements: 'no list of requirements',
  trialElsewhere: 'a trial or demo is mentioned on the page, not in the answer',
  noTrial: 'no free trial or demo offered',
  listElsewhere: 'a list is on the page, but not under the matching heading',
  noList: 'no list',
  shortExplanation: (words: number) => `answer too short to explain (${words} words)`,
  noCause: 'no cause or reason given',
  notHeadToHead: (others: string) => `not head to head: the passage also compares ${others}`,
  noDirectAnswer: 'no direct answer at the start of the passage',
  shortAnswer: (words: number) => `short answer (${words} words)`,
};

export interface ShapeInput {
  intent: QuestionIntent;
  passage: Passage;
  /** Index terms of the passage (with its heading) and of the whole page. */
  passageTerms: TermLookup;
  pageTerms: TermLookup;
  artifacts: PageArtifacts;
  features: PageFeatures;
  analyzer: Analyzer;
  /** Brand, product and competitor names from the config. */
  names: { brand: string[]; competitors: string[] };
  /** Query words (lower-cased) of the question, for a direct-answer check. */
  questionTerms: string[];
}

/** A set of index terms, or a term-frequency map: anything that answers `has`. */
export interface TermLookup {
  has(term: string): boolean;
}

export interface ShapeResult {
  fit: number;
  notes: ScoreNote[];
}

/** Time spans as written in the languages we read ("30 days", "2 ans", "two years"). */
const DURATION = /\b(\d+([.,]\d+)?|one|two|three|four|five|six|seven|eight|ten|twelve|thirty|sixty|un|une|deux|trois|quatre|cinq|six|dix|douze|trente)([–-]\d+)?\s*(business |working |ouvres |ouvrables )?(hours?|days?|weeks?|months?|years?|minutes?|heures?|jours?|semaines?|mois|ans?|annees?|stunden|tage?n?|wochen|monate?n?|jahre?n?|dias|semanas|meses|anos)\b/;
const NUMBER = /\d/;
/** Words that give a cause or a reason, for "why" and "how does" questions. */
const CAUSE = /\b(because|cause[sd]?|caused by|due to|reasons?|since|so that|leads? to|results? in|when|if|means|parce que|car|a cause|en raison|provoque|cause|lorsque|quand|weil|wegen|porque|debido)\b/;
const CONTACT_FOR_PRICE = /\b(contact (sales|us) for (pricing|a quote|prices?)|request a quote|price on request|call for pric\w*|sur devis|nous contacter pour (un|le) (tarif|prix))\b/;
const RATING_TEXT = /(★|☆|\b\d([.,]\d)? ?(\/|out of|sur) ?5\b|\bstars?\b|\betoiles?\b|\btestimonials?\b|\bverified (buyer|purchase)\b|\bcustomers? say\b)/;
const RETAILERS = /\b(retailers?|stores?|stockists?|dealers?|available at|sold at|installers? near|revendeurs?|magasins?|points? de vente|disponible chez)\b/;
const TRIAL = /\b(free trial|trial|demo|demonstration|essai|demonstration|demo gratuite)\b/;
const YES_NO = /^(yes|no|oui|non|ja|nein|si)\b/;
const PROS_CONS_HEADING = /\b(pros|cons|advantages|disadvantages|benefits|drawbacks|avantages|inconvenients|vorteile|nachteile|ventajas|desventajas)\b/;

/** How well a passage has the answer shape(s) the question wants; 1 for a generic question with a real answer. */
export function shapeFit(input: ShapeInput): ShapeResult {
  const { intent, passage } = input;
  if (!intent.shapes.length) {
    if (passage.wordCount >= 25) return { fit: 1, notes: [] };
    const fit = 0.8;
    return { fit, notes: [note('shape', NOTES.shortAnswer(passage.wordCount), fit)] };
  }
  let fit = 1;
  const notes: ScoreNote[] = [];
  for (const shape of intent.shapes) {
    const r = fitOf(shape, input);
    // The weakest expected element decides: a comparison without the competitor is not saved by its table.
    fit = Math.min(fit, r.fit);
    notes.push(...r.notes);
  }
  return { fit, notes };
}

function result(fit: number, text?: string): ShapeResult {
  return { fit, notes: text && fit < 1 ? [note('shape', text, fit)] : [] };
}

function fitOf(shape: AnswerShape, x: ShapeInput): ShapeResult {
  const p = x.passage;
  const f = x.features;
  const text = foldedPassage(p);
  switch (shape) {
    case 'price': {
      if (p.prices.length) return result(1);
      if (f.textPrices || f.offers) return result(0.7, NOTES.priceElsewhere);
      const contact = CONTACT_FOR_PRICE.exec(f.text);
      return result(0.25, contact ? NOTES.noPriceContact(contact[0]) : NOTES.noPrice);
    }
    case 'steps': {
      if (p.orderedSteps >= 3) return result(1);
      if (p.listItems >= 3) return result(0.75, NOTES.stepsBulleted);
      if (f.orderedLists || f.types.has('HowTo')) return result(0.7, NOTES.stepsElsewhere);
      return result(0.35, NOTES.noSteps);
    }
    case 'versus':
      return versusFit(x);
    case 'ranking': {
      let r: ShapeResult;
      if (p.tables || f.maxTableRows >= 3) r = result(1);
      else if (p.listItems >= 3 || countSubsections(x) >= 3) r = result(0.85);
      else if (f.maxListItems >= 3) r = result(0.7, NOTES.noOptions);
      else r = result(0.4, NOTES.noOptions);
      return oneSided(x, r);
    }
    case 'alternatives': {
      const others = x.names.competitors.concat(x.names.brand).filter((n) => !containsPhrase(foldText(questionText(x)), n) && containsPhrase(f.text, n));
      if (others.length >= 2 || (others.length >= 1 && (f.maxTableRows >= 3 || countSubsections(x) >= 3))) return result(1);
      if (others.length === 1) return result(0.65, NOTES.oneAlternative);
      return result(0.3, NOTES.noAlternatives);
    }
    case 'reviews': {
      if (f.hasReviewMarkup) return result(1);
      if (RATING_TEXT.test(text) || RATING_TEXT.test(f.text)) return result(0.45, NOTES.noReviewMarkup);
      return result(0.3, NOTES.noReviews);
    }
    case 'pros-cons': {
      const headed = x.artifacts.headings.some((h) => PROS_CONS_HEADING.test(foldText(h.text)));
      if (headed && f.maxListItems >= 2) return result(1);
      if (headed || PROS_CONS_HEADING.test(text)) return result(0.75, NOTES.prosConsNoList);
      return result(0.4, NOTES.noProsCons);
    }
    case 'definition': {
      const lang = x.analyzer.lang ?? 'en';
      const start = firstSentences(text, 2);
      // A definitional sentence in the passage's language (its pack's pattern; English when it has none).
      const defines = (languagePack(lang) ?? languagePack('en')!).definition.test(start);
      const nearTop = p.wordOffset <= 150;
      if (defines && nearTop) return result(1);
      if (defines) return result(0.7, NOTES.definitionDeep(p.wordOffset));
      if (nearTop) return result(0.6, NOTES.noDefinitionSentence);
      return result(0.4, NOTES.noDefinition);
    }
    case 'duration': {
      if (DURATION.test(text)) return result(1);
      if (DURATION.test(f.text)) return result(0.7, NOTES.durationElsewhere);
      return result(0.4, NOTES.noDuration);
    }
    case 'terms': {
      if (DURATION.test(text) || p.prices.length || /\d+ ?%/.test(text)) return result(1);
      if (NUMBER.test(text)) return result(0.85);
      return result(0.5, NOTES.noTerms);
    }
    case 'location': {
      if (f.types.has('LocalBusiness') || f.types.has('Store') || RETAILERS.test(text)) return result(1);
      if (f.types.has('PostalAddress') || RETAILERS.test(f.text)) return result(0.7, NOTES.noLocation);
      return result(0.4, NOTES.noLocation);
    }
    case 'requirements': {
      if (p.listItems >= 3 || p.tables) return result(1);
      if (f.maxListItems >= 3 || f.maxTableRows >= 3) return result(0.75, NOTES.requirementsElsewhere);
      return result(0.55, NOTES.noRequirements);
    }
    case 'trial': {
      if (TRIAL.test(text)) return result(1);
      if (TRIAL.test(f.text) || TRIAL.test(f.linkText)) return result(0.7, NOTES.trialElsewhere);
      return result(0.35, NOTES.noTrial);
    }
    case 'list': {
      if (p.listItems >= 3 || countSubsections(x) >= 3) return result(1);
      if (f.maxListItems >= 3) return result(0.75, NOTES.listElsewhere);
      return result(0.55, NOTES.noList);
    }
    case 'explanation': {
      const length = p.wordCount >= 40 ? 1 : p.wordCount >= 20 ? 0.8 : 0.55;
      const causal = CAUSE.test(text) ? 1 : 0.6;
      const r: ShapeResult = { fit: length * causal, notes: [] };
      if (length < 1) r.notes.push(note('shape', NOTES.shortExplanation(p.wordCount), length));
      if (causal < 1) r.notes.push(note('shape', NOTES.noCause, causal));
      return r;
    }
    case 'yes-no': {
      const first = firstSentences(text, 1);
      const hits = x.questionTerms.filter((t) => containsPhrase(first, t)).length;
      if (YES_NO.test(first) || hits >= Math.ceil(x.questionTerms.length / 2)) return result(1);
      return result(0.8, NOTES.noDirectAnswer);
    }
  }
}

/** "X vs Y": both names in the passage, and a table to compare them. */
function versusFit(x: ShapeInput): ShapeResult {
  const [a, b] = x.intent.versus ?? ['', ''];
  const notes: ScoreNote[] = [];
  let names = 1;
  const sides = [a, b].map((side) => ({ side, inPassage: sideIn(x, side, x.passageTerms), onPage: sideIn(x, side, x.pageTerms) }));
  const missing = sides.filter((s) => !s.onPage);
  if (missing.length) {
    names = missing.length === 2 ? 0.2 : 0.3;
    for (const m of missing) {
      const competitor = x.names.competitors.find((c) => containsPhrase(foldText(m.side), c));
      notes.push(note('shape', competitor ? NOTES.competitorNotNamed(competitor) : NOTES.sideNotNamed(m.side), names));
    }
  } else if (sides.some((s) => !s.inPassage)) {
    names = 0.85;
    notes.push(note('shape', NOTES.sidesApart, names));
  }
  // A roundup that covers both among others is not the head-to-head the question asks for.
  if (!missing.length) {
    const others = x.names.brand.concat(x.names.competitors).filter(
      (n) => !containsPhrase(foldText(`${a} ${b}`), n) && !sides.some((s) => containsPhrase(foldText(n), s.side)) && containsPhrase(foldedPassage(x.passage), n),
    );
    const distinct = others.filter((n) => !others.some((o) => o !== n && containsPhrase(foldText(n), o)));
    if (distinct.length >= 2) {
      names *= 0.6;
      notes.push(note('shape', NOTES.notHeadToHead(distinct.slice(0, 3).join(', ')), 0.6));
    }
  }
  let table = 1;
  if (!x.passage.tables && !x.features.comparisonTables) {
    table = 0.7;
    notes.push(note('shape', NOTES.noComparisonTable, table));
  } else if (!x.passage.tables) table = 0.9;
  return { fit: names * table, notes };
}

/** A side is named when at least two thirds of its words are there ("smart shut-off valve"). */
function sideIn(x: ShapeInput, side: string, terms: TermLookup): boolean {
  const words = x.analyzer.terms(side);
  if (!words.length) return true;
  const hits = words.filter((w) => terms.has(w)).length;
  return hits >= Math.ceil((words.length * 2) / 3);
}

/** A roundup that never names a competitor is a catalogue, not a comparison. */
function oneSided(x: ShapeInput, r: ShapeResult): ShapeResult {
  if (!x.names.competitors.length) return r;
  if (x.names.competitors.some((c) => containsPhrase(x.features.text, c))) return r;
  const fit = r.fit * 0.6;
  return { fit, notes: [...r.notes, note('shape', NOTES.oneSided, 0.6)] };
}

/** Passages nested under this one (its sub-headings): a list made of sections. */
function countSubsections(x: ShapeInput): number {
  const p = x.passage;
  if (!p.heading) return 0;
  const depth = p.headingPath.length;
  return x.artifacts.passages.filter(
    (q) => q.headingPath.length > depth && q.headingPath[depth - 1] === p.heading && q.headingLevel > p.headingLevel && q.headingPath.length === depth + 1,
  ).length;
}

function questionText(x: ShapeInput): string {
  return x.questionTerms.join(' ');
}

function firstSentences(text: string, n: number): string {
  const parts = text.split(/(?<=[.!?])\s+/).slice(0, n);
  return parts.join(' ').slice(0, 600);
}
