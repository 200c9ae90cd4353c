import {
  COMPARE_SCHEMA_VERSION,
  CompareReportSchema,
  type CompareQuestion,
  type CompareReport,
  type CompareSite,
  type CompareStage,
  type Config,
  type CrawlReport,
  type ProspectQuestion,
  type SiteAnswer,
  type Stage,
} from '../../shared/schemas/index.ts';
import { STAGES } from '../../shared/schemas/question.ts';
import { VERSION } from '../version.ts';

/** Two sites whose visibility differs by less than this (points) answer equally well: the brand keeps the question. */
const TIE_POINTS = 1;
const EXCERPT = 200;

/**
 * The config a competitor's site is scored with: the competitor is "the brand" (tone counts its own
 * name, comparisons must name its rivals), the brand and the other competitors are its competitors,
 * and the question set is the brand's, unchanged, so every site answers the same questions.
 */
export function configFromPointOfView(config: Config, competitor: string, questions: ProspectQuestion[]): Config {
  const own = config.competitors.find((c) => c.name === competitor);
  const rivals = [
    { name: config.brand.name, domains: config.brand.domains },
    ...config.products.map((p) => ({ name: p, domains: [] })),
    ...config.competitors.filter((c) => c.name !== competitor),
  ];
  return {
    ...config,
    brand: { name: competitor, domains: own?.domains ?? [] },
    products: [],
    competitors: rivals,
    templates: false,
    questions,
    questionFiles: [],
    history: undefined,
  };
}

/** The brand's config with its effective question set written out: templates and files expanded once. */
export function brandConfigWith(config: Config, questions: ProspectQuestion[]): Config {
  return { ...config, templates: false, questions, questionFiles: [], history: undefined };
}

export interface ComparedSite {
  site: CompareSite;
  report: CrawlReport;
}

function answerOf(site: string, report: CrawlReport, questionId: string): SiteAnswer {
  const q = report.questions.find((x) => x.question.id === questionId);
  const b = q?.best ?? null;
  return {
    site,
    visibility: Math.round((q?.visibility ?? 0) * 1000) / 10,
    answered: q?.answered ?? false,
    url: b?.url ?? null,
    heading: b?.heading ?? null,
    excerpt: b ? (b.excerpt.length > EXCERPT ? `${b.excerpt.slice(0, EXCERPT - 1)}…` : b.excerpt) : '',
  };
}

/** Scores of every site on the shared questions → who answers best, per question and per stage. */
export function compareSites(brand: string, questions: ProspectQuestion[], sites: ComparedSite[]): CompareReport {
  const order = new Map(sites.map((s, i) => [s.site.name, i]));
  const compared: CompareQuestion[] = questions.map((question) => {
    const answers = sites
      .map((s) => answerOf(s.site.name, s.report, question.id))
      // Best first; on a tie the brand comes first, then the config's order.
      .sort((a, b) => b.visibility - a.visibility || (a.site === brand ? -1 : b.site === brand ? 1 : (order.get(a.site) ?? 0) - (order.get(b.site) ?? 0)));
    const answering = answers.filter((a) => a.answered);
    let winner: string | null = answering[0]?.site ?? null;
    const brandAnswer = answers.find((a) => a.site === brand);
    // Within a point of the best, the brand holds its own.
    if (winner && winner !== brand && brandAnswer?.answered && answering[0].visibility - brandAnswer.visibility < TIE_POINTS) winner = brand;
    const best = winner ? answers.find((a) => a.site === winner)! : null;
    const next = best ? answers.filter((a) => a.site !== winner).reduce((m, a) => Math.max(m, a.visibility), 0) : 0;
    return {
      question,
      answers,
      winner,
      margin: best ? Math.max(0, Math.round((best.visibility - next) * 10) / 10) : 0,
      outcome: winner === null ? 'nobody' : winner === brand ? 'brand-wins' : 'brand-loses',
    };
  });

  const stages: CompareStage[] = STAGES.map((stage) => {
    const qs = compared.filter((c) => c.question.stage === stage);
    const total = qs.reduce((s, c) => s + c.question.weight, 0);
    const share: Record<string, number> = {};
    for (const s of sites) share[s.site.name] = total ? round1((100 * qs.filter((c) => c.winner === s.site.name).reduce((w, c) => w + c.question.weight, 0)) / total) : 0;
    const nobody = total ? round1((100 * qs.filter((c) => c.winner === null).reduce((w, c) => w + c.question.weight, 0)) / total) : 0;
    const leaderEntry = Object.entries(share).sort((a, b) => b[1] - a[1] || (a[0] === brand ? -1 : b[0] === brand ? 1 : 0))[0];
    return {
      stage,
      questions: qs.length,
      share,
      nobody,
      scores: Object.fromEntries(sites.map((s) => [s.site.name, s.report.scores?.stages[stage] ?? null])),
      leader: leaderEntry && leaderEntry[1] > 0 ? leaderEntry[0] : null,
    };
  });

  const losses = compared
    .filter((c) => c.outcome === 'brand-loses')
    .sort((a, b) => b.question.weight * b.margin - a.question.weight * a.margin || a.question.id.localeCompare(b.question.id))
    .map((c) => c.question.id);
  const opportunities = compared
    .filter((c) => c.outcome === 'nobody')
    .sort((a, b) => b.question.weight - a.question.weight || (b.answers[0]?.visibility ?? 0) - (a.answers[0]?.visibility ?? 0) || a.question.id.localeCompare(b.question.id))
    .map((c) => c.question.id);

  return CompareReportSchema.parse({
    schemaVersion: COMPARE_SCHEMA_VERSION,
    kind: 'zmot-compare',
    tool: { name: 'zmot-lens', version: VERSION },
    generatedAt: new Date().toISOString(),
    brand,
    sites: sites.map((s) => s.site),
    stages,
    questions: compared,
    losses,
    opportunities,
  });
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
