/**
 * The answer score of one passage for one question:
 *   answer = relevance × shape fit × directness × tone,   visibility = answer × findability.
 * Each factor is 0..1 and comes with the notes that explain it.
 */
import type { Answer, Config, ProspectQuestion, Stage } from '../schemas/index.ts';
import { detectLanguage } from '../classify/lang.ts';
import { BM25_B, BM25_K1, type Bm25Index, type IndexedDoc, type QueryGroup } from './bm25.ts';
import type { CorpusPage, PassageRef } from './corpus.ts';
import { directnessOf } from './directness.ts';
import { quotability, quotabilityFactor, type Quotability } from '../answer-engines/config.ts';
import { answerFindability } from './findability.ts';
import { contactFactor, humanSignalScore, NO_CONTACT_SHARE } from '../human-signals/config.ts';
import { builtInPersona, PERSONA_LABELS, personaFactor, personaUsability } from '../personas/index.ts';
import { questionIntent, type QuestionIntent } from './intent.ts';
import { clamp01, note, quoteList, round3, sortNotes, type ScoreNote } from './notes.ts';
import { containsPhrase, pageFeatures } from './page-features.ts';
import { coverage, queryGroups } from './query-terms.ts';
import { shapeFit } from './shape.ts';
import { analyzerFor, primaryLanguage, wordsOf, type Analyzer } from './text.ts';
import { promotionOf, toneOf, type Promotion } from './tone.ts';
import { foldedPassage, passageMemo } from './memo.ts';
import { WEIGHTS } from './weights.ts';

const NOTES = {
  passageMisses: (words: string) => `the answering passage does not mention ${words}`,
  pageMisses: (words: string) => `page does not mention ${words}`,
  excerpt: 'an excerpt on a listing page: the article it links to is the answer',
  persona: (label: string, findings: string[], usability: number, factor: number) =>
    `${label} may not be able to use this page (${findings.join('; ')}): usability ${Math.round(usability * 100)}%, visibility −${Math.round((1 - factor) * 100)}%`,
  noContact: (stage: string, pct: number) =>
    `no way to reach a person from this page (no contact page link, phone, e-mail, chat or booking): a ${stage}-stage prospect who wants to ask someone leaves, visibility −${pct}%`,
};

/** Characters of passage text kept as evidence in an answer. */
const EXCERPT_CHARS = 320;
/** A missing word is worth a note when it carries at least this share of the question's weight. */
const NOTABLE_WORD_SHARE = 0.12;

/** The user's names, as the scorer needs them. */
export interface BrandNames {
  /** Brand and product names (the tone counts their repetition; alternatives exclude them). */
  brand: string[];
  competitors: string[];
  /** The brand's own name (and its first word when distinctive): implied on the brand's own pages. */
  own?: string[];
}

export function brandNamesOf(config: Pick<Config, 'brand' | 'products' | 'competitors'>): BrandNames {
  const candidates = [config.brand.name, ...config.products];
  const first = config.brand.name.split(/\s+/)[0];
  if (first && first.length >= 4 && first !== config.brand.name) candidates.push(first);
  const own = [config.brand.name];
  if (first && first.length >= 4 && first !== config.brand.name) own.push(first);
  return {
    own,
    brand: [...new Set(candidates.filter((n) => n.trim()))],
    competitors: [...new Set(config.competitors.map((c) => c.name).filter((n) => n.trim()))],
  };
}

/** Distinct names that do not contain one another ("Brightwell" covers "Brightwell Sentry"), to count mentions once. */
export function coreNames(names: string[]): string[] {
  const folded = names.map((n) => ({ n, f: ` ${wordsOf(n).join(' ')} ` }));
  return folded.filter((x) => !folded.some((y) => y !== x && y.f.trim() && x.f.includes(y.f) && y.f !== x.f)).map((x) => x.n);
}

/** Everything about a question that does not depend on the page. */
export interface QuestionContext {
  question: ProspectQuestion;
  lang: string;
  analyzer: Analyzer;
  groups: QueryGroup[];
  intent: QuestionIntent;
  names: BrandNames;
  toneNames: string[];
  questionWords: string[];
  /** Per query group: whether it is (part of) the brand's or a product's name, implied on the brand's own pages. */
  brandGroups: boolean[];
}

export function questionContext(question: ProspectQuestion, names: BrandNames, defaultLang: string): QuestionContext {
  const lang = primaryLanguage(question.lang) ?? primaryLanguage(detectLanguage(question.text)) ?? defaultLang;
  const analyzer = analyzerFor(lang);
  const groups = queryGroups(question.text, lang);
  // The brand's name, where the question names it ("Zera Books", "Brightwell"): not its product names,
  // which a page about another product does not imply, nor a generic word of the name on its own.
  // In "X vs Y" the page must name both sides, the brand too: nothing is implied there.
  const foldedQuestion = wordsOf(question.text).join(' ');
  const intent = questionIntent(question.text, lang);
  const implied = intent.shapes.includes('versus') ? [] : (names.own ?? []).filter((n) => containsPhrase(foldedQuestion, n));
  const brandTerms = new Set(implied.flatMap((n) => analyzer.terms(n)));
  return {
    question,
    lang,
    analyzer,
    groups,
    intent,
    names,
    toneNames: coreNames(names.brand),
    questionWords: wordsOf(question.text).filter((w) => analyzer.term(w) != null),
    brandGroups: groups.map((g) => g.terms.some((t) => brandTerms.has(t))),
  };
}

export interface ScoredAnswer {
  answer: Answer;
  /** How on-topic the passage is as content: relevance, discounted when it only links elsewhere. */
  topicality: number;
  notes: ScoreNote[];
  blocked: boolean;
  page: CorpusPage;
  /** The indexed passage this answer comes from. */
  ref?: PassageRef;
  /** The passage's BM25 score over the question's best BM25 passage, when retrieved by a search (evidence for the confidence). */
  lexical?: number;
  /** The sentence model's similarity of question and passage, when it judged this passage (shared/score/semantic.ts). */
  semantic?: number;
  /** What the model has seen answer questions like this one, when it knows (semantic.ts, `PassageSimilarity.transfer`). */
  semanticTransfer?: readonly number[];
  /** Ranking key set by the fitted re-ranker (rerank.ts; above every passage it did not judge); absent when the scorer's own order stands. */
  rankKey?: number;
  /** The re-ranker's probability of this passage among the question's judged passages, its score, and that score minus the best other's. */
  rankProbability?: number;
  rankScore?: number;
  rankMargin?: number;
}

/** Term-frequency credit: present once is most of it, repetition adds a little. */
function saturation(tf: number): number {
  return tf <= 0 ? 0 : tf === 1 ? 0.85 : tf === 2 ? 0.95 : 1;
}

export function scorePassage(ctx: QuestionContext, index: Bm25Index<PassageRef>, doc: IndexedDoc<PassageRef>, stage: Stage = ctx.question.stage): ScoredAnswer {
  const { page, passage, headingTerms, childHeadingTerms, pathTerms } = doc.ref;
  const weights = weightsFor(ctx, index);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const notes: ScoreNote[] = [];

  // Relevance: idf-weighted share of the question's words the passage and its heading hold. A word
  // it does not hold may still be implied: the brand's name on the brand's own pages, the page's
  // subject (title, H1) for each of its passages, a heading above it (the section's topic).
  let rel = 0;
  const passageMissing: string[] = [];
  const pageMissing: string[] = [];
  ctx.groups.forEach((g, i) => {
    const tf = index.groupTf(doc, g);
    let credit = saturation(tf);
    if (tf === 0) {
      if (ctx.brandGroups[i] && page.own) credit = WEIGHTS.brandImpliedCredit;
      else if (g.terms.some((t) => page.subjectTerms.has(t))) credit = Math.max(WEIGHTS.titleCredit, g.terms.some((t) => pathTerms.has(t)) ? WEIGHTS.inheritedCredit : 0) * saturation(1);
      else if (g.terms.some((t) => pathTerms.has(t))) credit = WEIGHTS.inheritedCredit * saturation(1);
    }
    rel += weights[i] * credit;
    if (credit === 0 && totalWeight > 0 && weights[i] / totalWeight >= NOTABLE_WORD_SHARE) {
      (g.terms.some((t) => page.terms.has(t)) ? passageMissing : pageMissing).push(g.label);
    }
  });
  // Blended with the passage's BM25 score as a share of the best a passage of its length could get:
  // coverage says which words are there, BM25 how concentrated they are.
  const coverageShare = totalWeight > 0 ? rel / totalWeight : 0;
  const relevance = WEIGHTS.bm25Blend > 0 ? (1 - WEIGHTS.bm25Blend) * coverageShare + WEIGHTS.bm25Blend * bm25Share(ctx, index, doc, weights) : coverageShare;
  if (pageMissing.length) notes.push(note('relevance', NOTES.pageMisses(quoteList(pageMissing)), relevance));
  if (passageMissing.length) notes.push(note('relevance', NOTES.passageMisses(quoteList(passageMissing)), relevance));

  const features = pageFeatures(page.artifacts);
  const shape = shapeFit({
    intent: ctx.intent,
    passage,
    passageTerms: doc.tf,
    pageTerms: page.terms,
    artifacts: page.artifacts,
    features,
    analyzer: page.analyzer,
    names: ctx.names,
    questionTerms: ctx.questionWords,
  });
  notes.push(...shape.notes);

  const links = linkMemo(passage, '', () => linkDensity(foldedPassage(passage), passage.wordCount, page.linkTexts));
  // Headings are judged on the question's distinctive words (squared idf lets "heater" outweigh
  // "water"); each word takes the best place it appears: own heading, sub-heading, heading above.
  let matchTotal = 0;
  let matched = 0;
  ctx.groups.forEach((g, i) => {
    const w = weights[i] * weights[i];
    matchTotal += w;
    const has = (set: ReadonlySet<string>) => g.terms.some((t) => set.has(t));
    matched +=
      w *
      (has(headingTerms) || (ctx.brandGroups[i] && page.own)
        ? 1
        : has(childHeadingTerms)
          ? WEIGHTS.subheadingWeight
          : Math.max(has(pathTerms) ? WEIGHTS.parentHeadingWeight : 0, has(page.subjectTerms) ? WEIGHTS.titleHeadingWeight : 0));
  });
  const direct = directnessOf({
    passage,
    headingMatch: matchTotal > 0 ? matched / matchTotal : 0,
    linkShare: links.share,
    links: links.count,
  });
  notes.push(...direct.notes);

  const promo = promoMemo(passage, ctx.toneNames.join('|'), () => promotionOf(passage.text, passage.wordCount, ctx.toneNames, foldedPassage(passage)));
  const tone = toneOf(passage.text, passage.wordCount, stage, ctx.toneNames, promo);
  notes.push(...tone.notes);

  const untargeted = ctx.groups
    .map((g, i) => ({ g, w: weights[i] }))
    .filter((x, i) => !x.g.terms.some((t) => page.titleTerms.has(t)) && !(ctx.brandGroups[i] && page.own))
    .sort((a, b) => b.w - a.w)
    .map((x) => x.g.label);
  const found = answerFindability({
    artifacts: page.artifacts,
    page: page.page,
    targetCoverage: coverage(ctx.groups, weights, page.targetTerms, page.own ? ctx.brandGroups : undefined),
    untargetedWords: untargeted,
  });
  notes.push(...found.notes);

  const factors = {
    relevance: round3(clamp01(relevance)),
    shape: round3(clamp01(shape.fit)),
    directness: round3(clamp01(direct.directness)),
    tone: round3(clamp01(tone.tone)),
  };
  // An excerpt card of a listing page is not the answer: the article it links to is.
  const listing = doc.ref.card ? WEIGHTS.listingFactor : 1;
  if (listing < 1) notes.push(note('directness', NOTES.excerpt, listing));
  const answerScore = round3(
    clamp01(
      Math.pow(clamp01(relevance), WEIGHTS.relevanceExponent) *
        Math.pow(clamp01(shape.fit), WEIGHTS.shapeExponent) *
        Math.pow(clamp01(direct.directness), WEIGHTS.directnessExponent) *
        tone.tone *
        listing,
    ),
  );
  const findability = round3(clamp01(found.findability));
  // Quotability by answer engines: a factor of its own, beside findability (shared/answer-engines).
  const quotable = quotability(page.page.audits);
  const quotableScore = round3(clamp01(quotable.score));
  if (quotableScore < 1) notes.push(quotabilityNote(quotable, quotableScore));
  // People behind the page: a comparison or purchase answer with no way to reach a person loses a share (shared/human-signals).
  const contact = contactFactor(page.page.audits, ctx.question.stage);
  if (contact < 1) notes.push(note('people', NOTES.noContact(ctx.question.stage, Math.round(NO_CONTACT_SHARE[ctx.question.stage] * 100)), contact));
  const people = humanSignalScore(page.page.audits, ctx.question.stage).score;
  // A question tagged with a built-in persona: can that prospect use this page? (shared/personas)
  const personaId = builtInPersona(ctx.question.persona);
  const usable = personaId ? personaUsability(personaId, { artifacts: page.artifacts, page: page.page, passage }) : null;
  const findings = usable ? usable.checks.filter((c) => c.score < 1 && c.message).map((c) => c.message!) : [];
  const personaMultiplier = usable ? personaFactor(usable.usability) : 1;
  if (usable && personaMultiplier < 1) notes.push(note('persona', NOTES.persona(PERSONA_LABELS[usable.persona], findings, usable.usability, personaMultiplier), personaMultiplier));
  const sorted = sortNotes(notes);
  return {
    answer: {
      url: page.url,
      passageId: passage.id,
      heading: passage.heading,
      excerpt: excerptOf(passage.text, /-w[1-9]\d*$/.test(passage.id) ? focusOf(passage.text, ctx.questionWords) : 0),
      answer: answerScore,
      findability,
      visibility: round3(answerScore * findability * quotabilityFactor(quotableScore) * contact * personaMultiplier),
      quotability: quotableScore,
      people: people === null ? null : round3(people),
      ...(usable ? { persona: { id: usable.persona, usability: usable.usability, findings } } : {}),
      factors,
      notes: sorted.map((n) => n.text),
    },
    notes: sorted,
    topicality: relevance * direct.linkFactor * listing,
    blocked: found.blocked,
    page,
    ref: doc.ref,
  };
}

/**
 * BM25's view of coverage, 0..1: each word's BM25 term weight, relative to that of a single
 * occurrence in a passage of average length (capped at 1), idf-weighted. A word said once in a
 * short passage counts fully, once in a long one less: what BM25 adds to plain word coverage.
 */
function bm25Share(ctx: QuestionContext, index: Bm25Index<PassageRef>, doc: IndexedDoc<PassageRef>, weights: number[]): number {
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / (index.averageLength || 1));
  let score = 0;
  let max = 0;
  ctx.groups.forEach((g, i) => {
    const tf = index.groupTf(doc, g);
    score += weights[i] * Math.min(1, (tf * (BM25_K1 + 1)) / (tf + norm) / ((BM25_K1 + 1) / (1 + BM25_K1)));
    max += weights[i];
  });
  return max > 0 ? score / max : 0;
}

const linkMemo = passageMemo<{ share: number; count: number }>();
const promoMemo = passageMemo<Promotion>();
const weightMemo = new WeakMap<QuestionContext, Map<Bm25Index<PassageRef>, number[]>>();

/** The question's word weights (idf) in one index, computed once per question and index. */
function weightsFor(ctx: QuestionContext, index: Bm25Index<PassageRef>): number[] {
  let byIndex = weightMemo.get(ctx);
  if (!byIndex) weightMemo.set(ctx, (byIndex = new Map()));
  let w = byIndex.get(index);
  if (!w) byIndex.set(index, (w = ctx.groups.map((g) => index.idf(g))));
  return w;
}

/** How much of a passage is made of titles of links to other pages. */
function linkDensity(folded: string, words: number, linkTexts: string[]): { share: number; count: number } {
  if (!linkTexts.length || words === 0) return { share: 0, count: 0 };
  let count = 0;
  let linked = 0;
  for (const l of linkTexts) {
    if (!folded.includes(l)) continue;
    count++;
    linked += l.split(' ').length;
  }
  return { share: Math.min(1, linked / words), count };
}

/** Where a window's answer starts: the sentence holding the first question word (a window starts mid-section). */
function focusOf(text: string, words: string[]): number {
  const lower = text.toLowerCase();
  let at = -1;
  for (const w of words) {
    if (w.length < 3) continue;
    const i = lower.search(new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u'));
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at <= 0) return 0;
  const stop = Math.max(text.lastIndexOf('. ', at), text.lastIndexOf('? ', at), text.lastIndexOf('! ', at));
  return stop >= 0 && at - stop < 200 ? stop + 2 : Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 40)) + 1);
}

function excerptOf(full: string, from = 0): string {
  const text = from > 0 ? `…${full.slice(from)}` : full;
  if (text.length <= EXCERPT_CHARS) return text;
  const cut = text.slice(0, EXCERPT_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > EXCERPT_CHARS * 0.6 ? space : EXCERPT_CHARS)}…`;
}

/** Why answer engines may not fully quote the page, and what it costs the visibility. */
function quotabilityNote(q: Quotability, score: number): ScoreNote {
  const factor = quotabilityFactor(score);
  const why = q.failing.map((f) => f.title.charAt(0).toLowerCase() + f.title.slice(1)).join('; ');
  return note('quotability', `answer engines may not fully quote this page (${why}): AI-answer quotability ${Math.round(score * 100)}%, visibility −${Math.round((1 - factor) * 100)}%`, factor);
}
