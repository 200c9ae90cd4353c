import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { AddressGuard } from './crawl/address-guard.ts';

/**
 * A forward proxy on 127.0.0.1 for the Chromium that Lighthouse and --render drive: every request
 * the page makes (subresources, scripts' fetches, redirects) goes through the crawl's AddressGuard,
 * which refuses private, loopback and link-local targets, by name and by resolved address, when the
 * crawl started on a public site. Chromium resolves nothing itself: the proxy connects. Ours: the
 * check against the crawl's AddressGuard before each connection is the security boundary, and a
 * general-purpose proxy package would have to be wrapped around exactly this.
 */
export interface GuardProxy {
  /** For Chromium's --proxy-server. */
  url: string;
  /** Chromium flags that send every request, loopback included, through the proxy. */
  chromiumArgs: string[];
  /** Requests refused so far, for the report. */
  refused: string[];
  close(): Promise<void>;
}

const MAX_REFUSED_KEPT = 100;

export async function startGuardProxy(guard: AddressGuard): Promise<GuardProxy> {
  const refused: string[] = [];
  const refuse = (what: string) => {
    if (refused.length < MAX_REFUSED_KEPT) refused.push(what);
  };
  const sockets = new Set<Socket | Duplex>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (target.protocol !== 'http:' || guard.checkUrl(target.href)) {
      refuse(target.href);
      res.writeHead(403, { 'content-type': 'text/plain' }).end('refused by ZMOT Lens: private network target');
      return;
    }
    const upstream = httpRequest(
      { host: target.hostname, port: target.port || 80, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers, lookup: guard.lookup },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if ((e as NodeJS.ErrnoException).code === 'ZMOT_PRIVATE_ADDRESS') refuse(target.href);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end();
    });
    req.pipe(upstream);
  });

  // HTTPS (and WebSocket) tunnels: CONNECT host:port, checked before and while connecting.
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const [host, portText] = splitHostPort(req.url ?? '');
    const port = Number(portText) || 443;
    if (!host || guard.checkUrl(`https://${host}:${port}/`)) {
      refuse(`${host}:${port}`);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect({ host, port, lookup: guard.lookup });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (e) => {
      if ((e as NodeJS.ErrnoException).code === 'ZMOT_PRIVATE_ADDRESS') refuse(`${host}:${port}`);
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    // Chromium bypasses proxies for loopback unless told not to: "<-loopback>" removes that exception.
    chromiumArgs: [`--proxy-server=${url}`, '--proxy-bypass-list=<-loopback>'],
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function splitHostPort(authority: string): [string, string] {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(authority) ?? /^([^:]+):(\d+)$/.exec(authority);
  return m ? [m[1], m[2]] : [authority, ''];
}
