/**
 * Worker-thread entry: runs `processPage` for the engine so extraction and scoring use every core
 * while the main thread keeps fetching. Loaded through the bootstrap in worker-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pagePipelineOptions } from '../pipeline-options.ts';
import { PAGE_AUDITS } from '../../shared/audits/registry.ts';
import { toSitePage } from '../../shared/site-audits/index.ts';
import { processPage, type PageJob, type ProcessorContext } from './page-processor.ts';
import { createNormalizer } from './urls.ts';

export interface PageWorkerSettings {
  ignoredParams: string[];
  followNofollow: boolean;
  queueCanonicals: boolean;
  queueHreflang: boolean;
}

const settings = (workerData as { settings: PageWorkerSettings }).settings;
const ctx: ProcessorContext = {
  pipeline: pagePipelineOptions(),
  toSitePage,
  normalizer: createNormalizer(settings.ignoredParams),
  followNofollow: settings.followNofollow,
  queueCanonicals: settings.queueCanonicals,
  queueHreflang: settings.queueHreflang,
};

parentPort!.on('message', (msg: { id: number; job: PageJob }) => {
  try {
    parentPort!.postMessage({ id: msg.id, out: processPage(msg.job, ctx) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
// The audits this worker runs: the crawl stamps its store with them (the main thread does not load them).
parentPort!.postMessage({ ready: true, audits: PAGE_AUDITS.map((a) => a.meta.id) });
