import type { Config, CrawlReport, HistoryTrend, TrendPoint } from '../../shared/schemas/index.ts';
import { diffRuns, sinceLastLines, trendEvents } from './diff.ts';
import { HistoryStore, historyFileFor } from './store.ts';
import { snapshotOf, type RunSummary } from './snapshot.ts';
import type { ReportInput } from '../report/write-file.ts';

export { HistoryStore, historyFileFor } from './store.ts';

/** Runs shown in a report's trend chart: the most recent ones. */
const TREND_RUNS = 60;

export function trendPoint(r: RunSummary): TrendPoint {
  return { runId: r.id, recordedAt: r.recordedAt, zmot: r.zmot, stages: r.stages, pages: r.pages, questions: r.questions, configHash: r.configHash };
}

export interface RecordOptions {
  /** `--history DIR`, the config's `history`, or a .sqlite file. */
  history: string;
  config: Config | null;
  /** Which command recorded the run: crawl, ci, report. */
  command: string;
}

/**
 * Records a report's run in the project history and returns the report with its trend (earlier runs
 * of the same site, the events between them, and what changed since the last run) attached.
 */
export function recordRun<R extends ReportInput>(report: R, options: RecordOptions): R {
  const store = HistoryStore.open(historyFileFor(options.history));
  try {
    const snapshot = snapshotOf(report, options.config, options.command);
    const site = snapshot.run.site;
    const earlier = store.runs(site);
    const previous = earlier.length ? store.load(String(earlier[earlier.length - 1].id)) : null;
    const events = previous ? trendEvents(previous, snapshot).map(({ kind, message }) => ({ kind, message })) : [];
    const id = store.record(snapshot, events);
    const current = { ...snapshot, run: { ...snapshot.run, id } };
    const runs = store.runs(site).slice(-TREND_RUNS);
    const first = runs[0]?.id ?? id;
    const trend: HistoryTrend = {
      file: store.file,
      site,
      runs: runs.map(trendPoint),
      events: store.events(site).filter((e) => e.runId >= first),
      sinceLast: previous ? { previousRunId: previous.run.id, lines: sinceLastLines(diffRuns(previous, current)) } : null,
    };
    return { ...report, history: trend };
  } finally {
    store.close();
  }
}

/** What a command prints after recording: the run id and the "since last run" lines. */
export function historyLines(report: Pick<CrawlReport, 'history'>): string[] | null {
  const h = report.history;
  if (!h) return null;
  const last = h.runs[h.runs.length - 1];
  return [`Recorded as run #${last?.runId ?? '?'} in ${h.file}`, ...(h.sinceLast?.lines ?? ['first recorded run of this site'])];
}
