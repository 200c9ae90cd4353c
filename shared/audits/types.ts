import type { AuditItem, AuditMeta, Hreflang, PageArtifacts, ScoreDisplayMode } from '../schemas/index.ts';

/** What an audit may know of the rest of the crawl (hreflang return links, canonical targets). */
export interface CrawlIndex {
  page(url: string): CrawlIndexEntry | undefined;
}
export interface CrawlIndexEntry {
  url: string;
  status: number;
  indexable: boolean;
  canonical: string | null;
  /** The page's hreflang annotations (an artifacts' Hreflang list fits). */
  hreflangs: Array<Pick<Hreflang, 'lang' | 'url'>>;
  lang: string | null;
}

export interface AuditContext {
  crawl?: CrawlIndex;
}

/** What an audit's run returns; the runner adds id, title, weight and defaults. */
export interface AuditOutcome {
  score: number | null;
  scoreDisplayMode?: ScoreDisplayMode;
  displayValue?: string;
  explanation?: string;
  items?: AuditItem[];
  warnings?: string[];
  notApplicable?: boolean;
}

/** What an audit declares: its meta, with `requires` typed as the artifact keys it reads. */
export type AuditMetaOf<K extends keyof PageArtifacts> = Omit<AuditMeta, 'requires'> & {
  /** The artifacts this audit reads: the runner hands it only these, and reports an error when one is missing. */
  requires: readonly K[];
};

export interface AuditDefinition<K extends keyof PageArtifacts = keyof PageArtifacts> {
  meta: AuditMetaOf<K>;
  /** Sees only the artifacts named in `meta.requires` (type-checked here, enforced by the runner). */
  run(artifacts: Pick<PageArtifacts, K>, context: AuditContext): AuditOutcome;
}

/** Declares a page audit; `requires` must name every artifact `run` reads, or the type check fails. */
export function defineAudit<const K extends keyof PageArtifacts>(def: AuditDefinition<K>): AuditDefinition<K> {
  return def;
}

export const notApplicable = (explanation?: string): AuditOutcome => ({ score: null, notApplicable: true, explanation });
