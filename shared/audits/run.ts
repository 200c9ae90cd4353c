import { AuditResultSchema, type AuditResult, type Findability, type PageArtifacts } from '../schemas/index.ts';
import { BLOCKING_AUDITS, FINDABILITY_AUDITS, type AuditRef } from './config.ts';
import { googlebotMayCrawl, isNoindexForGoogle } from './lib/robots.ts';
import { PAGE_AUDITS } from './registry.ts';
import type { AuditContext, AuditDefinition } from './types.ts';

/** Audits that still say something about a page that failed to load (status ≥ 400). */
const RUN_ON_ERROR_PAGES = new Set(['http-status-code', 'robots-txt']);

export interface RunAuditsOptions {
  audits?: AuditDefinition[];
  weights?: AuditRef[];
  context?: AuditContext;
}

/** Runs every audit on a page. An audit that throws becomes an `error` result; the others still run. */
export function runAudits(artifacts: PageArtifacts, options: RunAuditsOptions = {}): AuditResult[] {
  return auditOutcomes(artifacts, options).map((o) => o.result());
}

/** An audit's result before validation (`raw`), and validated as `runAudits` returns it (`result()`). */
export interface AuditOutcome {
  raw: RawAuditResult;
  result(): AuditResult;
}
/** What an audit result is made of before AuditResultSchema fills its defaults (weight absent means 0). */
export type RawAuditResult = Pick<AuditResult, 'id' | 'title' | 'score'> & Partial<AuditResult>;

/**
 * Every audit run on the page, each result not yet validated: a caller that validates the whole page result
 * at once (pageResultFrom) need not validate each audit a second time; `result()` is what runAudits gives.
 */
export function auditOutcomes(artifacts: PageArtifacts, options: RunAuditsOptions = {}): AuditOutcome[] {
  const audits = options.audits ?? PAGE_AUDITS;
  const weights = new Map((options.weights ?? FINDABILITY_AUDITS).map((r) => [r.id, r.weight]));
  const failedPage = artifacts.fetchError != null || artifacts.status >= 400 || !artifacts.isHtml;
  const fixed = (raw: RawAuditResult): AuditOutcome => ({ raw, result: () => AuditResultSchema.parse(raw) });
  return audits.map((audit): AuditOutcome => {
    const base = { id: audit.meta.id, title: audit.meta.title };
    if (failedPage && !RUN_ON_ERROR_PAGES.has(audit.meta.id)) {
      const why = artifacts.isHtml ? `HTTP ${artifacts.status}` : `not an HTML page (${artifacts.contentType ?? 'unknown type'})`;
      return fixed({ ...base, score: null, scoreDisplayMode: 'notApplicable', explanation: `Not checked: ${why}.` });
    }
    const missing = missingArtifact(artifacts, audit.meta.requires);
    if (missing) return fixed({ ...base, score: null, scoreDisplayMode: 'error', errorMessage: missing });
    const failed = (e: unknown): RawAuditResult => ({ ...base, score: null, scoreDisplayMode: 'error', errorMessage: e instanceof Error ? e.message : String(e) });
    let raw: RawAuditResult;
    try {
      const out = audit.run(requiredArtifacts(artifacts, audit.meta.requires), options.context ?? {});
      const mode = out.notApplicable ? 'notApplicable' : (out.scoreDisplayMode ?? (out.score === null ? 'informative' : out.score % 1 === 0 ? 'binary' : 'numeric'));
      const applicable = mode === 'binary' || mode === 'numeric';
      raw = {
        ...base,
        title: out.score === 1 || !applicable ? audit.meta.title : audit.meta.failureTitle,
        score: applicable ? clamp01(out.score ?? 0) : null,
        scoreDisplayMode: mode,
        displayValue: out.displayValue,
        explanation: out.explanation,
        warnings: out.warnings ?? [],
        items: out.items ?? [],
        weight: applicable ? (weights.get(audit.meta.id) ?? 0) : 0,
      };
    } catch (e) {
      return fixed(failed(e));
    }
    // An audit's output the schema refuses is an error result, like a throw.
    return {
      raw,
      result: () => {
        try {
          return AuditResultSchema.parse(raw);
        } catch (e) {
          return AuditResultSchema.parse(failed(e));
        }
      },
    };
  });
}

/** Why an audit cannot run: a required artifact is absent or its gatherer failed (Lighthouse's "Required X gatherer did not run"). */
function missingArtifact(artifacts: PageArtifacts, requires: readonly (keyof PageArtifacts)[]): string | null {
  for (const key of requires) {
    const failed = artifacts.gatherErrors?.[key];
    if (failed) return `Required ${key} gatherer failed: ${failed}`;
    if (artifacts[key] === undefined) return `Required ${key} artifact is missing`;
  }
  return null;
}

/** Only the declared artifacts: an audit that reads one it did not declare sees undefined and fails its tests. */
function requiredArtifacts<K extends keyof PageArtifacts>(artifacts: PageArtifacts, requires: readonly K[]): Pick<PageArtifacts, K> {
  const out = {} as Pick<PageArtifacts, K>;
  for (const key of requires) out[key] = artifacts[key];
  return out;
}

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

/**
 * Whether Google may index the page: 2xx, HTML, robots.txt lets Googlebot crawl it, and no noindex / none /
 * past unavailable_after for the generic agent or Googlebot (meta in <head> or X-Robots-Tag).
 */
export function isIndexable(a: PageArtifacts): boolean {
  if (a.fetchError || a.status < 200 || a.status >= 300 || !a.isHtml) return false;
  if (!googlebotMayCrawl(a)) return false;
  return !isNoindexForGoogle(a);
}

/** Weighted mean of the applicable audits; a failing blocking audit makes the page unfindable. */
export function findability(audits: Array<Pick<AuditResult, 'id' | 'title' | 'score'> & { weight?: number }>, indexable: boolean): Findability {
  let total = 0;
  let weighted = 0;
  const failing: Findability['failing'] = [];
  let blocked = !indexable;
  for (const r of audits) {
    if (r.score === null || r.weight === undefined || r.weight <= 0) continue;
    total += r.weight;
    weighted += r.weight * r.score;
    if (r.score < 1) failing.push({ id: r.id, title: r.title, lost: r.weight * (1 - r.score) });
    if (BLOCKING_AUDITS.has(r.id) && r.score === 0) blocked = true;
  }
  failing.sort((x, y) => y.lost - x.lost);
  const score = blocked ? 0 : total > 0 ? weighted / total : 0;
  return { score: Math.round(score * 1000) / 1000, indexable: indexable && !blocked, failing: failing.map((f) => ({ ...f, lost: Math.round((f.lost / (total || 1)) * 1000) / 1000 })) };
}
