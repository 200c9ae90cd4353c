import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { UsageError } from '../errors.ts';
import type { TrendEvent } from '../../shared/schemas/index.ts';
import type { RunSnapshot, RunSummary } from './snapshot.ts';

/**
 * The project history: one SQLite file holding every recorded run of `zmot crawl / ci / report`
 * (scores, per-question results, per-page facts, issue counts). A run is written in one transaction:
 * a process killed mid-write leaves the file with exactly the runs it had before.
 */
export const HISTORY_FILE = 'history.sqlite';
/** PRAGMA application_id of our history files ("ZMOH"): a foreign SQLite file is refused, not altered. */
const APPLICATION_ID = 0x5a4d4f48;
const SCHEMA_VERSION = 1;

const MESSAGES = {
  notHistory: (file: string, why: string) => `${file}: not a ZMOT Lens history file (${why})`,
  foreign: (file: string) => `${file}: not a ZMOT Lens history file (an SQLite database of another tool)`,
  newer: (file: string, v: number) => `${file}: written by a newer ZMOT Lens (history schema ${v}, this one reads ${SCHEMA_VERSION})`,
  missing: (file: string) => `no history at ${file}: record runs first with --history on zmot crawl, ci or report`,
  noRun: (id: string) => `no run ${id} in the history (see zmot history)`,
};

const SCHEMA = `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  recorded_at TEXT NOT NULL,
  command TEXT NOT NULL,
  site TEXT NOT NULL,
  site_name TEXT,
  start_url TEXT NOT NULL,
  crawl_started_at TEXT,
  config_hash TEXT NOT NULL,
  config TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  zmot REAL, interest REAL, comparison REAL, purchase REAL,
  personas TEXT NOT NULL,
  pages INTEGER NOT NULL,
  indexable INTEGER NOT NULL,
  questions INTEGER NOT NULL,
  answered INTEGER NOT NULL,
  gaps INTEGER NOT NULL,
  issues_error INTEGER NOT NULL, issues_warning INTEGER NOT NULL, issues_notice INTEGER NOT NULL
);
CREATE INDEX runs_site ON runs (site, id);
CREATE TABLE run_questions (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  pos INTEGER NOT NULL,
  qid TEXT NOT NULL, text TEXT NOT NULL, stage TEXT NOT NULL, persona TEXT, weight REAL NOT NULL, lang TEXT,
  visibility REAL NOT NULL, answered INTEGER NOT NULL,
  best_url TEXT, best_heading TEXT, answer REAL, findability REAL, factors TEXT, notes TEXT NOT NULL,
  gap_missing TEXT,
  PRIMARY KEY (run_id, qid)
) WITHOUT ROWID;
CREATE TABLE run_pages (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  path TEXT NOT NULL, status INTEGER NOT NULL, indexable INTEGER NOT NULL, noindex INTEGER NOT NULL,
  canonical TEXT, in_sitemap INTEGER, title TEXT, words INTEGER NOT NULL, findability REAL NOT NULL, failing TEXT NOT NULL,
  PRIMARY KEY (run_id, path)
) WITHOUT ROWID;
CREATE TABLE run_events (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  kind TEXT NOT NULL, message TEXT NOT NULL
);
CREATE TABLE run_issues (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  type TEXT NOT NULL, severity TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (run_id, type, severity)
) WITHOUT ROWID;
`;

/** `--history DIR` (or the config's `history`): a folder holds history.sqlite; a .sqlite path or an existing file is the file itself. */
export function historyFileFor(target: string): string {
  const resolved = path.resolve(target);
  if (existsSync(resolved) && statSync(resolved).isFile()) return resolved;
  if (/\.(sqlite3?|db)$/i.test(resolved)) return resolved;
  return path.join(resolved, HISTORY_FILE);
}

interface RunRow {
  id: number;
  recorded_at: string;
  command: string;
  site: string;
  site_name: string | null;
  start_url: string;
  crawl_started_at: string | null;
  config_hash: string;
  config: string;
  tool_version: string;
  zmot: number | null;
  interest: number | null;
  comparison: number | null;
  purchase: number | null;
  personas: string;
  pages: number;
  indexable: number;
  questions: number;
  answered: number;
  gaps: number;
  issues_error: number;
  issues_warning: number;
  issues_notice: number;
}

function summaryOf(r: RunRow): RunSummary {
  return {
    id: r.id,
    recordedAt: r.recorded_at,
    command: r.command,
    site: r.site,
    siteName: r.site_name,
    startUrl: r.start_url,
    crawlStartedAt: r.crawl_started_at,
    configHash: r.config_hash,
    toolVersion: r.tool_version,
    zmot: r.zmot,
    stages: { interest: r.interest, comparison: r.comparison, purchase: r.purchase },
    personas: JSON.parse(r.personas) as Record<string, number>,
    pages: r.pages,
    indexable: r.indexable,
    questions: r.questions,
    answered: r.answered,
    gaps: r.gaps,
    issues: { error: r.issues_error, warning: r.issues_warning, notice: r.issues_notice },
  };
}

export class HistoryStore {
  private constructor(
    readonly file: string,
    private readonly db: Database.Database,
  ) {}

  /**
   * Opens (or, unless readonly, creates) a history file. Anything that is not one of ours — a text
   * file, a crawl store, a damaged database, a newer schema — is a one-line UsageError.
   */
  static open(file: string, options: { readonly?: boolean } = {}): HistoryStore {
    const exists = existsSync(file);
    if (!exists && options.readonly) throw new UsageError(MESSAGES.missing(file));
    if (!exists) mkdirSync(path.dirname(file), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: Boolean(options.readonly) && exists, fileMustExist: Boolean(options.readonly) });
    } catch (e) {
      throw new UsageError(MESSAGES.notHistory(file, (e as Error).message));
    }
    try {
      // Reading the header is what reveals a file that is not a database at all.
      const appId = db.pragma('application_id', { simple: true }) as number;
      const version = db.pragma('user_version', { simple: true }) as number;
      const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
      if (appId === 0 && version === 0 && tables === 0) {
        if (options.readonly) throw new UsageError(MESSAGES.missing(file));
        db.pragma('journal_mode = WAL');
        db.transaction(() => {
          db.exec(SCHEMA);
          db.pragma(`application_id = ${APPLICATION_ID}`);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        })();
      } else if (appId !== APPLICATION_ID) {
        throw new UsageError(MESSAGES.foreign(file));
      } else if (version > SCHEMA_VERSION) {
        throw new UsageError(MESSAGES.newer(file, version));
      }
      if (!options.readonly) db.pragma('journal_mode = WAL');
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new UsageError(MESSAGES.notHistory(file, `damaged: ${String(check)}`));
    } catch (e) {
      db.close();
      if (e instanceof UsageError) throw e;
      throw new UsageError(MESSAGES.notHistory(file, (e as Error).message));
    }
    return new HistoryStore(file, db);
  }

  close(): void {
    this.db.close();
  }

  /** Records a run in one transaction; returns its id. `beforeCommit` is a test hook (kill mid-write). */
  record(snapshot: RunSnapshot, events: Array<Omit<TrendEvent, 'runId'>> = [], beforeCommit?: () => void): number {
    const r = snapshot.run;
    const insertRun = this.db.prepare(`INSERT INTO runs (recorded_at, command, site, site_name, start_url, crawl_started_at, config_hash, config, tool_version,
      zmot, interest, comparison, purchase, personas, pages, indexable, questions, answered, gaps, issues_error, issues_warning, issues_notice)
      VALUES (@recordedAt, @command, @site, @siteName, @startUrl, @crawlStartedAt, @configHash, @config, @toolVersion,
      @zmot, @interest, @comparison, @purchase, @personas, @pages, @indexable, @questions, @answered, @gaps, @issuesError, @issuesWarning, @issuesNotice)`);
    const insertQuestion = this.db.prepare(`INSERT INTO run_questions VALUES (@runId, @pos, @qid, @text, @stage, @persona, @weight, @lang, @visibility, @answered,
      @bestUrl, @bestHeading, @answer, @findability, @factors, @notes, @gapMissing)`);
    const insertPage = this.db.prepare(`INSERT OR REPLACE INTO run_pages VALUES (@runId, @path, @status, @indexable, @noindex, @canonical, @inSitemap, @title, @words, @findability, @failing)`);
    const insertIssue = this.db.prepare('INSERT INTO run_issues VALUES (?, ?, ?, ?)');
    const insertEvent = this.db.prepare('INSERT INTO run_events VALUES (?, ?, ?)');
    return this.db.transaction(() => {
      const { lastInsertRowid } = insertRun.run({
        recordedAt: r.recordedAt,
        command: r.command,
        site: r.site,
        siteName: r.siteName,
        startUrl: r.startUrl,
        crawlStartedAt: r.crawlStartedAt,
        configHash: r.configHash,
        config: snapshot.config,
        toolVersion: r.toolVersion,
        zmot: r.zmot,
        interest: r.stages.interest,
        comparison: r.stages.comparison,
        purchase: r.stages.purchase,
        personas: JSON.stringify(r.personas),
        pages: r.pages,
        indexable: r.indexable,
        questions: r.questions,
        answered: r.answered,
        gaps: r.gaps,
        issuesError: r.issues.error,
        issuesWarning: r.issues.warning,
        issuesNotice: r.issues.notice,
      });
      const runId = Number(lastInsertRowid);
      for (const [pos, q] of snapshot.questions.entries()) {
        insertQuestion.run({
          runId,
          pos,
          qid: q.id,
          text: q.text,
          stage: q.stage,
          persona: q.persona,
          weight: q.weight,
          lang: q.lang,
          visibility: q.visibility,
          answered: q.answered ? 1 : 0,
          bestUrl: q.bestUrl,
          bestHeading: q.bestHeading,
          answer: q.answer,
          findability: q.findability,
          factors: q.factors ? JSON.stringify(q.factors) : null,
          notes: JSON.stringify(q.notes),
          gapMissing: q.gapMissing ? JSON.stringify(q.gapMissing) : null,
        });
      }
      for (const p of snapshot.pages) {
        insertPage.run({ runId, path: p.path, status: p.status, indexable: p.indexable ? 1 : 0, noindex: p.noindex ? 1 : 0, canonical: p.canonical, inSitemap: p.inSitemap == null ? null : p.inSitemap ? 1 : 0, title: p.title, words: p.words, findability: p.findability, failing: JSON.stringify(p.failing) });
      }
      for (const i of snapshot.issues) insertIssue.run(runId, i.type, i.severity, i.count);
      for (const e of events) insertEvent.run(runId, e.kind, e.message);
      beforeCommit?.();
      return runId;
    })();
  }

  /** Runs, oldest first; only one site's when `site` is given. */
  runs(site?: string): RunSummary[] {
    const rows = site
      ? (this.db.prepare('SELECT * FROM runs WHERE site = ? ORDER BY id').all(site) as RunRow[])
      : (this.db.prepare('SELECT * FROM runs ORDER BY id').all() as RunRow[]);
    return rows.map(summaryOf);
  }

  /** Events recorded with a site's runs (what changed since the run before), oldest first. */
  events(site: string): TrendEvent[] {
    const rows = this.db.prepare('SELECT e.run_id AS runId, e.kind, e.message FROM run_events e JOIN runs r ON r.id = e.run_id WHERE r.site = ? ORDER BY e.run_id, e.rowid').all(site);
    return rows as TrendEvent[];
  }

  /** A whole run (summary, questions, pages, issues). `ref` is an id, or `last` / `last~N` (N runs before the last). */
  load(ref: string): RunSnapshot {
    const id = this.resolve(ref);
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    if (!row) throw new UsageError(MESSAGES.noRun(ref));
    const questions = (this.db.prepare('SELECT * FROM run_questions WHERE run_id = ? ORDER BY pos').all(id) as Array<Record<string, unknown>>).map((q) => ({
      id: q.qid as string,
      text: q.text as string,
      stage: q.stage as RunSnapshot['questions'][number]['stage'],
      persona: (q.persona as string | null) ?? null,
      weight: q.weight as number,
      lang: (q.lang as string | null) ?? null,
      visibility: q.visibility as number,
      answered: q.answered === 1,
      bestUrl: (q.best_url as string | null) ?? null,
      bestHeading: (q.best_heading as string | null) ?? null,
      answer: (q.answer as number | null) ?? null,
      findability: (q.findability as number | null) ?? null,
      factors: q.factors ? JSON.parse(q.factors as string) : null,
      notes: JSON.parse(q.notes as string) as string[],
      gapMissing: q.gap_missing ? (JSON.parse(q.gap_missing as string) as string[]) : null,
    }));
    const pages = (this.db.prepare('SELECT * FROM run_pages WHERE run_id = ?').all(id) as Array<Record<string, unknown>>).map((p) => ({
      path: p.path as string,
      status: p.status as number,
      indexable: p.indexable === 1,
      noindex: p.noindex === 1,
      canonical: (p.canonical as string | null) ?? null,
      inSitemap: p.in_sitemap == null ? null : p.in_sitemap === 1,
      title: (p.title as string | null) ?? null,
      words: p.words as number,
      findability: p.findability as number,
      failing: JSON.parse(p.failing as string) as string[],
    }));
    const issues = this.db.prepare('SELECT type, severity, count FROM run_issues WHERE run_id = ?').all(id) as RunSnapshot['issues'];
    return { run: summaryOf(row), config: row.config, questions, pages, issues };
  }

  private resolve(ref: string): number {
    const m = /^last(?:~(\d+))?$/.exec(ref.trim());
    if (m) {
      const back = Number(m[1] ?? 0);
      const row = this.db.prepare('SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?').get(back) as { id: number } | undefined;
      if (!row) throw new UsageError(MESSAGES.noRun(ref));
      return row.id;
    }
    if (!/^\d+$/.test(ref.trim())) throw new UsageError(`run must be a run id (a number), last or last~N, got: ${ref}`);
    return Number(ref);
  }
}
