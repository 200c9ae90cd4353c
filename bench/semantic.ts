/**
 * Cost of the semantic re-ranking (issue 11): the packaged sentence model (crawler/semantic/model.ts)
 * against the word-based scorer it re-ranks for, in the same run, on real questions and pages: the
 * product-QA sets of ../shared/fixtures/answers (each question's candidates as its product page, as
 * `npm run eval` builds them), an interleaved sample of held-back and dev questions of both sets.
 *
 *   npm run bench:semantic               60 questions per set
 *   npm run bench:semantic -- --per-set 150
 *
 * Per question: the scorer alone (`scoreQuestion`: BM25 retrieval, the answer factors), and the
 * product's path with the model — a recording pass, embedding the question and the passages it asked
 * about (no cache: every text computed), the second pass. Model load is timed once, in this process.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadSentenceModel, similarityFor } from '../crawler/semantic/model.ts';
import { buildCorpus } from '../shared/score/corpus.ts';
import { recordingSimilarity } from '../shared/score/semantic.ts';
import { scoreQuestion } from '../shared/score/site.ts';
import { loadSet, productPage, SETS } from './eval/answers-data.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--per-set');
const PER_SET = at >= 0 && Number(args[at + 1]) > 0 ? Number(args[at + 1]) : 60;
const NO_NAMES = { brand: [], competitors: [] };
const REPEAT = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : 0;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const loadStarted = performance.now();
  const model = await loadSentenceModel();
  const loadMs = performance.now() - loadStarted;
  const rssModel = process.memoryUsage().rss - rssBefore;
  await model.embed(['warm up the model once']);
  const rows: string[] = [];
  for (const set of SETS) {
    const qs = loadSet(set.id);
    const step = Math.max(1, Math.floor(qs.length / PER_SET));
    const sample = qs.filter((_, i) => i % step === 0).slice(0, PER_SET);
    const plain: number[] = [];
    const withModel: number[] = [];
    const embedded: number[] = [];
    for (const q of sample) {
      const { artifacts, page, question } = productPage(q);
      const corpus = buildCorpus([{ artifacts, page }], 'en');
      // The scorer alone, averaged over a few repeats (it takes well under a millisecond).
      let t = performance.now();
      for (let r = 0; r < REPEAT; r++) scoreQuestion(question, corpus, NO_NAMES);
      plain.push((performance.now() - t) / REPEAT);
      // With the model: record, embed, score again.
      t = performance.now();
      const { similarity, asked } = recordingSimilarity(model.langs);
      scoreQuestion(question, corpus, NO_NAMES, similarity);
      const lookup = await similarityFor(model.embed, asked);
      scoreQuestion(question, corpus, NO_NAMES, lookup);
      withModel.push(performance.now() - t);
      embedded.push(1 + [...asked.values()].reduce((s, ps) => s + ps.length, 0));
    }
    rows.push(
      `| ${set.id} | ${sample.length} | ${mean(embedded).toFixed(1)} | ${median(plain).toFixed(2)} ms | ${median(withModel).toFixed(0)} ms | ${mean(withModel).toFixed(0)} ms | **${(median(withModel) / median(plain)).toFixed(0)}×** |`,
    );
  }
  const out = [
    `Model load (once per process): **${(loadMs / 1000).toFixed(2)} s**, +${Math.round(rssModel / 1e6)} MB resident; model \`${model.id}\`.`,
    '',
    '| set | questions | texts embedded per question (mean) | scorer alone, per question (median) | scorer + model, per question (median) | scorer + model (mean) | with model ÷ scorer alone (medians) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `_Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:semantic -- --per-set ${PER_SET}\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}._`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:semantic: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
