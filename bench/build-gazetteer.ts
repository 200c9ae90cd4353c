/**
 * Builds shared/classify/gazetteer-data.ts, the brand gazetteer of the query classifier, from two
 * maintained data packages (pinned in devDependencies):
 *
 *   simple-icons   brand names (titles and "aka" aliases) of ~3,500 brands, CC0-1.0
 *   name-suggestion-index  OpenStreetMap's canonical brand and operator names (shops, restaurants, banks,
 *                  gyms, hotels, hospitals, schools, government bodies, utilities…), BSD-3-Clause
 *   dictionary-en  the Hunspell English dictionary (MIT AND BSD), to tell names from ordinary words
 *   popular-english-words  English words by frequency in Wikipedia (ISC), to keep the common ones
 *
 *   npx tsx bench/build-gazetteer.ts      rewrite the module (run after bumping either package)
 *
 * What goes in:
 * - NAMES: brand names, folded like queries are ("Wells Fargo" → "wells fargo"), without names that are
 *   ordinary lower-case English words ("Target", "Abstract": a query with the word is rarely the brand;
 *   the big ones are in the hand list lexicon-sites.ts, weighed by how much of the query they cover),
 *   without names shorter than 3 letters, and with joined forms of multi-word names ("wellsfargo").
 * - NEAR_WORDS: English words and names (dictionary proper nouns) one or two edits away from a name or an English stage word. The
 *   classifier reads an unknown token close to a name or stage word as a misspelling of it ("soptfy",
 *   "calculatro") unless the token is one of these real words ("prince" is not "price").
 * - COMMON_WORDS: the most frequent lower-case English dictionary words (no proper nouns). "ford hybrid",
 *   "outlook notifications": a name next to ordinary words is the topic of the search, not its destination;
 *   "google dublin", "usbank fargo": next to a proper name (a branch, a place) it still is.
 * Only where the background worker and the crawler run: the content script never imports the classifier.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenize } from '../shared/classify/query-text.ts';
import { ENGLISH_LEXICON } from '../shared/lang/en/lexicon.ts';
import { SITES_LEXICON } from '../shared/classify/lexicon-sites.ts';
import { fuzzyLimit, editDistanceWithin } from '../shared/classify/fuzzy.ts';
import { splitJoined, type NameKind } from '../shared/classify/joined.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'shared/classify/gazetteer-data.ts');
/** Packages are read from node_modules by path: simple-icons' "exports" hide its data files. */
const pkgDir = (name: string): string => path.join(ROOT, 'node_modules', name);
const version = (name: string): string => (JSON.parse(readFileSync(path.join(pkgDir(name), 'package.json'), 'utf8')) as { version: string }).version;

/** The parts of name-suggestion-index's dist/json/nsi.json read here. */
interface NsiItem {
  displayName?: string;
  locationSet?: { include?: Array<string | number[]> };
  tags?: Record<string, string>;
}
/** Tags that name the brand or the body that runs a place ("brand", "operator:short": "DepEd"); not its branch name. */
const NSI_NAME_TAGS = ['brand', 'brand:en', 'operator', 'operator:en', 'operator:short', 'short_name', 'short_name:en'];
/**
 * Where the classifier's languages are searched in (English, French, German, Spanish, Italian, Portuguese, Dutch,
 * Romanian markets), and the world and continent codes: a chain found only elsewhere is left out.
 */
const NSI_MARKETS = new Set(
  `001 150 155 154 039 151 021 019 419 029 013 005 053 054 009 us gb ca au nz ie fr fx de at ch li lu es mx ar co cl pe ve it sm pt br nl be ro md`.split(' '),
);
/** Brands (chains) and operators (public bodies, utilities, school boards); not transit routes or flags. */
const NSI_KINDS = ['brands/', 'operators/'];

/** Brand and operator names of name-suggestion-index, as written (diacritics and case are folded later). */
function nsiNames(): string[] {
  const data = JSON.parse(readFileSync(path.join(pkgDir('name-suggestion-index'), 'dist/json/nsi.json'), 'utf8')) as {
    nsi: Record<string, { items?: NsiItem[] }>;
  };
  const names: string[] = [];
  for (const [tree, { items = [] }] of Object.entries(data.nsi)) {
    if (!NSI_KINDS.some((kind) => tree.startsWith(kind))) continue;
    for (const item of items) {
      const where = (item.locationSet?.include ?? []).map((code) => (typeof code === 'string' ? code.toLowerCase().split(/[-.]/)[0] : '001'));
      if (!where.some((code) => NSI_MARKETS.has(code))) continue;
      if (item.displayName) names.push(item.displayName.replace(/\s*\([^)]*\)$/, ''));
      for (const tag of NSI_NAME_TAGS) if (item.tags?.[tag]) names.push(item.tags[tag]);
    }
  }
  return names;
}

interface Icon {
  title: string;
  aliases?: { aka?: string[]; dup?: Array<{ title: string }> };
}

const COMMON_WORD_COUNT = 12000;
const fold = (text: string): string => tokenize(text).tokens.map((token) => token.folded).join(' ');

/**
 * The dictionary's words: `lower` the common (lower-case) ones with the usual English inflections of
 * their Hunspell flags, `proper` the capitalised ones (people, places: "Michael", "Angela"), lower-cased.
 */
function englishWords(): { lower: Set<string>; proper: Set<string> } {
  const dic = readFileSync(path.join(pkgDir('dictionary-en'), 'index.dic'), 'utf8').split('\n').slice(1);
  const lower = new Set<string>();
  const proper = new Set<string>();
  for (const line of dic) {
    const [stem, flags = ''] = line.trim().split('/');
    if (!stem || !/^[A-Za-z]+$/.test(stem)) continue;
    if (stem !== stem.toLowerCase()) {
      proper.add(stem.toLowerCase());
      continue;
    }
    lower.add(stem);
    const base = stem.endsWith('e') ? stem.slice(0, -1) : stem;
    if (/S/.test(flags)) lower.add(/(s|x|z|ch|sh)$/.test(stem) ? `${stem}es` : /[^aeiou]y$/.test(stem) ? `${stem.slice(0, -1)}ies` : `${stem}s`);
    if (/D/.test(flags)) lower.add(stem.endsWith('e') ? `${stem}d` : /[^aeiou]y$/.test(stem) ? `${stem.slice(0, -1)}ied` : `${stem}ed`);
    if (/G/.test(flags)) lower.add(`${base}ing`);
    if (/R/.test(flags)) lower.add(stem.endsWith('e') ? `${stem}r` : `${stem}er`);
    if (/Z/.test(flags)) lower.add(stem.endsWith('e') ? `${stem}rs` : `${stem}ers`);
    if (/Y/.test(flags)) lower.add(`${stem}ly`);
  }
  return { lower, proper };
}

/** A common word, or a plural / past / -ing form of one the flags did not spell out ("things"). */
function isCommonWord(word: string, lower: ReadonlySet<string>): boolean {
  if (lower.has(word)) return true;
  const stems = [
    word.replace(/s$/, ''),
    word.replace(/es$/, ''),
    word.replace(/ies$/, 'y'),
    word.replace(/ed$/, ''),
    word.replace(/d$/, ''),
    word.replace(/ing$/, ''),
    word.replace(/ing$/, 'e'),
  ];
  return stems.some((stem) => stem !== word && stem.length >= 3 && lower.has(stem));
}

function main(): void {
  const data = JSON.parse(readFileSync(path.join(pkgDir('simple-icons'), 'data/simple-icons.json'), 'utf8')) as Icon[] | { icons: Icon[] };
  const icons = Array.isArray(data) ? data : data.icons;
  const { lower, proper } = englishWords();
  const iconNames = icons.flatMap((icon) => [icon.title, ...(icon.aliases?.aka ?? []), ...(icon.aliases?.dup ?? []).map((d) => d.title)]);
  const stageWords = new Set(
    ENGLISH_LEXICON.entries.filter((entry) => entry.stage !== 'navigational' && entry.stage !== 'none').map((entry) => fold(entry.phrase.replace(/[*^$#]/g, ''))),
  );
  const names = new Set<string>();
  const orgs = new Set<string>();
  for (const [source, raw] of [['icons', iconNames], ['nsi', nsiNames()]] as const) {
    for (const title of raw) {
      const name = fold(title);
      const words = name.split(' ').filter(Boolean);
      if (!words.length || name.replace(/ /g, '').length < 3 || !/\p{L}/u.test(name)) continue;
      // Latin-script names only: the classifier's languages are written in it.
      if (!/^[a-z0-9 ]+$/.test(name) || words.length > 5) continue;
      // A name made only of ordinary words ("Abstract", "Agent Skills") is not evidence of a brand in a query; a chain's
      // name of several ordinary words ("la fitness", "great clips", "bank of america") is, when it is most of the query.
      const allCommon = words.every((word) => isCommonWord(word, lower) || /^\d+$/.test(word));
      if (allCommon && !(source === 'nsi' && words.length > 1)) continue;
      // …unless one of its words is a stage word ("rent a car", "buy and sell"): the query is more likely the act.
      if (allCommon && words.some((word) => stageWords.has(word))) continue;
      if (source === 'nsi' && words.length === 1 && (proper.has(name) || name.length <= 3)) continue;
      const into = source === 'nsi' ? orgs : names;
      into.add(name);
      // Joined forms ("wellsfargo") of the well-known names only: a chain's joined name is read from compounds.
      if (source === 'icons' && words.length > 1 && words.length <= 3) into.add(words.join(''));
    }
  }
  const sorted = [...names].sort();
  const sortedOrgs = [...orgs].filter((name) => !names.has(name)).sort();

  // Real words near the single-word names and the English stage words: never read as misspellings of them.
  const targets = new Set<string>();
  for (const name of sorted) if (!name.includes(' ')) targets.add(name);
  for (const entry of [...SITES_LEXICON.entries, ...ENGLISH_LEXICON.entries]) {
    const phrase = fold(entry.phrase.replace(/[*^$#]/g, ''));
    if (phrase && !phrase.includes(' ')) targets.add(phrase);
  }
  // Bucketed by first letter and length: the classifier only corrects a word towards a target with its first letter.
  const buckets = new Map<string, string[]>();
  for (const target of targets) {
    if (fuzzyLimit(target.length) === 0) continue;
    const key = `${target[0]}${target.length}`;
    buckets.set(key, [...(buckets.get(key) ?? []), target]);
  }
  const near = new Set<string>();
  for (const word of new Set([...lower, ...proper])) {
    if (targets.has(word)) continue;
    for (let length = word.length - 2; length <= word.length + 2; length++) {
      const hit = (buckets.get(`${word[0]}${length}`) ?? []).some((target) => editDistanceWithin(word, target, fuzzyLimit(target.length)));
      if (hit) {
        near.add(word);
        break;
      }
    }
  }
  const popular = readFileSync(path.join(pkgDir('popular-english-words'), 'words.js'), 'utf8').match(/'[^']*'/g) ?? [];
  const common: string[] = [];
  for (const quoted of popular) {
    const word = quoted.slice(1, -1);
    if (common.length >= COMMON_WORD_COUNT) break;
    if (/^[a-z]{2,}$/.test(word) && isCommonWord(word, lower)) common.push(word);
  }
  // Dictionary words and names the classifier would read as a site name joined to a word ("appleton" = apple + ton).
  const bigSites = new Set<string>();
  for (const entry of SITES_LEXICON.entries) {
    const phrase = fold(entry.phrase);
    if (entry.stage === 'navigational' && entry.kind === 'site' && /^[a-z0-9]+$/.test(phrase)) bigSites.add(phrase);
  }
  const oneWordNames = new Set(sorted.filter((name) => !name.includes(' ')));
  const commonSet = new Set(common);
  const nameKind = (part: string): NameKind => (bigSites.has(part) ? 'big' : oneWordNames.has(part) ? 'name' : null);
  const notJoined = [...new Set([...lower, ...proper])]
    .filter((word) => !commonSet.has(word) && !bigSites.has(word) && !oneWordNames.has(word) && splitJoined(word, nameKind, (part) => commonSet.has(part)))
    .sort();
  const header = `/**
 * GENERATED by bench/build-gazetteer.ts — do not edit by hand; run \`npx tsx bench/build-gazetteer.ts\`.
 * From simple-icons ${version('simple-icons')} (brand names, CC0-1.0), name-suggestion-index ${version('name-suggestion-index')}
 * (brand and operator names, BSD-3-Clause), dictionary-en ${version('dictionary-en')} (Hunspell English, MIT AND BSD),
 * popular-english-words ${version('popular-english-words')} (ISC).
 * ${sorted.length} names, ${sortedOrgs.length} organisation names, ${near.size} near words, ${notJoined.length} words not
 * split into joined names, ${common.length} common words.
 */`;
  const body = `${header}
/** Brand names, folded, one per line. */
export const GAZETTEER_NAMES = ${JSON.stringify(sorted.join('\n'))};
/** Brand and operator names of name-suggestion-index not in GAZETTEER_NAMES, folded, one per line: exact matches only. */
export const ORGANISATION_NAMES = ${JSON.stringify(sortedOrgs.join('\n'))};
/** Dictionary words and names that read as a site name joined to a word ("appleton"): never split. */
export const NOT_JOINED = ${JSON.stringify(notJoined.join(' '))};
/** English words within one or two edits of a name or stage word: not misspellings. */
export const NEAR_WORDS = ${JSON.stringify([...near].sort().join(' '))};
/** The ${common.length} most frequent lower-case English dictionary words, most frequent first. */
export const COMMON_WORDS = ${JSON.stringify(common.join(' '))};
`;
  writeFileSync(OUT, body);
  process.stdout.write(`${OUT}: ${sorted.length} names, ${sortedOrgs.length} organisation names, ${near.size} near words, ${notJoined.length} not joined, ${common.length} common words, ${(body.length / 1024).toFixed(1)} KB\n`);
}

main();
