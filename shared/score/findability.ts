/**
 * Findability of a page for one question: the page's audit-based findability (indexable, title,
 * description, status…) times what is specific to the question and the crawl: whether the title
 * and H1 use the question's words, a canonical pointing elsewhere, sitemap, depth and speed.
 */
import type { PageArtifacts, PageResult } from '../schemas/index.ts';
import { note, quoteList, type ScoreNote } from './notes.ts';

const NOTES = {
  fetchFailed: (why: string) => `page could not be fetched (${why})`,
  httpError: (status: number) => `page returns HTTP ${status}`,
  notHtml: 'page is not an HTML page',
  robotsTxt: 'page is blocked by robots.txt',
  noindexHeader: 'page is noindex (X-Robots-Tag header)',
  noindexMeta: 'page is noindex',
  notIndexable: (why: string) => `page cannot be indexed (${why})`,
  canonicalElsewhere: (url: string) => `page's canonical points to another URL (${url}): search shows that one instead`,
  audits: (score: number, failing: string) => `findability ${score}/100: ${failing}`,
  notInSitemap: 'page is not in the sitemap',
  deep: (depth: number) => `page is ${depth} clicks from the home page`,
  slow: (perf: number) => `slow page (Lighthouse performance ${perf}/100)`,
  untargeted: (words: string) => `title and H1 do not mention ${words}`,
};

export interface FindabilityInput {
  artifacts: PageArtifacts;
  page: PageResult;
  /** idf-weighted share of the question's words in the title, H1 and meta description. */
  targetCoverage: number;
  /** Question words missing from title and H1, most important first. */
  untargetedWords: string[];
}

export interface AnswerFindability {
  findability: number;
  /** True when search engines cannot show the page at all. */
  blocked: boolean;
  notes: ScoreNote[];
}

/** Why a page cannot be indexed, in words; null when it can. */
export function unindexableReason(a: PageArtifacts, page?: PageResult): string | null {
  if (a.fetchError) return NOTES.fetchFailed(a.fetchError);
  if (a.status >= 400 || a.status < 200) return NOTES.httpError(a.status);
  if (!a.isHtml) return NOTES.notHtml;
  if (a.robotsTxt?.allowed === false) return NOTES.robotsTxt;
  const noindex = a.robots.find(
    (r) => (r.agent === 'all' || r.agent.startsWith('googlebot')) && r.directives.some((d) => d === 'noindex' || d === 'none'),
  );
  if (noindex) return noindex.source === 'header' ? NOTES.noindexHeader : NOTES.noindexMeta;
  if (page && !page.findability.indexable) return NOTES.notIndexable(page.findability.failing[0]?.title ?? 'a blocking audit fails');
  return null;
}

/** The page's own canonical target when it is another URL; null when self-referencing or absent. */
export function canonicalElsewhere(a: PageArtifacts): string | null {
  const target = a.canonicals.find((c) => c.url)?.url;
  if (!target) return null;
  return sameUrl(target, a.url) ? null : target;
}

function sameUrl(x: string, y: string): boolean {
  const norm = (u: string) => u.replace(/#.*$/, '').replace(/\/+$/, '').toLowerCase();
  return norm(x) === norm(y);
}

export function answerFindability({ artifacts: a, page, targetCoverage, untargetedWords }: FindabilityInput): AnswerFindability {
  const reason = unindexableReason(a, page);
  if (reason) return { findability: 0, blocked: true, notes: [note('findability', reason, 0)] };
  const notes: ScoreNote[] = [];
  let f = page.findability.score;
  if (f < 0.85) {
    const failing = page.findability.failing.slice(0, 2).map((x) => x.title).join('; ');
    notes.push(note('findability', NOTES.audits(Math.round(f * 100), failing || 'audits failing'), f));
  }
  const canonical = canonicalElsewhere(a);
  if (canonical) {
    f *= 0.3;
    notes.push(note('findability', NOTES.canonicalElsewhere(canonical), 0.3));
  }
  if (a.inSitemap === false) {
    f *= 0.9;
    notes.push(note('findability', NOTES.notInSitemap, 0.9));
  }
  if (a.depth != null && a.depth >= 4) {
    const m = a.depth >= 6 ? 0.8 : 0.9;
    f *= m;
    notes.push(note('findability', NOTES.deep(a.depth), m));
  }
  const perf = a.lighthouse?.performance;
  if (perf != null && perf < 0.5) {
    f *= 0.9;
    notes.push(note('findability', NOTES.slow(Math.round(perf * 100)), 0.9));
  }
  // Title and H1 are what a results page shows and ranks on: an untargeted title costs up to a fifth.
  const targeting = 0.8 + 0.2 * targetCoverage;
  f *= targeting;
  if (targetCoverage < 0.5 && untargetedWords.length) notes.push(note('findability', NOTES.untargeted(quoteList(untargetedWords)), targeting));
  return { findability: f, blocked: false, notes };
}
