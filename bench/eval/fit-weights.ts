/**
 * `npm run fit`: fits the answer scorer's weights (shared/score/weights.ts) on the DEV split of the
 * product-QA sets (../shared/fixtures/answers; split in answers-data.ts), never on the held-back
 * split. Deterministic: coordinate search over fixed grids, starting from the current values, a
 * value kept only when it raises the dev objective (mean precision at 1 over the two sets, MRR
 * breaking ties) by at least a point, so weights the data cannot tell apart stay as they are.
 * Writes the block between `// fit:begin` and `// fit:end`.
 *
 *   npm run fit              fit and write
 *   npm run fit -- --dry     fit and print only
 *
 * Then the answer's confidence (shared/score/confidence.ts): a logistic regression, on the dev
 * questions, of "the passage the product picks truly answers" on its relevance and BM25 share, and
 * `answeredConfidence`, the lowest confidence at which ≥ 90% of the dev questions so marked are right.
 *
 * What the product-QA pages cannot teach (every candidate of a question sits under the same kind of
 * heading; no listing pages, no long sections, no brand) is not searched here and stays as documented
 * in weights.ts: heading weights, brand credit, windows, listing factor, the visibility bar of
 * "answered" (these pages never reach a site page's visibility). Nor are the factor exponents: they
 * move every score's scale, and with it what the visibility bar means on a site.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEIGHTS, type ScoreWeights } from '../../shared/score/weights.ts';
import { CONFIDENCE_FEATURES, SEMANTIC_CONFIDENCE_FEATURES, type ConfidenceEvidence } from '../../shared/score/confidence.ts';
import type { PassageSimilarity } from '../../shared/score/semantic.ts';
import { figures, loadSet, productVerdict, scorerScores, semanticScores, semanticSimilarity, SETS, type PqaQuestion } from './answers-data.ts';
import { cachedEmbedder } from './semantic-cache.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILE = path.join(ROOT, 'shared/score/weights.ts');

/** The weights searched, each over its grid. */
const GRIDS: Partial<Record<keyof ScoreWeights, number[]>> = {
  bm25Blend: [0, 0.2, 0.4, 0.6, 0.8, 1],
  inheritedCredit: [0, 0.25, 0.5, 0.75],
  titleCredit: [0, 0.25, 0.5, 0.75],
};
/**
 * A change must raise dev P@1 by a point: on ~600 dev questions precision at 1 has a standard error
 * of about 1.9 points, so smaller gains are noise the held-back split would not confirm.
 */
const MIN_GAIN = 0.01;
const TARGET_PRECISION = 0.9;
/** The answered confidence is chosen among thresholds that mark at least this many dev questions (precision of fewer is noise). */
const MIN_ANSWERED = 50;

function objective(sets: PqaQuestion[][]): { p1: number; mrr: number } {
  let p1 = 0;
  let mrr = 0;
  for (const qs of sets) {
    const f = figures(qs, scorerScores);
    p1 += f.p1 / sets.length;
    mrr += f.mrr / sets.length;
  }
  return { p1, mrr };
}

function better(a: { p1: number; mrr: number }, b: { p1: number; mrr: number }): boolean {
  return a.p1 > b.p1 + MIN_GAIN || (Math.abs(a.p1 - b.p1) <= MIN_GAIN && a.mrr > b.mrr + MIN_GAIN);
}

async function main(): Promise<void> {
  const dry = process.argv.includes('--dry');
  const dev = SETS.map((s) => loadSet(s.id).filter((q) => !q.heldBack));
  const start = { ...WEIGHTS };
  let best = objective(dev);
  process.stdout.write(`start: dev P@1 ${(best.p1 * 100).toFixed(1)}%, MRR ${best.mrr.toFixed(3)}\n`);
  for (let pass = 1; pass <= 2; pass++) {
    let moved = false;
    for (const [key, grid] of Object.entries(GRIDS) as Array<[keyof ScoreWeights, number[]]>) {
      const current = WEIGHTS[key];
      let bestValue = current;
      for (const v of grid) {
        if (v === current) continue;
        WEIGHTS[key] = v;
        const o = objective(dev);
        if (better(o, best)) {
          best = o;
          bestValue = v;
        }
      }
      WEIGHTS[key] = bestValue;
      if (bestValue !== current) moved = true;
      process.stdout.write(`pass ${pass} ${key} = ${bestValue}: dev P@1 ${(best.p1 * 100).toFixed(1)}%, MRR ${best.mrr.toFixed(3)}\n`);
    }
    if (!moved) break;
  }

  fitConfidence(dev.flat());
  await fitSemantic(dev);

  const changed = (Object.keys(start) as Array<keyof ScoreWeights>).filter((k) => start[k] !== WEIGHTS[k]);
  process.stdout.write(`changed: ${changed.map((k) => `${k} ${start[k]} → ${WEIGHTS[k]}`).join(', ') || 'nothing'}\n`);
  if (dry) return;
  const body = `export const WEIGHTS: ScoreWeights = {\n${(Object.keys(WEIGHTS) as Array<keyof ScoreWeights>).map((k) => `  ${k}: ${WEIGHTS[k]},`).join('\n')}\n};`;
  const src = readFileSync(FILE, 'utf8');
  writeFileSync(FILE, src.replace(/\/\/ fit:begin\n[\s\S]*?\/\/ fit:end/, `// fit:begin\n${body}\n// fit:end`));
  process.stdout.write(`wrote ${path.relative(ROOT, FILE)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`fit: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

/**
 * The answer's confidence: logistic regression of "the passage the product picks truly answers"
 * (people's label; a question no candidate answers counts as wrong) on the evidence of
 * confidence.ts, over the dev questions, by plain gradient descent from zero (deterministic, a
 * small L2 penalty); then the lowest confidence, on a grid of hundredths, at which ≥ 90% of the dev
 * questions marked answered are right.
 */
function fitConfidence(dev: PqaQuestion[]): void {
  const w = fitLogistic(dev, [...CONFIDENCE_FEATURES], undefined);
  WEIGHTS.confidenceBias = w.bias;
  WEIGHTS.confidenceRelevance = w.weights[0];
  WEIGHTS.confidenceLexical = w.weights[1];
  WEIGHTS.answeredConfidence = w.bar;
}

/**
 * With the sentence model (crawler/semantic/model.ts, embeddings cached by semantic-cache.ts): the
 * share of the re-ranking key that is its similarity (`semanticBlend`, a grid of tenths, kept only
 * when it raises the dev objective by a point), then the confidence with the similarity as a third
 * piece of evidence and its own answered bar, as above.
 */
async function fitSemantic(dev: PqaQuestion[][]): Promise<void> {
  const embedder = cachedEmbedder();
  const similarity = await semanticSimilarity(dev.flat(), embedder.embed);
  const objectiveWith = () => {
    let p1 = 0;
    let mrr = 0;
    for (const qs of dev) {
      const f = figures(qs, (q) => semanticScores(q, similarity));
      p1 += f.p1 / dev.length;
      mrr += f.mrr / dev.length;
    }
    return { p1, mrr };
  };
  const current = WEIGHTS.semanticBlend;
  let best = objectiveWith();
  let bestValue = current;
  process.stdout.write(`semantic blend ${current}: dev P@1 ${(best.p1 * 100).toFixed(1)}%\n`);
  for (let t = 0; t <= 10; t++) {
    const v = t / 10;
    if (v === current) continue;
    WEIGHTS.semanticBlend = v;
    const o = objectiveWith();
    process.stdout.write(`semantic blend ${v}: dev P@1 ${(o.p1 * 100).toFixed(1)}%, MRR ${o.mrr.toFixed(3)}\n`);
    if (better(o, best)) {
      best = o;
      bestValue = v;
    }
  }
  WEIGHTS.semanticBlend = bestValue;
  process.stdout.write(`semantic blend = ${bestValue}: dev P@1 ${(best.p1 * 100).toFixed(1)}%\n`);
  const w = fitLogistic(dev.flat(), [...SEMANTIC_CONFIDENCE_FEATURES], similarity);
  WEIGHTS.semanticConfidenceBias = w.bias;
  WEIGHTS.semanticConfidenceRelevance = w.weights[0];
  WEIGHTS.semanticConfidenceLexical = w.weights[1];
  WEIGHTS.semanticConfidenceSimilarity = w.weights[2];
  WEIGHTS.semanticConfidenceMargin = w.weights[3];
  WEIGHTS.semanticAnsweredConfidence = w.bar;
}

/**
 * Logistic regression of "the passage the product picks truly answers" (people's label; a question
 * no candidate answers counts as wrong) on the evidence of confidence.ts, over the dev questions, by
 * plain gradient descent from zero (deterministic, a small L2 penalty); then the lowest confidence,
 * on a grid of hundredths, at which ≥ 90% of the dev questions marked answered are right.
 */
function fitLogistic(
  dev: PqaQuestion[],
  features: Array<keyof ConfidenceEvidence>,
  similarity: PassageSimilarity | undefined,
): { bias: number; weights: number[]; bar: number } {
  const rows = dev
    .map((q) => productVerdict(q, similarity))
    .filter((v): v is typeof v & { evidence: ConfidenceEvidence } => v.evidence !== null)
    .map((v) => ({ x: [1, ...features.map((f) => v.evidence[f] ?? 0)], y: v.right ? 1 : 0 }));
  const w = new Array<number>(features.length + 1).fill(0);
  const L2 = 1e-4;
  const RATE = 0.5;
  const sigmoid = (x: number[]) => 1 / (1 + Math.exp(-x.reduce((s, xi, i) => s + xi * w[i], 0)));
  for (let step = 0; step < 20000; step++) {
    const grad = w.map((wi, i) => (i === 0 ? 0 : L2 * wi));
    for (const r of rows) {
      const err = sigmoid(r.x) - r.y;
      r.x.forEach((xi, i) => (grad[i] += (err * xi) / rows.length));
    }
    w.forEach((_, i) => (w[i] -= RATE * grad[i]));
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const p = rows.map((r) => ({ p: Math.round(sigmoid(r.x) * 1000) / 1000, y: r.y }));
  const answerable = dev.filter((q) => q.candidates.some((c) => c.label === 1)).length;
  let chosen = 1;
  for (let t = 50; t <= 99; t++) {
    const marked = p.filter((r) => r.p >= t / 100);
    const right = marked.filter((r) => r.y === 1).length;
    if (marked.length >= MIN_ANSWERED && right / marked.length >= TARGET_PRECISION) {
      chosen = t / 100;
      process.stdout.write(
        `answered confidence ${chosen}${similarity ? ' (with the sentence model)' : ''}: ${marked.length} dev questions marked answered, precision ${((right / marked.length) * 100).toFixed(1)}%, recall ${((right / answerable) * 100).toFixed(1)}%\n`,
      );
      break;
    }
  }
  process.stdout.write(`confidence weights${similarity ? ' (with the sentence model)' : ''}: bias ${round(w[0])}, ${features.map((f, i) => `${f} ${round(w[i + 1])}`).join(', ')}\n`);
  return { bias: round(w[0]), weights: w.slice(1).map(round), bar: chosen };
}
