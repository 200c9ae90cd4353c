import { describe, expect, it } from 'vitest';
import { effectiveQuestions, templateQuestions, TEMPLATE_WEIGHT } from '../../../shared/questions/index.ts';
import { ConfigSchema, ProspectQuestionSchema, type ConfigInput } from '../../../shared/schemas/index.ts';

const base: ConfigInput = {
  brand: { name: 'Brightwell' },
  category: 'water leak detectors',
  products: ['Brightwell Sentry', 'Brightwell Valve Pro'],
  competitors: [{ name: 'AquaGuard' }, { name: 'Flowstop' }],
  languages: ['en', 'fr'],
};
const config = (input: Partial<ConfigInput> = {}) => ConfigSchema.parse({ ...base, ...input });

describe('templates', () => {
  const qs = templateQuestions(config());

  it('expand brand, category, products and competitors for each stage, in English and French', () => {
    const texts = qs.map((q) => q.text);
    expect(texts).toContain('what are water leak detectors');
    expect(texts).toContain('best water leak detectors');
    expect(texts).toContain('Brightwell vs AquaGuard');
    expect(texts).toContain('Flowstop alternatives');
    expect(texts).toContain('Brightwell Valve Pro price');
    expect(texts).toContain('how to install Brightwell Sentry');
    expect(texts).toContain('alternative à Flowstop');
    expect(texts).toContain('prix Brightwell Sentry');
    for (const stage of ['interest', 'comparison', 'purchase'] as const) expect(qs.some((q) => q.stage === stage && q.lang === 'en')).toBe(true);
    for (const stage of ['comparison', 'purchase'] as const) expect(qs.some((q) => q.stage === stage && q.lang === 'fr')).toBe(true);
  });

  it('write interest questions in French when French is the language the category is written in', () => {
    const fr = templateQuestions(config({ category: "détecteurs de fuite d'eau", languages: ['fr'] }));
    expect(fr.filter((q) => q.stage === 'interest').map((q) => q.text)).toContain("c'est quoi détecteurs de fuite d'eau");
  });

  it('expand the category only in the first language, the one it is written in', () => {
    expect(qs.filter((q) => q.lang === 'fr').some((q) => q.text.includes('water leak detectors'))).toBe(false);
  });

  it('are valid questions with unique ids, source "template" and half weight', () => {
    for (const q of qs) expect(ProspectQuestionSchema.parse(q)).toEqual(q);
    expect(new Set(qs.map((q) => q.id)).size).toBe(qs.length);
    expect(qs.every((q) => q.source === 'template' && q.weight === TEMPLATE_WEIGHT)).toBe(true);
  });

  it('split a compound category into its parts and use the singular form when it is singular', () => {
    const texts = templateQuestions(config({ category: 'CRM software and email marketing', languages: ['en'] })).map((q) => q.text);
    expect(texts).toContain('what is CRM software');
    expect(texts).toContain('what is email marketing');
  });

  it('skip templates whose slot has no value (no category, no competitors)', () => {
    const texts = templateQuestions(config({ category: undefined, competitors: [] })).map((q) => q.text);
    expect(texts.some((t) => /vs|alternative/.test(t))).toBe(false);
    expect(texts.some((t) => /what (is|are)/.test(t))).toBe(false);
  });
});

describe('effectiveQuestions', () => {
  it('keeps config questions first, then imported, then templates; the first of equal texts wins', () => {
    const c = config({ questions: [{ id: 'mine', text: 'Best water leak detectors?', stage: 'comparison', weight: 3 }] });
    const imported = [ProspectQuestionSchema.parse({ id: 'gsc-1', text: 'best water leak detectors', stage: 'comparison', weight: 500, source: 'search-console' })];
    const qs = effectiveQuestions(c, imported);
    expect(qs[0]).toMatchObject({ id: 'mine', weight: 3 });
    expect(qs.filter((q) => q.text.toLowerCase().startsWith('best water leak detectors'))).toHaveLength(1);
    expect(qs.at(-1)?.source).toBe('template');
  });

  it('makes ids unique', () => {
    const c = config({ templates: false, questions: [{ id: 'q', text: 'a', stage: 'interest' }] });
    const imported = [ProspectQuestionSchema.parse({ id: 'q', text: 'b', stage: 'interest', source: 'csv' })];
    expect(effectiveQuestions(c, imported).map((q) => q.id)).toEqual(['q', 'q-2']);
  });

  it('leaves templates out when the config turns them off', () => {
    expect(effectiveQuestions(config({ templates: false }))).toEqual([]);
  });

  it('is deterministic', () => {
    expect(effectiveQuestions(config())).toEqual(effectiveQuestions(config()));
  });
});
