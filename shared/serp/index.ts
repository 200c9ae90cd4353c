export { parseSerp, tryParseSerp, type SerpRoot, type SerpNodes } from './parse.ts';
export { SERP_SELECTORS, SERP_TEXTS, SERP_URLS, MissingElementError, mayFind, mayFindAll, mustFind, mayClosest } from './selectors.ts';
export type { QueryRoot, SelectorVariants } from './selectors.ts';
