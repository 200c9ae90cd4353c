import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CrawlReportSchema, type CrawlReport } from '../../shared/schemas/index.ts';
import { lineNote, parseJsonFile } from '../config-file.ts';
import { UsageError, describeZodError } from '../errors.ts';

/** A report format: writes one or more files for a report into a folder, returns their paths. */
export interface ReportWriter {
  id: string;
  write(report: CrawlReport, outDir: string): Promise<string[]>;
}

/** Writes through a temporary file so an interrupted write never leaves half a report. */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export const jsonWriter: ReportWriter = {
  id: 'json',
  async write(report, outDir) {
    const valid = CrawlReportSchema.parse(report); // validated on write, as on read
    const file = path.join(outDir, 'report.json');
    await writeFileAtomic(file, `${JSON.stringify(valid, null, 2)}\n`);
    return [file];
  },
};

export async function writeReports(report: CrawlReport, outDir: string, writers?: ReportWriter[]): Promise<string[]> {
  // Imported lazily: the format modules import this one for writeFileAtomic.
  writers ??= (await import('./formats.ts')).REPORT_WRITERS;
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
