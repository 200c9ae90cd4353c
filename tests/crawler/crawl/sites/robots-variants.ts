import { page, startSite, text, type TestSite } from './server.ts';

/** How a site's robots.txt misbehaves (or behaves). */
export type RobotsVariant = 'rules' | '404' | '500' | '429' | 'timeout' | 'googlebot-only' | 'crawl-delay' | 'huge';

const RULES: Record<string, string> = {
  rules: 'User-agent: *\nDisallow: /private/\n\nUser-agent: zmotbot\nDisallow: /not-for-zmot/\n\nSitemap: {{origin}}/sitemap.xml\n',
  'googlebot-only': 'User-agent: *\nDisallow: /\n\nUser-agent: Googlebot\nDisallow: /drafts/\n',
  'crawl-delay': 'User-agent: *\nCrawl-delay: 0.3\nDisallow: /private/\n',
  // A rule past the first 500 KiB, which Google ignores.
  huge: `User-agent: *\nDisallow: /private/\n${'# padding padding padding padding padding padding\n'.repeat(12_000)}Disallow: /late/\n`,
};

/** A three-page site whose robots.txt answers as `variant` says. */
export async function startRobotsSite(variant: RobotsVariant): Promise<TestSite> {
  const site = await startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') {
      if (variant === '404') return text(res, 'no robots here', 404);
      if (variant === '500') return text(res, 'oops', 500);
      if (variant === '429') return text(res, 'slow down', 429);
      if (variant === 'timeout') return; // hangs
      return text(res, RULES[variant].replaceAll('{{origin}}', site.origin));
    }
    if (url.pathname === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page('Home', ['/a', '/private/b', '/not-for-zmot/c', '/drafts/d']));
    if (['/a', '/private/b', '/not-for-zmot/c', '/drafts/d'].includes(url.pathname)) return void res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.pathname));
    res.writeHead(404).end();
  });
  return site;
}
