import { mkdir, readFile } from 'node:fs/promises';
import { CrawlReportSchema, type CrawlReport } from '../../shared/schemas/index.ts';
import { lineNote, parseJsonFile } from '../config-file.ts';
import { UsageError, describeZodError } from '../errors.ts';
import { REPORT_WRITERS } from './formats.ts';
import type { ReportInput, ReportWriter } from './write-file.ts';

export { writeFileAtomic, type ReportInput, type ReportPages, type ReportWriter } from './write-file.ts';

export async function writeReports(report: ReportInput, outDir: string, writers?: ReportWriter[]): Promise<string[]> {
  writers ??= REPORT_WRITERS;
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  for (const w of writers) files.push(...(await w.write(report, outDir)));
  return files;
}

/** Reads a report.json back, validated; a bad file is a one-line UsageError naming it. */
export async function readReport(file: string): Promise<CrawlReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const data = parseJsonFile(file, text);
  const parsed = CrawlReportSchema.safeParse(data);
  if (!parsed.success) throw new UsageError(`${describeZodError(file, parsed.error)}${lineNote(text, parsed.error.issues[0]?.path)}`);
  return parsed.data;
}
