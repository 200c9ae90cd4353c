/**
 * Checks that report files built from hostile content keep it inert: report.html in real Chromium,
 * the CSVs as a spreadsheet would read them, the Markdown summary as GitHub would render it, and
 * terminal output as a terminal would interpret it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'puppeteer-core';
import { serveStatic, type Routes, type StaticServer } from '../../crawler/serve.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

export const HOSTILE_DIR = path.join(REPO_ROOT, 'tests/fixtures/hostile-site');
export const HOSTILE_SITE = path.join(HOSTILE_DIR, 'site');
export const HOSTILE_CONFIG = path.join(HOSTILE_DIR, 'zmot.config.json');

/** Serves the hostile site on 127.0.0.1 with its redirects and hostile headers. */
export async function serveHostileSite(): Promise<StaticServer> {
  const routes = JSON.parse(readFileSync(path.join(HOSTILE_DIR, 'routes.json'), 'utf8')) as Routes;
  return serveStatic(HOSTILE_SITE, { routes });
}

/** Characters a terminal acts on: C0 controls except tab and newline, DEL, C1 controls, bidi overrides. */
export const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Tags report.html is made of; any other element in it came from page content. */
const REPORT_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'section', 'h1', 'h2', 'h3', 'div', 'span', 'p', 'b',
  'a', 'ul', 'ol', 'li', 'details', 'summary', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'select', 'option',
  'svg', 'text', 'rect', 'script', 'br', 'small', 'code', 'strong', 'em', 'abbr', 'time', 'nav', 'footer', 'caption', 'label', 'button',
]);

export interface BrowserFindings {
  dialogs: string[];
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  /** Requests other than the report file itself: a self-contained report makes none. */
  requests: string[];
  pwned: { flag: unknown; element: boolean; titleHijacked: boolean };
  /** Scripts the page may run (anything but a JSON data block). */
  scripts: number;
  /** JSON data blocks (`<script type="application/json">`), by id: data the report's script reads, never run. */
  dataBlocks: string[];
  foreignTags: string[];
  handlerAttributes: string[];
  scriptUrls: string[];
  nonHttpLinks: string[];
  text: string;
}

/** Opens an HTML report from file:// and records everything that would show page content ran. */
export async function openReport(browser: Browser, file: string): Promise<BrowserFindings> {
  const page = await browser.newPage();
  const findings: BrowserFindings = {
    dialogs: [], consoleErrors: [], pageErrors: [], cspViolations: [], requests: [],
    pwned: { flag: undefined, element: false, titleHijacked: false }, scripts: 0, dataBlocks: [], foreignTags: [], handlerAttributes: [],
    scriptUrls: [], nonHttpLinks: [], text: '',
  };
  const self = pathToFileURL(file).href;
  try {
    page.on('dialog', async (d) => {
      findings.dialogs.push(`${d.type()}: ${d.message()}`);
      await d.dismiss().catch(() => {});
    });
    page.on('console', (m) => {
      if (m.type() === 'error') findings.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => findings.pageErrors.push(String(e)));
    page.on('request', (r) => {
      if (r.url() !== self) findings.requests.push(r.url());
    });
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
    });
    await page.goto(self, { waitUntil: 'load' });
    // Give event-handler payloads (onerror, onload, autofocus/onfocus) a moment to fire.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const inPage = await page.evaluate((allowed: string[]) => {
      const ok = new Set(allowed);
      const w = window as unknown as { __pwned?: unknown; __violations: string[] };
      const all = Array.from(document.querySelectorAll('*'));
      const handlerAttributes: string[] = [];
      const scriptUrls: string[] = [];
      for (const el of all) {
        for (const a of Array.from(el.attributes)) {
          if (/^on/i.test(a.name)) handlerAttributes.push(`${el.tagName.toLowerCase()}[${a.name}]`);
          if (/^(href|src|action|formaction|xlink:href|data|srcdoc)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) scriptUrls.push(`${el.tagName.toLowerCase()}[${a.name}=${a.value.slice(0, 60)}]`);
        }
      }
      return {
        flag: w.__pwned,
        element: document.getElementById('pwned') !== null,
        titleHijacked: document.title === 'PWNED',
        violations: w.__violations,
        scripts: Array.from(document.scripts).filter((s) => s.type !== 'application/json').length,
        dataBlocks: Array.from(document.scripts).filter((s) => s.type === 'application/json').map((s) => s.id),
        foreignTags: [...new Set(all.map((e) => e.tagName.toLowerCase()).filter((t) => !ok.has(t)))],
        handlerAttributes,
        scriptUrls,
        nonHttpLinks: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? '').filter((h) => !/^https?:\/\//i.test(h)),
        text: document.documentElement.textContent ?? '',
      };
    }, [...REPORT_TAGS]);
    findings.pwned = { flag: inPage.flag, element: inPage.element, titleHijacked: inPage.titleHijacked };
    findings.cspViolations = inPage.violations;
    findings.scripts = inPage.scripts;
    findings.dataBlocks = inPage.dataBlocks;
    findings.foreignTags = inPage.foreignTags;
    findings.handlerAttributes = inPage.handlerAttributes;
    findings.scriptUrls = inPage.scriptUrls;
    findings.nonHttpLinks = inPage.nonHttpLinks;
    findings.text = inPage.text;
  } finally {
    await page.close();
  }
  return findings;
}

/** A copy of report.html without its Content-Security-Policy: escaping alone must keep it inert. */
export async function withoutCsp(file: string): Promise<string> {
  const html = await readFile(file, 'utf8');
  const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  if (stripped === html) throw new Error(`${file} has no CSP meta to strip`);
  const out = file.replace(/\.html$/, '.no-csp.html');
  await writeFile(out, stripped);
  return out;
}

/** How a browser shows a string as text: NUL dropped, CR and CRLF read as LF. */
export function asShownText(s: string): string {
  return s.replace(/\u0000/g, '').replace(/\r\n?/g, '\n');
}

export function readCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_quotes: false }) as string[][];
}

/** Cells a spreadsheet would evaluate as a formula (OWASP CSV injection list). */
export function formulaCells(rows: string[][]): string[] {
  return rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
}

export interface MarkdownProblems {
  rawHtml: string[];
  scriptLinks: string[];
  images: string[];
  brokenRows: string[];
  controls: string[];
}

/** What GitHub would turn into markup, links, images or extra table cells in a Markdown summary. */
export function markdownProblems(md: string): MarkdownProblems {
  const lines = md.split('\n');
  const brokenRows: string[] = [];
  let columns = -1;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      columns = -1;
      continue;
    }
    // GFM splits a row on every | not escaped with a backslash, inside code spans too.
    const cells = line.replace(/\\\|/g, '').split('|').length;
    if (columns === -1) columns = cells;
    else if (cells !== columns) brokenRows.push(line.slice(0, 160));
  }
  // Code spans show their content literally: only what lies outside them can become markup.
  const prose = md.replace(/`[^`\n]*`/g, '``');
  return {
    rawHtml: prose.match(/<[a-z!/?][^\n]{0,40}/gi) ?? [],
    scriptLinks: prose.match(/\]\(\s*<?\s*(javascript|data|vbscript):[^\n]{0,40}/gi) ?? [],
    images: prose.match(/!\[[^\n]{0,40}/g) ?? [],
    brokenRows,
    controls: lines.filter((l) => TERMINAL_CONTROLS.test(l)).map((l) => JSON.stringify(l.slice(0, 120))),
  };
}
