import { AuditResultSchema, type AuditItem, type AuditResult, type RobotsTxt } from '../schemas/index.ts';
import { ANSWER_CRAWLERS } from './crawlers.ts';
import { SITE_READINESS_AUDITS } from './config.ts';
import { parseLlmsTxt, type LlmsTxtFetch } from './llms-txt.ts';
import { crawlerAccess } from './robots.ts';

const UIStrings = {
  access: {
    title: 'Answer-engine crawlers may read the pages that answer prospects',
    failureTitle: 'robots.txt keeps answer-engine crawlers away from pages that answer prospects',
    description:
      'For each search and answer-engine crawler, the pages that answer a prospect question (best page of an answered question) it may not fetch. Training-only crawlers are listed but cost nothing in answers.',
    none: 'No question has an answering page yet, so no page is at stake.',
    noRobots: 'robots.txt was not fetched.',
  },
  llms: {
    title: '/llms.txt is present, well-formed and links the answering pages',
    failureTitle: '/llms.txt is missing, malformed or leaves out answering pages',
    description:
      '/llms.txt (llmstxt.org) is a Markdown index some AI tools read: an H1 naming the site, a `>` summary, H2 sections of `- [title](url): notes` links. Google does not use it; it is information, weighted low.',
    notFetched: '/llms.txt was not fetched (crawl from an older version, or sitemaps and robots off).',
    missing: (status: number | null) => (status ? `/llms.txt answers HTTP ${status}.` : '/llms.txt could not be fetched.'),
    unlinked: 'Answers a prospect question but is not linked from /llms.txt.',
    display: (linked: number, total: number) => `${linked} of ${total} answering page${total === 1 ? '' : 's'} linked`,
  },
};

export interface ReadinessSiteInput {
  /** robots.txt of each crawled origin, as the crawl store keeps it. */
  robots: Array<{ origin: string; url: string; status: number | null; content: string | null }>;
  /** /llms.txt of the start origin; null when the crawl did not fetch it. */
  llmsTxt: LlmsTxtFetch | null;
  /** URLs of the pages that best answer an answered question, each once. */
  answeringPages: string[];
}

const MAX_EXAMPLES = 5;

function weightOf(id: string): number {
  return SITE_READINESS_AUDITS.find((a) => a.id === id)?.weight ?? 0;
}

function result(id: string, strings: { title: string; failureTitle: string }, out: Partial<AuditResult> & { score: number | null }): AuditResult {
  const applicable = out.score !== null && out.scoreDisplayMode !== 'notApplicable';
  return AuditResultSchema.parse({
    id,
    title: out.score === 1 || !applicable ? strings.title : strings.failureTitle,
    scoreDisplayMode: out.scoreDisplayMode ?? (out.score === null ? 'notApplicable' : out.score % 1 === 0 ? 'binary' : 'numeric'),
    weight: applicable ? weightOf(id) : 0,
    ...out,
  });
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Which crawlers robots.txt keeps from which answering pages, site-wide. */
export function aiCrawlerAccessSite(input: ReadinessSiteInput): AuditResult {
  const id = 'ai-crawler-access-site';
  if (input.answeringPages.length === 0) return result(id, UIStrings.access, { score: null, explanation: UIStrings.access.none });
  const robotsByOrigin = new Map(input.robots.map((r) => [r.origin, r]));
  const blockedPages = new Map<string, string[]>();
  let checked = 0;
  for (const url of input.answeringPages) {
    const origin = originOf(url);
    const row = origin ? robotsByOrigin.get(origin) : undefined;
    if (!row) continue;
    const robots: RobotsTxt = { url: row.url, status: row.status, content: row.content, allowed: null, errorMessage: null };
    const access = crawlerAccess(robots, url);
    if (!access) continue;
    checked++;
    for (const a of access) if (!a.allowed) blockedPages.set(a.crawler.token, [...(blockedPages.get(a.crawler.token) ?? []), url]);
  }
  if (checked === 0) return result(id, UIStrings.access, { score: null, explanation: UIStrings.access.noRobots });
  const total = ANSWER_CRAWLERS.reduce((sum, c) => sum + c.weight, 0);
  let lost = 0;
  const items: AuditItem[] = [];
  for (const crawler of ANSWER_CRAWLERS) {
    const pages = blockedPages.get(crawler.token) ?? [];
    if (pages.length === 0) continue;
    lost += crawler.weight * (pages.length / checked);
    items.push({
      agent: crawler.token,
      owner: crawler.owner,
      purpose: crawler.purpose,
      effect: crawler.effect,
      blockedAnsweringPages: pages.length,
      answeringPages: checked,
      examples: pages.slice(0, MAX_EXAMPLES).join(' '),
    });
  }
  const costly = items.filter((i) => i.purpose !== 'training').length;
  return result(id, UIStrings.access, {
    score: total > 0 ? 1 - lost / total : 1,
    items,
    displayValue: items.length ? `${costly} answer crawler${costly === 1 ? '' : 's'} blocked, ${items.length - costly} training-only` : undefined,
  });
}

/** /llms.txt: present, well-formed, linking the answering pages. */
export function llmsTxtAudit(input: ReadinessSiteInput): AuditResult {
  const id = 'llms-txt';
  const fetched = input.llmsTxt;
  if (!fetched) return result(id, UIStrings.llms, { score: null, explanation: UIStrings.llms.notFetched });
  if (fetched.content === null) {
    return result(id, UIStrings.llms, { score: 0, explanation: UIStrings.llms.missing(fetched.status), items: [{ url: fetched.url, status: fetched.status, error: fetched.error }] });
  }
  const parsed = parseLlmsTxt(fetched.content, fetched.url);
  const linked = new Set(parsed.links.map((l) => l.url).filter((u): u is string => u !== null).map((u) => u.replace(/\/$/, '')));
  const unlinked = input.answeringPages.filter((u) => !linked.has(u.replace(/#.*$/, '').replace(/\/$/, '')));
  const items: AuditItem[] = [
    ...parsed.errors.map((message) => ({ problem: 'format', message })),
    ...unlinked.slice(0, 50).map((url) => ({ problem: 'unlinked', url, message: UIStrings.llms.unlinked })),
  ];
  // Half for a well-formed file, half for linking the pages that answer.
  const formed = parsed.errors.length === 0 ? 0.5 : parsed.title ? 0.25 : 0;
  const coverage = input.answeringPages.length ? (input.answeringPages.length - unlinked.length) / input.answeringPages.length : 1;
  return result(id, UIStrings.llms, {
    score: formed + 0.5 * coverage,
    items,
    displayValue: input.answeringPages.length ? UIStrings.llms.display(input.answeringPages.length - unlinked.length, input.answeringPages.length) : undefined,
  });
}

/** The site-level answer-engine readiness audits; each isolated, so one failing leaves the other. */
export function answerEngineSiteAudits(input: ReadinessSiteInput): AuditResult[] {
  return [aiCrawlerAccessSite, llmsTxtAudit].map((audit) => {
    try {
      return audit(input);
    } catch (e) {
      const id = audit === aiCrawlerAccessSite ? 'ai-crawler-access-site' : 'llms-txt';
      return AuditResultSchema.parse({ id, title: id, score: null, scoreDisplayMode: 'error', errorMessage: e instanceof Error ? e.message : String(e) });
    }
  });
}
