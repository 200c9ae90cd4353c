/**
 * Test helper: serves the demo site, fetches every page of its folder (plus what the sitemap
 * lists), and extracts artifacts and page results the way a crawl would — depth from the home page
 * by internal links, in-sitemap from sitemap.xml, robots.txt applied.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_SITE_DIR, serveDemo } from '../../../crawler/demo/server.ts';
import { fetchPage, robotsTxtFor } from '../../../crawler/fetch-page.ts';
import { pagePipelineOptions } from '../../../crawler/pipeline-options.ts';
import { extractArtifacts, type PageInput } from '../../../shared/extract/index.ts';
import { pageResultFrom } from '../../../shared/pipeline.ts';
import type { PageArtifacts, PageResult } from '../../../shared/schemas/index.ts';

export interface CrawledPage {
  artifacts: PageArtifacts;
  page: PageResult;
}

async function sitePaths(dir: string, prefix = '/'): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (entry.name === 'assets') continue;
      out.push(...(await sitePaths(path.join(dir, entry.name), `${prefix}${entry.name}/`)));
    } else if (entry.name === 'index.html') out.push(prefix);
  }
  return out;
}

/** Fetches and extracts every demo page; `origin` is the served origin (closed before returning). */
export async function crawlDemo(): Promise<{ origin: string; pages: CrawledPage[] }> {
  const server = await serveDemo();
  try {
    const origin = server.origin;
    const sitemap = await (await fetch(`${origin}/sitemap.xml`)).text();
    const inSitemap = new Set([...sitemap.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1]));
    const paths = await sitePaths(DEMO_SITE_DIR);
    const inputs = new Map<string, PageInput>();
    for (const p of paths) {
      const url = `${origin}${p}`;
      const input = await fetchPage(url);
      inputs.set(url, { ...input, robotsTxt: await robotsTxtFor(url), inSitemap: inSitemap.has(url) });
    }
    // Depth: breadth-first over internal links from the home page (orphans stay null).
    const depth = new Map<string, number>([[`${origin}/`, 0]]);
    const queue = [`${origin}/`];
    const linksOf = new Map<string, string[]>();
    for (const [url, input] of inputs) linksOf.set(url, extractArtifacts(input).links.map((l) => l.url).filter((u): u is string => !!u));
    while (queue.length) {
      const url = queue.shift()!;
      for (const next of linksOf.get(url) ?? []) {
        if (!inputs.has(next) || depth.has(next)) continue;
        depth.set(next, depth.get(url)! + 1);
        queue.push(next);
      }
    }
    const options = pagePipelineOptions();
    const pages: CrawledPage[] = [];
    for (const [url, input] of inputs) {
      const artifacts = extractArtifacts({ ...input, depth: depth.get(url) ?? null });
      pages.push({ artifacts, page: pageResultFrom(artifacts, options) });
    }
    return { origin, pages };
  } finally {
    await server.close();
  }
}
