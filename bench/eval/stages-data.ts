/**
 * The labelled query sets of the stages eval: ORCAS-I-gold (real Bing queries labelled by researchers, dev half and
 * held-out test half; provenance in tests/fixtures/queries/README.md) and the team-written set (labelled.csv).
 * Loading only: what may be read where is said by each user (the held-out halves are measured, never listed).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ORCAS_FILE = path.join(ROOT, 'tests/fixtures/queries/orcas-i-gold.tsv');
export const TEAM_FILE = path.join(ROOT, 'tests/fixtures/queries/labelled.csv');
export const BRODER = ['informational', 'navigational', 'transactional'] as const;
export const STAGES = ['interest', 'comparison', 'purchase', 'navigational'] as const;

export interface RealQuery {
  qid: string;
  query: string;
  orcas_label: string;
  broder: string;
  split: 'dev' | 'test';
}

export interface TeamQuery {
  query: string;
  lang: string;
  stage: string;
  broder: string;
  split: 'dev' | 'test';
}

export function loadOrcas(): RealQuery[] {
  return parse(readFileSync(ORCAS_FILE, 'utf8'), {
    columns: true,
    delimiter: '\t',
    quote: false,
    skip_empty_lines: true,
    relax_column_count: false,
  }) as RealQuery[];
}

export function loadTeam(): TeamQuery[] {
  return parse(readFileSync(TEAM_FILE, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as TeamQuery[];
}
