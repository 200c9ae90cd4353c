import { html, page, startSite, text, type TestSite } from './server.ts';

/**
 * A small site exercising discovery: <base>, nofollow (link and page level), canonical and hreflang
 * targets, tracking parameters, robots.txt disallow, a sitemap-only page, a redirect, a PDF, a chain
 * of deep pages, and links off-site.
 */
export async function startBasicSite(): Promise<TestSite> {
  const site = await startSite(async (_req, res, url) => {
    const o = site.origin;
    switch (url.pathname) {
      case '/robots.txt':
        return text(res, `User-agent: *\nDisallow: /private/\nSitemap: ${o}/sitemap.xml\n`);
      case '/sitemap.xml':
        return text(res, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${o}/</loc></url><url><loc>${o}/a</loc></url><url><loc>${o}/sitemap-only</loc></url></urlset>`, 200, 'application/xml');
      case '/':
        return html(res, `<!doctype html><html lang="en"><head><title>Home</title></head><body><h1>Home</h1>
          <a href="/a">A</a> <a href="/b" rel="nofollow">B (nofollow)</a> <a href="/c?utm_source=home&amp;utm_medium=x">C</a> <a href="/c">C again</a>
          <a href="mailto:hi@example.com">mail</a> <a href="https://other.example/">elsewhere</a> <a href="/base-test/">base</a>
          <a href="/meta-nofollow">meta nofollow</a> <a href="/private/secret">private</a> <a href="/moved">moved</a> <a href="/doc.pdf">pdf</a>
          <a href="/deep/1">deep</a> <a href="/missing">missing</a></body></html>`);
      case '/a':
        return html(res, page('A', ['/'], `<link rel="canonical" href="/a-canonical"><link rel="alternate" hreflang="fr" href="/fr/a">`));
      case '/a-canonical':
      case '/fr/a':
      case '/b':
      case '/c':
      case '/based/child':
      case '/hidden':
      case '/target':
      case '/sitemap-only':
      case '/private/secret':
        return html(res, page(url.pathname));
      case '/base-test/':
        return html(res, `<!doctype html><html><head><base href="/based/"><title>Base</title></head><body><a href="child">child</a></body></html>`);
      case '/meta-nofollow':
        return html(res, page('Meta nofollow', ['/hidden'], '<meta name="robots" content="nofollow">'));
      case '/moved':
        return void res.writeHead(301, { location: '/target' }).end();
      case '/doc.pdf':
        return void res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '5' }).end('%PDF-');
      default: {
        const deep = /^\/deep\/(\d+)$/.exec(url.pathname);
        if (deep) return html(res, page(`Deep ${deep[1]}`, [`/deep/${Number(deep[1]) + 1}`]));
        return html(res, page('Not found'), 404);
      }
    }
  });
  return site;
}
