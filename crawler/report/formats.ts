import { csvWriter } from './csv.ts';
import { htmlWriter } from './html.ts';
import { markdownWriter } from './markdown.ts';
import { jsonWriter } from './json.ts';
import type { ReportWriter } from './write-file.ts';

/** The writers `zmot crawl` and `zmot report` run, in order. A new format registers here. */
export const REPORT_WRITERS: ReportWriter[] = [jsonWriter, htmlWriter, csvWriter, markdownWriter];
