import robotsParser from 'robots-parser';
import type { RobotsTxt } from '../schemas/index.ts';
import { ANSWER_CRAWLERS, type AnswerCrawler } from './crawlers.ts';

export interface CrawlerAccess {
  crawler: AnswerCrawler;
  allowed: boolean;
  /** The group of robots.txt that decided: the crawler's own token, or '*'. */
  group: string;
}

/** The user-agent tokens a robots.txt names, lower-cased. */
function declaredAgents(content: string): Set<string> {
  const out = new Set<string>();
  for (const m of content.matchAll(/^\s*user-agent\s*:\s*([^\s#]+)/gim)) out.add(m[1].toLowerCase());
  return out;
}

/**
 * Whether each answer-engine crawler may fetch `url` under the site's robots.txt, read the way the
 * crawlers read it (a group for the token, else `*`; 4xx allows all, 5xx or unreachable blocks all).
 * Null when the robots.txt was not fetched.
 */
export function crawlerAccess(robots: RobotsTxt | null | undefined, url: string): CrawlerAccess[] | null {
  if (!robots) return null;
  if (robots.status === null || robots.status >= 500 || robots.status === 429) {
    return ANSWER_CRAWLERS.map((crawler) => ({ crawler, allowed: false, group: '*' }));
  }
  if (robots.status >= 400 || !robots.content) return ANSWER_CRAWLERS.map((crawler) => ({ crawler, allowed: true, group: '*' }));
  let parsed: ReturnType<typeof robotsParser>;
  try {
    parsed = robotsParser(robots.url, robots.content);
  } catch {
    return null;
  }
  const agents = declaredAgents(robots.content);
  return ANSWER_CRAWLERS.map((crawler) => ({
    crawler,
    allowed: parsed.isAllowed(url, crawler.token) !== false,
    group: agents.has(crawler.token.toLowerCase()) ? crawler.token : '*',
  }));
}
