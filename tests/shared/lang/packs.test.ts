import { describe, expect, it } from 'vitest';
import { LANGUAGE_PACKS, PACK_LANGUAGES, type LanguagePack } from '../../../shared/lang/index.ts';
import { ExtensionLanguageSchema, SettingsSchema } from '../../../shared/schemas/extension.ts';
import { analyzerFor } from '../../../shared/score/text.ts';
import snowball from 'snowball-stemmers';

/**
 * Fields some packs still leave empty, written down so that each gap is a decision, not an accident:
 * filling one makes this test fail until the entry is removed. New packs must have no entry here.
 */
const KNOWN_GAPS: Record<string, Array<keyof LanguagePack | 'detection.singleLetterWords' | 'detection.accentedWords' | 'detection.letterHints'>> = {
  en: ['detection.accentedWords', 'detection.letterHints'],
  fr: [],
  de: ['detection.singleLetterWords'],
  es: [],
  it: ['templates', 'synonyms', 'answerCues', 'versusSplit', 'definition', 'promoPhrases'],
  pt: ['templates', 'synonyms', 'answerCues', 'versusSplit', 'definition', 'promoPhrases'],
  nl: ['templates', 'synonyms', 'answerCues', 'versusSplit', 'definition', 'promoPhrases', 'detection.singleLetterWords', 'detection.accentedWords'],
};

function emptyFields(pack: LanguagePack): string[] {
  const empty: string[] = [];
  const isEmpty = (value: unknown): boolean =>
    value == null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && !(value instanceof RegExp) && !Array.isArray(value) && Object.keys(value).length === 0);
  for (const [key, value] of Object.entries(pack)) {
    if (key === 'detection') {
      for (const [sub, v] of Object.entries(value as object)) if (isEmpty(v)) empty.push(`detection.${sub}`);
    } else if (key === 'linkTexts') {
      if (isEmpty((value as LanguagePack['linkTexts']).texts)) empty.push('linkTexts');
    } else if (key === 'lexicon') {
      if (isEmpty((value as LanguagePack['lexicon']).entries)) empty.push('lexicon');
    } else if (isEmpty(value)) empty.push(key);
  }
  return empty.sort();
}

describe('language packs', () => {
  it.each(LANGUAGE_PACKS.map((pack) => [pack.code, pack] as const))('%s fills every field (or its gap is written down)', (code, pack) => {
    expect(emptyFields(pack)).toEqual([...(KNOWN_GAPS[code] ?? [])].sort());
    expect(pack.lexicon.lang).toBe(code);
    expect(snowball.algorithms()).toContain(pack.snowball);
    expect(analyzerFor(code).stemmed).toBe(true);
    for (const t of pack.templates) expect(t.text).toMatch(/\{(category|brand|product|competitor)\}/);
    expect(pack.linkTexts.texts.every((t) => t === t.trim().toLowerCase())).toBe(true);
  });

  it("codes are unique, and the extension's settings take every pack's code (the options list them from the registry)", () => {
    expect(new Set(PACK_LANGUAGES).size).toBe(PACK_LANGUAGES.length);
    for (const code of ['auto', ...PACK_LANGUAGES]) expect(SettingsSchema.parse({ language: code }).language).toBe(code);
    for (const bad of ['', 'french', 'fr-CA', '<b>']) expect(ExtensionLanguageSchema.safeParse(bad).success).toBe(false);
  });
});
