/**
 * The pages of a zerabooks crawl store, read back for scoring in-process (the fit script and quick
 * re-scoring while developing); the eval itself always runs the real `zmot crawl`.
 */
import path from 'node:path';
import { CrawlStore } from '../../crawler/store/crawl-store.ts';
import { pageResultFrom } from '../../shared/pipeline.ts';
import { pagePipelineOptions } from '../../crawler/pipeline-options.ts';
import { PageArtifactsSchema, type PageArtifacts, type PageResult } from '../../shared/schemas/index.ts';

export function storedPages(outDir: string): Array<{ artifacts: PageArtifacts; page: PageResult }> {
  const store = CrawlStore.open(path.join(outDir, 'crawl.sqlite'), { readonly: true });
  const out: Array<{ artifacts: PageArtifacts; page: PageResult }> = [];
  try {
    for (const s of store.pages()) {
      const a = PageArtifactsSchema.safeParse(s.artifacts);
      if (!a.success) continue;
      // The store keeps artifacts only: results are audited again from them (as `zmot report` does).
      out.push({ artifacts: a.data, page: pageResultFrom(a.data, pagePipelineOptions()) });
    }
  } finally {
    store.db.close();
  }
  return out;
}
