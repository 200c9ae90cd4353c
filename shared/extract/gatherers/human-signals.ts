import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { HumanSignals, Link } from '../../schemas/index.ts';
import { normalizeStructuredData, type StructuredDataNode, type StructuredDataValue } from '../../structured-data/index.ts';
import { isSubtypeOf } from '../../structured-data/vocabulary.ts';
import { collapse, textOf } from '../dom.ts';
import { defineGatherer } from './types.ts';

/** Items kept per kind: enough to list, bounded on hostile pages. */
const MAX_ITEMS = 20;
/** A byline or a testimonial's name longer than this is prose, not a name. */
const MAX_NAME_CHARS = 80;

/** Hosts of live-chat widgets (script src): a person answers through them. */
const CHAT_HOSTS = [
  'widget.intercom.io', 'js.intercomcdn.com', 'js.driftt.com', 'client.crisp.chat', 'embed.tawk.to', 'static.zdassets.com',
  'cdn.livechatinc.com', 'static.olark.com', 'wchat.freshchat.com', 'code.tidio.co', 'config.gorgias.chat', 'beacon-v2.helpscout.net',
  'js.usemessages.com', 'cdn.smooch.io', 'chat.chatra.io', 'widget.manychat.com', 'cdn.reamaze.com', 'embed.small.chat',
];
/** Inline-script calls of the same widgets. */
const CHAT_INLINE = /\b(?:window\.)?(?:Intercom\s*\(|\$crisp\s*=|Tawk_API\b|drift\.load\s*\(|zE\s*\(|LiveChatWidget\b|olark\s*\(|tidioChatApi\b|Beacon\s*\(\s*['"]init)/;
/** Hosts of scheduling tools: a visitor books time with a person. */
const BOOKING_HOSTS = /(?:^|\.)(?:calendly\.com|cal\.com|savvycal\.com|meetings\.hubspot\.com|acuityscheduling\.com|zcal\.co|tidycal\.com|youcanbook\.me|chilipiper\.com|doodle\.com)$/i;
/** Link texts that lead to a person: contact pages, sales, demos with someone (en, fr, de, es, it, pt, nl, ro). */
const CONTACT_TEXT =
  /^(?:contact(?:\s+us|\s+sales|\s+support)?|get in touch|talk to (?:sales|us|an? (?:expert|human|person))|speak to (?:sales|an? (?:expert|advisor))|contactez[- ]nous|nous contacter|contact(?:ez)? le support|kontakt(?:ieren sie uns)?|contacto|contáctanos|contatti|contattaci|fale conosco|contato|neem contact op|contacteaz[ăa][- ]ne|contact[ae]?)$/i;
const CONTACT_PATH = /\/(?:contact(?:-us|-sales|ez-nous)?|kontakt|contacto|contatti|contato|contacteaza-ne)(?:[/.?#]|$)/i;
const BOOKING_TEXT = /\b(?:book|schedule|request) (?:a |an |your )?(?:free )?(?:demo|call|meeting|consultation|appointment)\b|\bprendre rendez-vous\b|\br[ée]server une d[ée]mo\b|\btermin vereinbaren\b|\breserva(?:r)? una (?:cita|demo)\b|\bprogrameaz[ăa] (?:o )?(?:demo|întâlnire|intalnire)\b/i;
/** A phone number written after its label ("Phone: (541) 555-0187", "Tél. : 03 20 00 01 87"). */
const LABELLED_PHONE = /\b(?:phone|tel(?:ephone)?|call(?: us)?(?: at| on)?|t[ée]l[ée]?(?:phone)?|telefon(?:o)?|telefone|mobile)\.?\s*[:.]?\s*(\+?\(?\d[\d\s().-]{6,18}\d)/gi;
const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b/i;
const DAYS = '(?:mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|freitag|luni|vineri)';
/** "Monday to Friday, 7 a.m. to 5 p.m.", "Mon–Fri 9:00–17:00", "du lundi au vendredi de 9h à 18h". */
const OPENING_HOURS = new RegExp(`\\b${DAYS}\\b[^.\\n]{0,24}?\\b${DAYS}\\b[^.\\n]{0,30}?\\d{1,2}(?:[:h.]\\d{2})?\\s*(?:a\\.?m\\.?|p\\.?m\\.?|h)?\\s*(?:[-–—]|to|à|a|bis|până)\\s*\\d{1,2}`, 'i');
const BYLINE_CLASS = /(?:^|[\s_-])(?:byline|author|authors|author-name|post-author|article-author|entry-author|writer)(?:$|[\s_-])/i;
const BIO_CLASS = /(?:^|[\s_-])(?:author-bio|author-box|about-the-author|author-description|bio|author-info)(?:$|[\s_-])/i;
const TESTIMONIAL_CLASS = /(?:^|[\s_-])(?:testimonials?|reviews?|customer-quote|quote-card|client-quote)(?:$|[\s_-])/i;
/** Headings over customers' words (en, fr, de, es, ro). */
const CUSTOMER_HEADING = /\b(?:customers?|clients?) (?:say|said|love)|\btestimonials?\b|\breviews?\b|what (?:our )?(?:customers|clients|users) |\btémoignages?\b|\bavis (?:de nos )?clients\b|\bkundenstimmen\b|\bopiniones\b|\btestimoniale\b|\bce spun clien/i;
const DATE_TEXT = /\b(?:(published|posted|written)(?: on)?|(updated|last updated|last modified|reviewed)(?: on)?|(publié|mis à jour|actualisé)(?: le)?|(veröffentlicht|aktualisiert)(?: am)?|(publicat|actualizat)(?: pe| la)?)\s*:?\s*((?:\d{1,2}\s+\p{L}+\.?\s+\d{4})|(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4})|(?:\d{4}-\d{2}-\d{2})|(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}))/iu;

function first(node: StructuredDataNode, prop: string): StructuredDataValue | undefined {
  return node.properties[prop]?.[0];
}
function text(v: StructuredDataValue | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return collapse(v) || null;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return text(first(v, 'name'));
  return null;
}
function num(v: StructuredDataValue | undefined): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(',', '.')) : NaN;
  return Number.isFinite(n) ? n : null;
}
function isA(node: StructuredDataNode, ancestor: string): boolean {
  return node.schemaOrgTypes.some((t) => isSubtypeOf(t, ancestor));
}
function addressText(v: StructuredDataValue | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return collapse(v) || null;
  if (typeof v !== 'object') return null;
  const parts = ['streetAddress', 'postalCode', 'addressLocality', 'addressRegion', 'addressCountry'].map((k) => text(first(v, k))).filter((s): s is string => !!s);
  return parts.length ? parts.join(', ') : null;
}
function push<T>(list: T[], item: T, same: (x: T) => boolean): void {
  if (list.length < MAX_ITEMS && !list.some(same)) list.push(item);
}
function hostOf(url: string | null | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
/** Elements with a class or id, in document order, at most MAX_CLASSED: one pass shared by the DOM checks. */
const MAX_CLASSED = 20_000;
/** Candidates (bylines, testimonial cards) examined at most. */
const MAX_CANDIDATES = 300;

/** True when one of `el`'s ancestors is in `set`. O(depth), where `$(a).find(b)` would walk a's subtree. */
function hasAncestorIn(el: Element, set: ReadonlySet<Element>): boolean {
  for (let n = el.parent as Element | null; n && n.type === 'tag'; n = n.parent as Element | null) if (set.has(n)) return true;
  return false;
}
/** Marks every element of `set` that has a descendant in `inner`. */
function ancestorsWithin(inner: Iterable<Element>, set: ReadonlySet<Element>): Set<Element> {
  const out = new Set<Element>();
  for (const el of inner) for (let n = el.parent as Element | null; n && n.type === 'tag'; n = n.parent as Element | null) if (set.has(n)) out.add(n);
  return out;
}

/** The elements the checks read, gathered in one iterative walk (no selector passes, no recursion on deep trees). */
interface Collected {
  classed: Element[];
  scripts: Element[];
  times: Element[];
  relAuthor: Element[];
  headingsAndQuotes: Element[];
  metaAuthor: string | null;
  /** <meta property="article:…"> and og:updated_time values. */
  metaDates: Record<string, string>;
  body: Element | null;
}
function collect(root: Element): Collected {
  const out: Collected = { classed: [], scripts: [], times: [], relAuthor: [], headingsAndQuotes: [], metaAuthor: null, metaDates: {}, body: null };
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    const a = el.attribs ?? {};
    const name = el.name;
    if ((a.class || a.id || a.itemprop === 'author') && out.classed.length < MAX_CLASSED) out.classed.push(el);
    if (name === 'body' && !out.body) out.body = el;
    if (name === 'script') out.scripts.push(el);
    else if (name === 'time' && a.datetime && out.times.length < 50) out.times.push(el);
    else if ((name === 'a' || name === 'link') && a.href && /(?:^|\s)author(?:\s|$)/i.test(a.rel ?? '')) out.relAuthor.push(el);
    else if (/^(?:h[1-4]|blockquote)$/.test(name) && out.headingsAndQuotes.length < 2000) out.headingsAndQuotes.push(el);
    else if (name === 'meta' && (a.name ?? '').toLowerCase() === 'author' && out.metaAuthor === null) out.metaAuthor = a.content ?? '';
    else if (name === 'meta' && /^(?:article:(?:published|modified)_time|og:updated_time)$/.test(a.property ?? '') && a.content && !(a.property in out.metaDates)) out.metaDates[a.property] = a.content;
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].type === 'tag' || kids[i].type === 'script' || kids[i].type === 'style') stack.push(kids[i] as Element);
  }
  return out;
}

/**
 * A substring every match of BYLINE_CLASS, BIO_CLASS and TESTIMONIAL_CLASS holds (same /i folding): a class
 * string without one cannot match any of them, and most elements' classes have none.
 */
const MAY_BE_HUMAN_CLASS = /byline|author|writer|bio|testimonial|review|quote/i;

function classOf(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

/** What the page's structured data (JSON-LD, microdata, RDFa) says about its people. */
function fromMarkup(entities: StructuredDataNode[], out: HumanSignals): void {
  for (const node of entities) {
    for (const a of node.properties.author ?? []) {
      const name = text(a);
      if (!name || name.length > MAX_NAME_CHARS) continue;
      const obj = typeof a === 'object' ? a : null;
      const kind = obj ? (isA(obj, 'Person') ? 'person' : isA(obj, 'Organization') ? 'organization' : 'unknown') : 'unknown';
      const url = obj ? (text(first(obj, 'url')) ?? text(first(obj, 'sameAs'))) : null;
      push(out.authors, { name, source: 'markup', kind, url, bio: !!(obj && text(first(obj, 'description'))) }, (x) => x.name === name && x.source === 'markup');
    }
    for (const [prop, kind] of [['datePublished', 'published'], ['dateCreated', 'published'], ['dateModified', 'modified']] as const) {
      const value = text(first(node, prop));
      if (value) push(out.dates, { kind, value, source: 'markup' }, (x) => x.kind === kind && x.value === value);
    }
    if (isA(node, 'Organization')) {
      const source = node.source;
      const org = { type: node.schemaOrgTypes[0] ?? node.type, name: text(first(node, 'name')), legalName: text(first(node, 'legalName')), address: addressText(first(node, 'address')), source };
      // An organisation named only as an author or publisher is a byline, not the site's identity.
      if (!node.parent || !['author', 'publisher', 'brand', 'manufacturer', 'seller'].includes(node.parent.property) || org.address || org.legalName) {
        push(out.organizations, org, (x) => x.name === org.name && x.type === org.type && x.address === org.address);
      }
    }
    for (const [prop, kind] of [['telephone', 'phone'], ['email', 'email']] as const) {
      for (const v of node.properties[prop] ?? []) {
        const value = text(v)?.replace(/^mailto:|^tel:/i, '');
        if (value) push(out.contacts, { kind, value, source: 'markup' }, (x) => x.kind === kind && x.value === value);
      }
    }
    if (node.properties.openingHours || node.properties.openingHoursSpecification || node.properties.hoursAvailable) {
      const v = node.properties.openingHours?.map((h) => text(h)).filter(Boolean).join('; ') || 'openingHoursSpecification';
      push(out.contacts, { kind: 'opening-hours', value: v, source: 'markup' }, (x) => x.kind === 'opening-hours' && x.source === 'markup');
    }
    if (isA(node, 'Review') && !isA(node, 'CriticReview')) {
      const author = text(first(node, 'author'));
      const rating = first(node, 'reviewRating');
      push(out.reviews, { kind: 'review', author, rating: typeof rating === 'object' ? num(first(rating, 'ratingValue')) : num(rating), count: null, source: 'markup' }, () => false);
    }
    if (isA(node, 'AggregateRating')) {
      push(
        out.reviews,
        { kind: 'aggregate-rating', author: null, rating: num(first(node, 'ratingValue')), count: num(first(node, 'reviewCount')) ?? num(first(node, 'ratingCount')), source: 'markup' },
        () => false,
      );
    }
  }
}

/** Visible bylines: an element whose class says byline/author, holding a short name ("By Jane Doe"). */
function fromBylines($: CheerioAPI, classed: Element[], classes: string[], out: HumanSignals, docBase: string): void {
  const candidates = classed
    .filter((el, i) => (BYLINE_CLASS.test(classes[i]) || el.attribs.itemprop === 'author') && !/avatar|image|photo|img/i.test(classes[i] || classOf(el)) && !inCustomerVoice(el))
    .slice(0, MAX_CANDIDATES);
  // The outermost byline element only ("byline" holding "author-name").
  const set = new Set(candidates);
  const outer = candidates.filter((el) => !hasAncestorIn(el, set));
  for (const el of outer.slice(0, 50)) {
    const raw = collapse(textOf(el, 200));
    const name = raw.replace(/^(?:written\s+)?(?:by|par|von|de|di|door|de către)\s+/i, '').replace(/\s*[|·•,–—-]\s*(?:updated|published|posted|last|mis à jour|publié).*$/i, '').trim();
    if (!name || name.length > MAX_NAME_CHARS || !/\p{L}/u.test(name) || /^(?:author|authors|by)$/i.test(name)) continue;
    const link = $(el).is('a[href]') ? el : ($(el).find('a[href]').get(0) as Element | undefined);
    const url = link ? resolve(link.attribs.href, docBase) : null;
    const bio = BIO_CLASS.test(classOf(el));
    push(out.authors, { name, source: 'byline', kind: 'unknown', url, bio }, (x) => x.name === name);
  }
  // An author-bio box elsewhere on the page gives the byline its bio.
  const hasBioBox = classed.some((el, i) => BIO_CLASS.test(classes[i]) && collapse(textOf(el, 400)).split(' ').length >= 12);
  if (hasBioBox) for (const a of out.authors) a.bio = true;
}

function resolve(href: string | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    return /^https?:$/.test(u.protocol) ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Host name and path of a link's `url`, read from the string: the links gatherer wrote it as a WHATWG URL's
 * `href` (http or https, no fragment), whose authority ends at the path's first '/', so no URL is parsed
 * again per link. Anything else is parsed.
 */
function hostAndPath(url: string): { host: string; path: string } {
  const start = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : -1;
  const slash = start === -1 ? -1 : url.indexOf('/', start);
  if (slash === -1) return { host: hostOf(url), path: pathOf(url) };
  const at = url.lastIndexOf('@', slash);
  const hostStart = at >= start ? at + 1 : start;
  const end = url[hostStart] === '[' ? url.indexOf(']', hostStart) + 1 : url.indexOf(':', hostStart);
  const host = url.slice(hostStart, end > hostStart && end < slash ? end : slash).toLowerCase();
  const q = url.indexOf('?', slash);
  return { host, path: url.slice(slash, q === -1 ? url.length : q) };
}

function fromLinks(links: Link[], out: HumanSignals): void {
  for (const l of links) {
    const href = (l.href ?? '').trim();
    if (/^tel:/i.test(href)) {
      const value = decodeSafe(href.slice(4)).trim();
      if (/\d{4,}/.test(value.replace(/\D/g, ''))) push(out.contacts, { kind: 'phone', value, source: 'link' }, (x) => x.kind === 'phone' && x.value === value);
    } else if (/^mailto:/i.test(href)) {
      const value = decodeSafe(href.slice(7).split('?')[0]).trim();
      if (value.includes('@')) push(out.contacts, { kind: 'email', value, source: 'link' }, (x) => x.kind === 'email' && x.value === value);
    } else if (!l.url) {
      continue;
    } else if (BOOKING_HOSTS.test(hostAndPath(l.url).host)) {
      push(out.contacts, { kind: 'booking', value: l.url, source: 'link' }, (x) => x.kind === 'booking' && x.value === l.url);
    } else if (BOOKING_TEXT.test(l.text)) {
      push(out.contacts, { kind: 'booking', value: l.url, source: 'link' }, (x) => x.kind === 'booking' && x.value === l.url);
    } else if (l.internal && (CONTACT_TEXT.test(collapse(l.text)) || CONTACT_PATH.test(hostAndPath(l.url).path))) {
      push(out.contacts, { kind: 'contact-page', value: l.url, source: 'link' }, (x) => x.kind === 'contact-page' && x.value === l.url);
    }
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function fromScripts(scripts: Element[], out: HumanSignals, docBase: string): void {
  for (const el of scripts) {
    const src = el.attribs.src;
    if (src) {
      const host = hostOf(resolve(src, docBase));
      if (CHAT_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) push(out.contacts, { kind: 'chat', value: host, source: 'script' }, (x) => x.kind === 'chat' && x.value === host);
    } else if (!/json|template/i.test(el.attribs.type ?? '')) {
      const code = textOfScript(el);
      const m = CHAT_INLINE.exec(code);
      if (m) push(out.contacts, { kind: 'chat', value: m[0].replace(/\s*[(=]$/, '').trim(), source: 'script' }, (x) => x.kind === 'chat');
    }
  }
}
function textOfScript(el: Element): string {
  return el.children.map((c) => ('data' in c ? String((c as { data: string }).data) : '')).join('').slice(0, 50_000);
}

const SPACE = /\s/;
/** The whitespace-separated words of `body` holding an @ (at most 254 characters), in order, without splitting the whole text. */
function tokensWithAt(body: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const at = body.indexOf('@', from);
    if (at === -1) return out;
    let start = at;
    while (start > 0 && !SPACE.test(body[start - 1])) start--;
    let end = at + 1;
    while (end < body.length && !SPACE.test(body[end])) end++;
    if (end - start <= 254) out.push(body.slice(start, end));
    from = end;
  }
}

/** Labelled phone numbers, e-mail addresses, opening hours and dated lines written in the page's text. */
function fromText(body: string, out: HumanSignals): void {
  for (const m of body.matchAll(LABELLED_PHONE)) {
    const value = m[1].trim();
    if (value.replace(/\D/g, '').length >= 7) push(out.contacts, { kind: 'phone', value, source: 'text' }, (x) => x.kind === 'phone' && x.value.replace(/\D/g, '') === value.replace(/\D/g, ''));
  }
  // Only words holding an @: the address pattern on every word of a huge text would backtrack quadratically.
  for (const token of tokensWithAt(body)) {
    const m = EMAIL.exec(token);
    if (!m) continue;
    const value = m[0];
    if (!/\.(?:png|jpe?g|gif|svg|webp)$/i.test(value)) push(out.contacts, { kind: 'email', value, source: 'text' }, (x) => x.kind === 'email' && x.value.toLowerCase() === value.toLowerCase());
  }
  const hours = OPENING_HOURS.exec(body);
  if (hours) push(out.contacts, { kind: 'opening-hours', value: hours[0], source: 'text' }, (x) => x.kind === 'opening-hours');
  const d = DATE_TEXT.exec(body);
  if (d) {
    const kind = d[1] || d[3]?.startsWith('publi') || d[4]?.startsWith('ver') || d[5]?.startsWith('publicat') ? 'published' : 'modified';
    push(out.dates, { kind, value: d[6], source: 'text' }, (x) => x.kind === kind && x.value === d[6]);
  }
}

/** Words a testimonial card holds at least (a quote, not a "Reviews" label). */
const MIN_TESTIMONIAL_WORDS = 10;

/** Inside a testimonial or review card, or a quotation: names there are customers, not the page's author. */
function inCustomerVoice(el: Element): boolean {
  for (let n: Element | null = el; n && n.type === 'tag'; n = n.parent as Element | null) {
    if (n.name === 'blockquote' || TESTIMONIAL_CLASS.test(classOf(n))) return true;
  }
  return false;
}

/**
 * Testimonials: the innermost testimonial/review cards (class says so) holding a quote of some length,
 * with the customer's name (cite, figcaption, an author/name element) and stars (★) when written.
 */
function fromTestimonials($: CheerioAPI, classed: Element[], classes: string[], headingsAndQuotes: Element[], out: HumanSignals): void {
  const WHO = 'cite, figcaption, footer, [class*="author"], [class*="name"], [class*="customer"]';
  const cards = classed
    .filter((el, i) => TESTIMONIAL_CLASS.test(classes[i]))
    .slice(0, MAX_CANDIDATES)
    .filter((el) => collapse(textOf(el, 2000)).split(' ').length >= MIN_TESTIMONIAL_WORDS);
  // A card is the innermost one naming its customer; without names, the innermost quote.
  const named = cards.filter((el) => $(el).find(WHO).length > 0);
  const pool = new Set(named.length ? named : cards);
  const containers = ancestorsWithin(pool, pool);
  const units = [...pool].filter((el) => !containers.has(el));
  // Plain <blockquote>s under a heading that says they are customers' words ("What customers say", "Témoignages").
  let heading = '';
  const taken = new Set(units);
  for (const el of headingsAndQuotes) {
    if (el.name !== 'blockquote') heading = collapse(textOf(el, 120));
    else if (CUSTOMER_HEADING.test(heading) && !taken.has(el) && !hasAncestorIn(el, taken) && !ancestorsWithin([...taken], new Set([el])).size) units.push(el);
  }
  for (const card of units.slice(0, MAX_ITEMS)) {
    const text = collapse(textOf(card, 2000));
    const who = $(card).find(WHO).first();
    const strong = who.find('strong, b, [class*="name"]').first();
    const nameEl = (strong.length ? strong : who).get(0) as Element | undefined;
    let author = nameEl ? collapse(textOf(nameEl, MAX_NAME_CHARS)).replace(/^[—–-]\s*/, '') || null : null;
    // "— Renata Holm, homeowner in Spokane": the attribution line closing the quote.
    if (!author) author = /[—–]\s*([\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,3})(?:,|$)/u.exec(text)?.[1] ?? null;
    const stars = (text.match(/★/g) ?? []).length;
    push(out.reviews, { kind: 'testimonial', author: author && author.length <= MAX_NAME_CHARS ? author : null, rating: stars >= 1 && stars <= 5 ? stars : null, count: null, source: 'html' }, () => false);
  }
}

/**
 * Who stands behind the page, as written on it: bylines, dates, the organisation, ways to reach a
 * person, customer voice. Reads the structured data the earlier gatherers parsed and the links found.
 */
export default defineGatherer({
  id: 'human-signals',
  provides: ['humanSignals'],
  gather({ $, artifacts, docBase, bodyText }) {
    const out: HumanSignals = { authors: [], dates: [], organizations: [], contacts: [], reviews: [] };
    const { entities } = normalizeStructuredData(artifacts.jsonLd, artifacts.microdata, artifacts.rdfa);
    fromMarkup(entities, out);
    const root = ($!.root().get(0) as unknown as Element);
    const found = collect(root);
    for (const el of found.relAuthor) {
      const url = resolve(el.attribs.href, docBase);
      const name = collapse(textOf(el, MAX_NAME_CHARS)) || el.attribs.title || url || '';
      if (name) push(out.authors, { name, source: 'rel-author', kind: 'unknown', url, bio: false }, (x) => x.url === url);
    }
    const metaAuthor = collapse(found.metaAuthor ?? '');
    if (metaAuthor && metaAuthor.length <= MAX_NAME_CHARS) push(out.authors, { name: metaAuthor, source: 'meta', kind: 'unknown', url: null, bio: false }, (x) => x.name === metaAuthor);
    // Each element's "class id" string, built once for the three class checks below.
    // ('' for the elements whose class cannot match: the checks then test an empty string.)
    const classes = found.classed.map((el) => {
      const c = classOf(el);
      return MAY_BE_HUMAN_CLASS.test(c) ? c : '';
    });
    fromBylines($!, found.classed, classes, out, docBase);
    for (const [prop, kind] of [['article:published_time', 'published'], ['article:modified_time', 'modified'], ['og:updated_time', 'modified']] as const) {
      const value = collapse(found.metaDates[prop] ?? '');
      if (value) push(out.dates, { kind, value, source: 'meta' }, (x) => x.kind === kind && x.value === value);
    }
    for (const el of found.times) {
      const near = `${classOf(el)} ${el.attribs.itemprop ?? ''} ${classOf((el.parent as Element) ?? el)}`;
      const kind = /modif|updat/i.test(near) ? 'modified' : /publish|posted|date|byline|meta|entry/i.test(near) || el.attribs.pubdate !== undefined ? 'published' : null;
      if (kind) push(out.dates, { kind, value: el.attribs.datetime, source: 'time' }, (x) => x.kind === kind && x.value === el.attribs.datetime);
    }
    fromLinks(artifacts.links, out);
    fromScripts(found.scripts, out, docBase);
    const text = found.body ? bodyText(200_000) : null;
    const body = text !== null ? collapse(text) : collapse(root.children.map((c) => textOf(c, 200_000)).join(' '));
    fromText(body, out);
    fromTestimonials($!, found.classed, classes, found.headingsAndQuotes, out);
    return { humanSignals: out };
  },
});
