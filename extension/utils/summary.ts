import type { PageSummary, ResultState } from '../../shared/schemas/extension.ts';
import type { PageAnalysis } from '../entrypoints/google.content/analyze.ts';

/** The results page in a few numbers: what the summary panel and the popup show. */
export function summarize(analysis: PageAnalysis, states: ReadonlyMap<string, ResultState>, extraNotices: readonly string[] = []): PageSummary {
  const stageCounts = { interest: 0, comparison: 0, purchase: 0, unknown: 0 };
  let scored = 0;
  for (const { result } of analysis.results) {
    const state = states.get(result.url);
    const stage = state?.status === 'scored' ? state.score.dominantStage : null;
    if (state?.status === 'scored') scored++;
    stageCounts[stage ?? 'unknown']++;
  }
  const brand = analysis.results.find((r) => r.party === 'brand');
  return {
    query: analysis.serp.query?.slice(0, 500) ?? null,
    stage: analysis.classification?.stage ?? null,
    confidence: analysis.classification?.confidence ?? null,
    organicCount: analysis.results.length,
    brandPosition: brand ? brand.result.position : null,
    // Each competitor once, at its best position (results come in page order).
    competitors: [...new Map(analysis.results.filter((r) => r.party === 'competitor').reverse().map((r) => [r.result.domain, r])).values()]
      .sort((a, b) => a.result.position - b.result.position)
      .slice(0, 100)
      .map((r) => ({ position: r.result.position, domain: r.result.domain.slice(0, 253), party: 'competitor' as const })),
    stageCounts,
    scored,
    peopleAlsoAsk: analysis.serp.peopleAlsoAsk.slice(0, 50).map((q) => q.slice(0, 500)),
    notices: [...analysis.notices, ...extraNotices].slice(0, 20).map((n) => n.slice(0, 300)),
    ...(analysis.aiOverview ? { aiOverview: analysis.aiOverview } : {}),
    ...(analysis.compare ? { compare: analysis.compare } : {}),
  };
}
