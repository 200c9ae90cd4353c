import zlib from 'node:zlib';
import { startSite, text, type TestSite } from './server.ts';

/** A urlset of `count` URLs on `origin`, as one string. */
export function urlset(origin: string, count: number, prefix = '/p/'): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'];
  for (let i = 0; i < count; i++) parts.push(`<url><loc>${origin}${prefix}${i}</loc><lastmod>2026-01-${String((i % 28) + 1).padStart(2, '0')}</lastmod></url>\n`);
  parts.push('</urlset>\n');
  return parts.join('');
}

/**
 * Sitemaps in every form: robots.txt → index → a plain and a gzipped child; a 50,000-URL sitemap;
 * a text sitemap; one with entities and CDATA; a broken one; a 404.
 */
export async function startSitemapSite(): Promise<TestSite> {
  let big: string | null = null;
  const site = await startSite(async (_req, res, url) => {
    const o = site.origin;
    switch (url.pathname) {
      case '/robots.txt':
        return text(res, `User-agent: *\nAllow: /\nSitemap: ${o}/sitemap-index.xml\n`);
      case '/sitemap-index.xml':
        return text(res, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${o}/sitemap-pages.xml</loc></sitemap><sitemap><loc>${o}/sitemap-posts.xml.gz</loc></sitemap><sitemap><loc>${o}/missing.xml</loc></sitemap></sitemapindex>`, 200, 'application/xml');
      case '/sitemap-pages.xml':
        return text(res, urlset(o, 3, '/page-'), 200, 'application/xml');
      case '/sitemap-posts.xml.gz':
        res.writeHead(200, { 'content-type': 'application/gzip' });
        return void res.end(zlib.gzipSync(urlset(o, 4, '/post-')));
      case '/big.xml':
        big ??= urlset(o, 50_000);
        res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
        return void res.end(zlib.gzipSync(big));
      case '/text.txt':
        return text(res, `${o}/t1\n\n${o}/t2\r\nnot a url\n${o}/t3`);
      case '/entities.xml':
        return text(res, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${o}/search?a=1&amp;b=2</loc></url><url><loc><![CDATA[${o}/cdata]]></loc></url><url><loc>  ${o}/spaced  </loc></url><url><loc>javascript:alert(1)</loc></url></urlset>`, 200, 'application/xml');
      case '/not-a-sitemap.xml':
        return text(res, '<html><body>Hello</body></html>', 200, 'text/html');
      default:
        res.writeHead(404).end();
    }
  });
  return site;
}
