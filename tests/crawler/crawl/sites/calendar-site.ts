import { html, page, startSite, type TestSite } from './server.ts';

/** An event calendar whose "next month" link never ends: an infinite URL space. */
export function startCalendarSite(): Promise<TestSite> {
  return startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/') return html(res, page('Home', ['/calendar?month=2030-01', '/about']));
    if (url.pathname === '/calendar') {
      const [y, m] = (url.searchParams.get('month') ?? '2030-01').split('-').map(Number);
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
      return html(res, page(`Events ${y}-${m}`, [`/calendar?month=${next}`, `/calendar?month=${prev}`, `/calendar/${y}/${m}/day/1`]));
    }
    html(res, page(url.pathname));
  });
}
