import { describe, expect, it } from 'vitest';
import { ANSWER_SHAPES, LANGUAGE_PACKS, PACK_LANGUAGES, type LanguagePack } from '../../../shared/lang/index.ts';
import { ExtensionLanguageSchema, SettingsSchema } from '../../../shared/schemas/extension.ts';
import { analyzerFor } from '../../../shared/score/text.ts';
import { questionIntent } from '../../../shared/score/intent.ts';
import snowball from 'snowball-stemmers';

/**
 * Detection clues a language truly has none of, declared in its pack with `none('why')` (the type refuses
 * an empty list): each is a decision written down here too, so a new declaration is seen in review.
 */
const DECLARED_NONE: Record<string, string[]> = {
  en: ['detection.accentedWords', 'detection.letterHints'],
  de: ['detection.singleLetterWords'],
};

function emptyFields(pack: LanguagePack): string[] {
  const empty: string[] = [];
  const isEmpty = (value: unknown): boolean =>
    value == null ||
    (typeof value === 'string' && value.trim() === '') ||
    (value instanceof RegExp && value.source === '(?:)') ||
    (Array.isArray(value) && (value.length === 0 || value.some((v) => isEmpty(v))));
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'object' && value && !Array.isArray(value) && !(value instanceof RegExp)) {
      if ('none' in value) return;
      for (const [k, v] of Object.entries(value)) walk(v, `${key}.${k}`);
    } else if (typeof value !== 'function' && typeof value !== 'boolean' && isEmpty(value)) empty.push(key);
  };
  for (const [key, value] of Object.entries(pack)) walk(value, key);
  return empty.sort();
}

const declaredNone = (pack: LanguagePack) =>
  Object.entries(pack.detection)
    .filter(([, v]) => typeof v === 'object' && v && 'none' in v && typeof v.none === 'string' && v.none.length > 10)
    .map(([k]) => `detection.${k}`)
    .sort();

describe('language packs', () => {
  it.each(LANGUAGE_PACKS.map((pack) => [pack.code, pack] as const))('%s fills every field, or declares with a reason that the language has none', (code, pack) => {
    expect(emptyFields(pack)).toEqual([]);
    expect(declaredNone(pack)).toEqual([...(DECLARED_NONE[code] ?? [])].sort());
    expect(Object.keys(pack.answerCues).sort()).toEqual([...ANSWER_SHAPES].sort());
    expect(pack.lexicon.lang).toBe(code);
    expect(snowball.algorithms()).toContain(pack.snowball);
    expect(analyzerFor(code).stemmed).toBe(true);
    for (const t of pack.templates) expect(t.text).toMatch(/\{(category|brand|product|competitor)\}/);
    expect(pack.linkTexts.texts.every((t) => t === t.trim().toLowerCase())).toBe(true);
  });

  it.each(LANGUAGE_PACKS.map((pack) => [pack.code, pack] as const))("%s reads its own templates: comparison and purchase ones get an answer shape, '{brand} vs {competitor}' splits in two", (code, pack) => {
    const fill = (text: string) => text.replace('{category}', 'x').replace('{brand}', 'Acme').replace('{product}', 'Acme One').replace('{competitor}', 'Zeta');
    const shapeless = pack.templates.filter((t) => t.stage !== 'interest' && questionIntent(fill(t.text), code).shapes.length === 0).map((t) => t.text);
    expect(shapeless).toEqual([]);
    expect(questionIntent('Acme vs Zeta', code).versus).toEqual(['acme', 'zeta']);
  });

  it("codes are unique, and the extension's settings take every pack's code (the options list them from the registry)", () => {
    expect(new Set(PACK_LANGUAGES).size).toBe(PACK_LANGUAGES.length);
    for (const code of ['auto', ...PACK_LANGUAGES]) expect(SettingsSchema.parse({ language: code }).language).toBe(code);
    for (const bad of ['', 'french', 'fr-CA', '<b>']) expect(ExtensionLanguageSchema.safeParse(bad).success).toBe(false);
  });
});
