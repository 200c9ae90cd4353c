import type { PagePipelineOptions } from '../shared/pipeline.ts';
import type { PageArtifacts, PageResult } from '../shared/schemas/index.ts';

export interface CliPipelineOptions extends PagePipelineOptions {
  /** Scores the page against questions; returns printable lines and data. Filled in by the scoring module. */
  answerQuestions?: (artifacts: PageArtifacts, page: PageResult, questions: string[]) => Array<{ lines: string[]; data: unknown }>;
}

/** The pipeline options every command uses: one place where the scoring module plugs in. */
export function pagePipelineOptions(): CliPipelineOptions {
  return {};
}
