/**
 * The two answers sets of ../shared/fixtures/answers (amazon-science/contextual-product-qa, CDLA-Sharing-1.0)
 * as product pages the scorer can read, with the split, the plain BM25 baseline and the ranking metrics
 * shared by `npm run eval -- --only answers` and `npm run fit`.
 *
 * - Each question's candidates become the passages of one product page, each under the heading a
 *   product page gives its source ("About this item", "Product details", "Customer reviews", …).
 *   Spec rows (`num_batteries:  { quantity:4, type:c }`) are written as a spec table shows them
 *   ("num batteries: quantity 4, type c"). Passages are ordered by a hash of their text, so their
 *   position on the page says nothing about their label.
 * - Split: a question is held back when FNV-1a(qid) is odd (about half of each set), dev otherwise.
 *   Weights are fitted on dev only; held-back figures are the ones to quote.
 * - Ties are broken at random in expectation: precision at 1 and reciprocal rank are the expected
 *   values over every order of the tied candidates, so a scorer gains nothing by giving up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { extractArtifacts } from '../../shared/extract/index.ts';
import { findPrices } from '../../shared/extract/prices.ts';
import { pageResultFrom } from '../../shared/pipeline.ts';
import type { PageArtifacts, PageResult, Passage, ProspectQuestion } from '../../shared/schemas/index.ts';
import { questionContext } from '../../shared/score/answer.ts';
import { Bm25Index } from '../../shared/score/bm25.ts';
import type { ConfidenceEvidence } from '../../shared/score/confidence.ts';
import { recordingSimilarity, type PassageSimilarity } from '../../shared/score/semantic.ts';
import { SENTENCE_MODEL_ID, SENTENCE_MODEL_LANGS, similarityFor, type Embed } from '../../crawler/semantic/model.ts';
import { useTransferBank, type TransferBank } from '../../crawler/semantic/transfer.ts';
import { buildCorpus } from '../../shared/score/corpus.ts';
import { judgedPassages, scoreQuestion } from '../../shared/score/site.ts';
import { rerankInputs } from '../../shared/score/rerank.ts';
import { pairKey, useAssociations } from '../../shared/score/associations.ts';
import { analyzerFor } from '../../shared/score/text.ts';
import { WEIGHTS } from '../../shared/score/weights.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ANSWERS_DIR = path.join(ROOT, '../shared/fixtures/answers');

export const SETS = [
  { id: 'hetPQA', file: 'hetPQA-evidence_ranking-dev.csv', title: 'hetPQA evidence ranking (toys & games: bullets, description, spec rows, community answers, reviews)' },
  { id: 'semiPQA', file: 'semiPQA-attribute_ranking-dev.csv', title: 'semiPQA attribute ranking (spec-table rows)' },
] as const;
export type SetId = (typeof SETS)[number]['id'];

export interface Candidate {
  text: string;
  label: 0 | 1;
  source: string;
}

export interface PqaQuestion {
  set: SetId;
  qid: string;
  question: string;
  candidates: Candidate[];
  heldBack: boolean;
}

/** Where a product page shows each hetPQA source. */
const SECTION_OF: Record<string, string> = {
  bullet: 'About this item',
  Desc: 'Product description',
  OSP: 'From the manufacturer',
  attribute: 'Product details',
  CQA: 'Customer questions and answers',
  review: 'Customer reviews',
};

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `num_batteries:  { quantity:4, type:c }; { quantity:1, type:aa }` → "num batteries: quantity 4, type c; quantity 1, type aa". */
export function specRow(candidate: string): string {
  const m = /^\s*"?([a-z0-9_]+):\s*(.*)$/is.exec(candidate);
  if (!m || !/[{]/.test(m[2])) return candidate;
  const key = m[1].replace(/_/g, ' ');
  const value = m[2]
    .replace(/""/g, '"')
    .replace(/\bvalue:/g, '')
    .replace(/([a-z_]+):/g, (_, k: string) => `${k.replace(/_/g, ' ')} `)
    .replace(/[{}[\]"]/g, ' ')
    .replace(/\btrue\b/g, 'yes')
    .replace(/\bfalse\b/g, 'no')
    .replace(/_/g, ' ')
    .replace(/\s+,/g, ',')
    .replace(/\s+;/g, ';')
    .replace(/\s+/g, ' ')
    .replace(/"\s*$/, '')
    .trim();
  return `${key}: ${value}`;
}

export function loadSet(id: SetId): PqaQuestion[] {
  const set = SETS.find((s) => s.id === id)!;
  const rows = parse(readFileSync(path.join(ANSWERS_DIR, set.file), 'utf8'), {
    delimiter: '\t',
    columns: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as Array<Record<string, string>>;
  const byQ = new Map<string, PqaQuestion>();
  for (const r of rows) {
    let q = byQ.get(r.qid);
    if (!q) byQ.set(r.qid, (q = { set: id, qid: r.qid, question: r.question, candidates: [], heldBack: fnv1a(`${id}:${r.qid}`) % 2 === 1 }));
    q.candidates.push({ text: specRow(r.candidate), label: r.label === '1' ? 1 : 0, source: r.source ?? 'attribute' });
  }
  // Page order: a hash of the text, not the file's order.
  for (const q of byQ.values()) q.candidates.sort((a, b) => fnv1a(a.text) - fnv1a(b.text) || a.text.localeCompare(b.text));
  return [...byQ.values()];
}

export interface ProductPage {
  artifacts: PageArtifacts;
  page: PageResult;
  question: ProspectQuestion;
  /** Passage id → candidate index. */
  passageOf: Map<string, number>;
}

const pageCache = new WeakMap<PqaQuestion, ProductPage>();

/** The question's product page: one passage per candidate, under its source's section heading. */
export function productPage(q: PqaQuestion): ProductPage {
  const hit = pageCache.get(q);
  if (hit) return hit;
  const url = `https://shop.example/${q.set}/${q.qid}/`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Product ${q.qid}</title><meta name="description" content="Product details, description, questions and reviews of this product, as shown on its page in the shop."><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="canonical" href="${url}"></head><body><h1>Product ${q.qid}</h1></body></html>`;
  const artifacts = extractArtifacts({ url, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, html, depth: 1, inSitemap: true });
  const passages: Passage[] = [];
  const passageOf = new Map<string, number>();
  let offset = 0;
  q.candidates.forEach((c, i) => {
    const heading = SECTION_OF[c.source] ?? 'Product details';
    const words = (c.text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
    const id = `c${i}`;
    passages.push({
      id,
      heading,
      headingLevel: 2,
      headingPath: [`Product ${q.qid}`, heading],
      text: c.text,
      wordCount: words,
      wordOffset: offset,
      orderedSteps: 0,
      listItems: c.source === 'bullet' ? 1 : 0,
      tables: 0,
      prices: findPrices(c.text, 20).map((p) => p.raw),
      images: 0,
      imagesWithoutAlt: [],
    });
    passageOf.set(id, i);
    offset += words;
  });
  artifacts.passages = passages;
  artifacts.wordCount = offset;
  const out: ProductPage = {
    artifacts,
    page: pageResultFrom(artifacts),
    question: { id: `${q.set}-${q.qid}`, text: q.question, stage: 'purchase', weight: 1, source: 'query' },
    passageOf,
  };
  pageCache.set(q, out);
  return out;
}

/** Plain BM25 (Okapi, k1 1.2, b 0.75) over the candidates' own words, stemmed and without stop words. */
export function bm25Scores(q: PqaQuestion): number[] {
  const analyzer = analyzerFor('en');
  const index = new Bm25Index<number>();
  q.candidates.forEach((c, i) => index.add(i, analyzer.terms(c.text)));
  const groups = [...new Set(analyzer.terms(q.question))].map((t) => ({ label: t, terms: [t] }));
  const scores = new Array<number>(q.candidates.length).fill(0);
  for (const hit of index.search(groups, q.candidates.length)) scores[hit.doc.ref] = hit.score;
  return scores;
}

export interface RankOutcome {
  /** Expected precision at 1 (ties broken at random). */
  p1: number;
  /** Expected reciprocal rank of the first answering candidate. */
  rr: number;
  /** Score of the top candidate. */
  top: number;
}

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Precision at 1 and reciprocal rank of one question's ranking, in expectation over tie orders. */
export function rankOutcome(scores: number[], labels: number[]): RankOutcome {
  const order = scores.map((s, i) => ({ s: Math.round(s * 1e9) / 1e9, l: labels[i] })).sort((a, b) => b.s - a.s);
  let rank = 0;
  let p1 = 0;
  let rr = 0;
  let i = 0;
  let first = true;
  while (i < order.length) {
    let j = i;
    while (j < order.length && order[j].s === order[i].s) j++;
    const n = j - i;
    const k = order.slice(i, j).filter((x) => x.l === 1).length;
    if (first) p1 = k / n;
    first = false;
    if (k > 0) {
      const total = choose(n, k);
      for (let pos = 1; pos <= n - k + 1; pos++) rr += (choose(n - pos, k - 1) / total) / (rank + pos);
      break;
    }
    rank += n;
    i = j;
  }
  return { p1, rr, top: order[0]?.s ?? 0 };
}

export interface SetFigures {
  questions: number;
  /** Questions with at least one answering candidate (the ones P@1 and MRR are over). */
  answerable: number;
  p1: number;
  mrr: number;
}

/** P@1 and MRR of a scorer over the answerable questions of a list. */
export function figures(qs: PqaQuestion[], scoresOf: (q: PqaQuestion) => number[]): SetFigures {
  let p1 = 0;
  let mrr = 0;
  let n = 0;
  for (const q of qs) {
    const labels = q.candidates.map((c) => c.label);
    if (!labels.some((l) => l === 1)) continue;
    const o = rankOutcome(scoresOf(q), labels);
    p1 += o.p1;
    mrr += o.rr;
    n++;
  }
  return { questions: qs.length, answerable: n, p1: n ? p1 / n : 0, mrr: n ? mrr / n : 0 };
}

/** Chance: every candidate scores the same. */
export const chance = (q: PqaQuestion): number[] => q.candidates.map(() => 0);

export interface ThresholdFigures {
  threshold: number;
  /** Questions whose top candidate reaches the threshold. */
  answered: number;
  /** Of those, the share whose top candidate truly answers. */
  precision: number;
  /** Truly answered among answered, over the questions that have an answer. */
  recall: number;
}

/** Precision and recall of "answered" (top score ≥ threshold) over every question, answerable or not. */
export function thresholdFigures(qs: PqaQuestion[], scoresOf: (q: PqaQuestion) => number[], threshold: number): ThresholdFigures {
  let answered = 0;
  let right = 0;
  let answerable = 0;
  for (const q of qs) {
    const labels = q.candidates.map((c) => c.label);
    if (labels.some((l) => l === 1)) answerable++;
    const o = rankOutcome(scoresOf(q), labels);
    if (o.top >= threshold && o.top > 0) {
      answered++;
      right += o.p1;
    }
  }
  return { threshold, answered, precision: answered ? right / answered : 0, recall: answerable ? right / answerable : 0 };
}

const NO_NAMES = { brand: [], competitors: [] };

/**
 * The product's ranking of a question's candidate passages on its product page, as scoreQuestion
 * chooses (shared/score/site.ts, judgedPassages): each candidate's ranking key (the fitted
 * re-ranker's when it chooses, else its visibility), with the sentence model when a similarity is
 * given. Candidates sharing no word with the question (and not joined for the model) rank last.
 */
export function productScores(q: PqaQuestion, similarity?: PassageSimilarity): number[] {
  const { artifacts, page, question, passageOf } = productPage(q);
  const corpus = buildCorpus([{ artifacts, page }], 'en');
  const ctx = questionContext(question, NO_NAMES, 'en');
  const index = corpus.indexes.get(ctx.analyzer.lang ?? '');
  const scores = new Array<number>(q.candidates.length).fill(-1);
  if (!index) return scores;
  for (const s of judgedPassages(ctx, index, similarity)) {
    const id = s.ref?.passage.id ?? '';
    const i = passageOf.get(id) ?? passageOf.get(id.replace(/-w\d+$/, ''));
    if (i === undefined) continue;
    scores[i] = Math.max(scores[i], s.rankKey ?? s.answer.visibility);
  }
  return scores;
}

/** The product's scorer without a sentence model. */
export const scorerScores = (q: PqaQuestion): number[] => productScores(q);

/** The product's scorer with the sentence model (its similarity lookup from `semanticSimilarity`). */
export const semanticScores = (q: PqaQuestion, similarity: PassageSimilarity): number[] => productScores(q, similarity);

/**
 * The similarity lookup for a list of questions: a first pass records which passages the product
 * asks the model about, then each distinct text is embedded once.
 */
export async function semanticSimilarity(qs: PqaQuestion[], embed: Embed): Promise<PassageSimilarity> {
  const { similarity, asked } = recordingSimilarity(SENTENCE_MODEL_LANGS);
  for (const q of qs) {
    const { artifacts, page, question } = productPage(q);
    scoreQuestion(question, buildCorpus([{ artifacts, page }], 'en'), NO_NAMES, similarity);
  }
  return similarityFor(embed, asked);
}

export interface ProductVerdict {
  /** What the product says of the question on its product page (scoreQuestion, the crawl's own path). */
  answered: boolean;
  confidence: number;
  visibility: number;
  /** The evidence the confidence is computed from (null: no passage shares a word with the question). */
  evidence: ConfidenceEvidence | null;
  /** Whether the passage the product picks as the answer truly answers (people's label). */
  right: boolean;
  /** Whether any candidate answers. */
  answerable: boolean;
}

const verdictCache = new WeakMap<PqaQuestion, ProductVerdict>();
const ownOrderCache = new WeakMap<PqaQuestion, ProductVerdict>();
const semanticVerdictCache = new WeakMap<PassageSimilarity, WeakMap<PqaQuestion, ProductVerdict>>();

/**
 * The product's verdict on one question: its best passage, whether it is marked answered, and
 * whether it truly answers; with a similarity, as the product decides with the sentence model.
 * (Cached per question and similarity: computed with the weights in force at the first call.)
 */
export function productVerdict(q: PqaQuestion, similarity?: PassageSimilarity, ownOrder = false): ProductVerdict {
  const caches = similarity ? (semanticVerdictCache.get(similarity) ?? new WeakMap<PqaQuestion, ProductVerdict>()) : ownOrder ? ownOrderCache : verdictCache;
  if (similarity) semanticVerdictCache.set(similarity, caches);
  const hit = caches.get(q);
  if (hit) return hit;
  const { artifacts, page, question, passageOf } = productPage(q);
  const corpus = buildCorpus([{ artifacts, page }], 'en');
  // `ownOrder`: as a site's pages are scored without the model, the scorer's own order choosing (the re-ranker does not run).
  const rerank = WEIGHTS.rerankWithoutModel;
  if (ownOrder) WEIGHTS.rerankWithoutModel = 0;
  let scored: ReturnType<typeof scoreQuestion>;
  try {
    scored = scoreQuestion(question, corpus, NO_NAMES, ownOrder ? undefined : similarity);
  } finally {
    WEIGHTS.rerankWithoutModel = rerank;
  }
  const { result, evidence } = scored;
  const i = result.best?.passageId ? (passageOf.get(result.best.passageId) ?? passageOf.get(result.best.passageId.replace(/-w\d+$/, ''))) : undefined;
  const out: ProductVerdict = {
    answered: result.answered,
    confidence: result.confidence ?? 0,
    visibility: result.visibility,
    evidence,
    right: i !== undefined && q.candidates[i].label === 1,
    answerable: q.candidates.some((c) => c.label === 1),
  };
  caches.set(q, out);
  return out;
}

/** The 95% Wilson score interval of a proportion of k in n. */
export function wilson(k: number, n: number): [number, number] {
  if (!n) return [0, 1];
  const z = 1.96;
  const p = k / n;
  const mid = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}

/** Precision and recall of a verdict over questions: of those marked, the share right; right and marked over the answerable. */
export function verdictFigures(
  qs: PqaQuestion[],
  marked: (v: ProductVerdict) => boolean,
  similarity?: PassageSimilarity,
  ownOrder = false,
): { answered: number; precision: number; recall: number; interval: [number, number] } {
  let answered = 0;
  let right = 0;
  let answerable = 0;
  for (const q of qs) {
    const v = productVerdict(q, similarity, ownOrder);
    if (v.answerable) answerable++;
    if (!marked(v)) continue;
    answered++;
    if (v.right) right++;
  }
  return { answered, precision: answered ? right / answered : 0, recall: answerable ? right / answerable : 0, interval: wilson(right, answered) };
}

/**
 * What the re-ranker reads on one question's product page (shared/score/rerank.ts): the evidence of
 * each passage it judges and whether people said it answers; with a similarity, the model's too.
 */
export function rerankRows(q: PqaQuestion, similarity?: PassageSimilarity): { rows: number[][]; labels: number[] } {
  const { artifacts, page, question, passageOf } = productPage(q);
  const corpus = buildCorpus([{ artifacts, page }], 'en');
  const ctx = questionContext(question, NO_NAMES, 'en');
  const index = corpus.indexes.get(ctx.analyzer.lang ?? '');
  if (!index) return { rows: [], labels: [] };
  const all = judgedPassages(ctx, index, similarity);
  const withSimilarity = similarity !== undefined && all.some((s) => s.semantic !== undefined);
  const { top, rows } = rerankInputs(ctx, all, withSimilarity);
  const labelOf = (id: string) => {
    const i = passageOf.get(id) ?? passageOf.get(id.replace(/-w\d+$/, ''));
    return i === undefined ? 0 : q.candidates[i].label;
  };
  return { rows, labels: top.map((s) => labelOf(s.ref!.passage.id)) };
}

/** Cross-fitting folds of the dev questions: a dev question is always scored with associations learnt without it. */
const FOLDS = 5;
/** Smoothing of an association's lift (pseudo-counts at the base rate), and the pairs kept: seen at least this often, lift at least this. */
const ASSOCIATION_PRIOR = 5;
const ASSOCIATION_MIN_SEEN = 1;
const ASSOCIATION_MIN_LIFT = 0.02;

export interface Folds {
  /** The table a dev question is scored with while fitting (its fold's, learnt on the other folds). */
  tableOf(q: PqaQuestion): ReadonlyMap<string, number>;
  /** The table learnt on every dev question (the one shipped). */
  full: ReadonlyMap<string, number>;
  /** The dev question's fold (-1: not a dev question). */
  foldOf(q: PqaQuestion): number;
  /** With `addTransferBanks`: the sentence model's bank a dev question is scored with (its fold's, built without it). */
  bankOf?(q: PqaQuestion): TransferBank;
}

/**
 * The sentence model's banks (crawler/semantic/transfer.ts) of the dev questions: all of them (returned:
 * what \`npm run fit\` ships) and per fold of `folds` (set as `folds.bankOf`), as the word associations are
 * cross-fitted. Every candidate of each question is embedded (cached by semantic-cache.ts).
 */
export async function addTransferBanks(folds: Folds, dev: PqaQuestion[], embed: Embed): Promise<TransferBank> {
  const qv = await embed(dev.map((q) => q.question));
  const texts = [...new Set(dev.flatMap((q) => q.candidates.map((c) => c.text)))].sort();
  const pv = await embed(texts);
  const index = new Map(texts.map((t, i) => [t, i]));
  const build = (keep: (q: PqaQuestion) => boolean): TransferBank => {
    const qs = dev.map((q, i) => ({ q, i })).filter(({ q }) => keep(q));
    // Only the passages the kept questions use, renumbered.
    const used = [...new Set(qs.flatMap(({ q }) => q.candidates.map((c) => index.get(c.text)!)))].sort((a, b) => a - b);
    const at = new Map(used.map((p, j) => [p, j]));
    return {
      model: SENTENCE_MODEL_ID,
      dims: qv[0]?.length ?? 0,
      questions: qs.map(({ i }) => qv[i]),
      passages: used.map((p) => pv[p]),
      answering: qs.map(({ q }) => [...new Set(q.candidates.filter((c) => c.label === 1).map((c) => at.get(index.get(c.text)!)!))]),
      other: qs.map(({ q }) => [...new Set(q.candidates.filter((c) => c.label === 0).map((c) => at.get(index.get(c.text)!)!))]),
    };
  };
  const full = build(() => true);
  const foldIds = [...new Set(dev.map((q) => folds.foldOf(q)))].sort((a, b) => a - b);
  const banks = new Map(foldIds.map((f) => [f, build((q) => folds.foldOf(q) !== f)]));
  folds.bankOf = (q) => banks.get(folds.foldOf(q)) ?? full;
  return full;
}

/**
 * Word associations (shared/score/associations.ts) learnt from dev questions: for each pair of an
 * English question stem and a passage stem seen together in their candidates, the smoothed share of
 * those candidates people said answer, minus the base rate. All of them (`full`, what \`npm run fit\`
 * ships), and per fold (a dev question's fold is its place in the list modulo FOLDS): what a dev
 * question is scored with when its figures must not see its own labels (cross-fitting).
 */
export function associationFolds(dev: PqaQuestion[]): Folds {
  const analyzer = analyzerFor('en');
  const termsOf = (t: string) => [...new Set(analyzer.terms(t))];
  const learn = (qs: PqaQuestion[]): Map<string, number> => {
    const seen = new Map<string, [number, number]>();
    let pos = 0;
    let n = 0;
    for (const q of qs) {
      const qt = termsOf(q.question);
      for (const c of q.candidates) {
        n++;
        pos += c.label;
        for (const b of termsOf(c.text))
          for (const a of qt) {
            const k = pairKey(a, b);
            const v = seen.get(k) ?? [0, 0];
            v[0]++;
            v[1] += c.label;
            seen.set(k, v);
          }
      }
    }
    const base = n ? pos / n : 0;
    const out = new Map<string, number>();
    for (const [k, [count, answering]] of [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (count < ASSOCIATION_MIN_SEEN) continue;
      const lift = Math.round(((answering + ASSOCIATION_PRIOR * base) / (count + ASSOCIATION_PRIOR) - base) * 1000) / 1000;
      if (lift >= ASSOCIATION_MIN_LIFT) out.set(k, lift);
    }
    return out;
  };
  const full = learn(dev);
  const key = (q: PqaQuestion) => `${q.set}:${q.qid}`;
  const foldOf = new Map(dev.map((q, i) => [key(q), i % FOLDS]));
  const tables = Array.from({ length: FOLDS }, (_, k) => learn(dev.filter((q) => foldOf.get(key(q)) !== k)));
  return {
    full,
    foldOf: (q) => foldOf.get(key(q)) ?? -1,
    tableOf: (q) => {
      const f = foldOf.get(key(q));
      return f === undefined ? full : tables[f];
    },
  };
}

/** Runs `fn` with the question's cross-fitted associations (a held-back question: the full table), then restores the shipped ones. */
export function withFold<T>(folds: Folds, q: PqaQuestion, fn: () => T): T {
  const prev = useAssociations(folds.tableOf(q));
  const bank = folds.bankOf ? useTransferBank(folds.bankOf(q)) : undefined;
  try {
    return fn();
  } finally {
    useAssociations(prev);
    if (folds.bankOf) useTransferBank(bank);
  }
}
