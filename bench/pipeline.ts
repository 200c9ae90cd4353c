/**
 * Per-page pipeline cost against parsing alone, on the same real-sized pages in the same run:
 * `npx tsx bench/pipeline.ts [--pages 300] [--rounds 3] [--baseline REF] [--cpu-prof-dir DIR] [--no-write]`.
 *
 * Pages come from bench/fixtures-site/real-site.ts (~92 KB each). Each round times, page by page,
 *  - htmlparser2's `parseDocument` (the parse-only reference the issue names),
 *  - `processPage`: what a crawl worker does per page (decode, parse, extract artifacts, every page
 *    audit, stage profile, site summary, links, packing for the store),
 * and splits processPage into its stages. CPU time (process.cpuUsage), medians over rounds; the ratio is
 * pipeline ÷ parse-only. With `--baseline REF`, the same pipeline at another commit (its shared/ and crawler/,
 * extracted from git into bench/.work) runs on the same pages in the same rounds, and its output must be
 * identical: "before / after" is a same-run ratio, not two runs on a shared machine.
 * Writes the "Pipeline vs parse-only" section of BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument } from 'htmlparser2';
import { realPageHtml } from './fixtures-site/real-site.ts';
import { pagePath } from './fixtures-site/site.ts';
import { processPage, type PageJob, type ProcessorContext } from '../crawler/crawl/page-processor.ts';
import { createNormalizer } from '../crawler/crawl/urls.ts';
import { pagePipelineOptions } from '../crawler/pipeline-options.ts';
import { toSitePageAdapter } from '../crawler/report/integrations.ts';
import { extractArtifacts } from '../shared/extract/index.ts';
import { parseHtml, parseHtmlWithParse5 } from '../shared/extract/parse-html.ts';
import { pageResultFrom } from '../shared/pipeline.ts';
import { packPage } from '../crawler/store/crawl-store.ts';
import { summarizeProfiles } from './profile-summary.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCHMARKS = path.join(ROOT, 'BENCHMARKS.md');
const START = '<!-- pipeline:start -->';
const END = '<!-- pipeline:end -->';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const PAGES = Number(arg('pages', '300'));
const ROUNDS = Number(arg('rounds', '3'));
const PROF_DIR = arg('cpu-prof-dir', '');
const WRITE = !process.argv.includes('--no-write');
const BASELINE = arg('baseline', '');

interface Peer {
  processPage: typeof processPage;
  extractArtifacts: typeof extractArtifacts;
  pageResultFrom: typeof pageResultFrom;
  pipeline: typeof ctx.pipeline;
}
/** The page pipeline at another commit: its shared/ and crawler/ from git, in bench/.work (packages from ours). */
async function baselinePeer(ref: string): Promise<Peer> {
  const git = (cmd: string) => spawnSync('sh', ['-c', cmd], { cwd: ROOT, encoding: 'utf8' });
  const sha = git(`git rev-parse --short "${ref}"`).stdout.trim();
  if (!sha) throw new Error(`--baseline: unknown commit ${ref}`);
  const dir = path.join(ROOT, 'bench', '.work', `pipeline-baseline-${sha}`);
  if (!existsSync(path.join(dir, 'crawler', 'crawl', 'page-processor.ts'))) {
    mkdirSync(dir, { recursive: true });
    const r = git(`git archive "${sha}" shared crawler | tar -x -C "${dir}"`);
    if (r.status !== 0) throw new Error(`cannot extract ${ref}'s shared/ and crawler/: ${r.stderr}`);
  }
  const load = async <T,>(file: string) => (await import(pathToFileURL(path.join(dir, file)).href)) as T;
  const pp = await load<{ processPage: typeof processPage }>('crawler/crawl/page-processor.ts');
  const ex = await load<{ extractArtifacts: typeof extractArtifacts }>('shared/extract/index.ts');
  const pl = await load<{ pageResultFrom: typeof pageResultFrom }>('shared/pipeline.ts');
  const po = await load<{ pagePipelineOptions: typeof pagePipelineOptions }>('crawler/pipeline-options.ts');
  return { processPage: pp.processPage, extractArtifacts: ex.extractArtifacts, pageResultFrom: pl.pageResultFrom, pipeline: po.pagePipelineOptions() };
}

const origin = 'http://127.0.0.1:8080';
const total = 5000;
const htmls = Array.from({ length: PAGES }, (_, k) => realPageHtml(Math.floor((k * total) / PAGES), total));
const bodies = htmls.map((h) => new TextEncoder().encode(h));
const htmlBytes = bodies.reduce((n, b) => n + b.byteLength, 0);
const ctx: ProcessorContext = {
  pipeline: pagePipelineOptions(),
  toSitePage: await toSitePageAdapter(),
  normalizer: createNormalizer([]),
  followNofollow: false,
  queueCanonicals: true,
  queueHreflang: true,
};
const peer = BASELINE ? await baselinePeer(BASELINE) : null;
const jobOf = (k: number): PageJob => {
  const url = `${origin}${pagePath(Math.floor((k * total) / PAGES))}`;
  return {
    url, requestedUrl: url, status: 200, headers: [['content-type', 'text/html; charset=utf-8']], contentType: 'text/html; charset=utf-8',
    body: bodies[k], html: null, truncated: false, redirectChain: [], fetchError: null, depth: 2, inSitemap: null, robotsTxt: null,
    rendered: false, encoding: null, encodingNote: null,
  };
};

/**
 * CPU time (user + system, ms) of running `fn` on every page: unlike wall time it leaves out the time other
 * processes hold the core (the machine is shared), and it counts the GC's helper threads, which work for `fn`.
 */
function timeEach(fn: (k: number) => void): number {
  const c0 = process.cpuUsage();
  for (let k = 0; k < PAGES; k++) fn(k);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const inputOf = (k: number) => ({ url: jobOf(k).url, status: 200, headers: jobOf(k).headers, html: htmls[k], depth: 2 });
// Warm-up: JIT both paths before measuring.
for (let k = 0; k < Math.min(30, PAGES); k++) {
  parseDocument(htmls[k]);
  processPage(jobOf(k), ctx);
  peer?.processPage(jobOf(k), { ...ctx, pipeline: peer.pipeline });
}
if (peer) {
  // The peer must produce the same page: artifacts and result, byte for byte.
  let differ = 0;
  for (let k = 0; k < PAGES; k++) {
    const a = extractArtifacts(inputOf(k));
    const b = peer.extractArtifacts(inputOf(k));
    if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(pageResultFrom(a, ctx.pipeline)) !== JSON.stringify(peer.pageResultFrom(b, peer.pipeline))) differ++;
  }
  process.stderr.write(`baseline ${BASELINE}: ${differ} of ${PAGES} pages with different artifacts or results\n`);
  if (differ) process.exit(1);
}

const keys = ['parseOnly', 'pipeline', 'decode', 'parse', 'parse5', 'extract', 'audits', 'stageProfile', 'pack', 'core', 'peerPipeline', 'peerCore'] as const;
const rounds: Record<(typeof keys)[number], number[]> = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as never;
let session: Session | null = null;
if (PROF_DIR) {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
for (let r = 0; r < ROUNDS; r++) {
  rounds.parseOnly.push(timeEach((k) => parseDocument(htmls[k])));
  // The issue's scope in one pass (parse, extraction, audits, stage profile), and the peer's, interleaved.
  // (Ours first in odd rounds, the peer first in even ones.)
  const ours = () => {
    rounds.pipeline.push(timeEach((k) => processPage(jobOf(k), ctx)));
    rounds.core.push(timeEach((k) => pageResultFrom(extractArtifacts(inputOf(k)), ctx.pipeline)));
  };
  const theirs = () => {
    if (!peer) return;
    rounds.peerPipeline.push(timeEach((k) => peer.processPage(jobOf(k), { ...ctx, pipeline: peer.pipeline })));
    rounds.peerCore.push(timeEach((k) => peer.pageResultFrom(peer.extractArtifacts(inputOf(k)), peer.pipeline)));
  };
  if (r % 2 === 0) {
    ours();
    theirs();
  } else {
    theirs();
    ours();
  }
  // Stages, separately (each on the same pages).
  rounds.decode.push(timeEach((k) => new TextDecoder('utf-8').decode(bodies[k])));
  rounds.parse.push(timeEach((k) => parseHtml(htmls[k])));
  rounds.parse5.push(timeEach((k) => parseHtmlWithParse5(htmls[k])));
  const artifacts = htmls.map((h, k) => extractArtifacts({ url: jobOf(k).url, status: 200, headers: jobOf(k).headers, html: h, depth: 2 }));
  rounds.extract.push(timeEach((k) => extractArtifacts({ url: jobOf(k).url, status: 200, headers: jobOf(k).headers, html: htmls[k], depth: 2 })) - rounds.parse.at(-1)!);
  const noProfile = { ...ctx.pipeline, stageProfile: undefined };
  rounds.audits.push(timeEach((k) => pageResultFrom(artifacts[k], noProfile)));
  rounds.stageProfile.push(timeEach((k) => ctx.pipeline.stageProfile!(artifacts[k])));
  const results = artifacts.map((a) => pageResultFrom(a, ctx.pipeline));
  rounds.pack.push(timeEach((k) => {
    packPage(artifacts[k], []);
  }));
  process.stderr.write(`round ${r + 1}: parse-only ${(rounds.parseOnly.at(-1)! / PAGES).toFixed(2)} ms/page, pipeline ${(rounds.pipeline.at(-1)! / PAGES).toFixed(2)} ms/page\n`);
}
let profileText = '';
if (session) {
  const { profile } = await session.post('Profiler.stop');
  mkdirSync(PROF_DIR, { recursive: true });
  writeFileSync(path.join(PROF_DIR, 'pipeline.cpuprofile'), JSON.stringify(profile));
  session.disconnect();
  profileText = summarizeProfiles(PROF_DIR, 20);
}

const per = (k: (typeof keys)[number]) => (rounds[k].length ? median(rounds[k]) / PAGES : NaN);
const ratio = per('pipeline') / per('parseOnly');
const core = per('parse') + per('extract') + per('audits') + per('stageProfile');
const lines = [
  START,
  '## Pipeline vs parse-only',
  '',
  `Command: \`npx tsx bench/pipeline.ts${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\`. Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}; one thread.`,
  '',
  `${PAGES} real-sized pages (bench/fixtures-site/real-site.ts, ${(htmlBytes / PAGES / 1024).toFixed(1)} KB average), ${ROUNDS} rounds, medians of CPU time (user + system of the process, so other processes' load is left out). Parse-only is htmlparser2's \`parseDocument\`; the pipeline is \`processPage\`, what a crawl worker runs per page.`,
  '',
  '| step | CPU ms per page | × parse-only |',
  '|---|---:|---:|',
  `| parse only (htmlparser2) | ${per('parseOnly').toFixed(2)} | 1.00 |`,
  `| **pipeline (processPage)** | **${per('pipeline').toFixed(2)}** | **${ratio.toFixed(2)}** (target ≤ 2) |`,
  `| — decode bytes | ${per('decode').toFixed(2)} | ${(per('decode') / per('parseOnly')).toFixed(2)} |`,
  `| — parse (zmot: capped markup + tree) | ${per('parse').toFixed(2)} | ${(per('parse') / per('parseOnly')).toFixed(2)} |`,
  `| — extract artifacts (after parse) | ${per('extract').toFixed(2)} | ${(per('extract') / per('parseOnly')).toFixed(2)} |`,
  `| — page audits + result | ${per('audits').toFixed(2)} | ${(per('audits') / per('parseOnly')).toFixed(2)} |`,
  `| — stage profile | ${per('stageProfile').toFixed(2)} | ${(per('stageProfile') / per('parseOnly')).toFixed(2)} |`,
  `| — pack for the store (artifacts, Brotli) | ${per('pack').toFixed(2)} | ${(per('pack') / per('parseOnly')).toFixed(2)} |`,
  `| parse + extraction + audits + stage profile (the issue's ≤ 2× scope: no decode, no Brotli) | ${core.toFixed(2)} | **${(core / per('parseOnly')).toFixed(2)}** |`,
  `| the same scope in one pass (extractArtifacts + pageResultFrom with the stage profile) | ${per('core').toFixed(2)} | **${(per('core') / per('parseOnly')).toFixed(2)}** |`,
  `| for comparison: the same parse with parse5 (every page's path before the fast path) | ${per('parse5').toFixed(2)} | ${(per('parse5') / per('parseOnly')).toFixed(2)} |`,
  ...(peer
    ? [
        `| baseline ${BASELINE}: pipeline (processPage) | ${per('peerPipeline').toFixed(2)} | ${(per('peerPipeline') / per('parseOnly')).toFixed(2)} |`,
        `| baseline ${BASELINE}: the issue's scope in one pass | ${per('peerCore').toFixed(2)} | ${(per('peerCore') / per('parseOnly')).toFixed(2)} |`,
        '',
        `Against ${BASELINE} in the same rounds (identical artifacts and results on all ${PAGES} pages): processPage ${(per('pipeline') / per('peerPipeline')).toFixed(2)}× its CPU, the issue's scope ${(per('core') / per('peerCore')).toFixed(2)}×.`,
      ]
    : []),
  '',
  profileText ? `CPU profile of the run (\`--cpu-prof-dir\`):\n\n${profileText}` : '',
  END,
].join('\n');
process.stdout.write(`${lines}\n`);
if (WRITE) {
  const current = existsSync(BENCHMARKS) ? await readFile(BENCHMARKS, 'utf8') : '# Benchmarks\n';
  const s = current.indexOf(START);
  const e = current.indexOf(END);
  await writeFile(BENCHMARKS, s !== -1 && e !== -1 ? `${current.slice(0, s)}${lines}${current.slice(e + END.length)}` : `${current.trimEnd()}\n\n${lines}\n`);
}
