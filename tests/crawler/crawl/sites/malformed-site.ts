import { html, startSite, type TestSite } from './server.ts';

/** Broken markup of every kind a parser meets in the wild. */
const BROKEN = [
  '<html><head><title>Unclosed <b>title</head><body><p>text',
  '<<<>>><a href=/ok-1>one<a href="/ok-2">two</a></div></div></span><table><tr><td>cell',
  '\u0000\u0001<html>\ufffd<title>Nulls</title><script>document.write("<a href=/never>")</script><a href="/ok-3">three',
  `<html><head><meta name="robots" content="noindex"><script type="application/ld+json">{"@type": "Product", broken json</script></head><body><h1>${'<div>'.repeat(5000)}deep</h1>`,
  '<a href="http://[bad-url">bad</a><a href="javascript:alert(1)">js</a><a href="//">empty</a><a>no href</a>',
];

export function startMalformedSite(): Promise<TestSite> {
  return startSite(async (_req, res, url) => {
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/') return html(res, `<title>Home</title>${BROKEN.map((_, i) => `<a href="/broken/${i}">${i}</a>`).join('')}`);
    const m = /^\/broken\/(\d+)$/.exec(url.pathname);
    if (m) return html(res, BROKEN[Number(m[1])]);
    html(res, '<title>ok</title>');
  });
}
