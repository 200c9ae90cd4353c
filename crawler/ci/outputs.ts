import type { AssertionOutcome } from '../../shared/ci/assertions.ts';
import type { Regression } from '../../shared/ci/baseline.ts';
import type { CrawlReport } from '../../shared/schemas/index.ts';
import { VERSION } from '../version.ts';

/** XML text and attribute escaping; strips characters XML 1.0 cannot carry at all. */
export function xml(s: unknown): string {
  return String(s ?? '')
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML: one test case per assertion and per baseline comparison, failures for error-level misses. */
export function toJUnit(outcomes: AssertionOutcome[], regressions: Regression[], report: CrawlReport, durationMs: number): string {
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const o of outcomes) {
    let body = '';
    if (!o.passed && o.level === 'error') {
      failures++;
      body = `<failure message="${xml(o.message)}" type="assertion">${xml([o.message, ...o.urls.slice(0, 50)].join('\n'))}</failure>`;
    } else if (!o.passed) {
      skipped++;
      body = `<skipped message="${xml(`warning: ${o.message}`)}"/>`;
    }
    cases.push(`    <testcase classname="zmot.assertions" name="${xml(o.id)}">${body}</testcase>`);
  }
  if (regressions.length) {
    failures++;
    const text = regressions.map((r) => r.message).join('\n');
    cases.push(`    <testcase classname="zmot.baseline" name="no regressions against the baseline"><failure message="${xml(`${regressions.length} regression(s)`)}" type="regression">${xml(text)}</failure></testcase>`);
  } else {
    cases.push('    <testcase classname="zmot.baseline" name="no regressions against the baseline"/>');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="zmot ci" tests="${cases.length}" failures="${failures}" time="${(durationMs / 1000).toFixed(3)}">
  <testsuite name="zmot ci: ${xml(report.site.origin)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${(durationMs / 1000).toFixed(3)}" timestamp="${xml(report.generatedAt)}">
${cases.join('\n')}
  </testsuite>
</testsuites>
`;
}

/** SARIF 2.1.0: failing assertions and regressions as results, page URLs as locations. */
export function toSarif(outcomes: AssertionOutcome[], regressions: Regression[], report: CrawlReport): string {
  const rules = new Map<string, { id: string; shortDescription: { text: string } }>();
  const results: unknown[] = [];
  const loc = (url: string) => ({ physicalLocation: { artifactLocation: { uri: url } } });
  for (const o of outcomes) {
    if (o.passed) continue;
    const ruleId = o.target;
    rules.set(ruleId, { id: ruleId, shortDescription: { text: `zmot assertion ${ruleId}` } });
    results.push({
      ruleId,
      level: o.level === 'error' ? 'error' : 'warning',
      message: { text: o.message },
      locations: (o.urls.length ? o.urls : [report.site.origin]).slice(0, 100).map(loc),
    });
  }
  for (const r of regressions) {
    const ruleId = `regression/${r.kind}`;
    rules.set(ruleId, { id: ruleId, shortDescription: { text: `Regression against the baseline: ${r.kind}` } });
    results.push({ ruleId, level: 'error', message: { text: r.message }, locations: [loc(r.url ?? report.site.origin)] });
  }
  return `${JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'ZMOT Lens', version: VERSION, informationUri: 'https://github.com/zmot-lens/zmot-lens', rules: [...rules.values()] } }, results }],
    },
    null,
    2,
  )}\n`;
}

/** GitHub Actions workflow commands; data is escaped as the runner requires. */
export function githubAnnotations(outcomes: AssertionOutcome[], regressions: Regression[]): string[] {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.passed) continue;
    lines.push(`::${o.level === 'error' ? 'error' : 'warning'} title=${prop(`zmot ${o.target}`)}::${data(o.message + (o.urls.length ? ` — ${o.urls.slice(0, 5).join(', ')}` : ''))}`);
  }
  for (const r of regressions) lines.push(`::error title=${prop(`zmot regression ${r.kind}`)}::${data(r.message)}`);
  return lines;
}
