import type { AuditItem } from '../schemas/index.ts';
import { defineAudit, notApplicable } from './types.ts';

const UIStrings = {
  title: 'robots.txt is valid',
  failureTitle: 'robots.txt is not valid',
  description: 'A malformed robots.txt may keep crawlers from understanding how the site wants to be crawled or indexed.',
  displayValueHttpBadCode: (status: number) => `Request for robots.txt returned HTTP status: ${status}`,
  displayValueErrors: (n: number) => (n === 1 ? '1 error found' : `${n} errors found`),
  explanation: 'Unable to download a robots.txt file',
  notFetched: 'robots.txt was not fetched for this page.',
  unknownDirective: 'Unknown directive',
  invalidSitemap: 'Invalid sitemap URL',
  invalidSitemapProtocol: 'Invalid sitemap URL protocol',
  noUserAgent: 'No user-agent specified',
  badPattern: 'Pattern should either be empty, start with "/" or "*"',
  badDollar: '"$" should only be used at the end of the pattern',
  syntax: 'Syntax not understood',
};

const DIRECTIVE_SITEMAP = 'sitemap';
const DIRECTIVE_USER_AGENT = 'user-agent';
const DIRECTIVE_ALLOW = 'allow';
const DIRECTIVE_DISALLOW = 'disallow';
const GROUP_MEMBERS = new Set([DIRECTIVE_ALLOW, DIRECTIVE_DISALLOW]);
/** Directives crawlers understand: the standard, universal extensions, engine-specific and in-the-wild ones (Lighthouse's list). */
const DIRECTIVE_SAFELIST = new Set([
  DIRECTIVE_USER_AGENT, DIRECTIVE_DISALLOW, DIRECTIVE_ALLOW, DIRECTIVE_SITEMAP,
  'crawl-delay', 'clean-param', 'host', 'request-rate', 'visit-time', 'noindex',
]);
const SITEMAP_PROTOCOLS = new Set(['https:', 'http:', 'ftp:']);

class RobotsLineError extends Error {}

function verifyDirective(name: string, value: string): void {
  if (!DIRECTIVE_SAFELIST.has(name)) throw new RobotsLineError(UIStrings.unknownDirective);
  if (name === DIRECTIVE_SITEMAP) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new RobotsLineError(UIStrings.invalidSitemap);
    }
    if (!SITEMAP_PROTOCOLS.has(url.protocol)) throw new RobotsLineError(UIStrings.invalidSitemapProtocol);
  }
  if (name === DIRECTIVE_USER_AGENT && !value) throw new RobotsLineError(UIStrings.noUserAgent);
  if (name === DIRECTIVE_ALLOW || name === DIRECTIVE_DISALLOW) {
    if (value !== '' && value[0] !== '/' && value[0] !== '*') throw new RobotsLineError(UIStrings.badPattern);
    const dollar = value.indexOf('$');
    if (dollar !== -1 && dollar !== value.length - 1) throw new RobotsLineError(UIStrings.badDollar);
  }
}

function parseLine(line: string): { directive: string; value: string } | null {
  const hash = line.indexOf('#');
  if (hash !== -1) line = line.slice(0, hash);
  line = line.trim();
  if (line.length === 0) return null;
  const colon = line.indexOf(':');
  if (colon === -1) throw new RobotsLineError(UIStrings.syntax);
  const directive = line.slice(0, colon).trim().toLowerCase();
  const value = line.slice(colon + 1).trim();
  verifyDirective(directive, value);
  return { directive, value };
}

/** Lighthouse's robots.txt validator: one error per bad line, with its 1-based number. */
export function validateRobotsTxt(content: string): Array<{ index: string; line: string; message: string }> {
  const errors: Array<{ index: string; line: string; message: string }> = [];
  let inGroup = false;
  content.split(/\r\n|\r|\n/).forEach((line, i) => {
    let parsed: ReturnType<typeof parseLine> = null;
    try {
      parsed = parseLine(line);
    } catch (e) {
      errors.push({ index: String(i + 1), line, message: (e as Error).message });
    }
    if (!parsed) return;
    // allow/disallow must follow a user-agent line (a group start).
    if (parsed.directive === DIRECTIVE_USER_AGENT) inGroup = true;
    else if (!inGroup && GROUP_MEMBERS.has(parsed.directive)) errors.push({ index: String(i + 1), line, message: UIStrings.noUserAgent });
  });
  return errors;
}

export default defineAudit({
  meta: { id: 'robots-txt', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'crawl', requires: ['robotsTxt'] },
  run(a) {
    const robots = a.robotsTxt;
    if (!robots) return notApplicable(UIStrings.notFetched);
    if (!robots.status) return { score: 0, explanation: robots.errorMessage ? `${UIStrings.explanation}: ${robots.errorMessage}` : UIStrings.explanation, items: [{ url: robots.url, error: robots.errorMessage }] };
    if (robots.status >= 500) return { score: 0, displayValue: UIStrings.displayValueHttpBadCode(robots.status), items: [{ url: robots.url, status: robots.status }] };
    // No robots.txt (4xx) or an empty one: everything may be crawled, nothing to validate.
    if (robots.status >= 400 || robots.content === '' || robots.content === null) return notApplicable();
    const errors = validateRobotsTxt(robots.content);
    if (!errors.length) return { score: 1 };
    const items: AuditItem[] = errors.map((e) => ({ line: Number(e.index), content: e.line.slice(0, 300), message: e.message }));
    return { score: 0, displayValue: UIStrings.displayValueErrors(errors.length), items };
  },
});
