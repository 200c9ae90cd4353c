/**
 * Summarises V8 CPU profiles (`node --cpu-prof`): self time by function and by source area, over
 * every .cpuprofile in a folder (the main thread and each worker write their own).
 * `npx tsx bench/profile-summary.ts <dir> [top]` prints the Markdown tables.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a source file belongs: our code by folder, dependencies by package. */
function areaOf(url: string): string {
  if (!url) return '(native / V8)';
  // Our code (crawler/ and shared/) runs from esbuild bundles: the CLI's (crawler/bin/cli-bundle.js) and the page worker's (crawler/crawl/worker-bundle.ts).
  if (url.includes('/.cache/zmot/')) return url.includes('/.cache/zmot/cli-') ? 'CLI bundle (crawler/, shared/; ZMOT_NO_BUNDLE=1 names the files)' : 'page worker bundle (crawler/, shared/)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node internals';
  const m = /\/(shared|crawler|bench)\/(.+)$/.exec(url);
  if (m) return `${m[1]}/${m[2].split('/').length > 1 ? m[2].split('/')[0] : m[2]}`;
  return path.basename(url);
}

export interface ProfileTotals {
  totalMs: number;
  byFunction: Array<{ name: string; ms: number }>;
  byArea: Array<{ name: string; ms: number }>;
}

export function profileTotals(dir: string): ProfileTotals {
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const p = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < p.samples.length; i++) {
      const node = byId.get(p.samples[i]);
      if (!node) continue;
      const ms = (p.timeDeltas[i] ?? 0) / 1000;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') continue;
      total += ms;
      const name = `${functionName || '(anonymous)'} ${url ? `${areaOf(url)}:${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
      fn.set(name, (fn.get(name) ?? 0) + ms);
      const a = functionName === '(garbage collector)' ? '(garbage collector)' : areaOf(url);
      area.set(a, (area.get(a) ?? 0) + ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs: total, byFunction: sorted(fn), byArea: sorted(area) };
}

export function summarizeProfiles(dir: string, top = 20): string {
  const t = profileTotals(dir);
  const pct = (ms: number) => `${((100 * ms) / t.totalMs).toFixed(1)}%`;
  return [
    `Busy CPU time ${(t.totalMs / 1000).toFixed(1)} s (idle excluded).`,
    '',
    '| area | self time | share |',
    '|---|---:|---:|',
    ...t.byArea.slice(0, 12).map((a) => `| ${a.name} | ${(a.ms / 1000).toFixed(2)} s | ${pct(a.ms)} |`),
    '',
    '| function | self time | share |',
    '|---|---:|---:|',
    ...t.byFunction.slice(0, top).map((f) => `| \`${f.name.replace(/\|/g, '\\|')}\` | ${(f.ms / 1000).toFixed(2)} s | ${pct(f.ms)} |`),
  ].join('\n');
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'));
if (isMain) process.stdout.write(`${summarizeProfiles(process.argv[2], Number(process.argv[3] ?? 20))}\n`);
