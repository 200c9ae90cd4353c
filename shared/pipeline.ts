import { extractArtifacts, type PageInput } from './extract/index.ts';
import { auditOutcomes, findability, isIndexable, type RawAuditResult, type RunAuditsOptions } from './audits/run.ts';
import { PageResultSchema, type PageArtifacts, type PageResult, type StageProfile } from './schemas/index.ts';

export interface PagePipelineOptions extends RunAuditsOptions {
  /** Computes how much the page serves each stage; supplied by the scoring module. */
  stageProfile?: (artifacts: PageArtifacts) => StageProfile;
}

/** Artifacts → audits → findability → page result: the data every report and overlay shows. */
export function pageResultFrom(artifacts: PageArtifacts, options: PagePipelineOptions = {}): PageResult {
  const outcomes = auditOutcomes(artifacts, options);
  const indexable = isIndexable(artifacts);
  const stageProfile = options.stageProfile ? options.stageProfile(artifacts) : null;
  // The page result is validated once, audits included; only if that fails is each audit validated on its own
  // (an audit whose output the schema refuses becomes an error result, as runAudits gives it).
  try {
    return pageResult(artifacts, outcomes.map((o) => o.raw), indexable, stageProfile);
  } catch {
    return pageResult(artifacts, outcomes.map((o) => o.result()), indexable, stageProfile);
  }
}

function pageResult(artifacts: PageArtifacts, audits: RawAuditResult[], indexable: boolean, stageProfile: StageProfile | null): PageResult {
  const canonical = artifacts.canonicals.find((c) => c.url)?.url ?? null;
  return PageResultSchema.parse({
    url: artifacts.url,
    requestedUrl: artifacts.requestedUrl,
    status: artifacts.status,
    contentType: artifacts.contentType,
    title: artifacts.title,
    metaDescription: artifacts.metaDescription,
    h1: artifacts.headings.find((h) => h.level === 1)?.text ?? null,
    lang: artifacts.lang,
    canonical,
    wordCount: artifacts.wordCount,
    depth: artifacts.depth,
    inSitemap: artifacts.inSitemap,
    indexable,
    redirectChain: artifacts.redirectChain,
    fetchError: artifacts.fetchError,
    audits,
    findability: findability(audits, indexable),
    stageProfile,
    lighthouse: artifacts.lighthouse,
  });
}

/** The whole one-page pipeline: HTML + URL + headers → artifacts → page result. */
export function scorePage(input: PageInput, options: PagePipelineOptions = {}): { artifacts: PageArtifacts; result: PageResult } {
  const artifacts = extractArtifacts(input);
  return { artifacts, result: pageResultFrom(artifacts, options) };
}
