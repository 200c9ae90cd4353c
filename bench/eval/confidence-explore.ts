/**
 * Exploration for the answered confidence (shared/score/confidence.ts), on the DEV split only (never
 * the held-back one): which evidence of the passage the product chooses, and of its competition,
 * tells a right answer from a wrong one. For each candidate set of evidence: a logistic model fitted
 * 5-fold on the dev questions (both sets pooled, each question with its fold's word associations),
 * its out-of-fold log loss, the average precision of its order per set, and the lowest bar at which
 * ≥ 90% of each set's dev questions so marked are right. What `npm run fit` ships was chosen from it.
 *
 *   node --import tsx bench/eval/confidence-explore.ts [--model] [--weights] [--dump]  (DUMP=<label>: that set's top hetPQA dev rows)
 */
import { questionContext } from '../../shared/score/answer.ts';
import { buildCorpus } from '../../shared/score/corpus.ts';
import { judgedPassages } from '../../shared/score/site.ts';
import { rerankFeatures } from '../../shared/score/rerank.ts';
import { associationFolds, loadSet, productPage, semanticSimilarity, SETS, withFold, type PqaQuestion } from './answers-data.ts';
import { cachedEmbedder } from './semantic-cache.ts';

const NO_NAMES = { brand: [], competitors: [] };

interface Row {
  set: string;
  y: number;
  answerable: boolean;
  info?: string;
  f: Record<string, number>;
}

function featuresOf(q: PqaQuestion, sim?: Parameters<typeof judgedPassages>[2]): Row {
  const { artifacts, page, question, passageOf } = productPage(q);
  const corpus = buildCorpus([{ artifacts, page }], 'en');
  const ctx = questionContext(question, NO_NAMES, 'en');
  const index = corpus.indexes.get('en')!;
  const all = judgedPassages(ctx, index, sim);
  const answerable = q.candidates.some((c) => c.label === 1);
  if (!all.length) return { set: q.set, y: 0, answerable, f: {} };
  const sorted = [...all].sort((a, b) => (b.rankKey ?? b.answer.visibility) - (a.rankKey ?? a.answer.visibility));
  const best = sorted[0];
  const second = sorted[1];
  const i = passageOf.get(best.ref!.passage.id);
  const y = i !== undefined && q.candidates[i].label === 1 ? 1 : 0;
  const bestVis = Math.max(...all.map((s) => s.answer.visibility));
  const rf = rerankFeatures(ctx, best, bestVis);
  const text = best.ref!.passage.text;
  const terms = new Set(ctx.analyzer.terms(text));
  const covered = ctx.groups.filter((g) => g.terms.some((t) => terms.has(t))).length;
  const idf = ctx.groups.map((g) => index.idf(g));
  const totalIdf = idf.reduce((a, b) => a + b, 0) || 1;
  const maxMissing = Math.max(0, ...ctx.groups.map((g, k) => (g.terms.some((t) => terms.has(t)) ? 0 : idf[k] / totalIdf)));
  const qt = q.question.toLowerCase().trim();
  const yesno = /^(is|are|does|do|did|can|could|will|would|should|has|have|was|were|am)\b/.test(qt) ? 1 : 0;
  const numeric = /\b(how (many|much|big|long|tall|old|heavy|wide|large|small|high|deep|far)|what (size|age|is the (size|weight|height|length|width|age))|dimensions?|weight|measure)/.test(qt) ? 1 : 0;
  const hasDigit = /\d/.test(text) ? 1 : 0;
  return {
    set: q.set,
    y,
    info: `${q.candidates[i ?? 0]?.source} | ${q.question} => ${text.slice(0, 160)}`,
    answerable,
    f: {
      relevance: best.answer.factors.relevance,
      lexical: best.lexical ?? 0,
      prob: best.rankProbability ?? 0,
      score: best.rankScore ?? 0,
      margin: Math.max(-3, Math.min(3, best.rankMargin ?? 0)),
      secondRel: second ? second.answer.factors.relevance : 0,
      shape: best.answer.factors.shape,
      tone: best.answer.factors.tone,
      assoc: rf[6],
      length: rf[7],
      firstPerson: rf[8],
      specRow: rf[9],
      groups: Math.log(1 + ctx.groups.length),
      coveredShare: ctx.groups.length ? covered / ctx.groups.length : 0,
      allCovered: ctx.groups.length && covered === ctx.groups.length ? 1 : 0,
      yesno,
      numeric,
      numericDigit: numeric * hasDigit,
      candidates: Math.log(1 + all.filter((s) => s.rankProbability !== undefined).length),
      sem: best.semantic ?? 0,
      lexTop: (best.lexical ?? 0) >= 0.999 ? 1 : 0,
      visTop: rf[0] >= 0.999 ? 1 : 0,
      semTop: best.semantic !== undefined && best.semantic >= Math.max(...all.map((s) => s.semantic ?? -1)) ? 1 : 0,
      maxMissing,
      direct: yesno && /^\s*(yes|no|nope|yep|yeah)\b/i.test(text) ? 1 : 0,
      direct2: ctx.intent.shapes.includes('yes-no') && /^(yes|no|oui|non|ja|nein|si)\b/.test(text.toLowerCase().trim()) ? 1 : 0,
      short: (best.ref!.passage.wordCount ?? 0) <= 12 ? 1 : 0,
      numericAnswer: numeric && /\d/.test(text) ? 1 : numeric ? -1 : 0,
      semGap: best.semantic !== undefined && second?.semantic !== undefined ? best.semantic - second.semantic : 0,
    },
  };
}

function fitLogistic(X: number[][], y: number[], l2 = 1e-3, steps = 3000, wt?: number[]): number[] {
  const d = X[0].length;
  const w = new Array<number>(d).fill(0);
  const RATE = 0.5;
  for (let s = 0; s < steps; s++) {
    const g = w.map((wi, i) => (i === 0 ? 0 : l2 * wi));
    for (let r = 0; r < X.length; r++) {
      const z = X[r].reduce((a, x, i) => a + x * w[i], 0);
      const e = (1 / (1 + Math.exp(-z)) - y[r]) * (wt ? wt[r] : 1);
      for (let i = 0; i < d; i++) g[i] += (e * X[r][i]) / X.length;
    }
    for (let i = 0; i < d; i++) w[i] -= RATE * g[i];
  }
  return w;
}
const predict = (w: number[], x: number[]) => 1 / (1 + Math.exp(-x.reduce((a, xi, i) => a + xi * w[i], 0)));

function evaluate(rows: Row[], feats: string[], label: string): void {
  const usable = rows.filter((r) => Object.keys(r.f).length);
  // standardise
  const mean = feats.map((f) => usable.reduce((a, r) => a + r.f[f], 0) / usable.length);
  const sd = feats.map((f, k) => Math.sqrt(usable.reduce((a, r) => a + (r.f[f] - mean[k]) ** 2, 0) / usable.length) || 1);
  const x = (r: Row) => [1, ...feats.map((f, k) => (r.f[f] - mean[k]) / sd[k])];
  const K = 5;
  const oof = new Map<Row, number>();
  for (let k = 0; k < K; k++) {
    const train = usable.filter((_, i) => i % K !== k);
    const bal = (rs: Row[]) => (process.env.BAL ? rs.map((r) => rs.length / 2 / rs.filter((z) => z.set === r.set).length) : undefined);
    const w = fitLogistic(train.map(x), train.map((r) => r.y), 1e-3, 3000, bal(train));
    usable.forEach((r, i) => {
      if (i % K === k) oof.set(r, predict(w, x(r)));
    });
  }
  const full = fitLogistic(usable.map(x), usable.map((r) => r.y));
  // log loss oof
  let ll = 0;
  for (const r of usable) {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, oof.get(r)!));
    ll -= r.y ? Math.log(p) : Math.log(1 - p);
  }
  ll /= usable.length;
  const sets = ['hetPQA', 'semiPQA'];
  const at = (t: number) =>
    sets.map((s) => {
      const rs = rows.filter((r) => r.set === s);
      const marked = rs.filter((r) => (oof.get(r) ?? 0) >= t);
      const right = marked.filter((r) => r.y).length;
      const ans = rs.filter((r) => r.answerable).length;
      return { marked: marked.length, precision: marked.length ? right / marked.length : 1, recall: right / ans };
    });
  let chosen = '';
  for (let t = 0.3; t <= 0.995; t += 0.005) {
    const a = at(t);
    if (a.every((z) => z.precision >= 0.9) && a.reduce((n, z) => n + z.marked, 0) >= 30) {
      chosen = `bar ${t.toFixed(3)}: ${a.map((z, i) => `${sets[i]} ${z.marked} ${(z.precision * 100).toFixed(1)}%/${(z.recall * 100).toFixed(1)}%`).join('  ')}`;
      break;
    }
  }
  const ap = sets.map((s) => {
    // average precision over hetPQA ranking by oof
    const rs = rows.filter((r) => r.set === s).sort((a, b) => (oof.get(b) ?? 0) - (oof.get(a) ?? 0));
    let right = 0;
    let sum = 0;
    rs.forEach((r, i) => {
      if (r.y) {
        right++;
        sum += right / (i + 1);
      }
    });
    return (sum / Math.max(1, right)).toFixed(3);
  });
  process.stdout.write(`${label.padEnd(40)} ll ${ll.toFixed(4)} AP ${ap.join('/')}  ${chosen}\n`);
  if (process.argv.includes('--dump') && label === process.env.DUMP) {
    const rs = rows.filter((r) => r.set === 'hetPQA' && oof.has(r)).sort((a, b) => oof.get(b)! - oof.get(a)!);
    for (const r of rs.slice(0, 60)) process.stdout.write(`${oof.get(r)!.toFixed(3)} ${r.y} ${r.answerable ? 'A' : '-'} ${r.info}\n`);
  }
  if (process.argv.includes('--weights')) process.stdout.write(`   ${feats.map((f, k) => `${f} ${(full[k + 1]).toFixed(2)}`).join(', ')}\n`);
}

async function main(): Promise<void> {
  const dev = SETS.flatMap((s) => loadSet(s.id).filter((q) => !q.heldBack));
  const folds = associationFolds(dev);
  const model = process.argv.includes('--model');
  const sim = model ? await semanticSimilarity(dev, cachedEmbedder().embed) : undefined;
  const rows = dev.map((q) => withFold(folds, q, () => featuresOf(q, sim)));
  for (const s of ['hetPQA', 'semiPQA']) {
    const rs = rows.filter((r) => r.set === s);
    process.stdout.write(`${s}: ${rs.length} dev, right ${rs.filter((r) => r.y).length}, answerable ${rs.filter((r) => r.answerable).length}\n`);
  }
  const base = ['relevance', 'lexical'];
  const sets: Array<[string, string[]]> = process.env.ONLY ? [] : [
    ['current (rel, lex)', base],
    ['+prob,score', [...base, 'prob', 'score']],
    ['+prob,score,margin', [...base, 'prob', 'score', 'margin']],
    ['+…,assoc', [...base, 'prob', 'score', 'margin', 'assoc']],
    ['+…,assoc,len,fp,spec', [...base, 'prob', 'score', 'margin', 'assoc', 'length', 'firstPerson', 'specRow']],
    ['+…,cov', [...base, 'prob', 'score', 'margin', 'assoc', 'length', 'firstPerson', 'specRow', 'coveredShare', 'allCovered', 'groups']],
    ['+…,qtype', [...base, 'prob', 'score', 'margin', 'assoc', 'length', 'firstPerson', 'specRow', 'coveredShare', 'allCovered', 'groups', 'yesno', 'numeric', 'numericDigit']],
    ['all', [...base, 'prob', 'score', 'margin', 'assoc', 'length', 'firstPerson', 'specRow', 'coveredShare', 'allCovered', 'groups', 'yesno', 'numeric', 'numericDigit', 'shape', 'tone', 'secondRel', 'candidates']],
  ];
  const ps = ['relevance', 'lexical', 'prob', 'score'];
  sets.push(['ps+agree', [...ps, 'lexTop', 'visTop']], ['ps+maxMissing', [...ps, 'maxMissing']], ['ps+assoc', [...ps, 'assoc']], ['ps+agree+miss+assoc', [...ps, 'lexTop', 'visTop', 'maxMissing', 'assoc']]);
  const pa = [...ps, 'assoc'];
  sets.push(['pa', pa], ['pa+direct', [...pa, 'direct']], ['pa+direct2', [...pa, 'direct2']], ['pa+short', [...pa, 'short']], ['pa+numAns', [...pa, 'numericAnswer']], ['pa+direct+numAns+yesno', [...pa, 'direct', 'numericAnswer', 'yesno']]);
  sets.push(['ps+assoc+margin', [...ps, 'assoc', 'margin']], ['ps+assoc+len+fp+spec', [...ps, 'assoc', 'length', 'firstPerson', 'specRow']]);
  if (model) sets.push(['ps+assoc+sem', [...ps, 'assoc', 'sem']], ['ps+assoc+sem+semTop', [...ps, 'assoc', 'sem', 'semTop']]);
  if (model) sets.push(['curSem+semTop', [...ps, 'sem', 'semTop']], ['curSem+semTop+agree+miss', [...ps, 'sem', 'semTop', 'lexTop', 'visTop', 'maxMissing']]);
  if (model) sets.push(['all+sem', [...sets[sets.length - 1][1], 'sem', 'semGap']], ['curSem', ['relevance', 'lexical', 'prob', 'score', 'sem']]);
  for (const [label, feats] of sets) evaluate(rows, feats, label);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
