import path from 'node:path';
import { pageResultFrom } from '../shared/pipeline.ts';
import { extractArtifacts } from '../shared/extract/index.ts';
import { REPORT_SCHEMA_VERSION, type Config, type CrawlReport, type PageResult } from '../shared/schemas/index.ts';
import { fetchPage, robotsTxtFor } from './fetch-page.ts';
import { pagePipelineOptions } from './pipeline-options.ts';
import { writeReports } from './report/writers.ts';
import { VERSION } from './version.ts';

export interface SiteJobOptions {
  startUrl: string;
  config: Config;
  outDir: string;
  onPage?: (page: PageResult) => void;
}

/**
 * The main job: crawl a site, score it, write the reports.
 * Interim breadth-first fetch over internal links until the crawl engine lands.
 */
export async function runSiteJob(opts: SiteJobOptions): Promise<{ report: CrawlReport; files: string[] }> {
  const startedAt = new Date();
  const origin = new URL(opts.startUrl).origin;
  const queue: Array<{ url: string; depth: number }> = [{ url: opts.startUrl, depth: 0 }];
  const seen = new Set([opts.startUrl]);
  const pages: PageResult[] = [];
  const options = pagePipelineOptions();
  while (queue.length && pages.length < opts.config.crawl.maxPages) {
    const { url, depth } = queue.shift()!;
    const input = await fetchPage(url);
    const artifacts = extractArtifacts({ ...input, depth, robotsTxt: await robotsTxtFor(url) });
    const page = pageResultFrom(artifacts, options);
    pages.push(page);
    opts.onPage?.(page);
    for (const link of artifacts.links) {
      if (!link.url || !link.url.startsWith(origin) || seen.has(link.url) || link.nofollow) continue;
      seen.add(link.url);
      queue.push({ url: link.url, depth: depth + 1 });
    }
  }
  const report: CrawlReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'zmot-lens', version: VERSION },
    generatedAt: new Date().toISOString(),
    site: { name: opts.config.brand.name, origin },
    crawl: {
      startUrl: opts.startUrl,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      pagesFetched: pages.length,
      pagesQueued: queue.length,
      errors: pages.filter((p) => p.fetchError || p.status >= 400).length,
      durationMs: Date.now() - startedAt.getTime(),
      interrupted: false,
    },
    scores: null,
    pages,
    siteAudits: [],
    issues: [],
    questions: [],
    gaps: [],
  };
  const files = await writeReports(report, path.resolve(opts.outDir));
  return { report, files };
}
