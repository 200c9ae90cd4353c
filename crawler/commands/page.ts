import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { scorePage } from '../../shared/pipeline.ts';
import type { PageInput } from '../../shared/extract/index.ts';
import { UsageError } from '../errors.ts';
import { fetchPage, robotsTxtFor } from '../fetch-page.ts';
import { c, pct, printJson, safe } from '../format.ts';
import { pagePipelineOptions } from '../pipeline-options.ts';

interface PageOptions {
  json?: boolean;
  url?: string;
  header: string[];
  status?: string;
  question: string[];
  timeout: string;
}

/** A user's argument: an http(s) URL, or a path to a saved HTML file. */
export async function loadPageInput(target: string, opts: Pick<PageOptions, 'url' | 'header' | 'status' | 'timeout'>): Promise<PageInput> {
  if (/^https?:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      throw new UsageError(`not a valid URL: ${target}`);
    }
    const input = await fetchPage(url.href, { timeoutMs: Number(opts.timeout) });
    if (input.status === 0 && input.fetchError && input.redirectChain?.length === 0) {
      throw new UsageError(`could not fetch ${url.href}: ${input.fetchError}`);
    }
    return { ...input, robotsTxt: await robotsTxtFor(input.url) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) throw new UsageError(`unsupported URL scheme (use http or https): ${target}`);
  const file = path.resolve(target);
  const info = await stat(file).catch(() => null);
  if (!info) throw new UsageError(`no such file: ${target}`);
  if (!info.isFile()) throw new UsageError(`not a file: ${target}`);
  const html = await readFile(file, 'utf8').catch((e: Error) => {
    throw new UsageError(`cannot read ${target}: ${e.message}`);
  });
  const headers: Array<[string, string]> = [['content-type', 'text/html; charset=utf-8']];
  for (const h of opts.header) {
    const i = h.indexOf(':');
    if (i <= 0) throw new UsageError(`--header must look like "Name: value", got: ${h}`);
    headers.push([h.slice(0, i).trim().toLowerCase(), h.slice(i + 1).trim()]);
  }
  let pageUrl = pathToFileURL(file).href;
  if (opts.url) {
    try {
      pageUrl = new URL(opts.url).href;
    } catch {
      throw new UsageError(`--url is not a valid URL: ${opts.url}`);
    }
  }
  const status = opts.status ? Number(opts.status) : 200;
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new UsageError(`--status must be an HTTP status code, got: ${opts.status}`);
  return { url: pageUrl, status, headers, html };
}

export default function register(program: Command) {
  program
    .command('page')
    .description("One page's artifacts, audits and answers: a URL to fetch, or a saved HTML file.")
    .argument('<url|file.html>', 'http(s) URL or path to an HTML file')
    .option('--json', 'print machine-readable JSON')
    .option('--url <url>', 'for a file: the URL it was served at (resolves its links)')
    .option('--header <name: value>', 'for a file: a response header it was served with (repeatable)', collect, [])
    .option('--status <code>', 'for a file: the HTTP status it was served with', undefined)
    .option('-q, --question <text>', 'a prospect question to score this page against (repeatable)', collect, [])
    .option('--timeout <ms>', 'fetch timeout in milliseconds', '15000')
    .action(async (target: string, opts: PageOptions) => {
      const input = await loadPageInput(target, opts);
      const options = pagePipelineOptions();
      const { artifacts, result } = scorePage(input, options);
      const answers = options.answerQuestions ? options.answerQuestions(artifacts, result, opts.question) : [];
      if (opts.json) {
        printJson({ page: result, artifacts, answers });
        return;
      }
      const out: string[] = [];
      out.push(c.bold(safe(result.url, 300)));
      out.push(`  status ${result.status}${result.redirectChain.length ? ` after ${result.redirectChain.length} redirect(s)` : ''}  ·  ${result.indexable ? c.green('indexable') : c.red('not indexable')}  ·  lang ${safe(result.lang, 35) || '?'}  ·  ${result.wordCount} words`);
      out.push(`  title        ${safe(result.title) || c.red('(none)')}`);
      out.push(`  description  ${safe(result.metaDescription) || c.red('(none)')}`);
      out.push(`  h1           ${safe(result.h1) || c.red('(none)')}`);
      out.push(`  canonical    ${safe(result.canonical) || c.dim('(none)')}`);
      out.push(`  passages ${artifacts.passages.length} · links ${artifacts.links.length} · images ${artifacts.images.length} · FAQ ${artifacts.faq.length} · JSON-LD ${artifacts.jsonLd.length}`);
      if (result.stageProfile) {
        const sp = result.stageProfile;
        out.push(`  stage profile  interest ${pct(sp.interest)}% · comparison ${pct(sp.comparison)}% · purchase ${pct(sp.purchase)}%`);
      }
      out.push('', c.bold(`Findability ${pct(result.findability.score)}/100`));
      for (const a of result.audits) {
        const mark = a.scoreDisplayMode === 'error' ? c.yellow('!') : a.score === null ? c.dim('–') : a.score >= 1 ? c.green('✓') : c.red('✗');
        const extra = a.items.length && (a.score ?? 1) < 1 ? c.dim(` (${a.items.length} item${a.items.length > 1 ? 's' : ''})`) : '';
        out.push(`  ${mark} ${a.id.padEnd(24)} ${safe(a.title, 90)}${extra}`);
        if ((a.score ?? 1) < 1 && a.explanation) out.push(c.dim(`      ${safe(a.explanation, 160)}`));
      }
      for (const ans of answers) out.push('', ...ans.lines);
      process.stdout.write(`${out.join('\n')}\n`);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
