/**
 * The page pipeline for the few pages the main thread processes itself: every page when there are no
 * page workers (`--workers 0`, a custom pipeline), a page whose worker crashed or timed out, a start URL
 * blocked by robots.txt. Loaded by engine.ts on first need: with page workers running, the crawl's main
 * thread never loads the extraction, the audits or the scoring (their code and data are most of its
 * start-up time and of its memory).
 */
export { extractArtifacts } from '../../shared/extract/index.ts';
export { pageResultFrom } from '../../shared/pipeline.ts';
export { toSitePage } from '../../shared/site-audits/index.ts';
export { pagePipelineOptions } from '../pipeline-options.ts';
export { processPage } from './page-processor.ts';
