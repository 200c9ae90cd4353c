import path from 'node:path';
import { CrawlReportSchema, PageResultSchema } from '../../shared/schemas/index.ts';
import { writeChunksAtomic, type ReportInput, type ReportWriter } from './write-file.ts';

const PAGES_KEY = '\n  "pages": []';

/**
 * report.json in pieces, byte for byte what `JSON.stringify(report, null, 2)` of the whole validated report
 * gives, one page at a time: the report without its pages is validated and written around them, each page is
 * validated and indented into place. A 50,000-page report.json is larger than the longest string V8 can hold.
 */
export function* reportJsonChunks(report: ReportInput): Generator<string> {
  const head = JSON.stringify(CrawlReportSchema.parse({ ...report, pages: [] }), null, 2);
  const at = head.indexOf(PAGES_KEY);
  if (at < 0) throw new Error('report.json: no pages key in the report');
  yield `${head.slice(0, at)}\n  "pages": [`;
  let first = true;
  for (const page of report.pages) {
    yield `${first ? '\n    ' : ',\n    '}${JSON.stringify(PageResultSchema.parse(page), null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
  }
  yield `${first ? ']' : '\n  ]'}${head.slice(at + PAGES_KEY.length)}\n`;
}

export const jsonWriter: ReportWriter = {
  id: 'json',
  async write(report, outDir) {
    const file = path.join(outDir, 'report.json');
    writeChunksAtomic(file, reportJsonChunks(report)); // validated on write, as on read
    return [file];
  },
};
