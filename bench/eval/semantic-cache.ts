/**
 * The sentence model for the eval and the fit (crawler/semantic/model.ts), with its embeddings kept
 * on disk between runs (node_modules/.cache/zmot-eval/<model id>.json, keyed by the text the model
 * reads), so `npm run fit` and `npm run eval` do not embed the same passages again. The model is
 * loaded only when a text is missing. The cache holds the model's own outputs; delete it to recompute.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSentenceModel, modelText, SENTENCE_MODEL_ID, unit, type Embed, type SentenceModel } from '../../crawler/semantic/model.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.join(ROOT, 'node_modules/.cache/zmot-eval', `${SENTENCE_MODEL_ID}.json`);

export interface CachedEmbedder {
  embed: Embed;
  /** The model, once a missing text made it load (its load time is a cost figure). */
  model(): SentenceModel | null;
  /** Texts embedded by the model in this process (not read from the cache). */
  computed(): number;
}

export function cachedEmbedder(): CachedEmbedder {
  let cache: Record<string, number[]> = {};
  try {
    if (existsSync(FILE)) cache = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, number[]>;
  } catch {
    cache = {};
  }
  let model: SentenceModel | null = null;
  let computed = 0;
  return {
    model: () => model,
    computed: () => computed,
    async embed(texts) {
      const keys = texts.map(modelText);
      const missing = [...new Set(keys.filter((k) => !cache[k]))].sort((a, b) => a.length - b.length);
      if (missing.length) {
        model ??= await loadSentenceModel();
        for (let i = 0; i < missing.length; i += 256) {
          const part = missing.slice(i, i + 256);
          const vectors = await model.embed(part);
          part.forEach((k, j) => (cache[k] = Array.from(vectors[j], (x) => Math.round(x * 1e5) / 1e5)));
          computed += part.length;
          process.stderr.write(`  embedded ${computed}/${missing.length} texts\r`);
        }
        process.stderr.write('\n');
        mkdirSync(path.dirname(FILE), { recursive: true });
        writeFileSync(FILE, JSON.stringify(cache));
      }
      return keys.map((k) => unit(cache[k]));
    },
  };
}
