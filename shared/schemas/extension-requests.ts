import { z } from 'zod';
import { OVERLAY_LANGUAGES } from '../overlay-languages.ts';
import { EXTENSION_LIMITS } from './extension.ts';
import { ExportedQuestionSchema } from './questions-export.ts';

/**
 * Requests to the extension's background worker, and the collected questions it stores. Parsed by
 * the worker on every message; kept apart from extension.ts because the content script only sends
 * these (the receiver checks them) and must not carry classic zod.
 */

const QueryTextSchema = z.string().trim().min(1).max(EXTENSION_LIMITS.maxQuery);
const LangSchema = z.string().min(2).max(10).nullable();
const HttpUrlSchema = z
  .string()
  .max(EXTENSION_LIMITS.maxUrl)
  .regex(/^https?:\/\//i, 'not an http(s) URL');

/** A question collected from a results page; the export writes these as they are. */
export const CollectedQuestionSchema = ExportedQuestionSchema;
export const CollectedQuestionsSchema = z.array(CollectedQuestionSchema).max(EXTENSION_LIMITS.maxQuestions);

export const BackgroundRequestSchema = z.discriminatedUnion('type', [
  /** The query's stage, the scores known without a fetch (report, cache) and which results will be scored live. */
  z.object({
    type: z.literal('score:lookup'),
    query: QueryTextSchema,
    lang: LangSchema,
    urls: z.array(HttpUrlSchema).max(EXTENSION_LIMITS.maxResultsPerPage),
    /** Sent at document_start, before the results are known: answer with every report page's score for this query. */
    prefetch: z.boolean().optional(),
  }),
  /** Fetch and score one result page (allowed domains only). */
  z.object({ type: z.literal('score:live'), query: QueryTextSchema, lang: LangSchema, url: HttpUrlSchema }),
  /** Add questions to the collected set (deduplicated). */
  z.object({ type: z.literal('questions:add'), questions: z.array(CollectedQuestionSchema).min(1).max(100) }),
  /** The imported report was replaced or cleared: drop the worker's in-memory copy. */
  z.object({ type: z.literal('report:changed') }),
  /** The overlay's words in one language (the worker holds every table but English). */
  z.object({ type: z.literal('words:get'), lang: z.enum(OVERLAY_LANGUAGES) }),
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;
