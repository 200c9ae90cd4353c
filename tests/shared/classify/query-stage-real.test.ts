/**
 * What a marketer notices when the stage of a real search query is read wrong: a brand typed alone must
 * point at that brand's site, a brand in a question is the topic of the question, a typo keeps the stage,
 * and a stage word in another sense ("books in order") is not that stage. The queries below were written
 * for these tests and are in neither labelled set; the real-query figures (ORCAS-I-gold, held out) are
 * in docs/accuracy.md (`npm run eval -- --only stages`).
 */
import { describe, expect, it } from 'vitest';
import { classifyQuery, createQueryClassifier } from '../../../shared/classify/query-stage.ts';
import { evaluatePredictions } from '../../../shared/classify/query-eval.ts';
import { GAZETTEER_NAMES, ORGANISATION_NAMES } from '../../../shared/classify/gazetteer-data.ts';
import { NameLexicon, compileLexicon, type LexiconEntry } from '../../../shared/classify/lexicon.ts';
import { BRODER, loadOrcas } from '../../../bench/eval/stages.ts';

const read = (query: string) => {
  const result = classifyQuery(query);
  return { stage: result.stage, broder: result.broder, signals: result.signals.map((signal) => signal.signal) };
};

describe('the name lists, looked up without compiling them', () => {
  it('finds a name by its first word as the whole compiled list would: the lists are plain and sorted, as the lookup needs', () => {
    const template = { stage: 'navigational', weight: 1, kind: 'site', strict: false } as const;
    for (const [lang, text] of [['gazetteer', GAZETTEER_NAMES], ['organisations', ORGANISATION_NAMES]] as const) {
      const names = text.split('\n');
      expect(names.filter((name) => !/^[a-z0-9]+(?: [a-z0-9]+)*$/.test(name)), lang).toEqual([]);
      expect(names.filter((name, i) => i > 0 && names[i - 1] >= name), lang).toEqual([]);
      const lazy = new NameLexicon(lang, text, template);
      const whole = compileLexicon({ lang, entries: names.map((phrase): LexiconEntry => ({ phrase, ...template })) });
      const lazyCompiled = compileLexicon(lazy);
      // The words of every 150th name (first words and others), and words that start no name.
      const words = [...names.filter((_, i) => i % 150 === 0).flatMap((name) => name.split(' ')), 'zzzz', 'a', '0', ''];
      const split = names.map((name) => name.split(' '));
      for (const word of words) {
        expect(lazyCompiled.byFirstWord.get(word), word).toEqual(whole.byFirstWord.get(word));
        expect(lazy.namesContaining(word), word).toEqual(names.filter((_, i) => word && split[i].includes(word)));
      }
    }
    expect(classifyQuery('apache kafka').signals[0]).toMatchObject({ source: 'gazetteer', signal: 'apache kafka' });
  });
});

describe('brands, organisations and sites, without a network', () => {
  it('reads a brand typed alone as navigational, from the gazetteer built from a data package', () => {
    expect(read('airtable')).toMatchObject({ stage: 'navigational', broder: 'navigational' });
    expect(classifyQuery('airtable').signals[0]).toMatchObject({ source: 'gazetteer' });
    expect(read('airtable login').stage).toBe('navigational');
  });

  it('knows chains and public bodies from name-suggestion-index, even when their names are ordinary words', () => {
    for (const query of ['great clips', 'planet fitness']) {
      expect(read(query), query).toMatchObject({ stage: 'navigational', broder: 'navigational' });
      expect(classifyQuery(query).signals[0], query).toMatchObject({ source: 'organisations' });
    }
    // The chain's name beside an act is where the act happens: still a transaction.
    expect(read("order papa john's online")).toMatchObject({ stage: 'purchase', broder: 'transactional' });
    // A chain named by ordinary words that include a stage word is not read as that chain.
    expect(read('rent a car in rome')).toMatchObject({ stage: 'purchase', broder: 'transactional' });
  });

  it('reads a site name typed joined to a word as that site, but not a dictionary word that happens to contain one', () => {
    expect(read('mychase')).toMatchObject({ stage: 'navigational', broder: 'navigational' });
    expect(read('cdcvaccines').signals[0]).toContain('cdc + vaccines');
    expect(read('appleton').stage).toBe('interest');
    expect(read('amazonian').stage).toBe('interest');
  });

  it('reads a brand asked about as the topic of an interest question, not a visit to the site', () => {
    for (const query of ['garmin battery life', 'netflix documentaries', 'samsung fridge problems', 'tesla model 3 range']) {
      expect(read(query), query).toMatchObject({ stage: 'interest', broder: 'informational' });
    }
    expect(read('best vpn for netflix').stage).toBe('comparison');
    expect(read('download zoom for mac')).toMatchObject({ stage: 'purchase', broder: 'transactional' });
  });

  it("reads a company's phone number as navigational stage but a fact looked up for Broder", () => {
    expect(read('comcast phone number')).toMatchObject({ stage: 'navigational', broder: 'informational' });
  });

  it('does not guess that an unknown single word is a site: most are topics, drugs, places or typos', () => {
    const single = classifyQuery('zorblax');
    expect(single.stage).toBe('interest');
    expect(single.confidence).toBeLessThan(0.5);
  });

  it('measures what the names add: without them a brand alone is only a topic', () => {
    const withoutNames = createQueryClassifier({ siteNames: false });
    expect(withoutNames('airtable').stage).toBe('interest');
  });
});

describe('misspellings', () => {
  it('keeps the stage of a misspelt brand or stage word, and says which word it read', () => {
    expect(read('mailchmip login').stage).toBe('navigational');
    expect(read('duolinog')).toMatchObject({ stage: 'navigational' });
    expect(read('duolinog').signals[0]).toContain('duolingo');
    expect(read('comparision').stage).toBe('comparison');
    expect(read('pricng').stage).toBe('purchase');
    expect(read('loan calculater')).toMatchObject({ stage: 'purchase', broder: 'transactional' });
  });

  it('reads a name of several words with one of them misspelt, but not with an ordinary word in its place', () => {
    expect(read('bank of amrica')).toMatchObject({ stage: 'navigational', broder: 'navigational' });
    expect(read('planet fitnes').signals[0]).toContain('planet fitness');
    expect(read('planet earth').stage).toBe('interest');
  });

  it('does not correct real words and names into brands or stage words', () => {
    expect(read('prince').stage).toBe('interest');
    expect(read('michael jackson').stage).toBe('interest');
    expect(read('michael jackson').signals.join(' ')).not.toContain('≈');
  });

  it('reads a misspelt common word as that word, not as a brand near it or a name joined to a word', () => {
    // airplance: one edit from airplane, two from Air France; seperate: separate misspelt, not "sepe" + "rate".
    for (const query of ['airplance', 'seperate']) expect(read(query), query).toMatchObject({ stage: 'interest', broder: 'informational' });
    expect(read('duolinog').stage).toBe('navigational');
    expect(read('myhbo').stage).toBe('navigational');
  });

  it('can be turned off', () => {
    expect(createQueryClassifier({ fuzzy: false })('duolinog').stage).toBe('interest');
  });
});

describe('stage words in context', () => {
  it('"books in order" is a reading order, not a purchase; "order pizza online" is', () => {
    expect(read('harry potter books in order')).toMatchObject({ stage: 'interest', broder: 'informational' });
    expect(read('order pizza online')).toMatchObject({ stage: 'purchase', broder: 'transactional' });
  });

  it('a price question is the purchase stage, but Broder informational: the searcher looks a fact up', () => {
    expect(read('how much does a new roof cost')).toMatchObject({ stage: 'purchase', broder: 'informational' });
  });
});

describe('real queries labelled by researchers (ORCAS-I-gold, dev half only)', () => {
  it('beats the majority baseline on Broder macro-F1 by a wide margin', () => {
    const dev = loadOrcas().filter((row) => row.split === 'dev');
    expect(dev.length).toBeGreaterThan(400);
    const report = evaluatePredictions(dev.map((row) => ({ gold: row.broder, predicted: classifyQuery(row.query).broder })), BRODER);
    const baseline = evaluatePredictions(dev.map((row) => ({ gold: row.broder, predicted: 'informational' })), BRODER);
    // Measured 0.80 on dev (docs/accuracy.md); the majority baseline is 0.29.
    expect(report.macroF1).toBeGreaterThanOrEqual(0.75);
    expect(report.macroF1).toBeGreaterThan(baseline.macroF1 + 0.4);
  });
});
