import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage, robotsTxtFor } from '../../../crawler/fetch-page.ts';
import { scorePage } from '../../../shared/pipeline.ts';
import type { AuditResult, PageResult } from '../../../shared/schemas/index.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';

/**
 * Our audits against what Lighthouse's own smoke tests expect on its SEO fixture pages.
 * Lighthouse serves them at http://localhost:10200/seo/<page> (the passing page's canonical hard-codes
 * that origin), so requests to that origin are routed to our server on 127.0.0.1. A page is requested at
 * its file name; when two cases share a page, the later one is picked by a query parameter (as
 * Lighthouse's static server picks status and headers from the query).
 */
const LH_DIR = path.join(SHARED_FIXTURES, 'lighthouse-seo');
const ORIGIN = 'http://localhost:10200';

interface ExpectedAudit {
  score: number | null;
  items?: number;
  texts?: string[];
  explanation?: string;
}
interface Case {
  id: string;
  page: string;
  status: number;
  headers: Array<[string, string]>;
  audits: Record<string, ExpectedAudit>;
}

let server: Server;
let previousDispatcher: Dispatcher;
let cases: Case[] = [];
const results = new Map<string, PageResult>();

beforeAll(async () => {
  cases = JSON.parse(await readFile(path.join(LH_DIR, 'expectations.json'), 'utf8')).cases;
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', ORIGIN);
    if (url.pathname === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(await readFile(path.join(LH_DIR, 'robots.txt')));
      return;
    }
    const wanted = url.searchParams.get('case');
    const c = cases.find((x) => url.pathname === `/seo/${x.page}` && (wanted === null || x.id === wanted));
    if (!c) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Not found</title>');
      return;
    }
    const headers = [['content-type', 'text/html; charset=utf-8'], ...c.headers.map(([k, v]) => [k, v.replaceAll('{origin}', ORIGIN)])];
    res.writeHead(c.status, headers.flat());
    res.end(await readFile(path.join(LH_DIR, c.page)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  previousDispatcher = getGlobalDispatcher();
  setGlobalDispatcher(
    new Agent({
      connect: (_options, callback) => {
        const socket = net.connect({ host: '127.0.0.1', port });
        socket.once('connect', () => callback(null, socket));
        socket.once('error', (e) => callback(e, null));
        return socket;
      },
    }),
  );
  for (const c of cases) {
    const first = cases.find((x) => x.page === c.page) === c;
    const url = `${ORIGIN}/seo/${c.page}${first ? '' : `?case=${c.id}`}`;
    const input = await fetchPage(url);
    const { result } = scorePage({ ...input, robotsTxt: await robotsTxtFor(input.url) });
    results.set(c.id, result);
  }
});

afterAll(async () => {
  if (previousDispatcher) setGlobalDispatcher(previousDispatcher);
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

function audit(caseId: string, id: string): AuditResult {
  const found = results.get(caseId)?.audits.find((a) => a.id === id);
  if (!found) throw new Error(`no ${id} audit on ${caseId}`);
  return found;
}

describe('parity with Lighthouse on its SEO smoke-test pages', () => {
  it('fetched every case over HTTP', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(results.get(c.id)?.status).toBe(c.status);
  });

  for (const c of [
    'seo-passing',
    'seo-failing',
    'seo-mixed-language',
  ]) {
    it(`${c}: every listed audit scores as Lighthouse expects, with the same items`, async () => {
      const expected = (JSON.parse(await readFile(path.join(LH_DIR, 'expectations.json'), 'utf8')).cases as Case[]).find((x) => x.id === c)!;
      for (const [id, exp] of Object.entries(expected.audits)) {
        const got = audit(c, id);
        expect({ id, score: got.score }).toEqual({ id, score: exp.score });
        if (exp.items !== undefined) expect({ id, items: got.items.length }).toEqual({ id, items: exp.items });
        if (exp.texts) expect(got.items.map((i) => i.text)).toEqual(exp.texts);
        if (exp.explanation) expect(got.explanation).toBe(exp.explanation);
        // A failing audit always says where.
        if (got.score === 0) expect(got.items.length).toBeGreaterThan(0);
      }
    });
  }

  it('a 403 page fails http-status-code, is not findable, and its content audits are not applicable', () => {
    const page = results.get('seo-status-403')!;
    expect(audit('seo-status-403', 'http-status-code').score).toBe(0);
    expect(page.indexable).toBe(false);
    expect(page.findability.score).toBe(0);
    const expected = cases.find((x) => x.id === 'seo-status-403')!;
    for (const id of Object.keys(expected.audits).filter((x) => x !== 'http-status-code')) {
      expect({ id, mode: audit('seo-status-403', id).scoreDisplayMode }).toEqual({ id, mode: 'notApplicable' });
    }
  });

  it('the blocked page is not findable at all, the passing page is', () => {
    expect(results.get('seo-failing')!.findability.score).toBe(0);
    expect(results.get('seo-failing')!.indexable).toBe(false);
    expect(results.get('seo-passing')!.findability.score).toBeGreaterThan(0.5);
  });

  it('names the offending anchors of crawlable-anchors and the blocking sources of is-crawlable', () => {
    const anchors = audit('seo-failing', 'crawlable-anchors').items;
    expect(anchors.map((i) => i.reason)).toEqual([
      'no href; navigates through a script event listener',
      'javascript:void(0)',
      'no href; navigates through a script event listener',
    ]);
    expect(audit('seo-failing', 'is-crawlable').items.map((i) => i.source)).toEqual([
      '<meta name="robots" content="nofollow, NOINDEX, all" />',
      'x-robots-tag: none',
    ]);
  });
});
