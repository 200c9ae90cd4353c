import { rename, writeFile } from 'node:fs/promises';
import type { CrawlReport } from '../../shared/schemas/index.ts';

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
