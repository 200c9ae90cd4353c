import type { Stage, TrendEvent } from '../../shared/schemas/index.ts';
import { STAGES } from '../../shared/schemas/question.ts';
import type { PageSnapshot, QuestionSnapshot, RunSnapshot, RunSummary } from './snapshot.ts';

/**
 * What changed between two recorded runs, and why: per question gained/lost/better/worse with the
 * page and the factor that moved (page removed, noindex added, price added…), most important first.
 */

/** A visibility move smaller than this (0..1) is noise between two crawls, not a change. */
const MIN_DELTA = 0.02;
/** A factor (0..1) that moved less than this is not named as a reason. */
const MIN_FACTOR_DELTA = 0.05;

export type ChangeKind = 'gained' | 'lost' | 'better' | 'worse' | 'added' | 'removed';

export interface QuestionChange {
  questionId: string;
  text: string;
  stage: Stage;
  weight: number;
  kind: ChangeKind;
  /** Visibility 0..100 before and after (null when the question was not in that run). */
  before: number | null;
  after: number | null;
  pageBefore: string | null;
  pageAfter: string | null;
  /** Why, in words, the strongest reason first. */
  reasons: string[];
  /** weight × visibility moved, plus half the weight when answered flipped: the sort key. */
  importance: number;
}

export interface SiteChanges {
  pagesAdded: string[];
  pagesRemoved: string[];
  /** Pages told not to be indexed that were not before, and the reverse. */
  noindexAdded: string[];
  noindexRemoved: string[];
  questionsAdded: string[];
  questionsRemoved: string[];
  configChanged: boolean;
}

export interface RunDiff {
  from: RunSummary;
  to: RunSummary;
  scores: { zmot: [number | null, number | null]; stages: Record<Stage, [number | null, number | null]> };
  site: SiteChanges;
  questions: QuestionChange[];
}


// A fixed problem note, said as what was done; anything else is quoted as it is.
const NOTE_PHRASES: Array<[RegExp, string, string]> = [
  [/^no price on the page/, 'price added', 'price removed'],
  [/^no ordered steps/, 'ordered steps added', 'ordered steps removed'],
  [/^no definition/, 'definition added near the top', 'definition no longer near the top'],
  [/^no comparison table/, 'comparison table added', 'comparison table removed'],
  [/^no pros and cons/, 'pros and cons added', 'pros and cons removed'],
  [/^no reviews or ratings/, 'reviews or ratings added', 'reviews or ratings removed'],
  [/^no free trial or demo/, 'free trial or demo mentioned', 'free trial or demo no longer mentioned'],
  [/^no duration or date/, 'duration or date stated', 'duration or date no longer stated'],
  [/^no list of requirements/, 'list of requirements added', 'list of requirements removed'],
  [/^no alternatives named/, 'alternatives named', 'alternatives no longer named'],
  [/^competitor (.+) not named/, 'competitor $1 named', 'competitor $1 no longer named'],
];

function notePhrase(note: string, fixed: boolean): string {
  for (const [re, done, undone] of NOTE_PHRASES) if (re.test(note)) return note.replace(re, fixed ? done : undone).replace(/ \(.*\)$/, '');
  return fixed ? `fixed: "${note}"` : `new problem: "${note}"`;
}

const pts = (v: number | null) => (v == null ? '–' : String(Math.round(v)));

export function siteChanges(a: RunSnapshot, b: RunSnapshot): SiteChanges {
  const pa = new Map(a.pages.map((p) => [p.path, p]));
  const pb = new Map(b.pages.map((p) => [p.path, p]));
  const live = (p: PageSnapshot | undefined) => Boolean(p && p.status > 0 && p.status < 400);
  const qa = new Set(a.questions.map((q) => q.id));
  const qb = new Set(b.questions.map((q) => q.id));
  return {
    pagesAdded: [...pb.keys()].filter((k) => live(pb.get(k)) && !live(pa.get(k))).sort(),
    pagesRemoved: [...pa.keys()].filter((k) => live(pa.get(k)) && !live(pb.get(k))).sort(),
    noindexAdded: [...pb.values()].filter((p) => p.noindex && pa.has(p.path) && !pa.get(p.path)!.noindex).map((p) => p.path).sort(),
    noindexRemoved: [...pb.values()].filter((p) => !p.noindex && pa.get(p.path)?.noindex).map((p) => p.path).sort(),
    questionsAdded: b.questions.filter((q) => !qa.has(q.id)).map((q) => q.text),
    questionsRemoved: a.questions.filter((q) => !qb.has(q.id)).map((q) => q.text),
    configChanged: a.run.configHash !== b.run.configHash,
  };
}

/** Why one page stopped (or started) serving answers: gone, an error, noindex, not indexable. */
function pageFate(path: string, before: PageSnapshot | undefined, after: PageSnapshot | undefined): string | null {
  if (before && !after) return `page ${path} removed (not found in the crawl any more)`;
  if (!before && after) return `page ${path} added`;
  if (!before || !after) return null;
  const okBefore = before.status > 0 && before.status < 400;
  const okAfter = after.status > 0 && after.status < 400;
  if (okBefore && !okAfter) return `page ${path} removed (now HTTP ${after.status || 'error'})`;
  if (!okBefore && okAfter) return `page ${path} is back (HTTP ${after.status})`;
  if (!before.noindex && after.noindex) return `noindex added on ${path}`;
  if (before.noindex && !after.noindex) return `noindex removed from ${path}`;
  if (before.indexable && !after.indexable) return `${path} no longer indexable${after.canonical && after.canonical !== path ? ` (canonical points to ${after.canonical})` : ''}`;
  if (!before.indexable && after.indexable) return `${path} indexable again`;
  return null;
}

function factorReasons(a: QuestionSnapshot, b: QuestionSnapshot): string[] {
  const out: string[] = [];
  const page = b.bestUrl!;
  const fixed = a.notes.filter((n) => !b.notes.includes(n));
  const broken = b.notes.filter((n) => !a.notes.includes(n));
  for (const n of broken) out.push(`${notePhrase(n, false)} on ${page}`);
  for (const n of fixed) out.push(`${notePhrase(n, true)} on ${page}`);
  if (a.factors && b.factors) {
    for (const f of ['relevance', 'shape', 'directness', 'tone'] as const) {
      const d = b.factors[f] - a.factors[f];
      if (Math.abs(d) >= MIN_FACTOR_DELTA) out.push(`${f} ${pts(a.factors[f] * 100)} → ${pts(b.factors[f] * 100)}`);
    }
  }
  if (a.findability != null && b.findability != null && Math.abs(b.findability - a.findability) >= MIN_FACTOR_DELTA) {
    out.push(`findability of ${page} ${pts(a.findability * 100)} → ${pts(b.findability * 100)}`);
  }
  return out;
}

function explain(a: QuestionSnapshot, b: QuestionSnapshot, pa: Map<string, PageSnapshot>, pb: Map<string, PageSnapshot>): string[] {
  const reasons: string[] = [];
  const before = a.bestUrl;
  const after = b.bestUrl;
  if (before && before !== after) {
    const fate = pageFate(before, pa.get(before), pb.get(before));
    if (fate) reasons.push(fate);
  }
  if (after && after !== before) {
    const fate = pageFate(after, pa.get(after), pb.get(after));
    if (fate) reasons.push(fate);
  }
  if (before && after && before !== after) reasons.push(`best answer moved from ${before} to ${after}`);
  else if (!after && before) reasons.push('no page answers it any more');
  else if (after && !before) reasons.push(`now answered by ${after}`);
  if (before && after && before === after) {
    const fate = pageFate(after, pa.get(after), pb.get(after));
    if (fate) reasons.push(fate);
    reasons.push(...factorReasons(a, b));
  }
  return reasons.length ? reasons : ['the scores of the pages moved (no single page or factor explains it)'];
}

export function diffRuns(a: RunSnapshot, b: RunSnapshot): RunDiff {
  const pa = new Map(a.pages.map((p) => [p.path, p]));
  const pb = new Map(b.pages.map((p) => [p.path, p]));
  const qa = new Map(a.questions.map((q) => [q.id, q]));
  const changes: QuestionChange[] = [];
  for (const q of b.questions) {
    const old = qa.get(q.id);
    if (!old) {
      changes.push({ questionId: q.id, text: q.text, stage: q.stage, weight: q.weight, kind: 'added', before: null, after: q.visibility * 100, pageBefore: null, pageAfter: q.bestUrl, reasons: ['question added to the config'], importance: q.weight * q.visibility });
      continue;
    }
    const delta = q.visibility - old.visibility;
    const flipped = q.answered !== old.answered;
    if (!flipped && Math.abs(delta) < MIN_DELTA) continue;
    const kind: ChangeKind = flipped ? (q.answered ? 'gained' : 'lost') : delta > 0 ? 'better' : 'worse';
    changes.push({
      questionId: q.id,
      text: q.text,
      stage: q.stage,
      weight: q.weight,
      kind,
      before: old.visibility * 100,
      after: q.visibility * 100,
      pageBefore: old.bestUrl,
      pageAfter: q.bestUrl,
      reasons: explain(old, q, pa, pb),
      importance: q.weight * Math.abs(delta) + (flipped ? q.weight * 0.5 : 0),
    });
  }
  const kept = new Set(b.questions.map((q) => q.id));
  for (const q of a.questions) {
    if (kept.has(q.id)) continue;
    changes.push({ questionId: q.id, text: q.text, stage: q.stage, weight: q.weight, kind: 'removed', before: q.visibility * 100, after: null, pageBefore: q.bestUrl, pageAfter: null, reasons: ['question no longer in the config'], importance: q.weight * q.visibility });
  }
  changes.sort((x, y) => y.importance - x.importance || x.text.localeCompare(y.text));
  return {
    from: a.run,
    to: b.run,
    scores: {
      zmot: [a.run.zmot, b.run.zmot],
      stages: Object.fromEntries(STAGES.map((s) => [s, [a.run.stages[s], b.run.stages[s]]])) as RunDiff['scores']['stages'],
    },
    site: siteChanges(a, b),
    questions: changes,
  };
}

function list(paths: string[], max = 3): string {
  const shown = paths.slice(0, max).join(', ');
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}

/** The events between two consecutive runs that can explain a jump in the trend chart. */
export function trendEvents(a: RunSnapshot, b: RunSnapshot): TrendEvent[] {
  const s = siteChanges(a, b);
  const runId = b.run.id;
  const out: TrendEvent[] = [];
  if (s.configChanged) out.push({ runId, kind: 'config-changed', message: 'config changed' });
  if (s.pagesAdded.length) out.push({ runId, kind: 'pages-added', message: `${s.pagesAdded.length} page(s) added: ${list(s.pagesAdded)}` });
  if (s.pagesRemoved.length) out.push({ runId, kind: 'pages-removed', message: `${s.pagesRemoved.length} page(s) removed: ${list(s.pagesRemoved)}` });
  if (s.noindexAdded.length) out.push({ runId, kind: 'pages-noindexed', message: `noindex added on ${list(s.noindexAdded)}` });
  if (s.noindexRemoved.length) out.push({ runId, kind: 'pages-indexable', message: `noindex removed from ${list(s.noindexRemoved)}` });
  if (s.questionsAdded.length) out.push({ runId, kind: 'questions-added', message: `${s.questionsAdded.length} question(s) added` });
  if (s.questionsRemoved.length) out.push({ runId, kind: 'questions-removed', message: `${s.questionsRemoved.length} question(s) removed` });
  return out;
}

function signed(a: number | null, b: number | null): string {
  if (a == null || b == null) return `${pts(a)} → ${pts(b)}`;
  const d = Math.round(b) - Math.round(a);
  return `${pts(a)} → ${pts(b)} (${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d)})`;
}

/** One line per question change: "lost · how to … (98 → 12): page /x removed". */
export function changeLine(c: QuestionChange): string {
  return `${c.kind} · ${c.stage} · "${c.text}" (${pts(c.before)} → ${pts(c.after)}): ${c.reasons.join('; ')}`;
}

/** The "since last run" lines of summary.md and the console: scores, site changes, top question changes. */
export function sinceLastLines(d: RunDiff, maxQuestions = 5): string[] {
  const lines = [`ZMOT ${signed(d.scores.zmot[0], d.scores.zmot[1])} since run #${d.from.id} (${d.from.recordedAt.slice(0, 16).replace('T', ' ')} UTC)`];
  const stages = STAGES.filter((s) => Math.round(d.scores.stages[s][0] ?? -1) !== Math.round(d.scores.stages[s][1] ?? -1)).map((s) => `${s} ${signed(d.scores.stages[s][0], d.scores.stages[s][1])}`);
  if (stages.length) lines.push(stages.join(' · '));
  const s = d.site;
  if (s.configChanged) lines.push('config changed');
  if (s.pagesAdded.length) lines.push(`${s.pagesAdded.length} page(s) added: ${list(s.pagesAdded)}`);
  if (s.pagesRemoved.length) lines.push(`${s.pagesRemoved.length} page(s) removed: ${list(s.pagesRemoved)}`);
  if (s.noindexAdded.length) lines.push(`noindex added on ${list(s.noindexAdded)}`);
  if (s.noindexRemoved.length) lines.push(`noindex removed from ${list(s.noindexRemoved)}`);
  for (const c of d.questions.slice(0, maxQuestions)) lines.push(changeLine(c));
  if (d.questions.length > maxQuestions) lines.push(`…and ${d.questions.length - maxQuestions} more question change(s): zmot history diff ${d.from.id} ${d.to.id}`);
  if (lines.length === 1 && !d.questions.length) lines.push('no question changed');
  return lines;
}
