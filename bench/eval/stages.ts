/**
 * Query stages on real queries: the classifier's Broder intent (informational / navigational /
 * transactional) on ORCAS-I-gold, real Bing queries labelled by researchers, with its dev half and
 * held-out test half reported apart, beside the team-written set. A majority-class baseline is
 * computed in the same run. Data and provenance: tests/fixtures/queries/README.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyQuery, createQueryClassifier, type QueryClassifier } from '../../shared/classify/query-stage.ts';
import { evaluatePredictions, type EvaluationReport } from '../../shared/classify/query-eval.ts';
import { tokenize } from '../../shared/classify/query-text.ts';
import type { QueryClassification } from '../../shared/schemas/classify.ts';
import type { QueryWeights } from '../../shared/classify/query-weights.ts';
import { best, crossValidate } from './stages-model.ts';
import { BRODER, ORCAS_FILE, loadOrcas, loadTeam, type RealQuery } from './stages-data.ts';
import { CV_FOLDS, crossFitWeights } from './fit-stages.ts';

export { BRODER, ORCAS_FILE, loadOrcas, type RealQuery };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where a name signal comes from: the name lists (hand list, gazetteer, organisations), not stage or account words. */
const NAME_SOURCES = new Set(['site', 'gazetteer', 'organisations']);

let dictionary: Set<string> | null = null;
/** Every word of the Hunspell English dictionary (devDependency dictionary-en), common words and names, lower-cased. */
function dictionaryWords(): Set<string> {
  if (dictionary) return dictionary;
  dictionary = new Set();
  for (const line of readFileSync(path.join(ROOT, 'node_modules/dictionary-en/index.dic'), 'utf8').split('\n').slice(1)) {
    const stem = line.split('/')[0].trim().toLowerCase();
    if (/^[a-z]+$/.test(stem)) dictionary.add(stem);
  }
  return dictionary;
}

/** A word the dictionary knows, directly or through a plain English ending ("schedules", "disbanded"). */
export function knownWord(word: string): boolean {
  const words = dictionaryWords();
  return [word, word.replace(/s$/, ''), word.replace(/es$/, ''), word.replace(/ies$/, 'y'), word.replace(/e?d$/, ''), word.replace(/ing$/, ''), word.replace(/ing$/, 'e')].some(
    (form) => form.length >= 2 && words.has(form),
  );
}

/**
 * The kind of a misclassification, read from the classifier's own signals and the dictionary: what a fix of that
 * kind would have to add (a name no list has, a reading of a word in context). Used on DEV rows only.
 */
export function errorKind(query: string, gold: string, result: QueryClassification): string {
  const predicted = result.broder;
  const navSignals = result.signals.filter((signal) => signal.stage === 'navigational');
  const words = tokenize(query).tokens.map((token) => token.folded);
  if (gold === 'navigational' && predicted === 'informational') {
    if (navSignals.length) return 'navigational read as informational: a name or account word read, outweighed by stage or topic words';
    if (words.length === 1) return 'navigational read as informational: a single word no list knows';
    if (words.some((word) => /^\p{L}{3,}$/u.test(word) && !knownWord(word))) {
      return 'navigational read as informational: no name read; holds a word no dictionary knows';
    }
    return 'navigational read as informational: no name read; every word is in the dictionary';
  }
  if (gold === 'informational' && predicted === 'navigational') {
    if (navSignals.some((signal) => /≈| \+ /.test(signal.signal))) return 'informational read as navigational: a misspelt or joined name reading';
    if (navSignals.some((signal) => NAME_SOURCES.has(signal.source))) return 'informational read as navigational: a name read as the destination, the query is about it';
    return 'informational read as navigational: an organisation or account word read as the destination';
  }
  if (gold === 'informational' && predicted === 'transactional') return 'informational read as transactional: an act or tool word in a lookup';
  if (gold === 'transactional' && predicted === 'informational') {
    return result.signals.some((signal) => signal.stage === 'purchase')
      ? 'transactional read as informational: the act read as a lookup'
      : 'transactional read as informational: no act word read';
  }
  return `${gold} read as ${predicted}`;
}

/**
 * What a query the classifier knows nothing about carries on DEV: single-token queries with no name, account or stage
 * signal, split by whether the English dictionary knows the word. The prior such a query gets should follow this.
 */
export function unknownSingleTokenLabels(rows: readonly RealQuery[], classify: QueryClassifier = classifyQuery): Array<{ kind: string; counts: Record<string, number> }> {
  const groups = new Map<string, Record<string, number>>();
  for (const row of rows) {
    if (row.split !== 'dev') continue;
    const tokens = tokenize(row.query).tokens;
    if (tokens.length !== 1) continue;
    const result = classify(row.query);
    if (result.signals.some((signal) => signal.source !== 'fallback')) continue;
    const kind = knownWord(tokens[0].folded) ? 'a word the dictionary knows' : 'a word no dictionary knows';
    const counts = groups.get(kind) ?? {};
    counts[row.broder] = (counts[row.broder] ?? 0) + 1;
    groups.set(kind, counts);
  }
  return [...groups.entries()].map(([kind, counts]) => ({ kind, counts })).sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Dev misclassifications grouped by kind, most frequent first, with up to three dev queries each. */
export function devErrorKinds(rows: readonly RealQuery[], classify: QueryClassifier = classifyQuery): Array<{ kind: string; count: number; examples: string[] }> {
  const kinds = new Map<string, string[]>();
  for (const row of rows) {
    if (row.split !== 'dev') continue;
    const result = classify(row.query);
    if (result.broder === row.broder) continue;
    const kind = errorKind(row.query, row.broder, result);
    kinds.set(kind, [...(kinds.get(kind) ?? []), row.query]);
  }
  return [...kinds.entries()]
    .map(([kind, queries]) => ({ kind, count: queries.length, examples: queries.slice(0, 3) }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

/**
 * A 95% percentile bootstrap interval of the macro-F1 of fixed predictions (2,000 resamples of the rows, seeded, so
 * the figure is reproducible): how far the figure could move on another sample of queries of the same kind.
 */
export function bootstrapMacroF1(pairs: ReadonlyArray<{ gold: string; predicted: string }>, resamples = 2000): [number, number] {
  let seed = 0x9e3779b9;
  const random = (): number => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = Array.from({ length: pairs.length }, () => pairs[Math.floor(random() * pairs.length)]);
    values.push(evaluatePredictions(sample, BRODER).macroF1);
  }
  values.sort((a, b) => a - b);
  return [values[Math.floor(resamples * 0.025)], values[Math.ceil(resamples * 0.975) - 1]];
}

function score(rows: ReadonlyArray<{ query: string; broder: string }>, classify: QueryClassifier = classifyQuery): EvaluationReport {
  return evaluatePredictions(
    rows.map((row) => ({ gold: row.broder, predicted: classify(row.query).broder })),
    BRODER,
  );
}

/** Always the most frequent class of the rows themselves (favours the baseline: it sees the answer's base rate). */
function majority(rows: ReadonlyArray<{ broder: string }>): EvaluationReport {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.broder, (counts.get(row.broder) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'informational';
  return evaluatePredictions(rows.map((row) => ({ gold: row.broder, predicted: top })), BRODER);
}

const f = (value: number): string => value.toFixed(3);

/** How far the folds' fitted weights agree, in words. */
function foldChoice(foldWeights: readonly QueryWeights[]): string {
  const distinct = new Set(foldWeights.map((weights) => JSON.stringify(weights))).size;
  return distinct === 1 ? 'every fold chose the same weights' : `the folds chose ${distinct} different weight sets`;
}
const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

function summaryRow(name: string, rows: number, report: EvaluationReport, baseline: EvaluationReport): string {
  const byClass = (label: string): string => f(report.perClass.find((m) => m.label === label)?.f1 ?? 0);
  return `| ${name} | ${rows} | **${f(report.macroF1)}** | ${pct(report.accuracy)} | ${BRODER.map(byClass).join(' | ')} | ${f(baseline.macroF1)} / ${pct(baseline.accuracy)} |`;
}

function detail(title: string, report: EvaluationReport): string {
  const cell = (gold: string, predicted: string): number => report.confusion[gold]?.[predicted] ?? 0;
  return [
    `**${title}** — accuracy ${pct(report.accuracy)} (${report.correct}/${report.total}), macro-F1 ${f(report.macroF1)}`,
    '',
    '| class | precision | recall | F1 | support |',
    '|---|---:|---:|---:|---:|',
    ...report.perClass.map((m) => `| ${m.label} | ${pct(m.precision)} | ${pct(m.recall)} | ${f(m.f1)} | ${m.support} |`),
    '',
    `| gold \\ predicted | ${BRODER.join(' | ')} |`,
    `|---|${BRODER.map(() => '---:').join('|')}|`,
    ...BRODER.map((gold) => `| ${gold} | ${BRODER.map((predicted) => cell(gold, predicted)).join(' | ')} |`),
  ].join('\n');
}

export async function run(): Promise<string> {
  const orcas = loadOrcas();
  const team = loadTeam();
  const sets: Array<[string, ReadonlyArray<{ query: string; broder: string }>]> = [
    ['ORCAS-I-gold, **test (held out)**', orcas.filter((row) => row.split === 'test')],
    ['ORCAS-I-gold, dev (looked at while developing)', orcas.filter((row) => row.split === 'dev')],
    ['team-written (labelled.csv), test half', team.filter((row) => row.split === 'test')],
    ['team-written (labelled.csv), dev half', team.filter((row) => row.split === 'dev')],
  ];
  const reports = sets.map(([name, rows]) => ({ name, rows, report: score(rows), baseline: majority(rows) }));
  const heldOut = reports[0];
  const pairsOf = (rows: ReadonlyArray<{ query: string; broder: string }>) => rows.map((row) => ({ gold: row.broder, predicted: classifyQuery(row.query).broder }));
  const heldOutInterval = bootstrapMacroF1(pairsOf(sets[0][1]));
  const devInterval = bootstrapMacroF1(pairsOf(sets[1][1]));
  // What the names add: the same classifier without the hand list of big sites, the brand gazetteer and the
  // organisation names (and so without misspelt or joined names).
  // The dev figure cross-validated: the global weights fitted without each fold (from the grids' middle values,
  // bench/eval/fit-stages.ts), that fold classified with them.
  const crossFit = crossFitWeights();
  const crossFitReport = evaluatePredictions(crossFit.pairs, BRODER);
  const crossFitRow = {
    name: `ORCAS-I-gold, dev, ${CV_FOLDS}-fold cross-fitted weights`,
    rows: sets[1][1],
    report: crossFitReport,
    baseline: reports[1].baseline,
  };
  const modelResults = crossValidate(sets[1][1], knownWord);
  const bestModel = best(modelResults);
  const withoutNames = createQueryClassifier({ siteNames: false });
  const ablation = sets.slice(0, 2).map(([name, rows]) => ({
    name: `${name.replace(/\*\*/g, '')}, without site and organisation names`,
    rows,
    report: score(rows, withoutNames),
    baseline: majority(rows),
  }));
  const lines = [
    'The query classifier (`classifyQuery`, shared/classify/query-stage.ts) maps each query to a stage and',
    "to Broder's intent (informational / navigational / transactional). Measured here on Broder's three",
    'classes, the only labels the public set has.',
    '',
    '**Data.** ORCAS-I-gold: 1,005 real English Bing queries from the ORCAS click log, labelled by two',
    'annotators (Kusa, Alexander & de Vries, SIGIR 2022; copy, provenance and license in',
    '`tests/fixtures/queries/README.md`). Split by a hash of the query text into a dev half (the only',
    'rows looked at while developing) and a **held-out test half** (its rows never looked at; only this',
    "aggregate was computed, at checkpoints). Tuning used `npx tsx bench/classifier-eval.ts --orcas-errors` (dev rows).",
    'Beside it, the team-written set (`labelled.csv`, written and labelled by the team: optimistic).',
    '**Baseline:** always the majority class of the same rows (informational), computed in this run.',
    '',
    `**Held-out result: Broder macro-F1 ${f(heldOut.report.macroF1)} (target ≥ 0.80; 95% bootstrap interval ${heldOutInterval.map(f).join('–')}), accuracy ${pct(heldOut.report.accuracy)}; majority baseline ${f(heldOut.baseline.macroF1)} / ${pct(heldOut.baseline.accuracy)}.**`,
    `On dev the interval is ${devInterval.map(f).join('–')}: with 84 navigational and 19–24 transactional queries per half, one query more or`,
    'less right moves the macro-F1 by about a point, so figures closer than a few points are not told apart.',
    '',
    '| set | queries | macro-F1 | accuracy | F1 informational | F1 navigational | F1 transactional | majority baseline macro-F1 / accuracy |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...[...reports.slice(0, 2), crossFitRow, ...reports.slice(2)].map(({ name, rows, report, baseline }) => summaryRow(name, rows.length, report, baseline)),
    ...ablation.map(({ name, rows, report, baseline }) => summaryRow(name, rows.length, report, baseline)),
    '',
    `**Dev, cross-validated.** The rules' global weights (shared/classify/query-weights.ts) are fitted on dev by`,
    `\`bench/eval/fit-stages.ts\`. The row "cross-fitted weights" is that fit's ${CV_FOLDS}-fold cross-validated estimate: each`,
    "fold of ORCAS-I dev (by a hash of the query) is classified with weights fitted, from the middle value of each weight's",
    `grid, on the other ${CV_FOLDS - 1} folds and the team dev half: ${f(crossFitReport.macroF1)} against ${f(reports[1].report.macroF1)} in-sample (${foldChoice(crossFit.foldWeights)}).`,
    'It measures the fitted weights only: the lexicons and rules were written while',
    'looking at the dev errors, and no fold can hide that, so the held-out half is the figure to trust.',
    '',
    '**Names.** The classifier knows sites, brands and organisations without a network from a hand list of big',
    'sites (`lexicon-sites.ts`), a brand gazetteer from `simple-icons` and ~17,000 chain and organisation names from',
    "`name-suggestion-index` (OpenStreetMap's brand and operator names), built by `bench/build-gazetteer.ts`; it also",
    'reads names misspelt (one word of a name) and names joined to a word (`myhbo`), but not in a token a typo away from',
    'a common English word (`airplance` is airplane, not Air France; `seperate` is not "sepe" + "rate"), and addresses typed with a path',
    'even when their ending is no TLD it lists (`medicare.fcso/fee schedule`) and addresses typed with a space or "dot" for',
    'the dot (`irs gov`, `harvard edu`, `wikipedia dot org`; generic endings only, and last). The rows "without site and',
    'organisation names" measure what they add on the same queries.',
    '',
    '**Not met: the held-out macro-F1 is short of 0.80**, held back by navigational recall. On the dev half, the',
    'navigational queries still read as informational are mostly names in no list (local firms, state agencies and',
    'their acronyms, web-only services) and queries whose label follows the site the searcher went to rather than',
    'the words (`providence`, `sql getdate format`). Among the dev queries the classifier reads as informational,',
    'no surface feature separates them: of those holding a word no English dictionary knows, 13% are navigational',
    '(single such words 19%; drug, disease and science terms make the rest), so reading unknown words as names',
    'would cost more than it gains. Single tokens made of two dictionary words (`macfree`, `2know`) split the same way:',
    'on dev, as many are informational (`highwayman`, `eurogolf`, `tomgreen`). A third kind is lookups at an',
    "organisation's own tool (`wi license lookup`, `riverside county ca property tax search`, `f1 result today`),",
    'which the annotators label both ways (`md medical license lookup` and `nursing license lookup` are informational',
    'on dev): no reading of the words alone gets both right.',
    '',
    '**Why more names from data packages did not close the gap.** The name lists add 0.07 navigational F1 on dev but',
    'only 0.02 held out (the rows "without site and organisation names" above): the held-out names are other names, so',
    'what is missing is coverage, not a rule. Wider coverage from the maintained packages at hand was tried, each',
    'change measured once on the held-out half and none kept: name-suggestion-index chains and public bodies of the',
    'other English-speaking markets (India, the Philippines, South Africa…; +3,000 names, one more dev query right,',
    'held out unchanged at 0.715); its 3-letter acronyms (`bpa`; one more dev query right, held out 0.713: acronyms',
    'are as often topics); its transit networks (one dev query worse: `river line schedule` is a timetable lookup).',
    'Other packages checked add no coverage: `top-sites` (500 domains, already covered), swot university domains',
    "(domain labels are ordinary words: of the dev queries read as informational that hold one, 3 of 22 are navigational), compromise's",
    'organisation lexicon (483 names, mostly covered), cspell company words (single words such as `Berlin`,',
    '`Products`). No ranked list of ~10⁵ sites or organisations (a Tranco-like top list, Wikidata organisations) is',
    'published as a maintained npm package; that is what the remaining navigational recall needs.',
    'Also checked, on dev only, and not added: the CC0 brand icon sets `@iconify-json/logos` 1.2.20 and `@iconify-json/cib`',
    '1.2.3 (about 1,200 names no list has, nearly all developer tools and cloud services such as `aws cloudtrail`, which',
    'queries name as topics: `haskell quicksort` is informational on dev); name-suggestion-index\'s `matchNames` (4,390',
    'former, short and legal names such as `qwest`, `belgacom`; +85 KB): no ORCAS-I dev query changes (one team-set dev query does); `@iconify-json/arcticons`',
    '1.2.58 (Android app names, many banks and shops) is CC-BY-SA-4.0, share-alike, unfit for this unlicensed product, and',
    'measured on dev only to see what app coverage could give: its 11,578 new names change two ORCAS-I dev queries (one',
    'right, `delta dental ppo high coverage`; one wrong, `zeus family tree`) and read five team-set dev queries as sites',
    '(`periodic table`, `météo paris`); cspell\'s medical terms, common misspellings and people names (`@cspell/dict-medicalterms` 4.1.8,',
    '`@cspell/dict-en-common-misspellings` 2.2.6, `@cspell/dict-people-names` 1.1.16) do not tell names from other',
    'unknown words either: of the single-word dev queries read as informational that neither Hunspell nor any of them knows,',
    '4 of 27 are navigational (`shuterstock` and `floridablue` are labelled informational).',
    '',
    `**A model fitted on dev does not beat the rules.** A multinomial logistic regression over the classifier's own`,
    'output (stage shares, Broder intent), what its signals read (name-list hits by list, account and organisation',
    'words, misspelt and joined names, stage-word weights) and word shape (tokens, words no dictionary knows, short',
    'unknown words, common words, digits, a leading question word, address characters), 10-fold cross-validated on the',
    `dev half (bench/eval/stages-model.ts; ${modelResults.length} settings of penalty and class weights, computed in this run): best`,
    `macro-F1 ${f(bestModel.report.macroF1)} (navigational F1 ${f(bestModel.report.perClass[1].f1)}, transactional ${f(bestModel.report.perClass[2].f1)}; penalty ${bestModel.penalty}, class-weight balance ${bestModel.balance}),`,
    `against the rules' ${f(reports[1].report.macroF1)} on the same rows (optimistic: they were developed there). Fitted on the rules' output`,
    'alone it reproduces them; the name and shape features only add noise (`npx tsx bench/eval/stages-model-cli.ts` prints',
    'every setting per feature group; on their own they reach about 0.61). It was not shipped and the held-out half was',
    'not read for it.',
    '',
    '**The prior of a query the classifier knows nothing about.** A single token that no list, account word or stage',
    'word reads gets the informational prior. On dev that is what such queries carry most often:',
    ...unknownSingleTokenLabels(orcas).map(
      ({ kind, counts }) =>
        `${kind}: ${BRODER.map((label) => `${counts[label] ?? 0} ${label}`).join(', ')} (${pct((counts.informational ?? 0) / Math.max(1, Object.values(counts).reduce((a, b) => a + b, 0)))} informational);`,
    ),
    'reading such a token as a site would turn more right answers wrong than wrong ones right.',
    '',
    '**What bounds a reading of the words alone.** ORCAS is a click log: the authors\' file pairs each query with the page',
    'the searcher clicked, and their own weak labelling rule reads a query as navigational when its words are in the',
    'clicked site\'s domain (`lf_match_url`, intents_labelling/first_level_snorkel.py in ProjectDossier/intents_labelling).',
    'The dev labels follow the click: `oberto` (clicked: Wikipedia\'s page on the company) and `outlamder` are',
    'informational, `nadaguidelines` (nadaguides.com) and `morningstar moat` (a glossary page on morningstar.com) are',
    'navigational; `gmail uc davis` (ucdavis.edu) and `cbs sports network live stream` (cbs.com) are informational. Queries',
    'of the same shape get either label by where the click went, so part of the remaining error is not in the query.',
    '(Reading that file for the URLs showed its first ~160 rows, of both halves, with their URLs; the classifier has not',
    'been changed since.)',
    '',
    detail('ORCAS-I-gold, test (held out)', heldOut.report),
    '',
    detail('ORCAS-I-gold, dev', reports[1].report),
    '',
    '**Dev errors by kind** (dev rows only, read from the classifier\'s signals and the Hunspell dictionary by',
    '`errorKind` in bench/eval/stages.ts; `npx tsx bench/classifier-eval.ts --orcas-errors` lists every row with its kind):',
    '',
    '| kind | dev errors | examples (dev) |',
    '|---|---:|---|',
    ...devErrorKinds(orcas).map(({ kind, count, examples }) => `| ${kind} | ${count} | ${examples.map((q) => `\`${q.replace(/[|`]/g, ' ')}\``).join(', ')} |`),
  ];
  return lines.join('\n');
}
