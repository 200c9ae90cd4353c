import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { PageResult } from '../../shared/schemas/index.ts';
import type { SiteLink } from './integrations.ts';
import type { ReportPages } from './write-file.ts';

/** Page files live in folders named `zmot-report-<pid>-<random>`: the pid says whose a leftover is. */
const PREFIX = 'zmot-report-';
const OWNED = /^zmot-report-(\d+)-/;

/** The page files this process has open: removed when it exits or is stopped by a signal. */
const open = new Set<PageSpill>();
/** Folders already swept for leftovers of dead processes (once per folder per process). */
const swept = new Set<string>();
let hooked = false;

function closeAll(): void {
  for (const spill of [...open]) spill.close();
}

/**
 * Ctrl-C or a kill while a report is built: with no one else listening for the signal (`zmot report`), the page
 * files are removed and the signal is raised again, so the process ends as it would have (exit 130 / 143).
 * When the command listens itself (`zmot crawl` stops cleanly on the first Ctrl-C), it decides, and the
 * page files go with the process's exit.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return;
  closeAll();
  unhook();
  process.kill(process.pid, signal);
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function hook(): void {
  if (hooked || !isMainThread) return;
  hooked = true;
  process.on('exit', closeAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', closeAll);
  for (const s of SIGNALS) process.off(s, onSignal);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but is someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the page files left in `parent` by reports whose process no longer runs (killed with SIGKILL, or
 * the machine stopped). Folders of live processes, and names without a pid, are left alone. Returns the
 * folders removed.
 */
export function removeStaleSpills(parent = os.tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = OWNED.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      rmSync(path.join(parent, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // another process removed it first, or it is not ours to remove: left alone
    }
  }
  return removed;
}

/**
 * A report's page results on disk while the report is built and written (a temporary SQLite file, removed on
 * close, on exit and on SIGINT/SIGTERM/SIGHUP; a SIGKILLed report's file is removed by the next report started
 * with the same temporary folder): each writer streams them back in crawl order, so a 100,000-page report never
 * holds every page at once.
 */
export class PageSpill implements ReportPages {
  /** The folder holding the page file (inside `parent`, the system's temporary folder unless given). */
  readonly dir: string;
  private db: Database.Database;
  private pending: string[] = [];
  private count = 0;
  private closed = false;
  private insert;
  private update;
  private select;
  private one;

  constructor(parent = os.tmpdir()) {
    if (!swept.has(parent)) {
      swept.add(parent);
      removeStaleSpills(parent);
    }
    this.dir = mkdtempSync(path.join(parent, `${PREFIX}${process.pid}-`));
    this.db = new Database(path.join(this.dir, 'pages.sqlite'));
    open.add(this);
    hook();
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
    open.delete(this);
    if (!open.size) unhook();
    try {
      this.db.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
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
