import zlib from 'node:zlib';
import { urlset } from './sitemap-site.ts';
import { html, page, startSite, text, type TestSite } from './server.ts';

/** A site whose robots.txt lists a gzipped sitemap of 50,000 URLs. */
export async function startBigSitemapSite(): Promise<TestSite> {
  let gz: Buffer | null = null;
  const site = await startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return text(res, `User-agent: *\nAllow: /\nSitemap: ${site.origin}/sitemap.xml.gz\n`);
    if (url.pathname === '/sitemap.xml.gz') {
      gz ??= zlib.gzipSync(urlset(site.origin, 50_000));
      return void res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gz);
    }
    html(res, page(url.pathname, ['/p/1']));
  });
  return site;
}
