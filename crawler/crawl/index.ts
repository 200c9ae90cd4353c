/** The crawl engine, library first: `crawl(options)` returns a run with typed events. */
export { crawl, CRAWL_MESSAGES, type CrawlDeps } from './engine.ts';
export type { CrawlRun, CrawlSummary, CrawlEventMap, PageEvent, PageErrorEvent, ProgressEvent, NoticeEvent, BlockedEvent } from './events.ts';
export { CrawlOptionsSchema, mergeCrawlSettings, crawlFlagsFromEnv, DEFAULT_USER_AGENT, type CrawlOptions, type CrawlOptionsInput, type CrawlFlags } from './options.ts';
export type { Frontier, FrontierEntry, FrontierItem, FrontierCompletion } from './frontier.ts';
export { SqliteFrontier } from './frontier.ts';
