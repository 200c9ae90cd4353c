export const VERSION = '0.1.0';

/**
 * What made a store's artifacts and which page audits existed then, stamped in the crawl store. The
 * report never reuses stored audit results: it audits the stored artifacts again with the running
 * version, so a rebuilt report always carries the current audit logic; the stamp says what crawled.
 */
export function auditStamp(auditIds: string[]): { tool: string; audits: string[] } {
  return { tool: VERSION, audits: [...auditIds].sort() };
}
