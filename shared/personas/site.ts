import { AuditResultSchema, type AuditItem, type AuditResult, type QuestionResult } from '../schemas/index.ts';
import { BUILT_IN_PERSONAS, PERSONA_LABELS } from './index.ts';

const UIStrings = {
  title: 'Prospects on a screen reader, a slow phone or in a second language can use the answering pages',
  failureTitle: 'Some prospects cannot fully use the pages that answer their questions',
  description:
    'For each question tagged with a built-in persona (screen-reader, slow-mobile, second-language), what stops that persona on the page that answers it: images without alt and unlabeled controls, page weight and mobile performance, reading ease of the answering passage.',
  none: 'No question is tagged with a built-in persona (screen-reader, slow-mobile, second-language).',
};

/**
 * Per built-in persona, 0..100: the question-weighted mean usability of the page that best answers
 * each question tagged with it. Only personas with such a question appear.
 */
export function personaUsabilityScores(results: readonly QuestionResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const persona of BUILT_IN_PERSONAS) {
    let total = 0;
    let sum = 0;
    for (const r of results) {
      const p = r.best?.persona;
      if (!p || p.id !== persona) continue;
      total += r.question.weight;
      sum += r.question.weight * p.usability;
    }
    if (total > 0) out[persona] = Math.round((1000 * sum) / total) / 10;
  }
  return out;
}

/** The findings, pointing at the answering page of each tagged question: a site-level audit the report and `zmot ci` read. */
export function personaUsabilityAudit(results: readonly QuestionResult[]): AuditResult {
  const tagged = results.filter((r) => r.best?.persona);
  if (!tagged.length) return AuditResultSchema.parse({ id: 'persona-usability', title: UIStrings.title, score: null, scoreDisplayMode: 'notApplicable', explanation: UIStrings.none });
  const items: AuditItem[] = tagged
    .filter((r) => r.best!.persona!.usability < 1)
    .map((r) => ({
      persona: r.best!.persona!.id,
      question: r.question.id,
      url: r.best!.url,
      usability: r.best!.persona!.usability,
      findings: r.best!.persona!.findings.join('; '),
    }));
  const score = Math.round((tagged.reduce((s, r) => s + r.best!.persona!.usability, 0) / tagged.length) * 1000) / 1000;
  const personas = [...new Set(tagged.map((r) => r.best!.persona!.id))].map((p) => PERSONA_LABELS[p as keyof typeof PERSONA_LABELS] ?? p);
  return AuditResultSchema.parse({
    id: 'persona-usability',
    title: items.length ? UIStrings.failureTitle : UIStrings.title,
    score,
    scoreDisplayMode: 'numeric',
    displayValue: `${tagged.length - items.length} of ${tagged.length} answering pages fully usable (${personas.join(', ')})`,
    explanation: UIStrings.description,
    items,
  });
}
