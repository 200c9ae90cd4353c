import { z } from 'zod';
import type { Assertion, CrawlReport, PageResult } from '../schemas/index.ts';

/** What one assertion concluded: a CI step shows these, JUnit/SARIF carry them. */
export const AssertionOutcomeSchema = z.object({
  id: z.string(),
  target: z.string(),
  level: z.enum(['warn', 'error']),
  passed: z.boolean(),
  actual: z.number().nullable(),
  expected: z.string(),
  message: z.string(),
  /** Offending URLs (pages failing an audit, issue URLs, the question's best page). */
  urls: z.array(z.string()).default([]),
});
export type AssertionOutcome = z.infer<typeof AssertionOutcomeSchema>;

export class AssertionConfigError extends Error {}

const STAGE_TARGETS = new Set(['interest', 'comparison', 'purchase']);

function matcher(pattern: string | undefined): (url: string) => boolean {
  if (!pattern) return () => true;
  const re = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (re) {
    let rx: RegExp;
    try {
      rx = new RegExp(re[1], re[2]);
    } catch {
      throw new AssertionConfigError(`urlPattern is not a valid regular expression: ${pattern}`);
    }
    return (url) => rx.test(url);
  }
  return (url) => url.includes(pattern);
}

function bounds(a: Assertion, defaults: { min?: number; max?: number }): { min?: number; max?: number; text: string } {
  const min = a.min ?? defaults.min;
  const max = a.max ?? defaults.max;
  const text = [min !== undefined ? `≥ ${min}` : '', max !== undefined ? `≤ ${max}` : ''].filter(Boolean).join(' and ') || 'any';
  return { min, max, text };
}

function within(v: number | null, b: { min?: number; max?: number }): boolean {
  if (v === null) return false;
  return (b.min === undefined || v >= b.min) && (b.max === undefined || v <= b.max);
}

/**
 * Evaluates config assertions against a report, the way Lighthouse CI asserts:
 * `score:zmot|interest|comparison|purchase` (min/max 0–100), `audit:<id>` (max failing pages, default 0),
 * `findability` (min per page, 0–100), `issue:<type>` (max count, default 0), `gaps[:stage]` (max count),
 * `question:<id>` (must be answered; min visibility 0–100 optional). `urlPattern` narrows page targets.
 */
export function evaluateAssertions(report: CrawlReport, assertions: Assertion[]): AssertionOutcome[] {
  const out: AssertionOutcome[] = [];
  assertions.forEach((a, index) => {
    if (a.level === 'off') return;
    const level = a.level;
    const id = a.id ?? `${a.target}${a.urlPattern ? ` @ ${a.urlPattern}` : ''}`;
    const match = matcher(a.urlPattern);
    const pages = report.pages.filter((p) => match(p.url));
    const [kind, ...rest] = a.target.split(':');
    const arg = rest.join(':');
    const push = (actual: number | null, b: ReturnType<typeof bounds>, what: string, urls: string[] = []) => {
      const passed = within(actual, b);
      out.push({ id, target: a.target, level, passed, actual, expected: b.text, urls, message: `${what}: ${actual === null ? 'not available' : round(actual)} (expected ${b.text})` });
    };
    switch (kind) {
      case 'score': {
        const b = bounds(a, {});
        if (b.min === undefined && b.max === undefined) throw new AssertionConfigError(`assertions[${index}] (${a.target}) needs min or max`);
        if (arg === 'zmot') push(report.scores?.zmot ?? null, b, 'ZMOT score');
        else if (STAGE_TARGETS.has(arg)) push(report.scores?.stages[arg as 'interest'] ?? null, b, `${arg} stage score`);
        else throw new AssertionConfigError(`assertions[${index}]: unknown score "${arg}" (use zmot, interest, comparison or purchase)`);
        return;
      }
      case 'audit': {
        if (!arg) throw new AssertionConfigError(`assertions[${index}]: audit target needs an audit id, e.g. audit:document-title`);
        const known = report.pages.some((p) => p.audits.some((x) => x.id === arg)) || report.siteAudits.some((x) => x.id === arg);
        if (!known && report.pages.length) throw new AssertionConfigError(`assertions[${index}]: no audit "${arg}" in this report`);
        // A site-wide audit (llms-txt, ai-crawler-access-site …) fails once, with the URLs its items name.
        const siteAudit = report.siteAudits.find((x) => x.id === arg);
        if (siteAudit && !report.pages.some((p) => p.audits.some((x) => x.id === arg))) {
          const failed = siteAudit.score !== null && siteAudit.score < 1;
          const urls = failed ? siteAudit.items.map((i) => i.url).filter((u): u is string => typeof u === 'string') : [];
          push(failed ? 1 : 0, bounds(a, { max: 0 }), `site audit ${arg} failing`, urls);
          return;
        }
        const failing = pages.filter((p) => failsAudit(p, arg)).map((p) => p.url);
        push(failing.length, bounds(a, { max: 0 }), `pages failing ${arg}`, failing);
        return;
      }
      case 'findability': {
        const b = bounds(a, { min: 50 });
        const low = pages.filter((p) => !within(p.findability.score * 100, b)).map((p) => p.url);
        const worst = pages.length ? Math.min(...pages.map((p) => p.findability.score * 100)) : null;
        out.push({ id, target: a.target, level, passed: low.length === 0, actual: worst, expected: b.text, urls: low, message: `${low.length} page(s) with findability outside ${b.text}${worst !== null ? ` (lowest ${round(worst)})` : ''}` });
        return;
      }
      case 'issue': {
        if (!arg) throw new AssertionConfigError(`assertions[${index}]: issue target needs an issue type, e.g. issue:broken-link`);
        const found = report.issues.filter((i) => i.type === arg && (!a.urlPattern || (i.url !== null && match(i.url))));
        push(found.length, bounds(a, { max: 0 }), `${arg} issues`, found.map((i) => i.url).filter((u): u is string => !!u));
        return;
      }
      case 'gaps': {
        if (arg && !STAGE_TARGETS.has(arg)) throw new AssertionConfigError(`assertions[${index}]: unknown stage "${arg}"`);
        const gaps = report.gaps.filter((g) => !arg || g.stage === arg);
        push(gaps.length, bounds(a, { max: 0 }), `${arg || 'all'} gaps`, gaps.map((g) => g.nearestUrl).filter((u): u is string => !!u));
        return;
      }
      case 'question': {
        const q = report.questions.find((x) => x.question.id === arg);
        if (!q) throw new AssertionConfigError(`assertions[${index}]: no question with id "${arg}" in this report`);
        const min = a.min;
        const ok = min === undefined ? q.answered : q.visibility * 100 >= min;
        out.push({
          id, target: a.target, level, passed: ok, actual: Math.round(q.visibility * 100), expected: min === undefined ? 'answered' : `visibility ≥ ${min}`,
          urls: q.best ? [q.best.url] : [],
          message: `"${q.question.text}" ${ok ? 'is answered' : 'is not answered well enough'} (visibility ${Math.round(q.visibility * 100)}${q.best ? `, best page ${q.best.url}` : ', no page answers it'})`,
        });
        return;
      }
      default:
        throw new AssertionConfigError(`assertions[${index}]: unknown target "${a.target}" (use score:, audit:, findability, issue:, gaps, question:)`);
    }
  });
  return out;
}

function failsAudit(p: PageResult, id: string): boolean {
  const r = p.audits.find((x) => x.id === id);
  return !!r && r.score !== null && r.score < 1;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
