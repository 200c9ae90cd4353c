import type { PagePipelineOptions } from '../shared/pipeline.ts';
import { classifyQuery } from '../shared/classify/query-stage.ts';
import { pageStageProfile } from '../shared/classify/page-stage.ts';
import type { Answer, Config, PageArtifacts, PageResult, Stage } from '../shared/schemas/index.ts';
import { answerPage } from '../shared/score/index.ts';
import { c, pct, safe } from './format.ts';

const MESSAGES = {
  noAnswer: 'no passage of this page shares a word with the question',
  navigational: 'navigational query: scored as an interest question',
};

export interface AnsweredQuestion {
  question: string;
  stage: Stage;
  /** The stage the classifier gave (may be 'navigational'); `stage` is what the tone used. */
  classifiedAs: string;
  answer: Answer | null;
}

export interface CliPipelineOptions extends PagePipelineOptions {
  /** Scores the page against questions; returns printable lines and data. Filled in by the scoring module. */
  answerQuestions?: (artifacts: PageArtifacts, page: PageResult, questions: string[]) => Array<{ lines: string[]; data: AnsweredQuestion }>;
}

/** The pipeline options every command uses: one place where the scoring module plugs in. */
export function pagePipelineOptions(config?: Config): CliPipelineOptions {
  return {
    stageProfile: pageStageProfile,
    answerQuestions: (artifacts, page, questions) => questions.map((q) => answerQuestion(artifacts, page, q, config)),
  };
}

function answerQuestion(artifacts: PageArtifacts, page: PageResult, text: string, config?: Config): { lines: string[]; data: AnsweredQuestion } {
  const names = config
    ? { brandNames: [config.brand.name, ...config.products, ...config.competitors.map((x) => x.name)], brandDomains: [...config.brand.domains, ...config.competitors.flatMap((x) => x.domains)] }
    : {};
  const classified = classifyQuery(text, { lang: artifacts.lang ?? undefined, ...names });
  // A question typed here is about this page; a navigational one still gets an answer score, as interest.
  const stage: Stage = classified.stage === 'navigational' ? 'interest' : classified.stage;
  const answer = answerPage(artifacts, page, { text, stage }, config ? { config } : {});
  const lines = [c.bold(`Question: ${safe(text, 200)}`), `  stage ${stage}${classified.stage === 'navigational' ? c.dim(` (${MESSAGES.navigational})`) : ''}`];
  if (!answer) {
    lines.push(c.red(`  ${MESSAGES.noAnswer}`));
  } else {
    const f = answer.factors;
    lines.push(`  answer ${pct(answer.answer)}/100 × findability ${pct(answer.findability)}/100 = visibility ${c.bold(`${pct(answer.visibility)}/100`)}`);
    lines.push(`  relevance ${pct(f.relevance)} · shape ${pct(f.shape)} · directness ${pct(f.directness)} · tone ${pct(f.tone)}`);
    lines.push(`  passage ${answer.passageId ?? '–'}${answer.heading ? ` under "${safe(answer.heading, 120)}"` : ''}`);
    lines.push(c.dim(`    ${safe(answer.excerpt, 320)}`));
    for (const n of answer.notes) lines.push(`  ${c.yellow('•')} ${safe(n, 200)}`);
  }
  return { lines, data: { question: text, stage, classifiedAs: classified.stage, answer } };
}
