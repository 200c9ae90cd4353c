import type { RobotsDirective } from '../../schemas/index.ts';
import { headerValues, parseDirectiveList, parseXRobotsTag } from '../headers.ts';
import { defineGatherer } from './types.ts';

/** Meta names that carry robots directives: the generic one and crawler-specific ones. */
export const ROBOTS_META_AGENTS = new Set([
  'robots', 'googlebot', 'googlebot-news', 'googlebot-image', 'googlebot-video', 'google-extended', 'bingbot', 'msnbot',
  'slurp', 'duckduckbot', 'baiduspider', 'yandex', 'yandexbot', 'applebot', 'zmotbot', 'archive.org_bot',
]);

/** Robots directives: X-Robots-Tag headers first, then <meta name="robots|googlebot|…"> in document order. */
export default defineGatherer({
  id: 'robots',
  provides: ['robots'],
  htmlOnly: false,
  gather({ headers, $, inHead }) {
    const robots: RobotsDirective[] = [];
    for (const value of headerValues(headers, 'x-robots-tag')) {
      for (const entry of parseXRobotsTag(value)) {
        robots.push({ source: 'header', agent: entry.agent, directives: entry.directives, raw: value, inHead: true });
      }
    }
    $?.('meta').each((_, el) => {
      const name = (el.attribs.name ?? '').trim().toLowerCase();
      if (!ROBOTS_META_AGENTS.has(name)) return;
      const content = el.attribs.content ?? '';
      robots.push({ source: 'meta', agent: name === 'robots' ? 'all' : name, directives: parseDirectiveList(content), raw: content, inHead: inHead(el) });
    });
    return { robots };
  },
});
