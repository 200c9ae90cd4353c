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
  /** Position in the input: the deterministic tie-breaker. */
  order: number;
  url: string;
  artifacts: PageArtifacts;
  page: PageResult;
  /** Primary language subtag used to index the page. */
  lang: string | null;
  analyzer: Analyzer;
  passages: Passage[];
  /** Every index term of the page's main content. */
  terms: Set<string>;
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

export interface Corpus {
  pages: CorpusPage[];
  /** Index per primary language ('' for languages without a stemmer). */
  indexes: Map<string, Bm25Index<PassageRef>>;
  defaultLang: string;
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

export function buildCorpus(input: Iterable<{ artifacts: PageArtifacts; page: PageResult }>, defaultLang: string, options: CorpusOptions = {}): Corpus {
  const pages: CorpusPage[] = [];
  const indexes = new Map<string, Bm25Index<PassageRef>>();
  const seen = new Set<string>();
  let order = 0;
  // Pages in URL order, not crawl order: crawl order changes with concurrency (and between a single-process
  // and a distributed crawl), and ties between equally good pages are broken by this order, so a report
  // must not depend on which fetch finished first.
  const inUrlOrder = [...input].sort((a, b) => byUrl(a.artifacts, b.artifacts));
  for (const { artifacts, page } of inUrlOrder) {
    const i = order++;
    if (seen.has(artifacts.url) || !isAnswerable(artifacts)) continue;
    seen.add(artifacts.url);
    const lang = pageLanguage(artifacts, defaultLang);
    const analyzer = analyzerFor(lang);
    const key = analyzer.lang ?? '';
    let index = indexes.get(key);
    if (!index) indexes.set(key, (index = new Bm25Index<PassageRef>()));
    const passages = [...artifacts.passages, ...faqPassages(artifacts)];
    const h1 = artifacts.headings.find((h) => h.level === 1)?.text ?? '';
    const cards = cardPassages(artifacts);
    const cp: CorpusPage = {
      order: i,
      url: artifacts.url,
      artifacts,
      page,
      lang: analyzer.lang,
      analyzer,
      passages,
      terms: new Set(),
      targetTerms: new Set(analyzer.terms(`${artifacts.title ?? ''} ${h1} ${artifacts.metaDescription ?? ''}`)),
      titleTerms: new Set(analyzer.terms(`${artifacts.title ?? ''} ${h1}`)),
      subjectTerms: subjectTermsOf(artifacts.title ?? '', h1, analyzer),
      linkTexts: linkTextsOf(artifacts),
      own: options.isOwn ? options.isOwn(artifacts.url) : false,
      listing: cards !== null,
    };
    // Each text is analysed once: headings recur in every path under them, and a section's text is its passages' texts.
    const headingTerms = new Map<string, string[]>();
    const termsOfHeading = (h: string) => {
      let t = headingTerms.get(h);
      if (!t) headingTerms.set(h, (t = analyzer.terms(h)));
      return t;
    };
    const bodyTerms = new Map<Passage, string[]>();
    for (const passage of passages) {
      const own = passage.heading ? termsOfHeading(passage.heading) : [];
      const above = passage.headingPath.slice(0, passage.heading ? -1 : undefined).flatMap(termsOfHeading);
      const body = analyzer.terms(passage.text);
      bodyTerms.set(passage, body);
      // The own heading counts twice: it is what the passage says it is about. Headings above it
      // do not count: every passage of a page would otherwise match the page's H1.
      const labels = tableHeadersIn(passage, artifacts).flatMap((h) => analyzer.terms(h));
      const childHeadingTerms = labels.length ? new Set([...own, ...labels]) : EMPTY;
      const card = cards?.get(passage.id);
      const ref: PassageRef = { page: cp, passage, headingTerms: new Set(own), childHeadingTerms, pathTerms: new Set(above), section: false, ...(card ? { card: true, excerptOf: card } : {}) };
      for (const t of own) cp.terms.add(t);
      for (const t of body) cp.terms.add(t);
      // A long passage is read by windows: its answer is found where it is, not diluted by the rest
      // nor credited with the passage's start.
      const windows = windowsOf(passage);
      if (!windows.length) index.add(ref, own, own, body);
      for (const w of windows) index.add({ ...ref, passage: w }, own, own, analyzer.terms(w.text));
    }
    for (const { passage, childHeadings, children, parts } of sectionsOf(artifacts.passages)) {
      const own = termsOfHeading(passage.heading ?? '');
      const childTerms = [...childHeadings, ...tableHeadersIn(passage, artifacts)].flatMap(termsOfHeading);
      const above = passage.headingPath.slice(0, -1).flatMap(termsOfHeading);
      // The section's text is its passages' texts and sub-headings joined by separators: the same words as analysing it whole.
      const body = parts.flatMap((part) => (typeof part === 'string' ? termsOfHeading(part) : (bodyTerms.get(part) ?? analyzer.terms(part.text))));
      // A section of a listing page made of excerpt cards is itself an excerpt of those articles.
      const excerpts = cards ? children.flatMap((id) => cards.get(id) ?? []) : [];
      const cardChildren = cards ? children.filter((id) => cards.has(id)).length : 0;
      const card = cardChildren > 0 && cardChildren * 2 >= children.length;
      index.add(
        { page: cp, passage, headingTerms: new Set(own), childHeadingTerms: new Set([...own, ...childTerms]), pathTerms: new Set(above), section: true, ...(card ? { card, excerptOf: [...new Set(excerpts)] } : {}) },
        own,
        own,
        body,
      );
    }
    pages.push(cp);
  }
  return { pages, indexes, defaultLang };
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
function sectionsOf(passages: Passage[]): Array<{ passage: Passage; childHeadings: string[]; children: string[]; parts: Array<Passage | string> }> {
  const out: Array<{ passage: Passage; childHeadings: string[]; children: string[]; parts: Array<Passage | string> }> = [];
  passages.forEach((head, i) => {
    if (!head.heading || head.headingLevel < 1) return;
    const children: Passage[] = [];
    for (let j = i + 1; j < passages.length; j++) {
      const p = passages[j];
      if (p.headingLevel <= head.headingLevel || p.headingLevel === 0) break;
      children.push(p);
    }
    if (!children.length) return;
    const words = head.wordCount + children.reduce((n, c) => n + c.wordCount + countWords(c.heading ?? ''), 0);
    if (words > MAX_SECTION_WORDS) return;
    const text = [head.text, ...children.map((c) => `${c.heading ?? ''}: ${c.text}`)].filter((t) => t.trim()).join(' ');
    out.push({
      passage: {
        id: `${head.id}-section`,
        heading: head.heading,
        headingLevel: head.headingLevel,
        headingPath: head.headingPath,
        text,
        wordCount: words,
        wordOffset: head.wordOffset,
        orderedSteps: head.orderedSteps + children.reduce((n, c) => n + c.orderedSteps, 0),
        listItems: head.listItems + children.reduce((n, c) => n + c.listItems, 0),
        tables: head.tables + children.reduce((n, c) => n + c.tables, 0),
        prices: [...head.prices, ...children.flatMap((c) => c.prices)].slice(0, 40),
        images: head.images + children.reduce((n, c) => n + c.images, 0),
        imagesWithoutAlt: [...head.imagesWithoutAlt, ...children.flatMap((c) => c.imagesWithoutAlt)].slice(0, 20),
      },
      childHeadings: children.map((c) => c.heading ?? '').filter(Boolean),
      children: children.map((c) => c.id),
      // What the text is made of, in order: passages (their analysed text) and sub-headings.
      parts: [head, ...children.flatMap((c) => [c.heading ?? '', c])],
    });
  });
  return out;
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

function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
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

/** Windows of about WEIGHTS.windowWords words (whole sentences, half overlapping) of a passage longer than WEIGHTS.windowAfterWords. */
function windowsOf(p: Passage): Passage[] {
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
  const out: Passage[] = [];
  let start = 0;
  while (start < sentences.length && out.length < 40) {
    let end = start;
    let words = 0;
    while (end < sentences.length && (words < WEIGHTS.windowWords || end === start)) words += counts[end++];
    const text = sentences.slice(start, end).join('').trim();
    out.push({
      ...p,
      id: `${p.id}-w${out.length}`,
      text,
      wordCount: words,
      wordOffset: p.wordOffset + before[start],
      // The window is a view of the section: it keeps the section's steps, lists and tables.
      prices: findPrices(text, 20).map((x) => x.raw),
    });
    if (end >= sentences.length) break;
    // The next window starts half-way through this one.
    let next = start + 1;
    while (next < end - 1 && before[next] - before[start] < words / 2) next++;
    start = next;
  }
  return out;
}

/** What both the title and the H1 say; without an H1, the title less a trailing "| Site name". */
function subjectTermsOf(title: string, h1: string, analyzer: Analyzer): Set<string> {
  const t = analyzer.terms(h1 ? title : title.replace(/\s[|–—·-]\s[^|–—·-]*$/, ''));
  if (!h1) return new Set(t);
  const inH1 = new Set(analyzer.terms(h1));
  return new Set(t.filter((x) => inH1.has(x)));
}
