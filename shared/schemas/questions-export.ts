import { z } from 'zod';
import { QUERY_STAGE_VALUES } from '../stages.ts';

/** Version of the extension's questions export; bump it when the format changes incompatibly. */
export const QUESTIONS_EXPORT_VERSION = 1;

/** A source an AI Overview cites: its URL, domain, title and place among the citations (1-based). */
export const AiSourceSchema = z.object({
  url: z.string().max(4096).regex(/^https?:\/\//i, 'not an http(s) URL'),
  domain: z.string().max(253),
  title: z.string().max(2000).default(''),
  position: z.number().int().positive(),
});
export type AiSource = z.infer<typeof AiSourceSchema>;

/** One question the extension harvested on a Google results page. */
export const ExportedQuestionSchema = z.object({
  /** The question as shown ("How do I find a hidden water leak?") or the query typed. */
  text: z.string().trim().min(1).max(500),
  /** The search query of the results page it was seen on. */
  query: z.string().max(500),
  /** 'paa': a "People also ask" question; 'query': the user's own search query. */
  source: z.enum(['paa', 'query']),
  /** ISO 639-1 language of the results page (hl=), when known. */
  lang: z.string().min(2).max(10).optional(),
  /** When it was seen, ISO 8601. */
  collectedAt: z.iso.datetime({ offset: true }),
  /** The results page it was seen on. */
  url: z.url().optional(),
  /** The query's stage as the overlay classified it (on the 'query' entry). */
  stage: z.enum(QUERY_STAGE_VALUES).optional(),
  /** The results page's AI Overview and the sources it cites (on the 'query' entry, when the page had one). */
  aiOverview: z
    .object({
      expanded: z.boolean(),
      sources: z.array(AiSourceSchema).max(50),
    })
    .optional(),
});
export type ExportedQuestion = z.infer<typeof ExportedQuestionSchema>;

/** The JSON file the extension exports and `questionFiles` (format 'paa-json') imports. */
export const QuestionsExportSchema = z.object({
  version: z.literal(QUESTIONS_EXPORT_VERSION),
  exportedAt: z.iso.datetime({ offset: true }),
  questions: z.array(ExportedQuestionSchema),
});
export type QuestionsExport = z.infer<typeof QuestionsExportSchema>;

/** Why a questions file could not be read: one line, naming the line of the file when it can. */
export const QuestionImportErrorSchema = z.object({
  code: z.enum(['empty', 'bad-csv', 'bad-header', 'bad-row', 'bad-json', 'bad-format']),
  /** 1-based line of the file; null when the problem is the whole file. */
  line: z.number().int().positive().nullable(),
  message: z.string(),
});
export type QuestionImportError = z.infer<typeof QuestionImportErrorSchema>;

/** A row that was read but not kept (a navigational query, a duplicate, no impressions…). */
export const SkippedQuestionSchema = z.object({
  line: z.number().int().positive(),
  text: z.string(),
  reason: z.string(),
});
export type SkippedQuestion = z.infer<typeof SkippedQuestionSchema>;
