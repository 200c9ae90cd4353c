import { describe, expect, it } from 'vitest';
import { isNonDescriptive } from '../../../shared/audits/link-text.ts';
import { detectLanguage } from '../../../shared/classify/lang.ts';
import { classifyQuery } from '../../../shared/classify/query-stage.ts';
import { templateQuestions } from '../../../shared/questions/templates.ts';
import { questionIntent } from '../../../shared/score/intent.ts';
import { analyzerFor } from '../../../shared/score/text.ts';

describe('Romanian', () => {
  it('stems comma-below, old cedilla and diacritic-free spellings to the same term', () => {
    const ro = analyzerFor('ro-RO');
    expect(ro.stemmed).toBe(true);
    const forms = ['instalațiile', 'instalaţiile', 'instalatiile'].map((w) => ro.term(w));
    expect(new Set(forms).size).toBe(1);
    expect(forms[0]).toBe('instal');
    // Stop words from the `stopword` package, whichever way ș/ț are written.
    expect(ro.terms('acești senzori și aceşti senzori')).toEqual(['senzor', 'senzor']);
  });

  it('classifies queries by stage with diacritics, without them and with cedilla forms', () => {
    for (const q of ['cât costă o valvă de închidere', 'cat costa o valva de inchidere', 'preţ senzor inundaţie']) {
      expect(classifyQuery(q).stage, q).toBe('purchase');
    }
    expect(classifyQuery('ce înseamnă o scurgere ascunsă').stage).toBe('interest');
    expect(classifyQuery('cel mai bun detector de apă').stage).toBe('comparison');
    expect(classifyQuery('cat costa o valva de inchidere').lang).toBe('ro');
  });

  it('detects the language of Romanian text and questions', () => {
    expect(detectLanguage('Cum funcționează senzorul de scurgeri și cât costă instalarea?')).toBe('ro');
    expect(detectLanguage('cum functioneaza senzorul de scurgeri si cat costa instalarea')).toBe('ro');
  });

  it('flags non-descriptive Romanian link texts', () => {
    for (const text of ['Click aici', 'mai mult', 'Citește mai mult', 'citeşte mai mult', 'citeste mai mult']) expect(isNonDescriptive(text, 'ro'), text).toBe(true);
    expect(isNonDescriptive('Prețuri senzori de scurgeri', 'ro')).toBe(false);
  });

  it('has question templates and answer shapes', () => {
    const questions = templateQuestions({ brand: { name: 'Brightwell' } as never, category: 'senzori de scurgeri', products: ['Valve Pro'], competitors: [{ name: 'Flo' } as never], languages: ['ro'] });
    expect(questions.map((q) => q.text)).toContain('preț Valve Pro');
    expect(new Set(questions.map((q) => q.stage))).toEqual(new Set(['interest', 'comparison', 'purchase']));
    expect(questionIntent('cât costă valva', 'ro').shapes).toContain('price');
    expect(questionIntent('diferența dintre Valve Pro și Flo', 'ro').versus).toEqual(['valve pro', 'flo']);
  });
});
