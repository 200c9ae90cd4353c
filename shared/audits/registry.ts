import type { AuditDefinition } from './types.ts';
import documentTitle from './document-title.ts';
import httpStatusCode from './http-status-code.ts';
import metaDescription from './meta-description.ts';

/** Every page audit, by id. Add an audit: write its file, list it here, give it a weight in config.ts. */
export const PAGE_AUDITS: AuditDefinition[] = [httpStatusCode, documentTitle, metaDescription];

export function auditById(id: string, audits: AuditDefinition[] = PAGE_AUDITS): AuditDefinition | undefined {
  return audits.find((a) => a.meta.id === id);
}
