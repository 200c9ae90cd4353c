import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage, isStopword, primaryLanguage } from '../../../shared/classify/lang.ts';
import { foldText, tokenize } from '../../../shared/classify/query-text.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('detectLanguage on search queries', () => {
  const queries: Array<[string, string]> = [
    ['what is the best way to learn spanish', 'en'],
    ['why does my dog eat grass', 'en'],
    ["qu'est-ce que l'inflation", 'fr'],
    ['meilleur aspirateur sans fil', 'fr'],
    ['où acheter un vélo électrique', 'fr'],
    ['was ist eine wärmepumpe', 'de'],
    ['waschmaschine günstig kaufen', 'de'],
    ['qué es la inflación', 'es'],
    ['cómo hacer una tortilla de patatas', 'es'],
    ["cos'è l'inflazione", 'it'],
    ['o que é inflação', 'pt'],
    ['wat is inflatie', 'nl'],
  ];
  it.each(queries)('%s → %s', (query, lang) => {
    expect(detectLanguage(query)).toBe(lang);
  });

  it('returns null when a query carries no language (brand names, models, emoji, empty)', () => {
    for (const query of ['facebook', 'iphone 15 pro', 'ps5', '🎸', '', '   ', 'vs']) expect(detectLanguage(query), query).toBeNull();
  });

  it('names non-Latin scripts', () => {
    expect(detectLanguage('как выучить английский язык')).toBe('ru');
    expect(detectLanguage('як вивчити англійську мову')).toBe('uk');
    expect(detectLanguage('東京タワーの高さ')).toBe('ja');
    expect(detectLanguage('北京天气')).toBe('zh');
    expect(detectLanguage('서울 날씨')).toBe('ko');
    expect(detectLanguage('ما هو التضخم')).toBe('ar');
    expect(detectLanguage('τι είναι ο πληθωρισμός')).toBe('el');
  });
});

describe('detectLanguage on page text', () => {
  const paragraphs: Array<[string, string]> = [
    [
      'A heat pump moves heat from the outside air into your home. It works even when it is cold outside, and it uses far less electricity than a resistance heater. Before you buy one, check how well your house is insulated.',
      'en',
    ],
    [
      "Une pompe à chaleur capte les calories de l'air extérieur pour chauffer votre logement. Elle fonctionne même quand il fait froid, et elle consomme bien moins d'électricité qu'un radiateur. Avant d'acheter, vérifiez l'isolation de votre maison.",
      'fr',
    ],
    [
      'Eine Wärmepumpe nutzt die Wärme der Außenluft, um Ihr Haus zu heizen. Sie funktioniert auch bei Kälte und verbraucht deutlich weniger Strom als eine Elektroheizung. Prüfen Sie vor dem Kauf die Dämmung Ihres Hauses.',
      'de',
    ],
    [
      'Una bomba de calor aprovecha el calor del aire exterior para calentar tu casa. Funciona incluso cuando hace frío y consume mucha menos electricidad que un radiador. Antes de comprarla, revisa el aislamiento de tu vivienda.',
      'es',
    ],
  ];
  it.each(paragraphs.map(([text, lang]) => [lang, text]))('%s paragraph', (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
    // Pages are long; the answer must not change when the text repeats.
    expect(detectLanguage(`${text} `.repeat(400))).toBe(lang);
  });

  it('is not thrown by hostile input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        const lang = detectLanguage(text);
        expect(lang === null || /^[a-z]{2}$/.test(lang)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(() => detectLanguage(undefined as unknown as string)).not.toThrow();
    expect(detectLanguage('é'.repeat(100_000))).not.toBe(undefined);
  });
});

describe('helpers', () => {
  it('reduces language tags to their primary subtag', () => {
    expect(primaryLanguage('fr-FR')).toBe('fr');
    expect(primaryLanguage('EN_us')).toBe('en');
    expect(primaryLanguage('')).toBeNull();
    expect(primaryLanguage(null)).toBeNull();
    expect(primaryLanguage('not a tag')).toBeNull();
  });

  it('knows stop words per language, and of any language when none is given', () => {
    expect(isStopword('the', 'en')).toBe(true);
    expect(isStopword('the', 'fr')).toBe(false);
    expect(isStopword('les', 'fr')).toBe(true);
    expect(isStopword('les', null)).toBe(true);
    expect(isStopword('inflation', null)).toBe(false);
  });

  it('folds accents and ligatures, and tokenises on word boundaries with offsets', () => {
    expect(foldText("Qu’est-ce Que L'Œuvre")).toBe("qu'est-ce que l'oeuvre");
    expect(foldText('Öffnungszeiten Straße')).toBe('offnungszeiten strasse');
    const { text, tokens, words } = tokenize("Où acheter l'iPhone 15?");
    expect(tokens.map((token) => token.folded)).toEqual(['ou', 'acheter', 'l', 'iphone', '15']);
    expect(tokens[0].raw).toBe('où');
    expect(text.slice(tokens[2].start, tokens[3].end)).toBe("l'iphone");
    expect(words.map((word) => word.text)).toEqual(['où', 'acheter', "l'iphone", '15']);
  });
});

describe('purity of shared/classify', () => {
  it('imports nothing from node:* and touches no DOM or extension globals, so it bundles for the browser', () => {
    const dir = path.join(repoRoot, 'shared/classify');
    const mine = readdirSync(dir).filter((file) => /^(query-|lexicon|lang\.ts)/.test(file) && file.endsWith('.ts'));
    expect(mine.length).toBeGreaterThan(5);
    for (const file of mine) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/from ['"]node:/);
      expect(source, file).not.toMatch(/\b(?:document|window|browser|chrome)\.\w/);
      expect(source, file).not.toMatch(/\brequire\(/);
    }
  });
});
