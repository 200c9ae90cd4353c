import { existsSync, rmSync } from 'node:fs';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';

/**
 * The crawl store: one SQLite file (WAL) holding the frontier, every fetched page (response facts,
 * artifacts, page result, site summary, links), sitemap URLs, robots.txt per origin and run metadata.
 * Each page is committed in one transaction, so a crawl killed at any instant resumes without
 * refetching what was stored and without losing anything.
 */
export const STORE_FILE = 'crawl.sqlite';
export const STORE_SCHEMA_VERSION = 1;

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
  fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS artifacts (url TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS results (url TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_pages (url TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS links (from_url TEXT NOT NULL, to_url TEXT NOT NULL, text TEXT NOT NULL, nofollow INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sitemap_urls (url TEXT PRIMARY KEY, sitemap TEXT NOT NULL, lastmod TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sitemaps (url TEXT PRIMARY KEY, status INTEGER NOT NULL, kind TEXT NOT NULL, urls INTEGER NOT NULL, source TEXT NOT NULL, error TEXT);
CREATE TABLE IF NOT EXISTS robots (origin TEXT PRIMARY KEY, url TEXT NOT NULL, status INTEGER, content TEXT, verdict TEXT NOT NULL, message TEXT NOT NULL, fetched_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, type TEXT NOT NULL, url TEXT, message TEXT NOT NULL, UNIQUE (type, url));
`;

/** Artifacts and results are JSON, deflated: a tenth of the disk for a fraction of a millisecond. */
export function packJson(value: unknown): Buffer {
  return zlib.deflateRawSync(Buffer.from(JSON.stringify(value)), { level: 1 });
}
export function unpackJson<T = unknown>(data: Buffer): T {
  return JSON.parse(zlib.inflateRawSync(data).toString('utf8')) as T;
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
  result: unknown;
  sitePage: unknown;
}

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
    const store = new CrawlStore(file, options);
    if (!options.readonly) {
      const version = store.getMeta<number>('schemaVersion');
      if (version == null) store.setMeta('schemaVersion', STORE_SCHEMA_VERSION);
      else if (version !== STORE_SCHEMA_VERSION) {
        store.close();
        throw new Error(`${file} was written by another version of the crawl store (schema ${version}, expected ${STORE_SCHEMA_VERSION})`);
      }
    }
    return store;
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
        truncated, encoding, encoding_note, error, error_code, attempts, timings, depth, rendered, render_error, fetched_at)
        VALUES (@url, @finalUrl, @status, @contentType, @headers, @redirectChain, @redirectStopped, @bodyBytes, @wireBytes,
        @truncated, @encoding, @encodingNote, @error, @errorCode, @attempts, @timings, @depth, @rendered, @renderError, @fetchedAt)`),
      insertArtifacts: p('INSERT OR REPLACE INTO artifacts (url, data) VALUES (?, ?)'),
      insertResult: p('INSERT OR REPLACE INTO results (url, data) VALUES (?, ?)'),
      insertSitePage: p('INSERT OR REPLACE INTO site_pages (url, data) VALUES (?, ?)'),
      insertLink: p('INSERT INTO links (from_url, to_url, text, nofollow) VALUES (?, ?, ?, ?)'),
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

  /** Writes one fetched page with everything derived from it. Call inside a transaction. */
  savePage(page: StoredPage, links: StoredLink[]) {
    this.savePackedPage(
      {
        record: page.record,
        artifacts: packJson(page.artifacts),
        result: page.result != null ? packJson(page.result) : null,
        sitePageJson: page.sitePage != null ? JSON.stringify(page.sitePage) : null,
      },
      links,
    );
  }

  /** Same as savePage with artifacts and result already deflated (a worker thread packed them). */
  savePackedPage(page: { record: PageRecord; artifacts: Uint8Array; result: Uint8Array | null; sitePageJson: string | null }, links: StoredLink[]) {
    const r = page.record;
    this.stmts.insertPage.run({
      ...r,
      headers: JSON.stringify(r.headers),
      redirectChain: JSON.stringify(r.redirectChain),
      redirectStopped: r.redirectStopped ? JSON.stringify(r.redirectStopped) : null,
      truncated: r.truncated ? 1 : 0,
      timings: r.timings ? JSON.stringify(r.timings) : null,
      rendered: r.rendered ? 1 : 0,
    });
    this.stmts.insertArtifacts.run(r.url, asBuffer(page.artifacts));
    if (page.result) this.stmts.insertResult.run(r.url, asBuffer(page.result));
    if (page.sitePageJson) this.stmts.insertSitePage.run(r.url, page.sitePageJson);
    for (const l of links) this.stmts.insertLink.run(l.from, l.to, l.text, l.nofollow ? 1 : 0);
  }

  /** Replaces a page's artifacts and result (Lighthouse figures added after the crawl). */
  updatePageData(url: string, artifacts: unknown, result: unknown, sitePage: unknown) {
    this.transaction(() => {
      this.stmts.insertArtifacts.run(url, packJson(artifacts));
      this.stmts.insertResult.run(url, packJson(result));
      if (sitePage != null) this.stmts.insertSitePage.run(url, JSON.stringify(sitePage));
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
    const it = this.db
      .prepare('SELECT p.*, a.data AS artifacts, r.data AS result, s.data AS site_page FROM pages p LEFT JOIN artifacts a ON a.url = p.url LEFT JOIN results r ON r.url = p.url LEFT JOIN site_pages s ON s.url = p.url ORDER BY p.seq')
      .iterate() as IterableIterator<Row>;
    for (const row of it) {
      yield {
        record: pageRecordFrom(row),
        artifacts: row.artifacts ? unpackJson(row.artifacts as Buffer) : null,
        result: row.result ? unpackJson(row.result as Buffer) : null,
        sitePage: row.site_page ? JSON.parse(row.site_page as string) : null,
      };
    }
  }

  pageRecords(): IterableIterator<PageRecord> {
    const it = this.db.prepare('SELECT * FROM pages ORDER BY seq').iterate() as IterableIterator<Row>;
    return (function* () {
      for (const r of it) yield pageRecordFrom(r);
    })();
  }

  getPage(url: string): StoredPage | null {
    const row = this.db
      .prepare('SELECT p.*, a.data AS artifacts, r.data AS result, s.data AS site_page FROM pages p LEFT JOIN artifacts a ON a.url = p.url LEFT JOIN results r ON r.url = p.url LEFT JOIN site_pages s ON s.url = p.url WHERE p.url = ?')
      .get(url) as Row | undefined;
    if (!row) return null;
    return {
      record: pageRecordFrom(row),
      artifacts: row.artifacts ? unpackJson(row.artifacts as Buffer) : null,
      result: row.result ? unpackJson(row.result as Buffer) : null,
      sitePage: row.site_page ? JSON.parse(row.site_page as string) : null,
    };
  }

  links(): IterableIterator<StoredLink> {
    const it = this.db.prepare('SELECT from_url, to_url, text, nofollow FROM links ORDER BY rowid').iterate() as IterableIterator<Row>;
    return (function* () {
      for (const r of it) yield { from: r.from_url as string, to: r.to_url as string, text: r.text as string, nofollow: r.nofollow === 1 };
    })();
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
