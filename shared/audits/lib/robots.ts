import robotsParser from 'robots-parser';
import type { PageArtifacts, RobotsDirective } from '../../schemas/index.ts';

/** Directives that keep a page out of the index (Lighthouse's is-crawlable blocklist). */
const BLOCKING = new Set(['noindex', 'none']);
const UNAVAILABLE_AFTER = 'unavailable_after';

/** `unavailable_after: <date>` with a date already past. */
export function isUnavailable(directive: string, now = Date.now()): boolean {
  const parts = directive.split(':');
  if (parts.length <= 1 || parts[0] !== UNAVAILABLE_AFTER) return false;
  const date = Date.parse(parts.slice(1).join(':'));
  return !Number.isNaN(date) && date < now;
}

/** Whether one directive (already lower-cased and trimmed) blocks indexing. */
export function isBlockingDirective(directive: string, now = Date.now()): boolean {
  return BLOCKING.has(directive) || isUnavailable(directive, now);
}

/** Whether a comma-separated directive list (a meta content) blocks indexing. */
export function hasBlockingDirective(content: string, now = Date.now()): boolean {
  return content
    .split(',')
    .map((d) => d.toLowerCase().trim())
    .some((d) => isBlockingDirective(d, now));
}

/**
 * The robots meta that applies to an agent: the agent's own meta if any, else the generic `robots` one.
 * Only metas in <head> count, as for search engines and Lighthouse; the first of a name wins.
 */
export function robotsMetaFor(robots: RobotsDirective[], agent: string | undefined): RobotsDirective | undefined {
  const metas = robots.filter((r) => r.source === 'meta' && r.inHead);
  return (agent ? metas.find((m) => m.agent === agent.toLowerCase()) : undefined) ?? metas.find((m) => m.agent === 'all');
}

/** X-Robots-Tag entries that apply to an agent: un-prefixed ones, and those prefixed with that agent. */
export function robotsHeadersFor(robots: RobotsDirective[], agent: string | undefined): RobotsDirective[] {
  return robots.filter((r) => r.source === 'header' && (r.agent === 'all' || (agent !== undefined && r.agent === agent.toLowerCase())));
}

/** A page's directives tell Google (or every engine) not to index it. */
export function isNoindexForGoogle(a: Pick<PageArtifacts, 'robots'>, now = Date.now()): boolean {
  for (const agent of [undefined, 'googlebot']) {
    const meta = robotsMetaFor(a.robots, agent);
    if (meta && hasBlockingDirective(meta.raw, now)) return true;
    if (robotsHeadersFor(a.robots, agent).some((h) => h.directives.some((d) => isBlockingDirective(d, now)))) return true;
  }
  return false;
}

/**
 * Whether robots.txt lets Googlebot crawl the page: read from its content when there is some,
 * else the fetcher's verdict (an unreadable robots.txt, 5xx, disallows everything).
 */
export function googlebotMayCrawl(a: Pick<PageArtifacts, 'url' | 'robotsTxt'>): boolean {
  const robots = a.robotsTxt;
  if (!robots) return true;
  if (robots.content) {
    try {
      return robotsParser(robots.url, robots.content).isAllowed(a.url, 'Googlebot') !== false;
    } catch {
      return true;
    }
  }
  return robots.allowed !== false;
}
