import { existsSync, rmSync } from 'node:fs';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';

/**
 * The crawl store: one SQLite file (WAL) holding the frontier, every fetched page (response facts, and
 * its artifacts with its links in one compressed blob), sitemap URLs, robots.txt per origin and run
 * metadata. Each page is committed in one transaction, so a crawl killed at any instant resumes
 * without refetching what was stored and without losing anything.
 *
 * Only what the reports, resume and re-auditing need is kept: page results and site summaries are
 * derived from the artifacts when a report is built (so a rebuilt report always runs the current
 * audits), and the artifacts are Brotli-compressed JSON.
 */
export const STORE_FILE = 'crawl.sqlite';
/** 2: artifacts and links in one Brotli blob per page, no stored results or site summaries. */
export const STORE_SCHEMA_VERSION = 2;
/** SQLite page size: small pages waste less of the last overflow page of each compressed blob. */
const PAGE_SIZE = 1024;

/** Frontier states, stored as small integers. */
export const URL_STATE = { queued: 0, done: 1, blocked: 2, skipped: 3, claimed: 5 } as const;
export type UrlState = keyof typeof URL_STATE;
const STATE_NAME = new Map<number, UrlState>(Object.entries(URL_STATE).map(([k, v]) => [v, k as UrlState]));

export type UrlSource = 'start' | 'link' | 'canonical' | 'hreflang' | 'sitemap' | 'redirect';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS frontier (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  depth INTEGER,
  priority INTEGER NOT NULL,
  state INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  found_on TEXT,
  note TEXT,
  run INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS frontier_next ON frontier (state, priority, id);
CREATE TABLE IF NOT EXISTS url_patterns (pattern TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pages (
  seq INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  final_url TEXT NOT NULL,
  status INTEGER NOT NULL,
  content_type TEXT,
  headers TEXT NOT NULL,
  redirect_chain TEXT NOT NULL,
  redirect_stopped TEXT,
  body_bytes INTEGER,
  wire_bytes INTEGER,
  truncated INTEGER NOT NULL DEFAULT 0,
  encoding TEXT,
  encoding_note TEXT,
  error TEXT,
  error_code TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  timings TEXT,
  depth INTEGER,
  rendered INTEGER NOT NULL DEFAULT 0,
  render_error TEXT,
  fetched_at TEXT NOT NULL,
  -- Brotli JSON {artifacts, links}: last column, so reading the other columns never loads it.
  data BLOB
);
CREATE TABLE IF NOT EXISTS sitemap_urls (url TEXT PRIMARY KEY, sitemap TEXT NOT NULL, lastmod TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sitemaps (url TEXT PRIMARY KEY, status INTEGER NOT NULL, kind TEXT NOT NULL, urls INTEGER NOT NULL, source TEXT NOT NULL, error TEXT);
CREATE TABLE IF NOT EXISTS robots (origin TEXT PRIMARY KEY, url TEXT NOT NULL, status INTEGER, content TEXT, verdict TEXT NOT NULL, message TEXT NOT NULL, fetched_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, type TEXT NOT NULL, url TEXT, message TEXT NOT NULL, UNIQUE (type, url));
`;

/**
 * JSON, Brotli-compressed at quality 5 with a window fitted to the value: about a seventh of the JSON
 * of a real-sized page's artifacts, a millisecond or two per page.
 */
export function packJson(value: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(value));
  const lgwin = Math.max(16, Math.min(22, Math.ceil(Math.log2(json.length + 1))));
  return zlib.brotliCompressSync(json, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
      [zlib.constants.BROTLI_PARAM_LGWIN]: lgwin,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: json.length,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    },
  });
}
export function unpackJson<T = unknown>(data: Buffer): T {
  return JSON.parse(zlib.brotliDecompressSync(data).toString('utf8')) as T;
}

/** One page's blob: its artifacts and the links found on it. */
export function packPage(artifacts: unknown, links: StoredLink[]): Buffer {
  return packJson({ artifacts, links });
}

/** Bytes that crossed from a worker arrive as a plain Uint8Array; SQLite binds Buffers. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface FrontierRow {
  id: number;
  url: string;
  depth: number | null;
  source: UrlSource;
  foundOn: string | null;
  /** Consecutive same-shaped pages that led here (calendar "next month" chains). */
  run: number;
}

/** What was learned from fetching one URL: the row of `pages`. */
export interface PageRecord {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string | null;
  headers: Array<[string, string]>;
  redirectChain: Array<{ url: string; status: number }>;
  redirectStopped: { to: string; reason: string } | null;
  bodyBytes: number | null;
  wireBytes: number;
  truncated: boolean;
  encoding: string | null;
  encodingNote: string | null;
  error: string | null;
  errorCode: string | null;
  attempts: number;
  timings: { startedAt: string; firstByteMs: number | null; totalMs: number; waitedMs: number } | null;
  depth: number | null;
  rendered: boolean;
  renderError: string | null;
  fetchedAt: string;
}

export interface StoredLink {
  from: string;
  to: string;
  text: string;
  nofollow: boolean;
}

export interface RobotsRow {
  origin: string;
  url: string;
  status: number | null;
  content: string | null;
  verdict: 'rules' | 'allow-all' | 'disallow-all';
  message: string;
  fetchedAt: string;
}

export interface SitemapRow {
  url: string;
  status: number;
  kind: string;
  urls: number;
  source: string;
  error: string | null;
}

export interface NoteRow {
  type: string;
  url: string | null;
  message: string;
}

export interface StoredPage {
  record: PageRecord;
  artifacts: unknown;
  links: StoredLink[];
}

function storedPageFrom(row: Row): StoredPage {
  const data = row.data ? unpackJson<{ artifacts?: unknown; links?: StoredLink[] }>(row.data as Buffer) : null;
  return { record: pageRecordFrom(row), artifacts: data?.artifacts ?? null, links: data?.links ?? [] };
}

/** The one-line refusal of a store written by another version (resume, report and ci say it as is). */
export const STORE_ERRORS = {
  otherVersion: (file: string, found: number) =>
    `${file} was written by ${found < STORE_SCHEMA_VERSION ? 'an older' : 'a newer'} version of zmot (crawl store schema ${found}, this version reads ${STORE_SCHEMA_VERSION}): crawl again into a new --out folder`,
};

type Row = Record<string, unknown>;

function pageRecordFrom(r: Row): PageRecord {
  return {
    url: r.url as string,
    finalUrl: r.final_url as string,
    status: r.status as number,
    contentType: (r.content_type as string | null) ?? null,
    headers: JSON.parse(r.headers as string),
    redirectChain: JSON.parse(r.redirect_chain as string),
    redirectStopped: r.redirect_stopped ? JSON.parse(r.redirect_stopped as string) : null,
    bodyBytes: (r.body_bytes as number | null) ?? null,
    wireBytes: (r.wire_bytes as number | null) ?? 0,
    truncated: r.truncated === 1,
    encoding: (r.encoding as string | null) ?? null,
    encodingNote: (r.encoding_note as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    errorCode: (r.error_code as string | null) ?? null,
    attempts: r.attempts as number,
    timings: r.timings ? JSON.parse(r.timings as string) : null,
    depth: (r.depth as number | null) ?? null,
    rendered: r.rendered === 1,
    renderError: (r.render_error as string | null) ?? null,
    fetchedAt: r.fetched_at as string,
  };
}

export interface OpenStoreOptions {
  /** Start over: remove an existing store first. */
  fresh?: boolean;
  readonly?: boolean;
  /** Page cache in MB; kept small so memory stays flat however large the crawl. */
  cacheMb?: number;
}

export class CrawlStore {
  readonly db: Database.Database;
  private readonly stmts: ReturnType<CrawlStore['prepare']>;

  private constructor(readonly file: string, options: OpenStoreOptions) {
    this.db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    if (!options.readonly) {
      // Takes effect only on a new file (before its first table); an existing store keeps its own.
      this.db.pragma(`page_size = ${PAGE_SIZE}`);
      this.db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode keeps every committed transaction across a process kill; only power loss can undo the last few.
      this.db.pragma('synchronous = NORMAL');
      // Checkpoint (and fsync) every ~32k WAL frames instead of every 1,000: a page commit touches a
      // dozen frames, so the default checkpointed every ~80 pages and doubled the cost of a commit.
      this.db.pragma('wal_autocheckpoint = 32768');
      this.db.exec(SCHEMA);
    }
    this.db.pragma(`cache_size = -${(options.cacheMb ?? 16) * 1024}`);
    this.db.pragma('temp_store = FILE');
    this.stmts = this.prepare();
  }

  static open(file: string, options: OpenStoreOptions = {}): CrawlStore {
    if (options.fresh && file !== ':memory:') removeStoreFiles(file);
    let store: CrawlStore;
    try {
      store = new CrawlStore(file, options);
    } catch (e) {
      // A store of schema 1 has no data column for the statements above: say which version it is.
      const old = CrawlStore.schemaOf(file);
      if (old !== null && old !== STORE_SCHEMA_VERSION) throw new Error(STORE_ERRORS.otherVersion(file, old));
      throw e;
    }
    const version = store.getMeta<number>('schemaVersion');
    if (version == null && !options.readonly) store.setMeta('schemaVersion', STORE_SCHEMA_VERSION);
    else if (version != null && version !== STORE_SCHEMA_VERSION) {
      store.close();
      throw new Error(STORE_ERRORS.otherVersion(file, version));
    }
    return store;
  }

  /** The schema version a store file records, without preparing anything; null when it records none. */
  private static schemaOf(file: string): number | null {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const v = db.prepare("SELECT value FROM meta WHERE key = 'schemaVersion'").pluck().get() as string | undefined;
        return v === undefined ? null : Number(JSON.parse(v));
      } finally {
        db.close();
      }
    } catch {
      return null;
    }
  }

  private prepare() {
    const db = this.db;
    const readonly = db.readonly;
    const p = (sql: string) => (readonly && /^\s*(insert|update|delete)/i.test(sql) ? (null as unknown as Database.Statement) : db.prepare(sql));
    return {
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: p('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      insertUrl: p('INSERT OR IGNORE INTO frontier (url, depth, priority, state, source, found_on, note, run) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      raiseDepth: p('UPDATE frontier SET depth = ?, priority = ? WHERE url = ? AND state = 0 AND (depth IS NULL OR depth > ?)'),
      urlState: db.prepare('SELECT state FROM frontier WHERE url = ?').pluck(),
      nextQueued: db.prepare('SELECT id, url, depth, source, found_on AS foundOn, run FROM frontier WHERE state = 0 ORDER BY priority, id LIMIT ?'),
      setState: p('UPDATE frontier SET state = ?, note = coalesce(?, note) WHERE id = ?'),
      setStateByUrl: p('UPDATE frontier SET state = ?, note = coalesce(?, note) WHERE url = ? AND state IN (0, 5)'),
      unclaimAll: p('UPDATE frontier SET state = 0 WHERE state = 5'),
      countStates: db.prepare('SELECT state, count(*) AS n FROM frontier GROUP BY state'),
      bumpPattern: p('INSERT INTO url_patterns (pattern, count) VALUES (?, 1) ON CONFLICT (pattern) DO UPDATE SET count = count + 1 RETURNING count'),
      insertPage: p(`INSERT OR REPLACE INTO pages (url, final_url, status, content_type, headers, redirect_chain, redirect_stopped, body_bytes, wire_bytes,
        truncated, encoding, encoding_note, error, error_code, attempts, timings, depth, rendered, render_error, fetched_at, data)
        VALUES (@url, @finalUrl, @status, @contentType, @headers, @redirectChain, @redirectStopped, @bodyBytes, @wireBytes,
        @truncated, @encoding, @encodingNote, @error, @errorCode, @attempts, @timings, @depth, @rendered, @renderError, @fetchedAt, @data)`),
      updateData: p('UPDATE pages SET data = ? WHERE url = ?'),
      pageCount: db.prepare('SELECT count(*) FROM pages').pluck(),
      errorCount: db.prepare('SELECT count(*) FROM pages WHERE error IS NOT NULL OR status >= 400 OR status = 0').pluck(),
      insertSitemapUrl: p('INSERT OR IGNORE INTO sitemap_urls (url, sitemap, lastmod) VALUES (?, ?, ?)'),
      inSitemap: db.prepare('SELECT 1 FROM sitemap_urls WHERE url = ?').pluck(),
      sitemapUrlCount: db.prepare('SELECT count(*) FROM sitemap_urls').pluck(),
      saveSitemap: p('INSERT OR REPLACE INTO sitemaps (url, status, kind, urls, source, error) VALUES (?, ?, ?, ?, ?, ?)'),
      getRobots: db.prepare('SELECT origin, url, status, content, verdict, message, fetched_at AS fetchedAt FROM robots WHERE origin = ?'),
      saveRobots: p('INSERT OR REPLACE INTO robots (origin, url, status, content, verdict, message, fetched_at) VALUES (@origin, @url, @status, @content, @verdict, @message, @fetchedAt)'),
      addNote: p('INSERT OR IGNORE INTO notes (type, url, message) VALUES (?, ?, ?)'),
    };
  }

  // --- run metadata -------------------------------------------------------------------------

  getMeta<T>(key: string): T | null {
    const v = this.stmts.getMeta.get(key) as string | undefined;
    return v === undefined ? null : (JSON.parse(v) as T);
  }

  setMeta(key: string, value: unknown) {
    this.stmts.setMeta.run(key, JSON.stringify(value));
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // --- frontier -----------------------------------------------------------------------------

  /** Inserts a URL if it is new; true when it was. `run`: same-shaped hops that led to it. */
  insertUrl(url: string, depth: number | null, priority: number, source: UrlSource, foundOn: string | null, state: UrlState = 'queued', note: string | null = null, run = 0): boolean {
    return this.stmts.insertUrl.run(url, depth, priority, URL_STATE[state], source, foundOn, note, run).changes === 1;
  }

  /** A queued URL found again closer to the start gets the shorter depth. */
  raiseDepth(url: string, depth: number, priority: number) {
    this.stmts.raiseDepth.run(depth, priority, url, depth);
  }

  urlState(url: string): UrlState | null {
    const s = this.stmts.urlState.get(url) as number | undefined;
    return s === undefined ? null : (STATE_NAME.get(s) ?? null);
  }

  /** Claims up to n queued URLs in crawl order (breadth-first, then discovery order). */
  claim(n: number): FrontierRow[] {
    return this.transaction(() => {
      const rows = this.stmts.nextQueued.all(n) as FrontierRow[];
      for (const r of rows) this.stmts.setState.run(URL_STATE.claimed, null, r.id);
      return rows;
    });
  }

  setState(id: number, state: UrlState, note: string | null = null) {
    this.stmts.setState.run(URL_STATE[state], note, id);
  }

  /** Marks a URL fetched by another route (the target of a followed redirect). */
  setStateByUrl(url: string, state: UrlState, note: string | null = null) {
    this.stmts.setStateByUrl.run(URL_STATE[state], note, url);
  }

  /** URLs claimed by a process that died go back to the queue. */
  unclaimAll(): number {
    return this.stmts.unclaimAll.run().changes;
  }

  bumpPattern(pattern: string): number {
    return (this.stmts.bumpPattern.get(pattern) as { count: number }).count;
  }

  stateCounts(): Record<UrlState, number> {
    const out: Record<UrlState, number> = { queued: 0, done: 0, blocked: 0, skipped: 0, claimed: 0 };
    for (const r of this.stmts.countStates.all() as Array<{ state: number; n: number }>) {
      const name = STATE_NAME.get(r.state);
      if (name) out[name] = r.n;
    }
    return out;
  }

  frontierRows(states?: UrlState[]): IterableIterator<FrontierRow & { state: UrlState; note: string | null }> {
    const where = states?.length ? `WHERE state IN (${states.map((s) => URL_STATE[s]).join(',')})` : '';
    const it = this.db.prepare(`SELECT id, url, depth, source, found_on AS foundOn, run, state, note FROM frontier ${where} ORDER BY id`).iterate() as IterableIterator<Row>;
    return (function* () {
      for (const r of it) yield { ...(r as unknown as FrontierRow), state: STATE_NAME.get(r.state as number) ?? 'queued', note: (r.note as string | null) ?? null };
    })();
  }

  // --- pages --------------------------------------------------------------------------------

  /** Writes one fetched page: its record, artifacts and links. Call inside a transaction. */
  savePage(page: { record: PageRecord; artifacts: unknown }, links: StoredLink[]) {
    this.savePackedPage({ record: page.record, data: packPage(page.artifacts, links) });
  }

  /** Same as savePage with the blob already packed by packPage (a worker thread packed it). */
  savePackedPage(page: { record: PageRecord; data: Uint8Array }) {
    const r = page.record;
    this.stmts.insertPage.run({
      ...r,
      headers: JSON.stringify(r.headers),
      redirectChain: JSON.stringify(r.redirectChain),
      redirectStopped: r.redirectStopped ? JSON.stringify(r.redirectStopped) : null,
      truncated: r.truncated ? 1 : 0,
      timings: r.timings ? JSON.stringify(r.timings) : null,
      rendered: r.rendered ? 1 : 0,
      data: asBuffer(page.data),
    });
  }

  /** Replaces a page's artifacts, keeping its links (Lighthouse figures added after the crawl). */
  updateArtifacts(url: string, artifacts: unknown) {
    this.transaction(() => {
      const row = this.db.prepare('SELECT data FROM pages WHERE url = ?').get(url) as { data: Buffer | null } | undefined;
      const links = row?.data ? (unpackJson<{ links?: StoredLink[] }>(row.data).links ?? []) : [];
      this.stmts.updateData.run(packPage(artifacts, links), url);
    });
  }

  pageCount(): number {
    return this.stmts.pageCount.get() as number;
  }

  errorCount(): number {
    return this.stmts.errorCount.get() as number;
  }

  /** Every stored page in fetch order, decoded lazily: one page in memory at a time. */
  *pages(): IterableIterator<StoredPage> {
    for (const row of this.db.prepare('SELECT * FROM pages ORDER BY seq').iterate() as IterableIterator<Row>) yield storedPageFrom(row);
  }

  pageRecords(): IterableIterator<PageRecord> {
    const it = this.db
      .prepare('SELECT seq, url, final_url, status, content_type, headers, redirect_chain, redirect_stopped, body_bytes, wire_bytes, truncated, encoding, encoding_note, error, error_code, attempts, timings, depth, rendered, render_error, fetched_at FROM pages ORDER BY seq')
      .iterate() as IterableIterator<Row>;
    return (function* () {
      for (const r of it) yield pageRecordFrom(r);
    })();
  }

  getPage(url: string): StoredPage | null {
    const row = this.db.prepare('SELECT * FROM pages WHERE url = ?').get(url) as Row | undefined;
    return row ? storedPageFrom(row) : null;
  }

  /** Every link found on every stored page, in fetch order (reads each page's blob). */
  *links(): IterableIterator<StoredLink> {
    for (const page of this.pages()) yield* page.links;
  }

  // --- sitemaps and robots ------------------------------------------------------------------

  addSitemapUrls(entries: Array<{ url: string; lastmod: string | null }>, sitemap: string): number {
    let added = 0;
    for (const e of entries) added += this.stmts.insertSitemapUrl.run(e.url, sitemap, e.lastmod).changes;
    return added;
  }

  isInSitemap(url: string): boolean {
    return this.stmts.inSitemap.get(url) === 1;
  }

  sitemapUrlCount(): number {
    return this.stmts.sitemapUrlCount.get() as number;
  }

  sitemapUrls(): IterableIterator<string> {
    return this.db.prepare('SELECT url FROM sitemap_urls').pluck().iterate() as IterableIterator<string>;
  }

  saveSitemap(s: SitemapRow) {
    this.stmts.saveSitemap.run(s.url, s.status, s.kind, s.urls, s.source, s.error);
  }

  sitemaps(): SitemapRow[] {
    return this.db.prepare('SELECT url, status, kind, urls, source, error FROM sitemaps ORDER BY rowid').all() as SitemapRow[];
  }

  getRobots(origin: string): RobotsRow | null {
    return (this.stmts.getRobots.get(origin) as RobotsRow | undefined) ?? null;
  }

  saveRobots(r: RobotsRow) {
    this.stmts.saveRobots.run(r);
  }

  robots(): RobotsRow[] {
    return this.db.prepare('SELECT origin, url, status, content, verdict, message, fetched_at AS fetchedAt FROM robots ORDER BY rowid').all() as RobotsRow[];
  }

  // --- crawl-level notes (caps reached, robots trouble) ----------------------------------------

  addNote(type: string, url: string | null, message: string) {
    this.stmts.addNote.run(type, url, message);
  }

  notes(): NoteRow[] {
    return this.db.prepare('SELECT type, url, message FROM notes ORDER BY id').all() as NoteRow[];
  }

  close() {
    if (!this.db.open) return;
    if (!this.db.readonly) {
      try {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // another reader holds the WAL; it is checkpointed next time
      }
    }
    this.db.close();
  }
}

export function removeStoreFiles(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(f)) rmSync(f, { force: true });
}
