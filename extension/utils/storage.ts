import { storage } from '#imports';
import { ReportIndexSchema, ScoreCacheSchema, type ReportIndex, type ScoreCache } from '../../shared/schemas/extension.ts';
import { CollectedQuestionsSchema } from '../../shared/schemas/extension-requests.ts';
import type { ExportedQuestion } from '../../shared/schemas/questions-export.ts';
import { CompareIndexSchema, type CompareIndex } from '../../shared/schemas/extension-compare.ts';

/**
 * The stored report, collected questions, live-score cache and session counter. Every value is
 * read as `unknown` and parsed: an invalid value reads as the empty fallback, never half-typed.
 * (Settings are in settings.ts: the content script needs only those.)
 */
const reportItem = storage.defineItem<unknown>('local:reportIndex');
const compareItem = storage.defineItem<unknown>('local:compareIndex');
const questionsItem = storage.defineItem<unknown>('local:questions');
const scoreCacheItem = storage.defineItem<unknown>('local:scoreCache');
/** Per browser session: cleared when the browser closes. */
const liveFetchCountItem = storage.defineItem<unknown>('session:liveFetchCount');

interface Parser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

function parseOr<T>(schema: Parser<T>, raw: unknown, fallback: T): T {
  if (raw === null || raw === undefined) return fallback;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : fallback;
}

export async function readReportIndex(): Promise<ReportIndex | null> {
  return parseOr<ReportIndex | null>(ReportIndexSchema, await reportItem.getValue(), null);
}

export async function writeReportIndex(index: ReportIndex | null): Promise<void> {
  if (index === null) await reportItem.removeValue();
  else await reportItem.setValue(ReportIndexSchema.parse(index));
}

/** The imported `zmot compare` report, kept beside the crawl report (each is imported on its own). */
export async function readCompareIndex(): Promise<CompareIndex | null> {
  return parseOr<CompareIndex | null>(CompareIndexSchema, await compareItem.getValue(), null);
}

export async function writeCompareIndex(index: CompareIndex | null): Promise<void> {
  if (index === null) await compareItem.removeValue();
  else await compareItem.setValue(CompareIndexSchema.parse(index));
}

export async function readQuestions(): Promise<ExportedQuestion[]> {
  return parseOr(CollectedQuestionsSchema, await questionsItem.getValue(), []);
}

export async function writeQuestions(questions: ExportedQuestion[]): Promise<void> {
  await questionsItem.setValue(CollectedQuestionsSchema.parse(questions));
}

export function watchQuestions(onChange: (questions: ExportedQuestion[]) => void): () => void {
  return questionsItem.watch((raw) => onChange(parseOr(CollectedQuestionsSchema, raw, [])));
}

export async function readScoreCache(): Promise<ScoreCache> {
  return parseOr(ScoreCacheSchema, await scoreCacheItem.getValue(), {});
}

export async function writeScoreCache(cache: ScoreCache): Promise<void> {
  await scoreCacheItem.setValue(ScoreCacheSchema.parse(cache));
}

export async function clearScoreCache(): Promise<void> {
  await scoreCacheItem.removeValue();
}

export async function readLiveFetchCount(): Promise<number> {
  const raw = await liveFetchCountItem.getValue();
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0;
}

export async function writeLiveFetchCount(count: number): Promise<void> {
  await liveFetchCountItem.setValue(count);
}
