/**
 * Scoring speed: a generated 1,000-page crawl (artifacts in memory) scored against a question set.
 *
 *   npx tsx bench/scoring.ts                 1,000 pages, the figures as a table
 *   npx tsx bench/scoring.ts --pages 5000    another crawl size
 *   npx tsx bench/scoring.ts --json          the figures as JSON
 *
 * Pages are HTML generated from a seeded random generator (guides with steps, comparisons with
 * tables, product pages with prices and Offer markup, FAQ pages) and extracted once, outside the
 * timed part: the figure is what `scoreSite` costs after a crawl, stage profiles apart.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pageStageProfile } from '../shared/classify/page-stage.ts';
import { extractArtifacts } from '../shared/extract/index.ts';
import { pageResultFrom } from '../shared/pipeline.ts';
import { effectiveQuestions } from '../shared/questions/index.ts';
import { ConfigSchema, type PageArtifacts, type PageResult } from '../shared/schemas/index.ts';
import { scoreSite } from '../shared/score/index.ts';

const args = process.argv.slice(2);
const PAGES = Number(args[args.indexOf('--pages') + 1]) > 0 && args.includes('--pages') ? Number(args[args.indexOf('--pages') + 1]) : 1000;
const JSON_OUT = args.includes('--json');
const RUNS = 3;

/** mulberry32: a tiny seeded generator, so every run scores the same crawl. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20260120);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

const TOPICS = ['water leak', 'burst pipe', 'water heater', 'shut-off valve', 'sump pump', 'slab leak', 'frozen pipe', 'water bill', 'mould', 'humidity', 'washing machine hose', 'toilet flapper', 'water meter', 'leak sensor', 'flood alarm', 'crawl space', 'basement', 'irrigation line', 'dishwasher', 'water softener'];
const PRODUCTS = ['Acme Sensor', 'Acme Valve', 'Acme Hub', 'Acme Kit', 'Acme Cable'];
const COMPETITORS = ['Rivalco', 'Otherbrand', 'Drytech'];
const FILLER = `the a of and to in is that for it with as on be at by this from or have an they which you one were all we when your can there use
  each how their if will up other about out many then them these so some her would make like into time has look two more write go see number
  way could people than first water been call who oil its now find long down day did get come made may part home house pipe floor wall
  kitchen bathroom plumber insurance damage repair cost check signs cause winter pressure temperature drain tank leak sensor alarm battery`.split(/\s+/);

function sentence(topic: string, words = 14): string {
  const out = [topic];
  for (let i = 0; i < words; i++) out.push(pick(FILLER));
  return `${out.join(' ')}.`;
}
function paragraph(topic: string, sentences = 3): string {
  return `<p>${Array.from({ length: sentences }, () => sentence(topic)).join(' ')}</p>`;
}

function pageHtml(i: number): { path: string; html: string } {
  const topic = pick(TOPICS);
  const kind = i % 10 < 5 ? 'guide' : i % 10 < 7 ? 'compare' : i % 10 < 9 ? 'product' : 'faq';
  const product = pick(PRODUCTS);
  const competitor = pick(COMPETITORS);
  let title = '';
  let body = '';
  let head = '';
  if (kind === 'guide') {
    title = pick([`How to fix a ${topic}`, `What is a ${topic}?`, `Why does a ${topic} happen?`, `Signs of a ${topic}`]);
    body = `<h1>${title}</h1>${paragraph(topic)}<h2>How to check for a ${topic} in 6 steps</h2><ol>${Array.from({ length: 6 }, () => `<li>${sentence(topic, 10)}</li>`).join('')}</ol>`;
    for (let s = 0; s < 4; s++) body += `<h2>${pick(['Causes', 'Prevention', 'When to call a plumber', 'Costs', 'Common mistakes'])} of ${topic}</h2>${paragraph(topic, 4)}`;
    head = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"${title}"}</script>`;
  } else if (kind === 'compare') {
    title = `${product} vs ${competitor}: which ${topic} protection is best?`;
    const rows = Array.from({ length: 8 }, () => `<tr><td>${pick(FILLER)} ${pick(FILLER)}</td><td>${pick(['Yes', 'No', '3 years', '$49'])}</td><td>${pick(['Yes', 'No', '1 year', '$79'])}</td></tr>`).join('');
    body = `<h1>${title}</h1>${paragraph(topic)}<h2>Feature comparison</h2><table><tr><th>Feature</th><th>${product}</th><th>${competitor}</th></tr>${rows}</table><h2>Pros</h2><ul><li>${sentence(topic, 6)}</li><li>${sentence(topic, 6)}</li></ul><h2>Cons</h2><ul><li>${sentence(topic, 6)}</li></ul><h2>Verdict</h2>${paragraph(topic)}`;
  } else if (kind === 'product') {
    const price = 29 + Math.floor(random() * 400);
    title = `${product} ${i} — ${topic} protection`;
    body = `<h1>${product} ${i}</h1>${paragraph(topic, 2)}<p>Price: $${price}.00. Free shipping over $99, 30-day returns, 2-year warranty.</p><h2>Specifications</h2><ul>${Array.from({ length: 6 }, () => `<li>${sentence(topic, 5)}</li>`).join('')}</ul><h2>Shipping and returns</h2>${paragraph(topic, 2)}`;
    head = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"${product} ${i}","offers":{"@type":"Offer","price":"${price}.00","priceCurrency":"USD"}}</script>`;
  } else {
    title = `${topic} FAQ`;
    body = `<h1>${title}</h1>${Array.from({ length: 8 }, () => `<details><summary>${pick(['How much does', 'How long does', 'Can I install', 'Does it work with'])} ${topic} ${pick(FILLER)}?</summary>${paragraph(topic, 2)}</details>`).join('')}`;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Acme</title><meta name="description" content="${sentence(topic)}"><link rel="canonical" href="https://acme.example/p/${i}/">${head}</head><body><nav><a href="/">Home</a> <a href="/guides/">Guides</a></nav><main>${body}<p><a href="/p/${(i + 1) % PAGES}/">Related: ${pick(TOPICS)} guide for homeowners</a></p></main><footer>© Acme</footer></body></html>`;
  return { path: `/p/${i}/`, html };
}

const config = ConfigSchema.parse({
  brand: { name: 'Acme', domains: ['acme.example'] },
  category: 'water leak detectors',
  products: PRODUCTS,
  competitors: COMPETITORS.map((name) => ({ name })),
  languages: ['en'],
  questions: [
    ...TOPICS.map((t, i) => ({ id: `q-how-${i}`, text: `how to fix a ${t}`, stage: 'interest' as const })),
    ...TOPICS.slice(0, 10).map((t, i) => ({ id: `q-why-${i}`, text: `why does a ${t} happen`, stage: 'interest' as const })),
    ...PRODUCTS.flatMap((p, i) => COMPETITORS.map((c, j) => ({ id: `q-vs-${i}-${j}`, text: `${p} vs ${c}`, stage: 'comparison' as const }))),
    ...PRODUCTS.map((p, i) => ({ id: `q-price-${i}`, text: `how much does the ${p} cost`, stage: 'purchase' as const })),
  ],
});
const questions = effectiveQuestions(config);

const t0 = performance.now();
const pages: Array<{ artifacts: PageArtifacts; page: PageResult }> = [];
for (let i = 0; i < PAGES; i++) {
  const { path, html } = pageHtml(i);
  const artifacts = extractArtifacts({ url: `https://acme.example${path}`, status: 200, headers: { 'content-type': 'text/html' }, html, depth: 1 + (i % 4), inSitemap: true });
  pages.push({ artifacts, page: pageResultFrom(artifacts) });
}
const prepareMs = performance.now() - t0;
const passages = pages.reduce((n, p) => n + p.artifacts.passages.length, 0);

const t1 = performance.now();
for (const p of pages) pageStageProfile(p.artifacts);
const profileMs = performance.now() - t1;

const runs: number[] = [];
let result: ReturnType<typeof scoreSite> | null = null;
for (let r = 0; r < RUNS; r++) {
  const start = performance.now();
  result = scoreSite({ config, questions, pages });
  runs.push(performance.now() - start);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)];

const figures = {
  pages: PAGES,
  passages,
  questions: questions.length,
  scoreSiteMs: { median: Math.round(median), min: Math.round(runs[0]), max: Math.round(runs[runs.length - 1]), runs: RUNS },
  perQuestionMs: Math.round((median / questions.length) * 10) / 10,
  stageProfilesMs: Math.round(profileMs),
  generateAndExtractMs: Math.round(prepareMs),
  zmot: result?.scores.zmot ?? null,
  gaps: result?.gaps.length ?? 0,
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
};

if (JSON_OUT) {
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} else {
  const lines = [
    `Scoring speed: ${figures.pages} generated pages (${figures.passages} passages), ${figures.questions} questions`,
    `  scoreSite            median ${figures.scoreSiteMs.median} ms (min ${figures.scoreSiteMs.min}, max ${figures.scoreSiteMs.max}, ${RUNS} runs) — ${figures.perQuestionMs} ms per question`,
    `  stage profiles       ${figures.stageProfilesMs} ms for ${figures.pages} pages`,
    `  (generate + extract  ${figures.generateAndExtractMs} ms, not part of scoring)`,
    `  ZMOT ${figures.zmot} · ${figures.gaps} gaps · Node ${figures.node} · ${figures.cpu} × ${figures.cores}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
