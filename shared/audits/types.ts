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

export interface AuditDefinition {
  meta: AuditMeta;
  run(artifacts: PageArtifacts, context: AuditContext): AuditOutcome;
}

export function defineAudit(def: AuditDefinition): AuditDefinition {
  return def;
}

export const notApplicable = (explanation?: string): AuditOutcome => ({ score: null, notApplicable: true, explanation });
