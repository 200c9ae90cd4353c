/**
 * What the sentence model has seen answer questions like this one: the model-space counterpart of the
 * word associations (shared/score/associations.ts). A bank of the dev questions of the product-QA sets
 * (../shared/fixtures/answers, dev split only) with their candidate passages and people's labels, each as
 * the model's embedding, written by `npm run fit` (bench/eval/fit-weights.ts) to transfer-bank.json.
 *
 * For a question and a passage: the question's `NEIGHBOURS` nearest bank questions (cosine of the
 * questions' embeddings), weighted by a softmax of that cosine (temperature `TEMPERATURE`); for each,
 * how close the passage comes to one of its passages people said answer (the best cosine) and to one
 * they said does not. The evidence (shared/score/rerank.ts, `SEMANTIC_RERANK_FEATURES`):
 * - `answer`: the weighted closeness to the neighbours' answers (a spec row of the kind that answered
 *   "how many batteries does it take" answers "what batteries does it need");
 * - `margin`: that minus the weighted closeness to their non-answers (the same row may be a non-answer
 *   of a neighbour just as often: then it says nothing);
 * - `near`: `answer` times the nearest neighbour's cosine, so the evidence fades for a question unlike
 *   any in the bank (a site's questions are not shoppers' questions).
 * The neighbour count and temperature were chosen on dev by cross-validation (5 folds) and are not
 * fitted by `npm run fit`; the weights that read the evidence are.
 *
 * Node only, beside the model (crawler/semantic/model.ts): the bank is 8-bit vectors read from disk.
 */
import { readFileSync } from 'node:fs';

export const NEIGHBOURS = 10;
export const TEMPERATURE = 0.05;

export interface TransferBank {
  /** The model whose embeddings these are (a bank of another model's vectors says nothing). */
  model: string;
  dims: number;
  /** Unit vectors of the bank's questions. */
  questions: Float32Array[];
  /** Unit vectors of the bank's distinct passages. */
  passages: Float32Array[];
  /** Per question: indexes (into `passages`) of its passages people said answer, and of the others. */
  answering: number[][];
  other: number[][];
}

/** How the bank is stored: vectors as signed bytes with one scale each, base64. */
interface StoredBank {
  model: string;
  dims: number;
  questions: string;
  questionScales: number[];
  passages: string;
  passageScales: number[];
  answering: number[][];
  other: number[][];
}

function encode(vectors: Float32Array[], dims: number): { data: string; scales: number[] } {
  const bytes = new Int8Array(vectors.length * dims);
  const scales = vectors.map((v, i) => {
    let max = 0;
    for (const x of v) max = Math.max(max, Math.abs(x));
    const scale = max / 127 || 1;
    for (let k = 0; k < dims; k++) bytes[i * dims + k] = Math.round(v[k] / scale);
    return Number(scale.toPrecision(6));
  });
  return { data: Buffer.from(bytes.buffer).toString('base64'), scales };
}

function decode(data: string, scales: number[], dims: number): Float32Array[] {
  const buf = Buffer.from(data, 'base64');
  const bytes = new Int8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  return scales.map((scale, i) => {
    const v = new Float32Array(dims);
    let n = 0;
    for (let k = 0; k < dims; k++) {
      v[k] = bytes[i * dims + k] * scale;
      n += v[k] * v[k];
    }
    n = Math.sqrt(n) || 1;
    for (let k = 0; k < dims; k++) v[k] /= n;
    return v;
  });
}

export function serializeBank(bank: TransferBank): string {
  const q = encode(bank.questions, bank.dims);
  const p = encode(bank.passages, bank.dims);
  const stored: StoredBank = { model: bank.model, dims: bank.dims, questions: q.data, questionScales: q.scales, passages: p.data, passageScales: p.scales, answering: bank.answering, other: bank.other };
  return JSON.stringify(stored);
}

export function parseBank(json: string): TransferBank {
  const s = JSON.parse(json) as StoredBank;
  return { model: s.model, dims: s.dims, questions: decode(s.questions, s.questionScales, s.dims), passages: decode(s.passages, s.passageScales, s.dims), answering: s.answering, other: s.other };
}

export const BANK_FILE = new URL('./transfer-bank.json', import.meta.url);

let shipped: TransferBank | null | undefined;
let current: TransferBank | null | undefined;

/** The bank in use: the one set by `useTransferBank`, else the shipped file (null when it is missing). */
export function transferBank(): TransferBank | null {
  if (current !== undefined) return current;
  if (shipped === undefined) {
    try {
      shipped = parseBank(readFileSync(BANK_FILE, 'utf8'));
    } catch {
      shipped = null;
    }
  }
  return shipped;
}

/** Uses another bank (the fit's cross-fitting folds; `undefined`: the shipped one again); returns the previous setting. */
export function useTransferBank(bank: TransferBank | null | undefined): TransferBank | null | undefined {
  const prev = current;
  current = bank;
  return prev;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export interface Neighbours {
  bank: TransferBank;
  /** Bank question indexes and their softmax weights. */
  index: number[];
  weight: number[];
  /** The nearest one's cosine. */
  nearest: number;
}

/** The question's nearest bank questions (`exclude`: a bank question to leave out, itself when it is in the bank). */
export function neighboursOf(bank: TransferBank, question: Float32Array, exclude = -1): Neighbours {
  const near = bank.questions
    .map((v, i) => ({ i, s: i === exclude ? -Infinity : dot(question, v) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, NEIGHBOURS);
  const nearest = near[0]?.s ?? 0;
  const e = near.map((x) => Math.exp((x.s - nearest) / TEMPERATURE));
  const total = e.reduce((a, b) => a + b, 0) || 1;
  return { bank, index: near.map((x) => x.i), weight: e.map((x) => x / total), nearest: Number.isFinite(nearest) ? nearest : 0 };
}

/** The evidence for one passage: [answer, margin, near] (see above). */
export function transferEvidence(n: Neighbours, passage: Float32Array): [number, number, number] {
  let answer = 0;
  let other = 0;
  n.index.forEach((qi, j) => {
    let a = 0;
    let o = 0;
    for (const p of n.bank.answering[qi]) a = Math.max(a, dot(passage, n.bank.passages[p]));
    for (const p of n.bank.other[qi]) o = Math.max(o, dot(passage, n.bank.passages[p]));
    answer += n.weight[j] * a;
    other += n.weight[j] * o;
  });
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return [r(answer), r(answer - other), r(answer * n.nearest)];
}
