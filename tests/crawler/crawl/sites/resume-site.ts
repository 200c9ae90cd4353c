import { html, page, startSite, type TestSite } from './server.ts';

/**
 * A 60-page site that serves the first `openFor` pages, then holds every further page request
 * (no response) until `release()`: the crawl can be killed at a moment where every page that was
 * answered is known, so "nothing refetched" can be checked exactly.
 */
export async function startResumeSite(openFor: number, total = 60): Promise<TestSite & { release(): void; pagesServed(): number }> {
  let served = 0;
  let released = false;
  const held: Array<() => void> = [];
  const site = await startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const m = /^\/(?:p\/(\d+))?$/.exec(url.pathname);
    if (!m) return void res.writeHead(404).end();
    const i = m[1] === undefined ? 0 : Number(m[1]);
    if (!released && served >= openFor) await new Promise<void>((resolve) => held.push(resolve));
    served++;
    // Page i links to 2i+1 and 2i+2: a binary tree of `total` pages.
    const links = [2 * i + 1, 2 * i + 2].filter((j) => j < total).map((j) => `/p/${j}`);
    html(res, page(`Page ${i}`, links));
  });
  return {
    ...site,
    pagesServed: () => served,
    release() {
      released = true;
      for (const r of held.splice(0)) r();
    },
  };
}
