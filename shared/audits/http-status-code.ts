import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Page has successful HTTP status code',
  failureTitle: 'Page has unsuccessful HTTP status code',
  description: 'Pages with unsuccessful HTTP status codes may not be indexed properly.',
};

export default defineAudit({
  meta: { id: 'http-status-code', ...UIStrings, group: 'crawl', requires: ['status', 'fetchError', 'url'] },
  run(a) {
    if (a.fetchError) return { score: 0, explanation: `The page could not be fetched: ${a.fetchError}`, items: [{ url: a.url, error: a.fetchError }] };
    if (a.status >= 400 || a.status < 100 || a.status === 0) {
      return { score: 0, displayValue: String(a.status), explanation: `The page returned HTTP ${a.status}.`, items: [{ url: a.url, status: a.status }] };
    }
    return { score: 1, displayValue: String(a.status) };
  },
});
