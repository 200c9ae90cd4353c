import { html, page, startSite, type TestSite } from './server.ts';

/** A start page that redirects into the private network (a public site steering a crawler inward). */
export async function startPrivateRedirectSite(): Promise<TestSite> {
  const site = await startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/start') return void res.writeHead(302, { location: `http://localhost:${site.port}/admin` }).end();
    html(res, page(url.pathname));
  });
  return site;
}
