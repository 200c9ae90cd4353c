import iconv from 'iconv-lite';
import { startSite, type TestSite } from './server.ts';

export const CHARSET_TITLE = 'Café crème à Noël';

/** Pages whose Content-Type charset lies about their bytes, and a correct legacy one. */
export function startWrongCharsetSite(): Promise<TestSite> {
  return startSite(async (_req, res, url) => {
    const doc = (meta: string) => `<!doctype html><html><head>${meta}<title>${CHARSET_TITLE}</title></head><body><h1>${CHARSET_TITLE}</h1></body></html>`;
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<title>Home</title><a href="/latin1-says-utf8">1</a><a href="/utf8-says-latin1">2</a><a href="/honest-1252">3</a>');
    }
    if (url.pathname === '/latin1-says-utf8') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(iconv.encode(doc('<meta charset="windows-1252">'), 'windows-1252'));
    }
    if (url.pathname === '/utf8-says-latin1') {
      res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
      return void res.end(Buffer.from(doc(''), 'utf8'));
    }
    if (url.pathname === '/honest-1252') {
      res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
      return void res.end(iconv.encode(doc(''), 'windows-1252'));
    }
    res.writeHead(404).end();
  });
}
