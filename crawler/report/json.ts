import path from 'node:path';
import { CrawlReportSchema } from '../../shared/schemas/index.ts';
import { writeFileAtomic, type ReportWriter } from './write-file.ts';

export const jsonWriter: ReportWriter = {
  id: 'json',
  async write(report, outDir) {
    const valid = CrawlReportSchema.parse(report); // validated on write, as on read
    const file = path.join(outDir, 'report.json');
    await writeFileAtomic(file, `${JSON.stringify(valid, null, 2)}\n`);
    return [file];
  },
};
