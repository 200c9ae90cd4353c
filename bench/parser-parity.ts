/**
 * Parser parity: on every saved page we have (real fixture pages, the demo site, the test fixtures,
 * generated real-sized pages), how many take the htmlparser2 fast path, and whether each one that
 * does gets exactly the tree parse5 builds (element names, namespaces, attributes, text, comments).
 * `npx tsx bench/parser-parity.ts [--verbose]`; exits 1 on any difference.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyNode, Element } from 'domhandler';
import { parseOrdinaryHtml } from '../shared/extract/fast-parse.ts';
import { parseHtmlWithParse5, capMarkup, HTML_LIMITS } from '../shared/extract/parse-html.ts';
import { realPageHtml } from './fixtures-site/real-site.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const VERBOSE = process.argv.includes('--verbose');

function dump(node: AnyNode, out: string[], depth = 0): void {
  const pad = ' '.repeat(Math.min(depth, 40));
  if (node.type === 'text') out.push(`${pad}#text ${JSON.stringify((node as unknown as { data: string }).data)}`);
  else if (node.type === 'comment') out.push(`${pad}#comment ${JSON.stringify((node as unknown as { data: string }).data)}`);
  else if (node.type === 'directive') return;
  else if ('children' in node) {
    const el = node as Element & { namespace?: string; 'x-attribsNamespace'?: Record<string, string | undefined> };
    if (el.name) {
      const ns = el['x-attribsNamespace'] ?? {};
      const attrs = Object.keys(el.attribs).map((k) => `${ns[k] ? `{${ns[k]}}` : ''}${k}=${JSON.stringify(el.attribs[k])}`);
      out.push(`${pad}<${el.name} ${el.namespace ?? ''} ${attrs.join(' ')}> ${el.type}`);
    }
    for (const c of el.children) dump(c, out, depth + 1);
  }
}

const htmlUnder = (dir: string): string[] =>
  (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f));
const files = [...htmlUnder('../shared/fixtures'), ...htmlUnder('crawler/demo'), ...htmlUnder('tests/fixtures')];
const pages: Array<{ name: string; html: string }> = files.map((f) => ({ name: f, html: readFileSync(path.join(ROOT, f), 'utf8') }));
for (let k = 0; k < 200; k++) pages.push({ name: `real-site #${k * 25}`, html: realPageHtml(k * 25, 5000) });

// Broken variants of the saved pages: tags dropped, doubled or inserted at random (seeded), so the
// checks that send a page to parse5 are exercised, not only well-formed pages.
const FUZZ = Number(process.argv[process.argv.indexOf('--fuzz') + 1] || 0) || (process.argv.includes('--fuzz') ? 2000 : 0);
let seed = Number(process.argv[process.argv.indexOf('--seed') + 1] || 0) || 12345;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const INSERTS = ['<p>', '</p>', '<a href="/x">', '</a>', '<b>', '</b>', '<i>', '</div>', '<div>', '<table>', '<tr>', '<td>', '</td>', '<li>', '<ul>', '</ul>', '<h2>', '</h3>', '<span>', '</span>', '<svg>', '<path/>', '</svg>', '<noscript>', '</noscript>', '<br>', '</br>', '<title>', '<form>', '<select>', '<option>', '<pre>\n', '<button>', '<dd>', '<dt>', 'text', '&amp;', '<!-- c -->', '<meta name=x>', '<body>', '</body>', '</html>', '<head>', '<template>', '<math>', '<font color=red>', '<nobr>', '<caption>', '<col>'];
const saved = pages.slice(0, files.length).filter((p) => p.html.length < 400_000);
for (let k = 0; k < FUZZ && saved.length; k++) {
  const base = saved[rand(saved.length)];
  let html = base.html;
  const edits = 1 + rand(3);
  const done: string[] = [];
  for (let e = 0; e < edits; e++) {
    const at = rand(html.length);
    const lt = html.indexOf('<', at);
    if (lt === -1) continue;
    const gt = html.indexOf('>', lt);
    const op = rand(3);
    if (op === 0 && gt !== -1) {
      done.push(`drop ${html.slice(lt, gt + 1).slice(0, 40)}`);
      html = html.slice(0, lt) + html.slice(gt + 1); // drop a tag
    } else if (op === 1 && gt !== -1) {
      done.push(`double ${html.slice(lt, gt + 1).slice(0, 40)}`);
      html = html.slice(0, gt + 1) + html.slice(lt, gt + 1) + html.slice(gt + 1); // double it
    } else {
      const ins = INSERTS[rand(INSERTS.length)];
      done.push(`insert ${ins} before ${html.slice(lt, lt + 30)}`);
      html = html.slice(0, lt) + ins + html.slice(lt); // insert one
    }
  }
  pages.push({ name: `fuzz #${k} of ${base.name}: ${done.join('; ')}`, html });
}

let fast = 0;
let differ = 0;
for (const p of pages) {
  const capped = capMarkup(p.html).html;
  const doc = parseOrdinaryHtml(capped, HTML_LIMITS.maxNodes);
  if (!doc) {
    if (VERBOSE) console.log(`parse5     ${p.name}`);
    continue;
  }
  fast++;
  const a: string[] = [];
  const b: string[] = [];
  dump(doc, a);
  dump(parseHtmlWithParse5(p.html).$.root()[0] as AnyNode, b);
  if (a.join('\n') !== b.join('\n')) {
    differ++;
    const i = a.findIndex((l, k) => l !== b[k]);
    console.log(`DIFFERENT  ${p.name}\n  fast:   ${a[i]}\n  parse5: ${b[i]}`);
  } else if (VERBOSE) console.log(`fast, same ${p.name}`);
}
console.log(`${pages.length} pages: ${fast} on the fast path (${files.length} saved files, 200 generated, ${FUZZ} broken variants), ${differ} of them with a different tree`);
process.exit(differ ? 1 : 0);
