/**
 * The crawl as a search engine over passages: one BM25 index per page language, each passage
 * indexed with its own heading; sections (a heading with its sub-sections) and the visible FAQ
 * entries become passages of their own.
 */
import { detectLanguage } from '../classify/lang.ts';
import { findPrices } from '../extract/prices.ts';
import type { PageArtifacts, PageResult, Passage } from '../schemas/index.ts';
import { foldText } from '../classify/query-text.ts';
import { Bm25Index } from './bm25.ts';
import { analyzerFor, primaryLanguage, type Analyzer } from './text.ts';
import { WEIGHTS } from './weights.ts';
import { byUrl } from '../url.ts';
import { foldedPassage } from './memo.ts';

export interface CorpusPage {
  /** Position among the corpus's pages, in URL order: the deterministic tie-breaker. */
  order: number;
  url: string;
  artifacts: PageArtifacts;
  page: PageResult;
  /** Primary language subtag used to index the page. */
  lang: string | null;
  analyzer: Analyzer;
  passages: Passage[];
  /** Every index term of the page's main content. */
  terms: TermLookup;
  /** Index terms of the title, H1 and meta description. */
  targetTerms: Set<string>;
  /** Index terms of the title and H1 only. */
  titleTerms: Set<string>;
  /** The page's subject: terms both its title and its H1 state (the title without its site-name suffix when there is no H1). */
  subjectTerms: Set<string>;
  /** Folded texts of internal links of 3+ words: a passage made of them points elsewhere. */
  linkTexts: string[];
  /** A page of the brand's own site: the brand's name is implied on it. */
  own: boolean;
  /** A listing page (blog index, archive, tag, category, page 2…): excerpts that link to their articles. */
  listing: boolean;
}

/** Whether a set of terms holds a term. */
export interface TermLookup {
  has(term: string): boolean;
}

export interface PassageRef {
  page: CorpusPage;
  passage: Passage;
  /** Terms of the passage's own heading. */
  headingTerms: Set<string>;
  /** Own heading with sub-headings and table header cells; empty when there are none. */
  childHeadingTerms: ReadonlySet<string>;
  /** Terms of the headings above it. */
  pathTerms: Set<string>;
  /** True for a section: a heading with its sub-sections, merged. */
  section: boolean;
  /** An excerpt card on a listing page; `excerptOf` holds the URLs of the article(s) it links to. */
  card?: boolean;
  excerptOf?: string[];
}

/** A heading with its sub-sections becomes one more passage when it stays short enough to read as one answer. */
const MAX_SECTION_WORDS = 400;
const EMPTY: ReadonlySet<string> = new Set();
/** Pages kept read (artifacts, result, passages) at once: far more than one question's candidates, so a question sees each page once. */
export const PAGES_KEPT = 512;

export interface Corpus {
  /** Index per primary language ('' for languages without a stemmer). */
  indexes: Map<string, Bm25Index<PassageRef>>;
  defaultLang: string;
  /** Pages that can answer, in URL order. */
  size: number;
  /** Page `order` (0 … size − 1), read again from the input when it is not among the pages last read. */
  page(order: number): CorpusPage;
}

/** Pages whose content can answer: fetched, HTML, 2xx. Noindex pages stay, so gaps can say why they do not count. */
export function isAnswerable(a: PageArtifacts): boolean {
  return a.isHtml && !a.fetchError && a.status >= 200 && a.status < 300 && a.passages.length > 0;
}

/** Language of a page: its declared lang, else detected from its text, else the site's first language. */
export function pageLanguage(a: PageArtifacts, defaultLang: string): string {
  const declared = primaryLanguage(a.lang);
  if (declared) return declared;
  const sample = a.passages.slice(0, 6).map((p) => p.text).join(' ').slice(0, 2000);
  return primaryLanguage(detectLanguage(sample)) ?? defaultLang;
}

export interface CorpusOptions {
  /**
   * Which pages are the brand's own: a function of the URL. A crawl is of the brand's site, so every
   * page is when the config names no domains; otherwise pages on the brand's domains.
   */
  isOwn?: (url: string) => boolean;
  /**
   * The input's page at a position (0 for the first page the input gave), read again: with it the
   * corpus keeps no page in memory beyond the few last read. Without it, an array input is read by
   * position and any other input is kept as it is read.
   */
  load?: (position: number) => { artifacts: PageArtifacts; page: PageResult } | null;
}

/** The brand's own pages: hosts equal to or under one of its domains. */
export function ownDomains(domains: string[]): (url: string) => boolean {
  const list = domains.map((d) => d.toLowerCase().replace(/^\*?\./, '')).filter(Boolean);
  return (url: string) => {
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      return false;
    }
    return list.some((d) => host === d || host.endsWith(`.${d}`));
  };
}

/** What the corpus keeps of a page between reads: where it is in the input and in its index. */
interface PageSlot {
  url: string;
  /** Position in the input. */
  position: number;
  key: string;
  firstDoc: number;
  docs: number;
  own: boolean;
  /** Its distinct index terms: `termIds` of its index builder, from … to. */
  termsFrom: number;
  termsTo: number;
  /** Where its documents' kinds start in its index builder's `kinds` (its first document's id before the renumbering). */
  kindsFrom: number;
  /** Its passages when indexed: a page read again with another count changed since. */
  passages: number;
}

/**
 * What each indexed document of a page is, in `indexPage`'s order, so that a page read again rebuilds only
 * the documents a question retrieved: a passage (its place among the page's passages, FAQ entries after
 * them) or one of its windows, `passage × 64 + window + 1` (0: the passage whole), or a section,
 * `−(its head passage's place + 1)`.
 */
const WINDOW_SLOTS = 64;

/** Per index while it is built: each document's kind (see WINDOW_SLOTS), in the order documents were added. */
class DocKinds {
  kinds = new Int32Array(4096);
  length = 0;

  push(kind: number): void {
    if (this.length === this.kinds.length) {
      const next = new Int32Array(this.kinds.length * 2);
      next.set(this.kinds);
      this.kinds = next;
    }
    this.kinds[this.length++] = kind;
  }

  trim(): void {
    this.kinds = this.kinds.slice(0, this.length);
  }
}

/** Per index while it is built: its pages' distinct term ids, one flat array. */
class PageTerms {
  ids = new Uint32Array(4096);
  length = 0;
  /** Per term id: the last page that listed it (scratch). */
  private lastPage: Int32Array = new Int32Array(1024).fill(-1);

  add(tid: number, page: number): void {
    if (tid >= this.lastPage.length) {
      const next = new Int32Array(Math.max(tid + 1, this.lastPage.length * 2)).fill(-1);
      next.set(this.lastPage);
      this.lastPage = next;
    }
    if (this.lastPage[tid] === page) return;
    this.lastPage[tid] = page;
    if (this.length === this.ids.length) {
      const next = new Uint32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.length++] = tid;
  }

  /** The page's ids from `from`, sorted (binary search). */
  close(from: number): void {
    this.ids.subarray(from, this.length).sort();
  }

  /** The array at its length: what stays once every page is in. */
  trim(): void {
    this.ids = this.ids.slice(0, this.length);
    this.lastPage = new Int32Array(0);
  }
}

/** A page's terms, looked up by id in its sorted slice of the flat array. */
class PageTermSet implements TermLookup {
  constructor(
    private readonly index: Bm25Index<PassageRef>,
    private readonly ids: Uint32Array,
  ) {}

  has(term: string): boolean {
    const tid = this.index.termId(term);
    if (tid === undefined) return false;
    const { ids } = this;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] === tid) return true;
      if (ids[mid] < tid) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}

/**
 * The crawl's pages as BM25 indexes of their passages (one per language). The input is read once, in its
 * order; what stays is each page's place in the input and its index, its distinct terms and the postings:
 * a page's artifacts, result and passages are read again when a question retrieves it (`load`), the last
 * PAGES_KEPT of them kept.
 */
export function buildCorpus(input: Iterable<{ artifacts: PageArtifacts; page: PageResult }>, defaultLang: string, options: CorpusOptions = {}): Corpus {
  const kept: Array<{ artifacts: PageArtifacts; page: PageResult }> | null = options.load ? null : Array.isArray(input) ? input : [];
  const load = options.load ?? ((position: number) => kept![position] ?? null);
  const retain = !options.load && !Array.isArray(input);
  const builder = corpusBuilder(defaultLang, options);
  let position = -1;
  for (const entry of input) {
    position++;
    if (retain) kept!.push(entry);
    builder.add(entry.artifacts, position);
  }
  return builder.finish(load);
}

export interface CorpusBuilder {
  /** Indexes the input's page at `position` (positions in increasing order; a page's result is not needed to index it). */
  add(artifacts: PageArtifacts, position: number): void;
  /** The corpus, its pages read again by position with `load` when a question retrieves them. */
  finish(load: (position: number) => { artifacts: PageArtifacts; page: PageResult } | null): Corpus;
}

/** `buildCorpus` a page at a time: a caller that reads every page anyway (the report's page pass) indexes it then. */
export function corpusBuilder(defaultLang: string, options: Pick<CorpusOptions, 'isOwn'> = {}): CorpusBuilder {
  const indexes = new Map<string, Bm25Index<PassageRef>>();
  const terms = new Map<string, PageTerms>();
  const kinds = new Map<string, DocKinds>();
  const termIds = new Map<string, (text: string) => number[]>();
  const slots: PageSlot[] = [];
  const seen = new Set<string>();
  let refOf: (key: string, id: number) => PassageRef = () => {
    throw new Error('the corpus is not finished');
  };
  let finished = false;
  const add = (artifacts: PageArtifacts, position: number): void => {
    if (finished) throw new Error('the corpus is finished already');
    if (seen.has(artifacts.url) || !isAnswerable(artifacts)) return;
    seen.add(artifacts.url);
    const analyzer = analyzerFor(pageLanguage(artifacts, defaultLang));
    const key = analyzer.lang ?? '';
    let index = indexes.get(key);
    if (!index) {
      const own = new Bm25Index<PassageRef>((id) => refOf(key, id));
      indexes.set(key, (index = own));
      terms.set(key, new PageTerms());
      kinds.set(key, new DocKinds());
      termIds.set(key, termIdsFor(own, analyzer));
    }
    const pageTerms = terms.get(key)!;
    const docKinds = kinds.get(key)!;
    const firstDoc = index.size;
    const termsFrom = pageTerms.length;
    const number = slots.length;
    const target = index;
    indexPage(artifacts, termIds.get(key)!, {
      doc: (kind, own, body) => {
        docKinds.push(kind);
        target.addIds(undefined, own, own, body);
      },
      pageTerm: (t) => pageTerms.add(t, number),
    });
    pageTerms.close(termsFrom);
    slots.push({
      url: artifacts.url,
      position,
      key,
      firstDoc,
      docs: index.size - firstDoc,
      own: options.isOwn ? options.isOwn(artifacts.url) : false,
      termsFrom,
      termsTo: pageTerms.length,
      kindsFrom: firstDoc,
      passages: artifacts.passages.length,
    });
  };
  const finish = (load: (position: number) => { artifacts: PageArtifacts; page: PageResult } | null): Corpus => {
    if (finished) throw new Error('the corpus is finished already');
    finished = true;
    // Pages in URL order, not crawl order: crawl order changes with concurrency (and between a single-process
    // and a distributed crawl), and ties between equally good pages are broken by this order, so a report
    // must not depend on which fetch finished first. (A stable sort: the same URL twice keeps the input's order.)
    slots.sort((a, b) => byUrl(a, b) || a.position - b.position);
    const pageTermIds = new Map<string, Uint32Array>();
    const docKinds = new Map<string, Int32Array>();
    for (const [key, index] of indexes) {
      const order: number[] = [];
      const groups = new Uint32Array(index.size);
      slots.forEach((slot, k) => {
        if (slot.key !== key) return;
        const first = order.length;
        for (let d = 0; d < slot.docs; d++) {
          groups[order.length] = k;
          order.push(slot.firstDoc + d);
        }
        slot.firstDoc = first;
      });
      index.reorder(order);
      index.setGroups(groups);
      const t = terms.get(key)!;
      t.trim();
      pageTermIds.set(key, t.ids);
      const k = kinds.get(key)!;
      k.trim();
      docKinds.set(key, k.kinds);
    }
    // The word → term id tables served the indexing only: the scoring looks terms up in the indexes.
    termIds.clear();
    terms.clear();
    kinds.clear();

    // Pages read again: the last PAGES_KEPT (a Map keeps insertion order: the first key is the least recently used).
    const recent = new Map<number, PageRead>();
    const read = (order: number): PageRead => {
      const hit = recent.get(order);
      if (hit) {
        recent.delete(order);
        recent.set(order, hit);
        return hit;
      }
      const slot = slots[order];
      const entry = load(slot.position);
      if (!entry || entry.artifacts.url !== slot.url) throw new Error(`the crawl's page ${slot.url} could not be read again`);
      if (entry.artifacts.passages.length !== slot.passages) throw new Error(`the crawl's page ${slot.url} changed since it was indexed`);
      const out = new PageRead(order, slot, entry, indexes.get(slot.key)!, pageTermIds.get(slot.key)!, docKinds.get(slot.key)!);
      recent.set(order, out);
      if (recent.size > PAGES_KEPT) recent.delete(recent.keys().next().value!);
      return out;
    };
    seen.clear();
    refOf = (key: string, id: number): PassageRef => {
      const index = indexes.get(key)!;
      const order = index.groupOf(index.docs[id]);
      return read(order).ref(id - slots[order].firstDoc);
    };
    return { indexes, defaultLang, size: slots.length, page: (order) => read(order).page };
  };
  return { add, finish };
}

/**
 * A page read again: its `CorpusPage`, and the references of its documents, each built when a question
 * first retrieves it (a question reads a few of a page's documents, not all).
 */
class PageRead {
  readonly page: CorpusPage;
  private readonly refs: Array<PassageRef | undefined>;
  private readonly artifacts: PageArtifacts;
  private faq: Passage[] | null = null;
  private cards: Map<string, string[]> | null | undefined = undefined;
  private plans: Array<{ head: Passage; at: number; children: Passage[] }> | null = null;
  private headingTerms = new Map<string, string[]>();
  private windows = new Map<number, Array<{ text: string; words: number; offset: number }>>();

  constructor(
    order: number,
    private readonly slot: PageSlot,
    entry: { artifacts: PageArtifacts; page: PageResult },
    index: Bm25Index<PassageRef>,
    termIds: Uint32Array,
    private readonly kinds: Int32Array,
  ) {
    const { artifacts, page } = entry;
    this.artifacts = artifacts;
    this.refs = new Array<PassageRef | undefined>(slot.docs);
    // The page's analyzer is its index's (the same language as when it was indexed, not detected again).
    const analyzer = analyzerFor(slot.key || null);
    const h1 = artifacts.headings.find((h) => h.level === 1)?.text ?? '';
    const read = this;
    let linkTexts: string[] | null = null;
    this.page = {
      order,
      url: artifacts.url,
      artifacts,
      page,
      lang: analyzer.lang,
      analyzer,
      get passages() {
        return read.passages();
      },
      terms: new PageTermSet(index, termIds.subarray(slot.termsFrom, slot.termsTo)),
      targetTerms: new Set(analyzer.terms(`${artifacts.title ?? ''} ${h1} ${artifacts.metaDescription ?? ''}`)),
      titleTerms: new Set(analyzer.terms(`${artifacts.title ?? ''} ${h1}`)),
      subjectTerms: subjectTermsOf(artifacts.title ?? '', h1, analyzer),
      get linkTexts() {
        return (linkTexts ??= linkTextsOf(artifacts));
      },
      own: slot.own,
      get listing() {
        return read.cardsOf() !== null;
      },
    };
  }

  /** The page's passages and its FAQ entries, in `indexPage`'s order. */
  private passages(): Passage[] {
    this.faq ??= faqPassages(this.artifacts);
    return this.faq.length ? [...this.artifacts.passages, ...this.faq] : this.artifacts.passages;
  }

  private passage(i: number): Passage {
    const n = this.artifacts.passages.length;
    if (i < n) return this.artifacts.passages[i];
    this.faq ??= faqPassages(this.artifacts);
    const p = this.faq[i - n];
    if (!p) throw new Error(`the crawl's page ${this.slot.url} changed since it was indexed`);
    return p;
  }

  private cardsOf(): Map<string, string[]> | null {
    if (this.cards === undefined) this.cards = cardPassages(this.artifacts);
    return this.cards;
  }

  private termsOfHeading(h: string): string[] {
    let t = this.headingTerms.get(h);
    if (!t) this.headingTerms.set(h, (t = this.page.analyzer.terms(h)));
    return t;
  }

  /** The reference of the page's document at `offset` (0: its first), as `passageRefs` made them all. */
  ref(offset: number): PassageRef {
    const hit = this.refs[offset];
    if (hit) return hit;
    const kind = this.kinds[this.slot.kindsFrom + offset];
    const made = kind >= 0 ? this.passageRef(Math.floor(kind / WINDOW_SLOTS), (kind % WINDOW_SLOTS) - 1) : this.sectionRef(-kind - 1);
    this.refs[offset] = made;
    return made;
  }

  private passageRef(i: number, window: number): PassageRef {
    const { artifacts, page: cp } = this;
    const passage = this.passage(i);
    const own = passage.heading ? this.termsOfHeading(passage.heading) : [];
    const above = passage.headingPath.slice(0, passage.heading ? -1 : undefined).flatMap((h) => this.termsOfHeading(h));
    const labels = tableHeadersIn(passage, artifacts).flatMap((h) => cp.analyzer.terms(h));
    const childHeadingTerms = labels.length ? new Set([...own, ...labels]) : EMPTY;
    const card = this.cardsOf()?.get(passage.id);
    const ref: PassageRef = { page: cp, passage, headingTerms: new Set(own), childHeadingTerms, pathTerms: new Set(above), section: false, ...(card ? { card: true, excerptOf: card } : {}) };
    if (window < 0) return ref;
    let texts = this.windows.get(i);
    if (!texts) this.windows.set(i, (texts = windowTextsOf(passage)));
    const w = texts[window];
    if (!w) throw new Error(`the crawl's page ${this.slot.url} changed since it was indexed`);
    return { ...ref, passage: windowOf(passage, w, window) };
  }

  private sectionRef(headAt: number): PassageRef {
    const { artifacts, page: cp } = this;
    this.plans ??= sectionPlansOf(artifacts.passages);
    const plan = this.plans.find((p) => p.at === headAt);
    if (!plan) throw new Error(`the crawl's page ${this.slot.url} changed since it was indexed`);
    const { head, children } = plan;
    const cards = this.cardsOf();
    const passage = sectionPassage(head, children);
    const own = this.termsOfHeading(head.heading ?? '');
    const childHeadings = children.map((c) => c.heading ?? '').filter(Boolean);
    const childTerms = [...childHeadings, ...tableHeadersIn(passage, artifacts)].flatMap((h) => this.termsOfHeading(h));
    const above = passage.headingPath.slice(0, -1).flatMap((h) => this.termsOfHeading(h));
    // A section of a listing page made of excerpt cards is itself an excerpt of those articles.
    const ids = children.map((c) => c.id);
    const excerpts = cards ? ids.flatMap((id) => cards.get(id) ?? []) : [];
    const cardChildren = cards ? ids.filter((id) => cards.has(id)).length : 0;
    const card = cardChildren > 0 && cardChildren * 2 >= ids.length;
    return { page: cp, passage, headingTerms: new Set(own), childHeadingTerms: new Set([...own, ...childTerms]), pathTerms: new Set(above), section: true, ...(card ? { card, excerptOf: [...new Set(excerpts)] } : {}) };
  }
}

/** Where `indexPage` sends what it reads: each indexed document's term ids (heading, body), and each term id of the page's content. */
interface PageSink {
  /** `kind`: what the document is (see WINDOW_SLOTS). */
  doc(kind: number, own: number[], body: number[]): void;
  pageTerm(tid: number): void;
}

/** Most distinct words an index's word → term id memo holds before it starts again (a cache: bounds memory). */
const MAX_WORD_IDS = 1_000_000;

/**
 * Text → term ids of one index, each word looked up once: a word's term (stop word, stem, folding)
 * and that term's id are memoised together, the same ids as the index's `intern` of `analyzer.terms`.
 */
function termIdsFor(index: Bm25Index<PassageRef>, analyzer: Analyzer): (text: string) => number[] {
  const table = new WordIds();
  return (text) => {
    const out: number[] = [];
    // The words of `analyzer.words` (runs of letters and digits, TOKEN), cut and hashed in place: a word met
    // before costs no string of its own.
    const s = analyzer.prepare(text);
    const n = s.length;
    let i = 0;
    while (i < n) {
      // ASCII letters and digits inline (most text), the rest through wordUnits.
      let c = s.charCodeAt(i);
      let w = c < 128 ? ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 48 && c <= 57) ? 1 : 0 : wordUnits(s, i);
      if (!w) {
        i++;
        continue;
      }
      const start = i;
      let hash = 0x811c9dc5;
      for (;;) {
        hash = Math.imul(hash ^ c, 0x01000193);
        if (w === 2) hash = Math.imul(hash ^ s.charCodeAt(i + 1), 0x01000193);
        i += w;
        if (i >= n) break;
        c = s.charCodeAt(i);
        w = c < 128 ? ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 48 && c <= 57) ? 1 : 0 : wordUnits(s, i);
        if (!w) break;
      }
      let id = table.get(s, start, i, hash);
      if (id === undefined) {
        const t = analyzer.term(s.slice(start, i));
        id = t === null ? -1 : index.intern(t);
        if (table.size >= MAX_WORD_IDS) table.clear();
        table.set(s.slice(start, i), hash, id);
      }
      if (id >= 0) out.push(id);
    }
    return out;
  };
}

/** Letters and digits (TOKEN's `[\p{L}\p{N}]`) outside ASCII, by UTF-16 unit: 0 not tested yet, 1 yes, 2 no. */
const WORD_UNIT = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const ASTRAL_WORD = new Map<number, boolean>();

/** The UTF-16 units of the letter or digit at `i` (2 for one outside the BMP), 0 when it is neither. */
function wordUnits(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
      let yes = ASTRAL_WORD.get(cp);
      if (yes === undefined) ASTRAL_WORD.set(cp, (yes = WORD_CHAR.test(String.fromCodePoint(cp))));
      return yes ? 2 : 0;
    }
  }
  let k = WORD_UNIT[c];
  if (k === 0) WORD_UNIT[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1 ? 1 : 0;
}

/** Word → term id, open addressing on the word's hash, looked up by a slice of a text without cutting it out. */
class WordIds {
  private keys: string[] = [];
  private hashes = new Int32Array(1 << 12);
  private ids = new Int32Array(1 << 12);
  size = 0;

  constructor() {
    this.keys = new Array<string>(this.hashes.length);
  }

  get(s: string, start: number, end: number, hash: number): number | undefined {
    const mask = this.hashes.length - 1;
    const len = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const key = this.keys[at];
      if (key === undefined) return undefined;
      if (this.hashes[at] === hash && key.length === len && s.startsWith(key, start)) return this.ids[at];
    }
  }

  set(key: string, hash: number, id: number): void {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    const mask = this.hashes.length - 1;
    let at = hash & mask;
    while (this.keys[at] !== undefined) at = (at + 1) & mask;
    this.keys[at] = key;
    this.hashes[at] = hash;
    this.ids[at] = id;
    this.size++;
  }

  clear(): void {
    this.keys = new Array<string>(this.hashes.length);
    this.size = 0;
  }

  private grow(): void {
    const { keys, hashes, ids } = this;
    this.hashes = new Int32Array(hashes.length * 2);
    this.ids = new Int32Array(hashes.length * 2);
    this.keys = new Array<string>(hashes.length * 2);
    this.size = 0;
    for (let k = 0; k < keys.length; k++) if (keys[k] !== undefined) this.set(keys[k], hashes[k], ids[k]);
  }
}

/**
 * A page's indexed documents, in order: each passage (or its windows when long), then each section.
 * Each text is analysed once: headings recur in every path under them, and a section's text is its passages' texts.
 */
function indexPage(artifacts: PageArtifacts, termIds: (text: string) => number[], sink: PageSink): void {
  const passages = [...artifacts.passages, ...faqPassages(artifacts)];
  const headingTerms = new Map<string, number[]>();
  const termsOfHeading = (h: string) => {
    let t = headingTerms.get(h);
    if (!t) headingTerms.set(h, (t = termIds(h)));
    return t;
  };
  const bodyTerms = new Map<Passage, number[]>();
  passages.forEach((passage, i) => {
    const own = passage.heading ? termsOfHeading(passage.heading) : [];
    const body = termIds(passage.text);
    bodyTerms.set(passage, body);
    for (const t of own) sink.pageTerm(t);
    for (const t of body) sink.pageTerm(t);
    // The own heading counts twice: it is what the passage says it is about. Headings above it
    // do not count: every passage of a page would otherwise match the page's H1.
    // A long passage is read by windows: its answer is found where it is, not diluted by the rest
    // nor credited with the passage's start.
    const windows = windowTextsOf(passage);
    if (!windows.length) sink.doc(i * WINDOW_SLOTS, own, body);
    windows.forEach((w, k) => sink.doc(i * WINDOW_SLOTS + k + 1, own, termIds(w.text)));
  });
  for (const { head, at, children } of sectionPlansOf(artifacts.passages)) {
    const own = termsOfHeading(head.heading ?? '');
    // The section's text is its passages' texts and sub-headings joined by separators: the same words as analysing it whole.
    const body = sectionParts(head, children).flatMap((part) => (typeof part === 'string' ? termsOfHeading(part) : (bodyTerms.get(part) ?? termIds(part.text))));
    sink.doc(-(at + 1), own, body);
  }
}

/**
 * FAQ entries read from <details>, <dl> or visible FAQPage JSON-LD become passages of their own:
 * each question is a heading with its answer right under it.
 */
function faqPassages(a: PageArtifacts): Passage[] {
  const out: Passage[] = [];
  const hasHeadingFaq = new Set(a.faq.filter((f) => f.source === 'heading').map((f) => f.question.toLowerCase()));
  a.faq.forEach((f, i) => {
    if (f.source === 'heading' || !f.answer || hasHeadingFaq.has(f.question.toLowerCase())) return;
    const host = a.passages.find((p) => p.text.includes(f.question) || (f.answer.length > 20 && p.text.includes(f.answer.slice(0, 40))));
    // JSON-LD answers that are not on the page do not count: search engines require them visible.
    if (!host) return;
    const before = host.text.indexOf(f.question);
    const offset = host.wordOffset + (before > 0 ? countWords(host.text.slice(0, before)) : 0);
    const words = countWords(f.answer);
    out.push({
      id: `faq${i}`,
      heading: f.question,
      headingLevel: Math.min(6, host.headingLevel + 1),
      headingPath: [...host.headingPath, f.question],
      text: f.answer,
      wordCount: words,
      wordOffset: offset,
      orderedSteps: 0,
      listItems: 0,
      tables: 0,
      prices: findPrices(f.answer, 20).map((p) => p.raw),
      // The FAQ answer is a part of its host passage: the host's images are the reader's images.
      images: host.images,
      imagesWithoutAlt: host.imagesWithoutAlt,
    });
  });
  return out;
}

/**
 * Sections: a heading passage merged with the passages under it (sub-headings kept in the text),
 * so "pros and cons" finds a product's Pros and Cons together and a short page answers as a whole.
 */
function sectionPlansOf(passages: Passage[]): Array<{ head: Passage; at: number; children: Passage[] }> {
  const out: Array<{ head: Passage; at: number; children: Passage[] }> = [];
  passages.forEach((head, i) => {
    if (!head.heading || head.headingLevel < 1) return;
    const children: Passage[] = [];
    for (let j = i + 1; j < passages.length; j++) {
      const p = passages[j];
      if (p.headingLevel <= head.headingLevel || p.headingLevel === 0) break;
      children.push(p);
    }
    if (!children.length) return;
    if (sectionWords(head, children) > MAX_SECTION_WORDS) return;
    out.push({ head, at: i, children });
  });
  return out;
}

function sectionWords(head: Passage, children: Passage[]): number {
  return head.wordCount + children.reduce((n, c) => n + c.wordCount + countWords(c.heading ?? ''), 0);
}

/** What a section's text is made of, in order: passages (their analysed text) and sub-headings. */
function sectionParts(head: Passage, children: Passage[]): Array<Passage | string> {
  return [head, ...children.flatMap((c) => [c.heading ?? '', c])];
}

/** A section as one passage. */
function sectionPassage(head: Passage, children: Passage[]): Passage {
  const text = [head.text, ...children.map((c) => `${c.heading ?? ''}: ${c.text}`)].filter((t) => t.trim()).join(' ');
  return {
    id: `${head.id}-section`,
    heading: head.heading,
    headingLevel: head.headingLevel,
    headingPath: head.headingPath,
    text,
    wordCount: sectionWords(head, children),
    wordOffset: head.wordOffset,
    orderedSteps: head.orderedSteps + children.reduce((n, c) => n + c.orderedSteps, 0),
    listItems: head.listItems + children.reduce((n, c) => n + c.listItems, 0),
    tables: head.tables + children.reduce((n, c) => n + c.tables, 0),
    prices: [...head.prices, ...children.flatMap((c) => c.prices)].slice(0, 40),
    images: head.images + children.reduce((n, c) => n + c.images, 0),
    imagesWithoutAlt: [...head.imagesWithoutAlt, ...children.flatMap((c) => c.imagesWithoutAlt)].slice(0, 20),
  };
}

/** Header cells of the tables inside a passage ("Delivery time | Cost"): they label the answer like sub-headings. */
function tableHeadersIn(passage: Passage, a: PageArtifacts): string[] {
  if (!passage.tables) return [];
  const out: string[] = [];
  for (const t of a.tables) {
    if (t.headers.length && passage.text.includes(t.headers.join(' | '))) out.push(...t.headers);
  }
  return out;
}

/** Internal link texts long enough to be titles of other pages ("How to find a hidden water leak"). */
function linkTextsOf(a: PageArtifacts): string[] {
  const out = new Set<string>();
  for (const l of a.links) {
    if (!l.internal || !l.text) continue;
    const folded = foldText(l.text).replace(/\s+/g, ' ').trim();
    if (folded.split(' ').length >= 3 && folded.length <= 200) out.add(folded);
  }
  return [...out].slice(0, 300);
}

/** Words of a text as `/[\p{L}\p{N}][\p{L}\p{N}'’-]*\/gu` matches them, counted without cutting them out. */
function countWords(text: string): number {
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const w = wordUnits(text, i);
    if (!w) {
      i++;
      continue;
    }
    count++;
    i += w;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 39 || c === 45 || c === 0x2019) i++;
      else {
        const u = wordUnits(text, i);
        if (!u) break;
        i += u;
      }
    }
  }
  return count;
}

/** Paths of listing pages: pagination, tags, categories, archives, authors. */
const LISTING_PATH = /\/(page|p)\/\d+\/?$|\/(tags?|category|categories|archives?|authors?|topics?)\/|[?&](page|paged|pg)=\d+/i;
/** Link texts that send the reader to the full article. */
const READ_MORE = /(\bread (more|on|the (full )?(article|post|guide|story))\b|\bcontinue reading\b|\bfull (article|story|post|guide)\b|\blearn more\b|[→›»]\s*$)/;
/** Words up to which a headed passage can be an excerpt card. */
const CARD_WORDS = 90;
const MIN_CARDS = 5;

/**
 * A listing page's excerpt cards: short headed passages that link to their article (a link with
 * the card's heading as its text, or a "read more" link), when there are many of them, or any
 * such passage on a paginated, tag, category or archive page. Null when the page is not a listing.
 * Each card maps to the URLs it links to.
 */
export function cardPassages(a: PageArtifacts): Map<string, string[]> | null {
  const fold = (t: string) => foldText(t).replace(/\s+/g, ' ').trim();
  const byText = new Map<string, string[]>();
  const readMore: string[] = [];
  for (const l of a.links) {
    if (!l.url || !l.text) continue;
    const t = fold(l.text);
    if (!t) continue;
    byText.set(t, [...(byText.get(t) ?? []), l.url]);
    if (READ_MORE.test(t) && !readMore.includes(t)) readMore.push(t);
  }
  let pathListing = false;
  try {
    const u = new URL(a.url);
    pathListing = LISTING_PATH.test(u.pathname + u.search);
  } catch {
    pathListing = false;
  }
  const cards = new Map<string, string[]>();
  for (const p of a.passages) {
    if (!p.heading || p.wordCount > CARD_WORDS) continue;
    const heading = fold(p.heading);
    const titled = byText.get(heading);
    if (titled) {
      cards.set(p.id, titled);
      continue;
    }
    // The passage's folded text is memoised: scoring reads it again (link density).
    if (!readMore.length) continue;
    const text = foldedPassage(p).replace(/\s+/g, ' ').trim();
    const more = readMore.find((t) => text.endsWith(t) || text.includes(`${t} `));
    if (more) cards.set(p.id, byText.get(more) ?? []);
  }
  if (!cards.size) return null;
  return pathListing || cards.size >= MIN_CARDS ? cards : null;
}

/** Windows of about WEIGHTS.windowWords words (whole sentences, half overlapping) of a passage longer than WEIGHTS.windowAfterWords: their text, words and first word. */
function windowTextsOf(p: Passage): Array<{ text: string; words: number; offset: number }> {
  if (p.wordCount <= WEIGHTS.windowAfterWords) return [];
  // Sentences, and run-on text (lists flattened, no full stops) cut every half window of words.
  const sentences = (p.text.match(/[^.!?]+(?:[.!?]+["')\]]*\s*|$)/g) ?? [p.text]).flatMap((t) => {
    const words = t.match(/\S+\s*/g) ?? [t];
    const step = Math.max(20, Math.round(WEIGHTS.windowWords / 2));
    if (words.length <= step * 2) return [t];
    const out: string[] = [];
    for (let i = 0; i < words.length; i += step) out.push(words.slice(i, i + step).join(''));
    return out;
  });
  const counts = sentences.map((t) => countWords(t));
  const before: number[] = [];
  counts.reduce((sum, n, i) => ((before[i] = sum), sum + n), 0);
  const out: Array<{ text: string; words: number; offset: number }> = [];
  let start = 0;
  while (start < sentences.length && out.length < 40) {
    let end = start;
    let words = 0;
    while (end < sentences.length && (words < WEIGHTS.windowWords || end === start)) words += counts[end++];
    out.push({ text: sentences.slice(start, end).join('').trim(), words, offset: before[start] });
    if (end >= sentences.length) break;
    // The next window starts half-way through this one.
    let next = start + 1;
    while (next < end - 1 && before[next] - before[start] < words / 2) next++;
    start = next;
  }
  return out;
}

/** Window `i` of a long passage (`windowTextsOf`) as a passage of its own. */
function windowOf(p: Passage, { text, words, offset }: { text: string; words: number; offset: number }, i: number): Passage {
  return {
    ...p,
    id: `${p.id}-w${i}`,
    text,
    wordCount: words,
    wordOffset: p.wordOffset + offset,
    // The window is a view of the section: it keeps the section's steps, lists and tables.
    prices: findPrices(text, 20).map((x) => x.raw),
  };
}

/** What both the title and the H1 say; without an H1, the title less a trailing "| Site name". */
function subjectTermsOf(title: string, h1: string, analyzer: Analyzer): Set<string> {
  const t = analyzer.terms(h1 ? title : title.replace(/\s[|–—·-]\s[^|–—·-]*$/, ''));
  if (!h1) return new Set(t);
  const inH1 = new Set(analyzer.terms(h1));
  return new Set(t.filter((x) => inH1.has(x)));
}
