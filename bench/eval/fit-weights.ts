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
 * What the product-QA pages cannot teach (every candidate of a question sits under the same kind of
 * heading; no listing pages, no long sections, no brand) is not searched here and stays as documented
 * in weights.ts: heading weights, brand credit, windows, listing factor, the answered threshold. Nor
 * are the factor exponents: they move every score's scale, and the answered threshold, which this
 * data cannot set (see below), would then mean something else on a site.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEIGHTS, type ScoreWeights } from '../../shared/score/weights.ts';
import { figures, loadSet, scorerScores, SETS, thresholdFigures, type PqaQuestion } from './answers-data.ts';

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

function main(): void {
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

  // The answered threshold is not fitted here: a product-QA page (every candidate under a generic
  // section heading, no title naming the question) never scores like a site's answering page, so a
  // threshold learnt on it would mark half a site answered. Printed for the record only.
  const pooled = dev.flat();
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    const f = thresholdFigures(pooled, scorerScores, t);
    if (f.answered >= 10 && f.precision >= TARGET_PRECISION) {
      process.stdout.write(`lowest threshold with ≥ 90% precision on dev product pages: ${t.toFixed(2)} (${f.answered} answered, recall ${(f.recall * 100).toFixed(1)}%); the product keeps ${WEIGHTS.answeredThreshold}\n`);
      break;
    }
  }

  const changed = (Object.keys(start) as Array<keyof ScoreWeights>).filter((k) => start[k] !== WEIGHTS[k]);
  process.stdout.write(`changed: ${changed.map((k) => `${k} ${start[k]} → ${WEIGHTS[k]}`).join(', ') || 'nothing'}\n`);
  if (dry) return;
  const body = `export const WEIGHTS: ScoreWeights = {\n${(Object.keys(WEIGHTS) as Array<keyof ScoreWeights>).map((k) => `  ${k}: ${WEIGHTS[k]},`).join('\n')}\n};`;
  const src = readFileSync(FILE, 'utf8');
  writeFileSync(FILE, src.replace(/\/\/ fit:begin\n[\s\S]*?\/\/ fit:end/, `// fit:begin\n${body}\n// fit:end`));
  process.stdout.write(`wrote ${path.relative(ROOT, FILE)}\n`);
}

main();
