import Database from 'better-sqlite3';
import type { PageResult } from '../../shared/schemas/index.ts';
import type { SiteLink } from './integrations.ts';
import type { ReportPages } from './write-file.ts';

/**
 * A report's page results on disk while the report is built and written: each writer streams them back in crawl
 * order, so a 100,000-page report never holds every page at once. The file is SQLite's anonymous temporary database
 * (an empty file name): created in the temporary folder (SQLITE_TMPDIR, else TMPDIR, else /var/tmp or /tmp) and
 * unlinked as soon as it is opened, so it has no name and nothing can be left behind — the space returns to the
 * system when the report closes it or its process ends, however it ends (Ctrl-C, SIGTERM, SIGKILL, a crash), with
 * no signal handler to wait for (a report's page pass and scoring are long synchronous steps: a JavaScript handler
 * would only run after them). Its pages beyond SQLite's small page cache are on disk, not in memory.
 */
export class PageSpill implements ReportPages {
  private db: Database.Database;
  private pending: string[] = [];
  private count = 0;
  private closed = false;
  private insert;
  private update;
  private select;
  private one;

  constructor() {
    this.db = new Database('');
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec('CREATE TABLE page (i INTEGER PRIMARY KEY, json TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO page (i, json) VALUES (?, ?)');
    this.update = this.db.prepare('UPDATE page SET json = ? WHERE i = ?');
    this.select = this.db.prepare('SELECT json FROM page ORDER BY i').pluck();
    this.one = this.db.prepare('SELECT json FROM page WHERE i = ?').pluck();
  }

  get length(): number {
    return this.count;
  }

  /** Adds the next page; returns its index. */
  push(page: PageResult): number {
    this.pending.push(JSON.stringify(page));
    const i = this.count++;
    if (this.pending.length >= 500) this.flush();
    return i;
  }

  /** Replaces page i. */
  set(i: number, page: PageResult): void {
    this.flush();
    this.update.run(JSON.stringify(page), i);
  }

  /** Page i. */
  get(i: number): PageResult {
    this.flush();
    const json = this.one.get(i) as string | undefined;
    if (json === undefined) throw new Error(`no page ${i} in the report's page file`);
    return JSON.parse(json) as PageResult;
  }

  private flush(): void {
    if (!this.pending.length) return;
    const first = this.count - this.pending.length;
    const rows = this.pending;
    this.pending = [];
    this.db.transaction(() => rows.forEach((json, k) => this.insert.run(first + k, json)))();
  }

  *[Symbol.iterator](): Iterator<PageResult> {
    this.flush();
    for (const json of this.select.iterate() as Iterable<string>) yield JSON.parse(json) as PageResult;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Grows as it is written: one 32-bit number per link. */
class IntColumn {
  private data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i];
  }
}

/**
 * Every link of a crawl, compact (each URL and link text kept once, a link is three numbers): the site audits
 * read it as SiteLinks, as often as they like. Millions of links fit in tens of MB instead of GBs of objects.
 */
export class LinkTable implements Iterable<SiteLink> {
  private strings: string[] = [];
  private ids = new Map<string, number>();
  private from = new IntColumn();
  private to = new IntColumn();
  /** Link text id, negated when the link is nofollow (ids start at 1). */
  private text = new IntColumn();

  private id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.strings.length + 1;
      this.ids.set(s, i);
      this.strings.push(s);
    }
    return i;
  }

  get length(): number {
    return this.from.length;
  }

  add(link: SiteLink): void {
    this.from.push(this.id(link.from));
    this.to.push(this.id(link.to));
    const t = this.id(link.text);
    this.text.push(link.nofollow ? -t : t);
  }

  *[Symbol.iterator](): Iterator<SiteLink> {
    for (let i = 0; i < this.from.length; i++) {
      const t = this.text.at(i);
      yield { from: this.strings[this.from.at(i) - 1], to: this.strings[this.to.at(i) - 1], text: this.strings[Math.abs(t) - 1], nofollow: t < 0 };
    }
  }
}
