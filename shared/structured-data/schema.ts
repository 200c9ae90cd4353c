import { z } from 'zod';

/** Where a structured-data entity was read from. */
export const StructuredDataSourceSchema = z.enum(['jsonld', 'microdata', 'rdfa']);
export type StructuredDataSource = z.infer<typeof StructuredDataSourceSchema>;

export const StructuredDataSeveritySchema = z.enum(['error', 'warning']);
export type StructuredDataSeverity = z.infer<typeof StructuredDataSeveritySchema>;

/** What kind of problem an issue is: lets audits group and count them without parsing messages. */
export const StructuredDataIssueCodeSchema = z.enum([
  'syntax-error',
  'missing-required',
  'missing-one-of',
  'missing-recommended',
  'invalid-value',
  'out-of-range',
  'conflict',
  'unknown-type',
  'unknown-property',
  'unsupported-vocabulary',
  'missing-context',
  'untyped-node',
  'capped',
  'check-failed',
]);
export type StructuredDataIssueCode = z.infer<typeof StructuredDataIssueCodeSchema>;

/** One entity found on the page, as the validation report lists it. */
export const StructuredDataEntitySummarySchema = z.object({
  type: z.string(),
  /** All the entity's types, schema.org prefixes removed (an entity may have several). */
  types: z.array(z.string()).default([]),
  path: z.string(),
  source: StructuredDataSourceSchema,
});
export type StructuredDataEntitySummary = z.infer<typeof StructuredDataEntitySummarySchema>;

export const StructuredDataIssueSchema = z.object({
  severity: StructuredDataSeveritySchema,
  /** Type the issue is about; null for a block that does not parse. */
  type: z.string().nullable(),
  /** Where in the page's structured data, e.g. "jsonld[0] > Product > offers[1]". */
  path: z.string(),
  /** Property the issue is about; null when it concerns the whole block or entity. */
  property: z.string().nullable(),
  message: z.string(),
  code: StructuredDataIssueCodeSchema,
  /** For "one of" requirements: every property that would satisfy it. */
  alternatives: z.array(z.string()).default([]),
});
export type StructuredDataIssue = z.infer<typeof StructuredDataIssueSchema>;

export const RichResultFeatureSchema = z.enum([
  'Product snippet',
  'Merchant listing',
  'Review snippet',
  'FAQ',
  'Q&A',
  'How-to',
  'Article',
  'Local business',
  'Breadcrumb',
  'Event',
  'Site name',
  'Sitelinks search box',
  'Organization logo',
]);
export type RichResultFeature = z.infer<typeof RichResultFeatureSchema>;

export const RichResultSchema = z.object({
  feature: RichResultFeatureSchema,
  /** True when the markup has everything Google requires for this feature and no error. */
  eligible: z.boolean(),
  type: z.string(),
  path: z.string(),
  /** Required properties that are absent, relative to the entity ("offers.price"). */
  missing: z.array(z.string()),
  /** Properties whose value is wrong badly enough to lose the feature. */
  invalid: z.array(z.string()).default([]),
  /** Why Google may still not show it even when eligible (feature retired or restricted). */
  notice: z.string().nullable().default(null),
});
export type RichResult = z.infer<typeof RichResultSchema>;

export const StructuredDataReportSchema = z.object({
  entities: z.array(StructuredDataEntitySummarySchema),
  issues: z.array(StructuredDataIssueSchema),
  richResults: z.array(RichResultSchema),
});
export type StructuredDataReport = z.infer<typeof StructuredDataReportSchema>;
