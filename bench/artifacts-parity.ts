/**
 * Artifacts parity: the page pipeline's output, page by page, against a saved baseline, so a speed change
 * to extraction or the audits can show it changes nothing. On every saved page (shared/fixtures, the demo
 * site, tests/fixtures) and 200 generated real-sized pages, writes `extractArtifacts` and the page result
 * (`pageResultFrom` with the stage profile) as JSON lines:
 *   npx tsx bench/artifacts-parity.ts --save /tmp/before.jsonl        (on the old code)
 *   npx tsx bench/artifacts-parity.ts --compare /tmp/before.jsonl     (on the new code; exits 1 on any difference)
 * A difference names the page and the first differing top-level key.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pagePipelineOptions } from '../crawler/pipeline-options.ts';
import { extractArtifacts } from '../shared/extract/index.ts';
import { pageResultFrom } from '../shared/pipeline.ts';
import { realPageHtml } from './fixtures-site/real-site.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argOf = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 ? process.argv[i + 1] : undefined;
};
const SAVE = argOf('save');
const COMPARE = argOf('compare');
if (!SAVE && !COMPARE) {
  process.stderr.write('usage: npx tsx bench/artifacts-parity.ts --save FILE | --compare FILE\n');
  process.exit(2);
}

const htmlUnder = (dir: string): string[] =>
  (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort().map((f) => path.join(dir, f));
const files = [...htmlUnder('../shared/fixtures'), ...htmlUnder('crawler/demo'), ...htmlUnder('tests/fixtures')];
const pages: Array<{ name: string; url: string; html: string }> = files.map((f) => ({
  name: f,
  url: `https://example.com/${f.replace(/^(\.\.\/)+/, '').replace(/index\.html$/, '')}`,
  html: readFileSync(path.join(ROOT, f), 'utf8'),
}));
for (let k = 0; k < 200; k++) pages.push({ name: `real-site #${k * 25}`, url: `http://127.0.0.1:8080/p/${k * 25}/`, html: realPageHtml(k * 25, 5000) });

const options = pagePipelineOptions();
const lines = pages.map((p) => {
  const artifacts = extractArtifacts({ url: p.url, status: 200, headers: [['content-type', 'text/html; charset=utf-8']], html: p.html, depth: 1 });
  const result = pageResultFrom(artifacts, options);
  return JSON.stringify({ name: p.name, artifacts, result });
});

if (SAVE) {
  writeFileSync(SAVE, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.length} pages written to ${SAVE}\n`);
} else {
  const before = new Map<string, string>();
  for (const line of readFileSync(COMPARE!, 'utf8').split('\n')) if (line) before.set(JSON.parse(line).name, line);
  let differ = 0;
  let missing = 0;
  for (const line of lines) {
    const now = JSON.parse(line);
    const old = before.get(now.name);
    if (old === undefined) {
      missing++;
      continue;
    }
    if (old === line) continue;
    differ++;
    const o = JSON.parse(old);
    const where: string[] = [];
    for (const part of ['artifacts', 'result'] as const) {
      for (const key of new Set([...Object.keys(o[part]), ...Object.keys(now[part])])) {
        if (JSON.stringify(o[part][key]) !== JSON.stringify(now[part][key])) where.push(`${part}.${key}`);
      }
    }
    if (differ <= 20) process.stdout.write(`DIFFERS ${now.name}: ${where.join(', ') || 'key order'}\n`);
  }
  process.stdout.write(`${lines.length} pages: ${lines.length - differ - missing} byte-identical, ${differ} differ, ${missing} not in the baseline\n`);
  if (differ || missing) process.exit(1);
}
