import robotsParser from 'robots-parser';
import type { AuditItem, PageArtifacts } from '../schemas/index.ts';
import { hasBlockingDirective, isBlockingDirective, robotsHeadersFor, robotsMetaFor } from './lib/robots.ts';
import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Page isn’t blocked from indexing',
  failureTitle: 'Page is blocked from indexing',
  description: 'Search engines cannot show a page in results if they have no permission to crawl or index it: a blocked page answers no prospect.',
  explanation: 'Every search engine is told not to index this page.',
  warning: (agents: string) => `The following bot user agents are blocked from crawling: ${agents}. The audit is otherwise passing, because at least one bot was explicitly allowed.`,
  robotsUnavailable: (status: number | null) => `robots.txt could not be read (HTTP ${status ?? 'error'}): crawlers treat the whole site as disallowed`,
};

/** The generic agent (undefined) and the crawlers Lighthouse checks; the page fails only when all of them are blocked. */
const BOT_USER_AGENTS: Array<string | undefined> = [undefined, 'Googlebot', 'bingbot', 'DuckDuckBot', 'archive.org_bot'];

type Robots = ReturnType<typeof robotsParser>;

function blockingFor(agent: string | undefined, a: Pick<PageArtifacts, 'robots' | 'url' | 'robotsTxt'>, parsed: Robots | undefined, now: number): AuditItem[] {
  const found: AuditItem[] = [];
  const meta = robotsMetaFor(a.robots, agent);
  if (meta && hasBlockingDirective(meta.raw, now)) {
    const name = meta.agent === 'all' ? 'robots' : meta.agent;
    found.push({ type: 'meta', source: `<meta name="${name}" content="${meta.raw}" />` });
  }
  for (const header of robotsHeadersFor(a.robots, agent)) {
    if (header.directives.some((d) => isBlockingDirective(d, now))) {
      found.push({ type: 'header', source: `x-robots-tag: ${header.raw}` });
    }
  }
  const robotsTxt = a.robotsTxt;
  if (parsed && robotsTxt) {
    if (parsed.isAllowed(a.url, agent) === false) {
      const line = parsed.getMatchingLineNumber(a.url, agent);
      found.push({ type: 'robots.txt', source: `${robotsTxt.url}${line > 0 ? `:${line}` : ''}` });
    }
  } else if (robotsTxt && robotsTxt.allowed === false) {
    // No readable content but the fetcher ruled "disallow" (5xx, Google's rule): every agent is blocked.
    found.push({ type: 'robots.txt', source: UIStrings.robotsUnavailable(robotsTxt.status) });
  }
  return found;
}

export default defineAudit({
  meta: { id: 'is-crawlable', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'crawl', requires: ['robots', 'robotsTxt', 'url'] },
  run(a) {
    const now = Date.now();
    const robotsTxt = a.robotsTxt;
    let parsed: Robots | undefined;
    if (robotsTxt?.content) {
      try {
        parsed = robotsParser(robotsTxt.url, robotsTxt.content);
      } catch {
        parsed = undefined;
      }
    }
    const blocked: Array<string | undefined> = [];
    let generic: AuditItem[] = [];
    for (const agent of BOT_USER_AGENTS) {
      const found = blockingFor(agent, a, parsed, now);
      if (found.length) blocked.push(agent);
      if (agent === undefined) generic = found;
    }
    if (blocked.length === BOT_USER_AGENTS.length) {
      return { score: 0, explanation: UIStrings.explanation, items: generic };
    }
    const named = blocked.filter((b): b is string => b !== undefined);
    return { score: 1, warnings: blocked.length ? [UIStrings.warning(named.join(', '))] : [] };
  },
});
