// The extension's URL identity is the shared one (shared/url.ts): the same key as the crawler's reports.
export { urlKey } from '../../shared/url.ts';
