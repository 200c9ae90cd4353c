import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { classifyQuery } from '../../shared/classify/query-stage.ts';
import type { QueryClassification } from '../../shared/schemas/classify.ts';
import type { Serp } from '../../shared/schemas/serp.ts';
import { boundedHtml } from '../../shared/extract/parse-html.ts';
import { tryParseSerp } from '../../shared/serp/parse.ts';
import { UsageError } from '../errors.ts';
import { c, printJson, safe } from '../format.ts';

// One-line errors naming the file and the problem (exit 2).
const MESSAGES = {
  noFile: (file: string) => `no such file: ${file}`,
  notFile: (file: string) => `not a file: ${file}`,
  tooLarge: (file: string, mb: number) => `${file}: larger than ${mb} MB; a saved results page is a few MB at most`,
  unreadable: (file: string, why: string) => `cannot read ${file}: ${why}`,
  badUrl: (url: string) => `--url is not an http(s) URL: ${url}`,
  notSerp: (file: string, why: string) => `${file}: ${why}`,
} as const;

/** Saved pages bigger than this are refused before parsing. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

interface SerpOptions {
  json?: boolean;
  url?: string;
}

/** What `zmot serp --json` prints: the parsed page as the extension sees it, plus the query's stage. */
export type SerpCommandOutput = Serp & { file: string; classification: QueryClassification | null };

/**
 * Reads a saved results page with the same parser the extension's content script runs, on a jsdom
 * Document (scripts never run: jsdom only parses). Throws UsageError for a missing, huge or
 * non-Google file.
 */
export async function readSavedSerp(target: string, pageUrl?: string): Promise<SerpCommandOutput> {
  const file = path.resolve(target);
  const info = await stat(file).catch(() => null);
  if (!info) throw new UsageError(MESSAGES.noFile(target));
  if (!info.isFile()) throw new UsageError(MESSAGES.notFile(target));
  if (info.size > MAX_FILE_BYTES) throw new UsageError(MESSAGES.tooLarge(target, MAX_FILE_BYTES / 1024 / 1024));
  if (pageUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(pageUrl)) throw new UsageError(MESSAGES.badUrl(pageUrl));
  const bytes = await readFile(file).catch((e: Error) => {
    throw new UsageError(MESSAGES.unreadable(target, e.message));
  });
  // Markup a page can make jsdom pay quadratically for (deep nesting, open formatting tags) is capped
  // first; tags are ASCII, so the latin1 round trip keeps every other byte for encoding sniffing.
  const capped = boundedHtml(bytes.toString('latin1'));
  // jsdom is loaded here, not at start-up: every other zmot command (and every process start) skips its ~1 s import.
  const { JSDOM, VirtualConsole } = await import('jsdom');
  // A virtual console that keeps nothing: jsdom reports stylesheets it cannot parse (Google's CSS
  // uses syntax it does not know) on stderr, which a user reads as an error of ours; the parser
  // never needs styles, and the page's scripts never run.
  const virtualConsole = new VirtualConsole();
  // A Buffer lets jsdom sniff the encoding (BOM, <meta charset>) as a browser would.
  const dom = new JSDOM(capped.changed ? Buffer.from(capped.html, 'latin1') : bytes, {
    contentType: 'text/html',
    url: pageUrl,
    virtualConsole,
  });
  try {
    const parsed = tryParseSerp(dom.window.document, pageUrl);
    if (!parsed.ok) throw new UsageError(MESSAGES.notSerp(target, parsed.error.message));
    const serp = parsed.serp;
    const lang = dom.window.document.documentElement.getAttribute('lang') ?? undefined;
    const classification = serp.query ? classifyQuery(serp.query, { lang: lang?.split('-')[0] }) : null;
    return { file: target, ...serp, classification };
  } finally {
    dom.window.close();
  }
}

export default function register(program: Command) {
  program
    .command('serp')
    .description('What the extension sees on a saved Google results page: query and its stage, AI Overview and its cited sources, organic results, ads, "People also ask", related searches, local pack.')
    .argument('<saved-serp.html>', 'a results page saved from the browser (HTML)')
    .option('--json', 'print machine-readable JSON')
    .option('--url <url>', 'the address the page was saved from (resolves its relative links)')
    .action(async (target: string, opts: SerpOptions) => {
      const out = await readSavedSerp(target, opts.url);
      if (opts.json) {
        printJson(out);
        return;
      }
      const lines: string[] = [];
      lines.push(`${c.bold('Query')}  ${out.query === null ? c.dim('(none)') : safe(out.query)}${out.classification ? `  ·  stage ${c.bold(out.classification.stage)} (${Math.round(out.classification.confidence * 100)}%)` : ''}`);
      lines.push(`${c.bold('Page')}   ${out.kind} · ${out.layout} layout${out.shopping ? ' · Shopping ads' : ''}`);
      const ai = out.aiOverview;
      if (ai.present) {
        lines.push('', c.bold(`AI Overview (${ai.expanded ? 'expanded' : 'collapsed'}, ${ai.sources.length} cited source${ai.sources.length === 1 ? '' : 's'})`));
        if (ai.text) lines.push(`  ${safe(ai.text, 300)}`);
        for (const s of ai.sources) lines.push(`  [${s.position}] ${safe(s.title || s.domain, 90)}  ${c.dim(`${safe(s.domain, 60)} · ${s.via.join(', ')}`)}`);
      }
      lines.push('', c.bold(`Organic results (${out.organic.length})`));
      for (const r of out.organic) {
        lines.push(`  ${String(r.position).padStart(2)}. ${safe(r.title, 100)}${r.featured ? c.yellow('  [featured snippet]') : ''}`);
        lines.push(c.dim(`      ${safe(r.url, 160)}`));
      }
      if (out.ads.length) {
        lines.push('', c.bold(`Ads (${out.ads.length})`));
        for (const a of out.ads) lines.push(`  ${a.placement} ${a.position}. ${safe(a.title, 90)}  ${c.dim(safe(a.domain, 60))}`);
      }
      if (out.peopleAlsoAsk.length) {
        lines.push('', c.bold(`People also ask (${out.peopleAlsoAsk.length})`));
        for (const q of out.peopleAlsoAsk) lines.push(`  • ${safe(q, 160)}`);
      }
      if (out.relatedSearches.length) lines.push('', c.bold('Related searches'), `  ${out.relatedSearches.map((s) => safe(s, 60)).join(' · ')}`);
      if (out.localPack.length) {
        lines.push('', c.bold(`Local pack (${out.localPack.length})`));
        for (const l of out.localPack) lines.push(`  • ${safe(l.title, 80)}${l.rating !== null ? `  ${l.rating}★` : ''}${l.reviews !== null ? ` (${l.reviews})` : ''}`);
      }
      for (const w of out.warnings) lines.push(c.yellow(`warning: ${safe(w, 200)}`));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
