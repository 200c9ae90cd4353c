/**
 * `/llms.txt` (llmstxt.org): a Markdown file at the site root for language models — an H1 with the
 * site's name, an optional `>` summary, free paragraphs, then H2 sections of link lists
 * (`- [title](url): notes`); a section named "Optional" holds what may be skipped. Some AI tools
 * read it; Google does not. Reported as information, weighted low.
 */

/** What the crawler fetched at /llms.txt. */
export interface LlmsTxtFetch {
  url: string;
  status: number | null;
  contentType: string | null;
  content: string | null;
  error: string | null;
}

export interface LlmsTxtLink {
  section: string;
  title: string;
  /** Absolute URL, null when the link does not resolve. */
  url: string | null;
  line: number;
}

export interface LlmsTxtParse {
  title: string | null;
  summary: string | null;
  links: LlmsTxtLink[];
  /** One line each: what breaks the format (line numbers 1-based). */
  errors: string[];
}

const MESSAGES = {
  noH1: 'The file must start with an H1 naming the site ("# Name").',
  secondH1: (line: number) => `line ${line}: a second H1; the format has one, at the top.`,
  badListItem: (line: number) => `line ${line}: a list item in a section is not a link ("- [title](url): notes").`,
  badUrl: (line: number, href: string) => `line ${line}: "${href.slice(0, 100)}" is not a URL.`,
  deepHeading: (line: number) => `line ${line}: H3 and deeper headings are not part of the format; sections are H2.`,
  html: 'The file is HTML, not Markdown: the server answers /llms.txt with a web page.',
  noLinks: 'No link lists: the file points a model to none of the site’s pages.',
};

const MAX_LINKS = 2_000;

export function parseLlmsTxt(content: string, baseUrl: string): LlmsTxtParse {
  const out: LlmsTxtParse = { title: null, summary: null, links: [], errors: [] };
  if (/^\s*(<!doctype html|<html)/i.test(content)) {
    out.errors.push(MESSAGES.html);
    return out;
  }
  const lines = content.split(/\r\n|\r|\n/);
  let section: string | null = null;
  let sawContent = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const n = index + 1;
    if (!line) return;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      if (level === 1) {
        if (out.title === null && !sawContent) out.title = heading[2].trim();
        else out.errors.push(MESSAGES.secondH1(n));
      } else if (level === 2) section = heading[2].trim();
      else out.errors.push(MESSAGES.deepHeading(n));
      sawContent = true;
      return;
    }
    if (!sawContent) out.errors.push(MESSAGES.noH1);
    sawContent = true;
    if (section === null && line.startsWith('>') && out.summary === null) {
      out.summary = line.replace(/^>\s*/, '');
      return;
    }
    const item = /^[-*+]\s+(.*)$/.exec(line);
    if (section !== null && item) {
      const link = /^\[([^\]]*)\]\(([^)\s]*)\)(?::\s*.*)?$/.exec(item[1].trim());
      if (!link) {
        out.errors.push(MESSAGES.badListItem(n));
        return;
      }
      let url: string | null = null;
      try {
        const parsed = new URL(link[2], baseUrl);
        url = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href.replace(/#.*$/, '') : null;
      } catch {
        url = null;
      }
      if (url === null) out.errors.push(MESSAGES.badUrl(n, link[2]));
      if (out.links.length < MAX_LINKS) out.links.push({ section, title: link[1], url, line: n });
    }
  });
  if (out.title === null && !out.errors.includes(MESSAGES.noH1)) out.errors.unshift(MESSAGES.noH1);
  if (out.links.length === 0) out.errors.push(MESSAGES.noLinks);
  // One "no H1" line is enough.
  out.errors = [...new Set(out.errors)].slice(0, 50);
  return out;
}
