import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { CrawlReport, PageResult } from '../../shared/schemas/index.ts';

/**
 * The pages of a report as the writers read them: once each, in order, with their count known up front.
 * An array is one; `zmot report` passes the pages streamed back from disk, so a 100,000-page report is
 * never held whole in memory.
 */
export interface ReportPages extends Iterable<PageResult> {
  readonly length: number;
}

/** A report whose pages may be streamed: what every writer takes. A CrawlReport is one. */
export type ReportInput = Omit<CrawlReport, 'pages'> & { pages: ReportPages };

/** A report format: writes one or more files for a report into a folder, returns their paths. */
export interface ReportWriter {
  id: string;
  write(report: ReportInput, outDir: string): Promise<string[]>;
}

/** Writes through a temporary file so an interrupted write never leaves half a report. */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** Like writeFileAtomic, for a file made of many pieces: they go to disk as they come, in 1 MB writes. */
export function writeChunksAtomic(file: string, chunks: Iterable<string>): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let buffered: string[] = [];
    let size = 0;
    const flush = () => {
      if (buffered.length) writeSync(fd, buffered.join(''));
      buffered = [];
      size = 0;
    };
    for (const chunk of chunks) {
      buffered.push(chunk);
      size += chunk.length;
      if (size >= 1 << 20) flush();
    }
    flush();
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
}
