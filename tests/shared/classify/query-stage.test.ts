import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyQuery, createQueryClassifier, STAGE_LEXICONS, looksLikeDomain } from '../../../shared/classify/query-stage.ts';
import { evaluatePredictions } from '../../../shared/classify/query-eval.ts';
import { compileEntry } from '../../../shared/classify/lexicon.ts';
import { NEUTRAL_LEXICON } from '../../../shared/classify/lexicon-neutral.ts';
import { SITES_LEXICON } from '../../../shared/classify/lexicon-sites.ts';
import { PLACES_LEXICON } from '../../../shared/classify/lexicon-places.ts';
import { QueryClassificationSchema, type QueryClassification } from '../../../shared/schemas/classify.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LABELLED_CSV = path.join(repoRoot, 'tests/fixtures/queries/labelled.csv');
const STAGES = ['interest', 'comparison', 'purchase', 'navigational'];
const BRODER = ['informational', 'navigational', 'transactional'];

interface LabelledQuery {
  query: string;
  lang: string;
  stage: string;
  broder: string;
  split: string;
  source: string;
}

const labelled = parse(readFileSync(LABELLED_CSV, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as LabelledQuery[];
const scored = labelled.map((row) => ({ row, result: classifyQuery(row.query) }));

function figures(rows: typeof scored) {
  const stage = evaluatePredictions(rows.map(({ row, result }) => ({ gold: row.stage, predicted: result.stage })), STAGES);
  const broder = evaluatePredictions(rows.map(({ row, result }) => ({ gold: row.broder, predicted: result.broder })), BRODER);
  return { stage, broder };
}

const stageOf = (query: string, options?: Parameters<typeof classifyQuery>[1]) => classifyQuery(query, options).stage;
const signalWords = (result: QueryClassification) => result.signals.map((signal) => signal.signal);

describe('labelled query set', () => {
  it('has at least 300 well-formed rows in en, fr, de and es, split into dev and held-out test', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    for (const row of labelled) {
      expect(STAGES).toContain(row.stage);
      expect(BRODER).toContain(row.broder);
      expect(['dev', 'test']).toContain(row.split);
      expect(row.source).toMatch(/^team-written/);
      expect(row.query.trim().length).toBeGreaterThan(0);
    }
    const perLang = (lang: string) => labelled.filter((row) => row.lang === lang).length;
    expect(perLang('en')).toBeGreaterThanOrEqual(150);
    expect(perLang('fr')).toBeGreaterThanOrEqual(100);
    expect(perLang('de')).toBeGreaterThanOrEqual(30);
    expect(perLang('es')).toBeGreaterThanOrEqual(30);
    expect(labelled.filter((row) => row.split === 'test').length).toBeGreaterThanOrEqual(150);
    expect(new Set(labelled.map((row) => row.query)).size).toBe(labelled.length);
  });
});

// Thresholds sit a little under the figures measured with `npx tsx bench/classifier-eval.ts` (docs/classifier.md).
// The Broder thresholds on this team-written set were lowered when the English Broder mapping moved to the reading
// of researchers' labels on real queries (ORCAS-I, docs/accuracy.md): price questions, offers, product categories
// and "near me" are purchase-stage research, Broder informational; this set's `broder` column still calls them
// transactional (the team's earlier convention), so about a hundred English rows now disagree by design. The
// stage thresholds are unchanged.
describe('accuracy on the labelled queries', () => {
  it('meets the four-stage thresholds on the held-out test split', () => {
    const { stage } = figures(scored.filter(({ row }) => row.split === 'test'));
    expect(stage.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(stage.macroF1).toBeGreaterThanOrEqual(0.93);
    for (const metrics of stage.perClass) expect(metrics.recall, metrics.label).toBeGreaterThanOrEqual(0.85);
  });

  it("meets the Broder thresholds on the held-out test split", () => {
    const { broder } = figures(scored.filter(({ row }) => row.split === 'test'));
    expect(broder.accuracy).toBeGreaterThanOrEqual(0.87);
    expect(broder.macroF1).toBeGreaterThanOrEqual(0.85);
  });

  it('holds up on the two batches written after the first lexicons (held-out halves)', () => {
    for (const source of ['team-written-batch2', 'team-written-batch3']) {
      const { stage, broder } = figures(scored.filter(({ row }) => row.source === source && row.split === 'test'));
      expect(stage.accuracy, source).toBeGreaterThanOrEqual(0.88);
      expect(broder.accuracy, source).toBeGreaterThanOrEqual(0.83);
      expect(broder.macroF1, source).toBeGreaterThanOrEqual(0.79);
    }
  });

  it('meets the thresholds on the dev split it was tuned on', () => {
    const { stage, broder } = figures(scored.filter(({ row }) => row.split === 'dev'));
    expect(stage.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(broder.accuracy).toBeGreaterThanOrEqual(0.87);
  });

  it('is accurate in each of English, French, German and Spanish', () => {
    for (const lang of ['en', 'fr', 'de', 'es']) {
      const { stage, broder } = figures(scored.filter(({ row }) => row.lang === lang));
      expect(stage.accuracy, lang).toBeGreaterThanOrEqual(0.93);
      // English alone follows the researchers' Broder reading (see above).
      expect(broder.accuracy, lang).toBeGreaterThanOrEqual(lang === 'en' ? 0.81 : 0.93);
    }
  });

  // Without names a single unknown word is no longer guessed navigational (real queries: mostly topics and misspellings).
  it('keeps most of its accuracy without the list of big site names and the gazetteer', () => {
    const withoutSites = createQueryClassifier({ siteNames: false });
    const test = labelled.filter((row) => row.split === 'test');
    const { accuracy } = evaluatePredictions(test.map((row) => ({ gold: row.broder, predicted: withoutSites(row.query).broder })), BRODER);
    expect(accuracy).toBeGreaterThanOrEqual(0.7);
  });
});

describe('each stage in each language', () => {
  const cases: Array<[string, string, string]> = [
    ['en', 'what causes high blood pressure', 'interest'],
    ['en', 'best project management software', 'comparison'],
    ['en', 'slack pricing', 'purchase'],
    ['en', 'gmail sign in', 'navigational'],
    ['fr', "qu'est-ce qu'une pompe à chaleur", 'interest'],
    ['fr', 'comparatif pompe à chaleur', 'comparison'],
    ['fr', 'pompe à chaleur prix', 'purchase'],
    ['fr', 'espace client edf', 'navigational'],
    ['de', 'warum quietscht die tür', 'interest'],
    ['de', 'wärmepumpe testsieger', 'comparison'],
    ['de', 'wärmepumpe günstig kaufen', 'purchase'],
    ['de', 'sparkasse login', 'navigational'],
    ['es', 'por qué se caen las hojas', 'interest'],
    ['es', 'mejor bomba de calor', 'comparison'],
    ['es', 'bomba de calor precio', 'purchase'],
    ['es', 'movistar iniciar sesión', 'navigational'],
    ['it', 'quanto costa una pompa di calore', 'purchase'],
    ['pt', 'melhor aspirador robô', 'comparison'],
    ['nl', 'wat is een warmtepomp', 'interest'],
  ];
  it.each(cases)('%s: %s → %s', (lang, query, stage) => {
    const result = classifyQuery(query, { lang });
    expect(result.stage).toBe(stage);
    expect(result.lang).toBe(lang);
    expect(result.signals.some((signal) => signal.stage === stage && signal.source !== 'fallback')).toBe(true);
  });

  it('detects the language when none is given', () => {
    expect(classifyQuery('combien coûte une pompe à chaleur').lang).toBe('fr');
    expect(classifyQuery('was kostet eine wärmepumpe').lang).toBe('de');
    expect(classifyQuery('cuánto cuesta una bomba de calor').lang).toBe('es');
    expect(classifyQuery('how much does a heat pump cost').lang).toBe('en');
    expect(classifyQuery('iphone 15 prix').lang).toBe('fr');
  });

  it('takes a region-qualified language code from the caller', () => {
    expect(classifyQuery('avis dyson v15', { lang: 'fr-FR' }).lang).toBe('fr');
  });
});

describe('deliberate ambiguities (docs/classifier.md)', () => {
  it('"best way to" is interest, "best X" is comparison', () => {
    expect(stageOf('best way to clean an oven')).toBe('interest');
    expect(stageOf('what is the best way to learn piano')).toBe('interest');
    expect(stageOf('best oven cleaner')).toBe('comparison');
    expect(stageOf('la meilleure façon de nettoyer un four')).toBe('interest');
    expect(stageOf('la mejor forma de aprender inglés')).toBe('interest');
    expect(stageOf('meilleur nettoyant four')).toBe('comparison');
  });

  it('"how much" is a price question unless it asks about a quantity', () => {
    expect(stageOf('how much is a new boiler')).toBe('purchase');
    expect(signalWords(classifyQuery('how much is a new boiler'))).toContain('how much is');
    expect(stageOf('how much water should i drink')).toBe('interest');
    expect(stageOf('how many calories in an apple')).toBe('interest');
    expect(stageOf('combien coûte un vélo électrique')).toBe('purchase');
    expect(stageOf('combien de temps pour apprendre le piano')).toBe('interest');
  });

  it('"how to install / set up" is implementation (purchase), "how to" alone is interest', () => {
    const install = classifyQuery('how to install a heat pump');
    expect(install.stage).toBe('purchase');
    expect(install.broder).toBe('informational');
    expect(stageOf('how to set up a vpn')).toBe('purchase');
    expect(stageOf('how to clean a heat pump')).toBe('interest');
    expect(stageOf('comment installer une pompe à chaleur')).toBe('purchase');
  });

  it('"X vs Y" and "X or Y" are comparison, in every language', () => {
    const versus = classifyQuery('asana vs trello');
    expect(versus.stage).toBe('comparison');
    expect(signalWords(versus)).toContain('vs');
    const or = classifyQuery('kindle or kobo');
    expect(or.stage).toBe('comparison');
    expect(signalWords(or)).toContain('kindle or kobo');
    expect(stageOf('pompe à chaleur ou chaudière')).toBe('comparison');
    expect(stageOf('wärmepumpe oder gasheizung')).toBe('comparison');
    expect(stageOf('bomba de calor o caldera')).toBe('comparison');
  });

  it('an "or" that offers no choice is not a comparison', () => {
    expect(stageOf('to be or not to be')).toBe('interest');
    expect(stageOf('plus ou moins')).toBe('interest');
  });

  it('French "où" (where) is not "ou" (or): "où acheter" is a purchase', () => {
    const result = classifyQuery('où acheter un vélo électrique');
    expect(result.stage).toBe('purchase');
    expect(signalWords(result)).toContain('où acheter');
  });

  it('"near me" and opening hours are purchase', () => {
    expect(stageOf('bike repair near me')).toBe('purchase');
    expect(stageOf('pharmacie près de chez moi')).toBe('purchase');
    expect(stageOf('apotheke in der nähe')).toBe('purchase');
    expect(stageOf('farmacia cerca de mí')).toBe('purchase');
    expect(classifyQuery('ikea opening hours').stage).toBe('purchase');
  });

  it('words inside fixed phrases do not count ("gluten free", "tax return", "cost of living")', () => {
    expect(stageOf('gluten free bread')).toBe('interest');
    expect(stageOf('how to file a tax return')).toBe('interest');
    expect(stageOf('cost of living in lisbon')).toBe('interest');
  });

  it('false friends only count in their own language', () => {
    expect(stageOf('comment faire une pâte à crêpes')).toBe('interest');
    expect(classifyQuery('covid test', { lang: 'en' }).signals.some((s) => s.source === 'de' || s.source === 'fr')).toBe(false);
    expect(stageOf('waschmaschine test', { lang: 'de' })).toBe('comparison');
  });

  it('a German compound counts by its head, and an exact compound wins over the pattern', () => {
    expect(stageOf('waschmaschinenvergleich', { lang: 'de' })).toBe('comparison');
    expect(stageOf('preisvergleich waschmaschine', { lang: 'de' })).toBe('purchase');
  });

  it('a traded asset\'s price is market news, not a purchase', () => {
    expect(stageOf('bitcoin price')).toBe('interest');
    expect(stageOf('iphone 15 price')).toBe('purchase');
  });

  it('comparison queries map to Broder transactional only with an act on the web (buy, order, download)', () => {
    expect(classifyQuery('compare and buy car insurance online').broder).toBe('transactional');
    expect(classifyQuery('compare car insurance quotes').broder).toBe('informational');
    expect(classifyQuery('notion vs evernote').broder).toBe('informational');
  });
});

describe('navigational queries', () => {
  it('recognises big sites, domains, and account words', () => {
    for (const query of ['facebook', 'youtube', 'leboncoin', 'ebay kleinanzeigen', 'bank of america', 'bankofamerica']) {
      expect(stageOf(query), query).toBe('navigational');
    }
    for (const query of ['facebook.com', 'www.irs.gov', 'impots.gouv.fr', 'web.de login']) expect(stageOf(query), query).toBe('navigational');
    for (const query of ['acme login', 'acme sign in', 'acme customer service', 'acme connexion', 'acme kundenservice']) {
      expect(stageOf(query), query).toBe('navigational');
    }
    expect(signalWords(classifyQuery('facebook.com'))).toContain('facebook.com');
  });

  it("uses the user's brand names and domains", () => {
    const options = { brandNames: ['Zmot Lens'], brandDomains: ['https://www.acmetools.io/'] };
    expect(classifyQuery('zmot lens', options).stage).toBe('navigational');
    expect(classifyQuery('zmot lens', options).signals[0]).toMatchObject({ stage: 'navigational', source: 'brand' });
    expect(classifyQuery('acmetools', options).stage).toBe('navigational');
    expect(classifyQuery('acmetools.io', options).stage).toBe('navigational');
    // A brand next to a funnel word is the topic of that stage, not a destination.
    expect(classifyQuery('zmot lens pricing', options).stage).toBe('purchase');
    expect(classifyQuery('zmot lens alternatives', options).stage).toBe('comparison');
  });

  it("takes a brand domain's name from under its public suffix, not its first label", () => {
    // "shop" would have made every "shop …" query a visit to the brand's site.
    const options = { brandNames: [], brandDomains: ['shop.brightwell.co.uk'] };
    expect(classifyQuery('brightwell', options).signals[0]).toMatchObject({ stage: 'navigational', source: 'brand' });
    expect(classifyQuery('shop', options).signals.some((s) => s.source === 'brand')).toBe(false);
  });

  it('a site name next to a clear funnel word gives way to it', () => {
    expect(stageOf('amazon prime price')).toBe('purchase');
    expect(stageOf('how to delete facebook account')).toBe('interest');
    expect(stageOf('netflix vs hulu')).toBe('comparison');
  });

  it('tells site addresses from tech names and numbers', () => {
    expect(looksLikeDomain('facebook.com')).toBe(true);
    expect(looksLikeDomain('https://www.ameli.fr/assure')).toBe(true);
    expect(looksLikeDomain('asp.net')).toBe(false);
    expect(looksLikeDomain('node.js')).toBe(false);
    expect(looksLikeDomain('3.5')).toBe(false);
    // A dotted host with a path is an address even when its ending is no TLD we list; a tech name with a path is not.
    expect(looksLikeDomain('medicare.fcso/fee')).toBe(true);
    expect(looksLikeDomain('node.js/express')).toBe(false);
    expect(looksLikeDomain('asp.net/mvc')).toBe(false);
  });

  it('reads an address typed with a space or "dot" for its dot, but not those endings as words', () => {
    // A name no list knows still heads for its site when an ending follows it.
    for (const query of ['zorblax gov', 'zorblax edu', 'zorblax org', 'zorblax dot com', 'zorblax dot net']) {
      expect(classifyQuery(query), query).toMatchObject({ stage: 'navigational', broder: 'navigational' });
    }
    for (const query of ['org chart', 'gov benefits', 'net worth', 'dot com bubble', 'gov']) expect(stageOf(query), query).toBe('interest');
  });
});

describe('unknown languages and thin evidence', () => {
  it('falls back on language-neutral signals', () => {
    expect(stageOf('gitarr pris 500 kr')).toBe('purchase');
    expect(stageOf('ギター ¥20000')).toBe('purchase');
    expect(stageOf('gitara vs pianino')).toBe('comparison');
    expect(stageOf('allegro.pl')).toBe('navigational');
    expect(stageOf('jak nauczyć się grać na gitarze?')).toBe('interest');
  });

  it('calls everything else interest, with low confidence', () => {
    const polish = classifyQuery('nauka gry na gitarze');
    expect(polish.stage).toBe('interest');
    expect(polish.confidence).toBeLessThan(0.5);
    expect(polish.lang).toBe('und');
    expect(polish.signals[0].source).toBe('fallback');
    expect(classifyQuery('гитара для начинающих').lang).toBe('ru');
    expect(classifyQuery('гитара для начинающих').stage).toBe('interest');
  });

  it('calls a single unknown word a topic with low confidence, and a known name navigational', () => {
    const single = classifyQuery('zorblax');
    expect(single.stage).toBe('interest');
    expect(single.confidence).toBeLessThan(0.5);
    expect(stageOf('airtable')).toBe('navigational');
    expect(stageOf('photosynthesis')).toBe('interest');
    expect(stageOf('florida')).toBe('interest');
    expect(stageOf('dinosaurs')).toBe('interest');
  });

  it('is more confident when more words agree', () => {
    expect(classifyQuery('cheap iphone 15 price deals').confidence).toBeGreaterThan(classifyQuery('iphone 15 deals').confidence);
  });
});

describe('robustness', () => {
  const hostile = ['', '   ', '\n\t', '🎸🎸🎸', 'x'.repeat(1000), 'how to '.repeat(300), '<script>alert(1)</script>', '\u0000\u200b', '????', "'; drop table--"];
  it.each(hostile.map((query) => [JSON.stringify(query).slice(0, 40), query]))('returns a valid result for %s', (_, query) => {
    const result = classifyQuery(query);
    expect(QueryClassificationSchema.safeParse(result).success).toBe(true);
    expect(result.query).toBe(query);
  });

  it('returns interest with zero confidence when there is nothing to read', () => {
    for (const query of ['', '   ', '🎸🎸🎸']) {
      expect(classifyQuery(query)).toMatchObject({ stage: 'interest', confidence: 0, lang: 'und', signals: [] });
    }
  });

  it('survives callers that break the types', () => {
    expect(() => classifyQuery(undefined as unknown as string)).not.toThrow();
    expect(() => classifyQuery(42 as unknown as string, { brandNames: 'acme' as unknown as string[] })).not.toThrow();
    expect(classifyQuery('acme', { brandNames: ['acme', null as unknown as string] }).stage).toBe('navigational');
  });

  it('always returns a schema-valid, normalised, deterministic result (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.option(fc.constantFrom('en', 'fr', 'de', 'es', 'xx', 'fr-CA', '')), (query, lang) => {
        const options = lang === null ? undefined : { lang };
        const result = classifyQuery(query, options);
        expect(QueryClassificationSchema.safeParse(result).success).toBe(true);
        const sum = result.scores.interest + result.scores.comparison + result.scores.purchase + result.scores.navigational;
        expect(Math.abs(sum - 1)).toBeLessThan(0.01);
        expect(classifyQuery(query, options)).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('explains every decision with at least one signal for the chosen stage', () => {
    for (const { result } of scored) {
      expect(result.signals.some((signal) => signal.stage === result.stage), result.query).toBe(true);
    }
  });
});

describe('lexicons', () => {
  it('list each phrase once per lexicon, so every weight is unambiguous', () => {
    for (const lexicon of [...STAGE_LEXICONS, NEUTRAL_LEXICON, SITES_LEXICON, PLACES_LEXICON]) {
      const keys = lexicon.entries.map((entry) => {
        const compiled = compileEntry(entry, lexicon.lang)!;
        return JSON.stringify([compiled.anchorStart, compiled.words, compiled.anchorEnd]);
      });
      const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
      expect(duplicates, lexicon.lang).toEqual([]);
    }
  });

  it('cover at least the vocabulary of the design table in English and French', () => {
    const designTable: Array<[string, string, string]> = [
      ['en', 'what is', 'interest'], ['en', 'why', 'interest'], ['en', 'how to', 'interest'], ['en', 'how does', 'interest'],
      ['en', 'causes', 'interest'], ['en', 'signs', 'interest'], ['en', 'ideas', 'interest'], ['en', 'guide', 'interest'],
      ['en', 'tips', 'interest'], ['en', 'best', 'comparison'], ['en', 'top', 'comparison'], ['en', 'versus', 'comparison'],
      ['en', 'compare', 'comparison'], ['en', 'alternatives', 'comparison'], ['en', 'review', 'comparison'],
      ['en', 'pros and cons', 'comparison'], ['en', 'which', 'comparison'], ['en', 'difference between', 'comparison'],
      ['en', 'price', 'purchase'], ['en', 'cost', 'purchase'], ['en', 'pricing', 'purchase'], ['en', 'buy', 'purchase'],
      ['en', 'order', 'purchase'], ['en', 'shipping', 'purchase'], ['en', 'delivery', 'purchase'], ['en', 'returns', 'purchase'],
      ['en', 'warranty', 'purchase'], ['en', 'in stock', 'purchase'], ['en', 'near me', 'purchase'], ['en', 'opening hours', 'purchase'],
      ['en', 'install', 'purchase'], ['en', 'setup', 'purchase'], ['en', 'requirements', 'purchase'], ['en', 'trial', 'purchase'],
      ['en', 'demo', 'purchase'], ['en', 'quote', 'purchase'],
      ['fr', "qu'est-ce que", 'interest'], ['fr', 'pourquoi', 'interest'], ['fr', 'comment', 'interest'], ['fr', 'guide', 'interest'],
      ['fr', 'meilleur', 'comparison'], ['fr', 'comparatif', 'comparison'], ['fr', 'avis', 'comparison'], ['fr', 'différence', 'comparison'],
      ['fr', 'prix', 'purchase'], ['fr', 'tarif', 'purchase'], ['fr', 'acheter', 'purchase'], ['fr', 'livraison', 'purchase'],
      ['fr', 'retour', 'purchase'], ['fr', 'garantie', 'purchase'], ['fr', 'devis', 'purchase'], ['fr', 'pas cher', 'purchase'],
      ['fr', 'connexion', 'navigational'],
    ];
    for (const [lang, phrase, stage] of designTable) {
      const result = classifyQuery(`${phrase} xyz`, { lang });
      expect(result.signals.some((signal) => signal.stage === stage && signal.signal === phrase), `${lang} "${phrase}"`).toBe(true);
    }
  });
});
