import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../shared/score/bm25.ts';
import { questionIntent } from '../../../shared/score/intent.ts';
import { queryGroups } from '../../../shared/score/query-terms.ts';
import { analyzerFor, isSupportedLanguage, primaryLanguage } from '../../../shared/score/text.ts';
import { isLanguageTag } from '../../../shared/language-tag.ts';

describe('text analysis per language', () => {
  it('stems English and drops its stop words', () => {
    expect(analyzerFor('en-US').terms('How do I find the hidden leaks?')).toEqual(['find', 'hidden', 'leak']);
    expect(analyzerFor('en').term('detectors')).toBe(analyzerFor('en').term('detector'));
  });

  it('reads "x-free" as about x, so a bank\'s "Asterisk-Free checking" does not answer "is the trial free"', () => {
    const en = analyzerFor('en');
    expect(en.terms('Huntington Asterisk-Free checking')).toEqual(en.terms('Huntington Asterisk checking'));
    expect(en.terms('Is the trial free?')).toContain(en.term('free'));
    expect(en.terms("everyone's statements, everything at once")).toEqual(en.terms('statements at once'));
  });

  it('reads a phrasal verb as one word however it is written: "set X up" meets "setup", "signing up" meets "signup"', () => {
    const en = analyzerFor('en');
    expect(en.terms('How do I set Zera Books up for a practice?')).toContain(en.term('setup'));
    expect(en.terms('Setting up your account')).toEqual(en.terms('setup your account'));
    expect(en.terms('signing up takes a minute')).toEqual(en.terms('signup takes a minute'));
    expect(en.terms('log in with Google')).toEqual(en.terms('login with Google'));
    // Only those pairs, and not across a preposition: "set in stone", "check out", "set the price of it up" stay as written.
    expect(en.terms('set in stone')).toEqual([en.term('set'), en.term('stone')]);
    expect(en.terms('set the price of it up')).not.toContain(en.term('setup'));
  });

  it('stems French with its accents, then folds them so "détecteurs" meets "detecteur"', () => {
    const fr = analyzerFor('fr');
    expect(fr.terms("Qu'est-ce qu'un détecteur de fuite d'eau ?")).toEqual(['detecteur', 'fuit', 'eau']);
    expect(fr.term('détecteurs')).toBe(fr.term('detecteur'));
  });

  it('drops the stop words the `stopword` package ships for a language without a pack, and question words of the thin packs', () => {
    expect(analyzerFor('sv').terms('Hur hittar jag en läcka i huset?')).toEqual(['hitt', 'lack', 'huset']);
    expect(analyzerFor('it').terms('Quando cambiare il sensore?')).toEqual(analyzerFor('it').terms('cambiare il sensore'));
    expect(analyzerFor('nl').terms('Waarom lekt de kraan?')).toEqual(analyzerFor('nl').terms('lekt de kraan'));
  });

  it('degrades to lower-cased, folded words for a language without a stemmer', () => {
    const zh = analyzerFor('zh');
    expect(zh.stemmed).toBe(false);
    expect(zh.terms('Leaks LEAKS')).toEqual(['leaks', 'leaks']);
    expect(isSupportedLanguage('zh')).toBe(false);
    expect(isSupportedLanguage('fr-CA')).toBe(true);
  });

  it('reads primary language subtags', () => {
    expect(primaryLanguage('fr-FR')).toBe('fr');
    expect(primaryLanguage('EN')).toBe('en');
    expect(primaryLanguage('')).toBeNull();
    expect(primaryLanguage(null)).toBeNull();
    expect(primaryLanguage(' pt_BR ')).toBe('pt');
    expect(['fr-CA', 'pt_BR', 'zh-Hant-TW', 'en'].every(isLanguageTag)).toBe(true);
    expect(['f', 'english', 'fr-', 'fr-CA-toolongsubtag', 'fr CA'].some(isLanguageTag)).toBe(false);
  });
});

describe('query groups', () => {
  it('groups a photographed page with its images: "photographed statements" meets "JPG/PNG image uploads"', () => {
    const [photo] = queryGroups('photographed', 'en');
    expect(photo.terms).toContain(analyzerFor('en').term('images'));
  });

  it('groups synonyms so a pricing page answers "cost"', () => {
    const groups = queryGroups('how much does the sensor cost', 'en');
    const cost = groups.find((g) => g.label === 'cost');
    expect(cost?.terms).toContain(analyzerFor('en').term('pricing'));
    expect(groups.map((g) => g.label)).toEqual(['sensor', 'cost']);
  });
});

describe('BM25 retrieval', () => {
  const en = analyzerFor('en');
  const index = new Bm25Index<string>();
  index.add('pricing', en.terms('Pricing: the sensor price is $49 and the hub price is $89.'));
  index.add('guide', en.terms('How to find a hidden water leak with your water meter in seven steps.'));
  index.add('about', en.terms('Our company story began in a garage in Oregon.'));
  index.add('guide-copy', en.terms('How to find a hidden water leak with your water meter in seven steps.'));

  it('ranks the passage that holds the rare question words first', () => {
    const hits = index.search(queryGroups('find hidden leak', 'en'), 10);
    expect(hits[0].doc.ref).toBe('guide');
    expect(hits.map((h) => h.doc.ref)).not.toContain('about');
  });

  it('counts a synonym group once, whichever word the passage uses', () => {
    const hits = index.search(queryGroups('sensor cost', 'en'), 10);
    expect(hits[0].doc.ref).toBe('pricing');
  });

  it('breaks ties by insertion order, so results are deterministic', () => {
    const hits = index.search(queryGroups('hidden water leak', 'en'), 10);
    expect(hits.slice(0, 2).map((h) => h.doc.ref)).toEqual(['guide', 'guide-copy']);
  });

  it('returns exactly the hits, scores and order of scoring every matching passage on its own', () => {
    // A seeded random corpus with a Zipf-like vocabulary (a few words everywhere, a long tail), many
    // equal scores (repeated passages) and synonym groups: the search must agree hit for hit, float for float.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const vocab = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const word = () => vocab[Math.floor(vocab.length * random() ** 3)];
    const big = new Bm25Index<number>();
    const texts: string[][] = [];
    for (let d = 0; d < 800; d++) {
      const terms = d % 7 === 0 && texts.length ? texts[Math.floor(random() * texts.length)] : Array.from({ length: 5 + Math.floor(random() * 60) }, word);
      texts.push(terms);
      big.add(d, terms);
    }
    let checked = 0;
    for (let q = 0; q < 30; q++) {
      const groups = Array.from({ length: 1 + (q % 4) }, (_, g) => ({ label: `g${g}`, terms: g === 1 ? [word(), word()] : [word()] }));
      for (const limit of [1, 10, 60]) {
        const pruned = big.search(groups, limit).map((h) => [h.doc.ref, h.score]);
        expect(pruned).toEqual(big.searchAll(groups, limit).map((h) => [h.doc.ref, h.score]));
        checked += pruned.length;
      }
    }
    expect(checked).toBeGreaterThan(800);
    // A passage added after searches (the index goes back to its log) is found, and the rest stays exact.
    big.add(800, [vocab[0], vocab[0], vocab[399]]);
    const groups = [{ label: 'w399', terms: [vocab[399]] }, { label: 'w0', terms: [vocab[0]] }];
    expect(big.search(groups, 5).map((h) => [h.doc.ref, h.score])).toEqual(big.searchAll(groups, 5).map((h) => [h.doc.ref, h.score]));
    expect(big.search(groups, 5)[0].doc.ref).toBe(800);
  });

  it('gives a word found everywhere a small but positive weight', () => {
    const common = index.idf({ label: 'water', terms: ['water'] });
    const rare = index.idf({ label: 'garag', terms: [en.term('garage')!] });
    expect(common).toBeGreaterThan(0);
    expect(rare).toBeGreaterThan(common);
  });
});

describe('answer shape a question expects', () => {
  const cases: Array<[string, string, string]> = [
    ['how much does the brightwell sentry cost', 'en', 'price'],
    ['how to install the valve pro', 'en', 'steps'],
    ['brightwell sentry vs aquaguard pulse', 'en', 'versus'],
    ['best water leak detectors 2026', 'en', 'ranking'],
    ['what is a water leak detector', 'en', 'definition'],
    ['what are the signs of a slab leak', 'en', 'list'],
    ['why do pipes burst in winter', 'en', 'explanation'],
    ['aquaguard alternatives', 'en', 'alternatives'],
    ['brightwell sentry reviews', 'en', 'reviews'],
    ['smart leak detector pros and cons', 'en', 'pros-cons'],
    ['brightwell return policy', 'en', 'terms'],
    ['how long does shipping take', 'en', 'duration'],
    ['does brightwell offer a free trial', 'en', 'trial'],
    ["qu'est-ce qu'un détecteur de fuite d'eau", 'fr', 'definition'],
    ['comment installer la vanne Brightwell', 'fr', 'steps'],
    ['combien coûte un détecteur de fuite', 'fr', 'price'],
    ['comparatif détecteur de fuite', 'fr', 'ranking'],
    ['pourquoi les tuyaux gèlent', 'fr', 'explanation'],
  ];
  it.each(cases)('"%s" (%s) wants %s', (text, lang, shape) => {
    expect(questionIntent(text, lang).shapes[0]).toBe(shape);
  });

  it('reads the two sides of a comparison', () => {
    expect(questionIntent('brightwell valve pro vs flowstop', 'en').versus).toEqual(['brightwell valve pro', 'flowstop']);
    expect(questionIntent('difference between a smart shut-off valve and a manual shut-off valve', 'en').versus).toEqual(['smart shut-off valve', 'manual shut-off valve']);
    expect(questionIntent('différence entre un détecteur et une vanne', 'fr').versus).toEqual(['detecteur', 'vanne']);
  });

  it('"how do I know if…" asks for signs, not steps', () => {
    expect(questionIntent('how do I know if my water heater is leaking', 'en').shapes).toEqual(['list']);
  });

  it('expects no particular shape from a plain topic query', () => {
    expect(questionIntent('water leak sensor battery', 'en').shapes).toEqual([]);
  });
});
