/**
 * Scoring at scale: generated crawls of 5,000 and 50,000 pages (artifacts in memory) scored against
 * 500 questions, against the old path in the same run (the peer: this commit's scoring with the
 * index files as they were at 7e1c47d, before the compact index), results compared question by question.
 *
 *   npx tsx bench/scoring.ts                          5,000 and 50,000 pages, 500 questions
 *   npx tsx bench/scoring.ts --pages 1000,5000        other crawl sizes (each a prefix of the largest)
 *   npx tsx bench/scoring.ts --questions 74 --json    another question count; the figures as JSON
 *   npx tsx bench/scoring.ts --baseline REF           another commit's shared/ as the peer (--old-index REF; --no-peer)
 *   npx tsx bench/scoring.ts --cpu-prof-dir DIR       a CPU profile of the scoring of the largest crawl
 *
 * Pages are HTML generated from a seeded random generator (guides with steps, comparisons with
 * tables, product pages with prices and Offer markup, FAQ pages; topics and a long tail of
 * Zipf-distributed words) and extracted once, outside the timed part: the figure is what
 * `scoreSite` costs after a crawl (index build included), stage profiles apart.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import readline from 'node:readline';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractArtifacts } from '../shared/extract/index.ts';
import { pageResultFrom } from '../shared/pipeline.ts';
import { effectiveQuestions } from '../shared/questions/index.ts';
import { ConfigSchema, PageArtifactsSchema, type PageArtifacts, type PageResult } from '../shared/schemas/index.ts';
import { scoreSite } from '../shared/score/index.ts';
import { buildCorpus, ownDomains } from '../shared/score/corpus.ts';

/** The last commit before the compact index and term-at-a-time search: its index files are the old path. */
const DEFAULT_OLD_INDEX = '7e1c47d';
const args = process.argv.slice(2);
const arg = (name: string): string | null => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null);
const SIZES = (arg('--pages') ?? '5000,50000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const PAGES = SIZES[SIZES.length - 1];
const QUESTIONS = Number(arg('--questions') ?? 500);
const RUNS = Number(arg('--runs') ?? 3);
/** --baseline REF: the commit whose scoring is the peer (default: this one with --old-index REF's index files; --no-peer: none); --peer-runs N: its runs (default 1). */
const BASELINE_REF = arg('--baseline');
const OLD_INDEX = arg('--old-index') ?? DEFAULT_OLD_INDEX;
const BASELINE = args.includes('--no-peer') ? null : (BASELINE_REF ?? `this commit with the index files of ${OLD_INDEX}`);
const PEER_RUNS = Math.min(RUNS, Number(arg('--peer-runs') ?? 1));
const JSON_OUT = args.includes('--json');
const PROFILE_DIR = arg('--cpu-prof-dir');

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

/** A long tail of made-up words, drawn log-uniformly (about Zipf's law): what makes real pages differ from each other. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'sul', 'dre', 'pa', 'nix', 'gor', 'bel', 'tu', 'zan', 'qui', 'fo'];
const TAIL = Array.from({ length: 20000 }, (_, i) => {
  let w = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / SYLLABLES.length)) w += SYLLABLES[n % SYLLABLES.length];
  return `${w}x`;
});
const tailWord = () => TAIL[Math.min(TAIL.length - 1, Math.floor(Math.exp(random() * Math.log(TAIL.length))) - 1)];

function sentence(topic: string, words = 14): string {
  const out = [topic];
  for (let i = 0; i < words; i++) out.push(i % 6 === 5 ? tailWord() : pick(FILLER));
  return `${out.join(' ')}.`;
}
function paragraph(topic: string, sentences = 3): string {
  return `<p>${Array.from({ length: sentences }, () => sentence(topic)).join(' ')}</p>`;
}

function pageHtml(i: number): { path: string; html: string } {
  // Each page is about a topic and one word of the long tail ("water leak in the kamix").
  const topic = `${pick(TOPICS)} ${tailWord()}`;
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

/** QUESTIONS distinct questions over the topics, products, competitors and the long tail, each stage. */
function questionSet(): Array<{ id: string; text: string; stage: 'interest' | 'comparison' | 'purchase' }> {
  const templates: Array<[string, 'interest' | 'comparison' | 'purchase']> = [
    ['how to fix a {t}', 'interest'],
    ['why does a {t} happen', 'interest'],
    ['signs of a {t}', 'interest'],
    ['what is a {t}', 'interest'],
    ['how to prevent a {t} {w}', 'interest'],
    ['what causes a {t} in the {w}', 'interest'],
    ['{p} vs {c}', 'comparison'],
    ['best {t} protection {w}', 'comparison'],
    ['{p} vs {c} for a {t}', 'comparison'],
    ['how much does the {p} cost', 'purchase'],
    ['{p} {w} price', 'purchase'],
    ['{p} shipping and returns for a {t}', 'purchase'],
  ];
  const out = new Map<string, { id: string; text: string; stage: 'interest' | 'comparison' | 'purchase' }>();
  for (let tries = 0; out.size < QUESTIONS && tries < QUESTIONS * 50; tries++) {
    const [template, stage] = templates[tries % templates.length];
    const text = template.replace('{t}', pick(TOPICS)).replace('{w}', tailWord()).replace('{p}', pick(PRODUCTS)).replace('{c}', pick(COMPETITORS));
    if (!out.has(text)) out.set(text, { id: `q${out.size}`, text, stage });
  }
  return [...out.values()];
}

const config = ConfigSchema.parse({
  brand: { name: 'Acme', domains: ['acme.example'] },
  category: 'water leak detectors',
  products: PRODUCTS,
  competitors: COMPETITORS.map((name) => ({ name })),
  languages: ['en'],
  questions: questionSet(),
});
const questions = effectiveQuestions(config).slice(0, QUESTIONS);

// Extraction is the slow part (minutes for 50,000 pages): the extracted crawl is kept in the temp folder and reused.
const CACHE = path.join(os.tmpdir(), `zmot-bench-scoring-v1-${PAGES}-${QUESTIONS}.jsonl`);
// The config beside the cached crawl: bench/report-scale.ts stores it with the crawl it writes.
writeFileSync(`${CACHE}.config.json`, JSON.stringify(config));
const t0 = performance.now();
const pages: Array<{ artifacts: PageArtifacts; page: PageResult }> = [];
if (existsSync(CACHE) && !args.includes('--no-cache')) {
  // Read through the schema: fields added to the artifacts since the crawl was cached get their defaults.
  for await (const line of readline.createInterface({ input: createReadStream(CACHE) })) {
    if (!line) continue;
    const entry = JSON.parse(line) as { artifacts: unknown; page: PageResult };
    pages.push({ artifacts: PageArtifactsSchema.parse(entry.artifacts), page: entry.page });
  }
} else {
  const out = createWriteStream(CACHE);
  for (let i = 0; i < PAGES; i++) {
    const { path: p, html } = pageHtml(i);
    const artifacts = extractArtifacts({ url: `https://acme.example${p}`, status: 200, headers: { 'content-type': 'text/html' }, html, depth: 1 + (i % 4), inSitemap: true });
    const entry = { artifacts, page: pageResultFrom(artifacts) };
    pages.push(entry);
    if (!out.write(`${JSON.stringify(entry)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
    if (!JSON_OUT && i > 0 && i % 10000 === 0) process.stderr.write(`  extracted ${i} pages\n`);
  }
  await new Promise<void>((r) => out.end(() => r()));
}
const prepareMs = performance.now() - t0;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/** CPU profile of one call, written to dir (node:inspector, so only the scoring is in it). */
async function profiled<T>(dir: string, name: string, fn: () => T): Promise<T> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  const out = fn();
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  session.disconnect();
  return out;
}

/** Wall and CPU time (user + system, this process) of one call: CPU time is what the shared machine's load distorts least. */
function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** The files of the index work (compact index, term-at-a-time search, faster analysis): the default peer has them as they were before it. */
const INDEX_FILES = ['shared/score/bm25.ts', 'shared/score/corpus.ts', 'shared/score/text.ts', 'shared/classify/query-text.ts', 'shared/lang/en/index.ts'];

/**
 * The peer, run in the same process on the same pages: by default this commit's scoring with the
 * index files as they were at OLD_INDEX (the old path, with everything else as now); with --baseline
 * REF, the whole of shared/ at REF. Extracted from git into bench/.work. Its results must be
 * identical to ours, question by question, and its CPU time is the ratios' denominator.
 */
async function baselineScoring(): Promise<{ scoreSite: typeof scoreSite; buildCorpus: typeof buildCorpus }> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const git = (cmd: string) => spawnSync('sh', ['-c', cmd], { cwd: root, encoding: 'utf8' });
  const head = git('git rev-parse --short HEAD').stdout.trim();
  const name = BASELINE_REF ? `ref-${BASELINE_REF}` : `${head}-index-${OLD_INDEX}`;
  const dir = path.join(root, 'bench', '.work', `scoring-baseline-${name.replace(/[^\w.-]/g, '_')}`);
  if (!existsSync(path.join(dir, 'shared', 'score', 'index.ts'))) {
    mkdirSync(dir, { recursive: true });
    let r = git(`git archive "${BASELINE_REF ?? head}" shared | tar -x -C "${dir}"`);
    if (!BASELINE_REF && r.status === 0) r = git(`git archive "${OLD_INDEX}" ${INDEX_FILES.join(' ')} | tar -x -C "${dir}"`);
    if (r.status !== 0) throw new Error(`cannot extract the peer's shared/ (${name}): ${r.stderr}`);
  }
  const site = (await import(pathToFileURL(path.join(dir, 'shared', 'score', 'index.ts')).href)) as { scoreSite: typeof scoreSite };
  const corpus = (await import(pathToFileURL(path.join(dir, 'shared', 'score', 'corpus.ts')).href)) as { buildCorpus: typeof buildCorpus };
  return { scoreSite: site.scoreSite, buildCorpus: corpus.buildCorpus };
}
const peer = BASELINE ? await baselineScoring() : null;

/** Where two scorings differ: question by question (best page, passage, scores, notes, gaps), then the site scores. */
function differences(a: ReturnType<typeof scoreSite>, b: ReturnType<typeof scoreSite>): { bestPage: number; best: number; any: number; scores: boolean; gaps: boolean } {
  let bestPage = 0;
  let best = 0;
  let any = 0;
  a.questions.forEach((q, i) => {
    const o = b.questions[i];
    if ((q.best?.url ?? null) !== (o?.best?.url ?? null)) bestPage++;
    if (JSON.stringify(q.best) !== JSON.stringify(o?.best)) best++;
    if (JSON.stringify(q) !== JSON.stringify(o)) any++;
  });
  return { bestPage, best, any, scores: JSON.stringify(a.scores) === JSON.stringify(b.scores), gaps: JSON.stringify(a.gaps) === JSON.stringify(b.gaps) };
}

const rows = [];
for (const size of SIZES) {
  const crawl = pages.slice(0, size);
  const passages = crawl.reduce((n, p) => n + p.artifacts.passages.length, 0);
  const build: Array<{ wallMs: number; cpuMs: number }> = [];
  const full: Array<{ wallMs: number; cpuMs: number }> = [];
  const oldFull: Array<{ wallMs: number; cpuMs: number }> = [];
  const oldBuild: Array<{ wallMs: number; cpuMs: number }> = [];
  let result: ReturnType<typeof scoreSite> | null = null;
  let oldResult: ReturnType<typeof scoreSite> | null = null;
  let docs = 0;
  // Ours and the peer interleaved, run by run, so a change in the machine's load hits both.
  for (let r = 0; r < RUNS; r++) {
    const b = timed(() => buildCorpus(crawl, 'en', { isOwn: ownDomains(config.brand.domains) }));
    build.push(b);
    docs = [...b.value.indexes.values()].reduce((n, i) => n + i.size, 0);
    const f = timed(() => scoreSite({ config, questions, pages: crawl }));
    full.push(f);
    result = f.value;
    if (peer && r < PEER_RUNS) {
      oldBuild.push(timed(() => peer.buildCorpus(crawl, 'en', { isOwn: ownDomains(config.brand.domains) })));
      const o = timed(() => peer.scoreSite({ config, questions, pages: crawl }));
      oldFull.push(o);
      oldResult = o.value;
    }
  }
  if (PROFILE_DIR && size === PAGES) await profiled(PROFILE_DIR, `score-${size}`, () => scoreSite({ config, questions, pages: crawl }));
  const buildMs = { wall: median(build.map((x) => x.wallMs)), cpu: median(build.map((x) => x.cpuMs)) };
  const fullMs = { wall: median(full.map((x) => x.wallMs)), cpu: median(full.map((x) => x.cpuMs)) };
  const peerMs = oldFull.length ? { wall: median(oldFull.map((x) => x.wallMs)), cpu: median(oldFull.map((x) => x.cpuMs)), build: median(oldBuild.map((x) => x.cpuMs)) } : null;
  rows.push({
    pages: size,
    passages,
    indexedDocs: docs,
    questions: questions.length,
    scoreSite: { wallMs: round(fullMs.wall), cpuMs: round(fullMs.cpu) },
    indexBuild: { wallMs: round(buildMs.wall), cpuMs: round(buildMs.cpu) },
    perQuestionCpuMs: round(Math.max(0, fullMs.cpu - buildMs.cpu) / questions.length, 2),
    baseline: peerMs && oldResult ? { ref: BASELINE, runs: oldFull.length, scoreSite: { wallMs: round(peerMs.wall), cpuMs: round(peerMs.cpu) }, indexBuildCpuMs: round(peerMs.build), perQuestionCpuMs: round(Math.max(0, peerMs.cpu - peerMs.build) / questions.length, 2), ratio: round(fullMs.cpu / peerMs.cpu, 3), buildRatio: round(buildMs.cpu / peerMs.build, 3), perQuestionRatio: round(Math.max(0, fullMs.cpu - buildMs.cpu) / Math.max(1, peerMs.cpu - peerMs.build), 3), differences: differences(result!, oldResult) } : null,
    zmot: result?.scores.zmot ?? null,
    gaps: result?.gaps.length ?? 0,
  });
  if (!JSON_OUT) process.stderr.write(`  ${size} pages scored: ${JSON.stringify(rows[rows.length - 1])}\n`);
}

const figures = {
  rows,
  runs: RUNS,
  generateAndExtractMs: round(prepareMs),
  heapMb: round(process.memoryUsage().heapUsed / 2 ** 20),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  load: os.loadavg().map((x) => round(x, 1)),
};

if (JSON_OUT) {
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
} else {
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `Scoring: ${figures.rows[0]?.questions} questions; medians of ${RUNS} runs (peer ${BASELINE ?? 'none'}: ${PEER_RUNS} runs, interleaved); load ${figures.load.join(' ')}; Node ${figures.node}, ${figures.cpu} × ${figures.cores}`,
    '',
    '| pages | passages | indexed docs (passages, sections, windows) | `scoreSite` CPU (wall) | of which index build CPU | per question CPU | peer `scoreSite` CPU (wall) | peer index build CPU | peer per question CPU | ratio to the peer: `scoreSite` / build / per question | questions not identical to the peer (best page / best answer / anything) | same site scores and gaps | ZMOT |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const b = r.baseline;
      const peer = b ? `${sec(b.scoreSite.cpuMs)} (${sec(b.scoreSite.wallMs)}) | ${sec(b.indexBuildCpuMs)} | ${b.perQuestionCpuMs} ms | ${b.ratio}× / ${b.buildRatio}× / ${b.perQuestionRatio}× | ${b.differences.bestPage} / ${b.differences.best} / ${b.differences.any} | ${b.differences.scores && b.differences.gaps ? 'yes' : 'NO'}` : '— | — | — | — | — | —';
      return `| ${r.pages.toLocaleString('en')} | ${r.passages.toLocaleString('en')} | ${r.indexedDocs.toLocaleString('en')} | ${sec(r.scoreSite.cpuMs)} (${sec(r.scoreSite.wallMs)}) | ${sec(r.indexBuild.cpuMs)} | ${r.perQuestionCpuMs} ms | ${peer} | ${r.zmot} |`;
    }),
    '',
    `(generate + extract ${(figures.generateAndExtractMs / 1000).toFixed(0)} s, not part of scoring; heap after ${figures.heapMb} MB)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
