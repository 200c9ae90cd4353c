/**
 * A generated site whose pages weigh what real pages weigh (issue 12): 60–125 KB of HTML each (~92 KB
 * on average), deterministic. Each page has ~4 KB of inline CSS, og/twitter meta and JSON-LD in the
 * head, a 50-link navigation, breadcrumbs, an article of h2/h3 sections with paragraphs, lists and
 * tables, 10–20 in-content links, a footer and an 8–20 KB inline hydration-state script: 69–80 `<a>`
 * per page. The article holds 1,200–3,000 words; the rest of the weight is the markup real pages carry
 * (responsive images, inline SVG icons, wrapper divs with classes and data attributes, a product grid).
 * Text comes from a Zipf-distributed vocabulary of ~4,000 generated words, so it compresses about as
 * well as real prose (not as well as a 50-word loop would).
 *
 * Same URL space as site.ts (pagePath / pageIndexOf): page i links to its children 10i+1 … 10i+10
 * first, so every page is reachable within log10(N) clicks.
 */
import { pagePath } from './site.ts';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0xffffffff;
  };
}

const SYLLABLES = 'ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo ly ny ter ing tion ment able ous ness ward'.split(' ');
const COMMON = 'the of and to a in is that for it as with was on be by this are or from at an which have not but all can has will your more one also its may their how what when use water leak home'.split(' ');

/** ~4,000 words: the 50 commonest English words first, then generated ones of 1–4 syllables. */
const VOCAB: string[] = (() => {
  const next = rng(12345);
  const words = new Set<string>(COMMON);
  while (words.size < 4000) {
    const n = 1 + Math.floor(next() * next() * 4) + (next() < 0.5 ? 1 : 0);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
})();

/** Zipf-ish pick: small ranks far more often (rank ~ N^u^2). */
function word(next: () => number): string {
  const u = next();
  return VOCAB[Math.min(VOCAB.length - 1, Math.floor(Math.pow(VOCAB.length, u * u)) - 1)];
}

function sentence(next: () => number, min = 8, max = 22): string {
  const n = min + Math.floor(next() * (max - min + 1));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(word(next));
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

function phrase(next: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(word(next));
  return out.join(' ');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** One template stylesheet, the same on every page (as a site's critical CSS is). */
const CSS = (() => {
  const next = rng(777);
  const rules: string[] = [];
  const props = ['margin', 'padding', 'color', 'background', 'font-size', 'line-height', 'border', 'display', 'gap', 'max-width'];
  let css = '';
  for (let i = 0; css.length < 4000; i++) {
    const sel = `.${phrase(next, 1)}-${i}${next() < 0.3 ? ` > .${phrase(next, 1)}` : ''}`;
    const decl = Array.from({ length: 2 + Math.floor(next() * 4) }, () => `${props[Math.floor(next() * props.length)]}:${Math.floor(next() * 48)}px`).join(';');
    rules.push(`${sel}{${decl}}`);
    css = rules.join('\n');
  }
  return css;
})();

/** The 50 navigation targets: the first 50 pages (hubs of the tree). */
function navHtml(total: number): string {
  const items: string[] = [];
  for (let k = 1; k <= 50; k++) items.push(`<li class="nav-item"><a class="nav-link" href="${pagePath(k % total)}">Section ${k}</a></li>`);
  return `<nav class="main-nav" aria-label="Main"><ul>${items.join('')}</ul></nav>`;
}

const FOOTER_LINKS = ['/', '/guides/item-1/', '/compare/item-2/', '/products/item-3/', '/support/item-4/', '/blog/item-5/'];

function hydration(next: () => number, i: number, bytes: number): string {
  const items: string[] = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const id = Math.floor(next() * 0xffffffff).toString(16).padStart(8, '0');
    const item = `{"id":"${id}${Math.floor(next() * 0xffffffff).toString(16)}","sku":"SKU-${i}-${k}","name":"${phrase(next, 3)}","price":${(next() * 500).toFixed(2)},"stock":${Math.floor(next() * 90)},"tags":["${word(next)}","${word(next)}"],"rating":${(1 + next() * 4).toFixed(1)},"updated":${1700000000000 + Math.floor(next() * 9e10)}}`;
    items.push(item);
    size += item.length + 1;
  }
  return `window.__APP_STATE__={"page":${i},"build":"a81f3c2","locale":"en-US","products":[${items.join(',')}]};`;
}

/** An inline SVG icon, as component libraries inline them: a path of a few hundred coordinates. */
function ICON(next: () => number): string {
  const pts: string[] = [];
  const n = 20 + Math.floor(next() * 30);
  for (let k = 0; k < n; k++) pts.push(`${k === 0 ? 'M' : next() < 0.5 ? 'L' : 'C'}${(next() * 24).toFixed(2)} ${(next() * 24).toFixed(2)}`);
  return `<svg class="icon" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true"><path d="${pts.join(' ')}"/></svg>`;
}

/** A responsive image as CMSs write them: picture, AVIF/WebP sources with srcset, sizes, lazy img. */
function figure(next: () => number, i: number, k: number): string {
  const h = Math.floor(next() * 0xffffffff).toString(16);
  const set = (ext: string) => [320, 640, 960, 1280, 1920].map((w) => `/media/${h}/${i}-${k}-${w}.${ext} ${w}w`).join(', ');
  return `<figure class="media media--wide"><picture><source type="image/avif" srcset="${set('avif')}" sizes="(max-width: 768px) 100vw, 720px"><source type="image/webp" srcset="${set('webp')}" sizes="(max-width: 768px) 100vw, 720px"><img class="media__img" src="/media/${h}/${i}-${k}-960.jpg" alt="${phrase(next, 4)}" width="960" height="540" loading="lazy" decoding="async"></picture><figcaption class="media__caption">${phrase(next, 6)}</figcaption></figure>`;
}

export function realPageHtml(i: number, total: number): string {
  const next = rng(i * 7919 + 17);
  const target = 61_600 + Math.floor(next() * 64_000);
  const scriptBytes = 8_000 + Math.floor(next() * 12_000);
  const title = `${phrase(next, 5).replace(/^./, (c) => c.toUpperCase())} | Item ${i}`;
  const description = sentence(next, 18, 26);
  const url = pagePath(i);
  const parent = i === 0 ? 0 : Math.floor((i - 1) / 10);

  // In-content links: children first (the crawl tree), then related pages; 10–20 of them.
  const contentLinks: string[] = [];
  const nLinks = 10 + Math.floor(next() * 11);
  for (let c = 1; c <= 10 && contentLinks.length < nLinks; c++) if (i * 10 + c < total) contentLinks.push(pagePath(i * 10 + c));
  while (contentLinks.length < nLinks) contentLinks.push(pagePath(Math.floor(next() * total)));

  const head = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${esc(title)}</title>
<meta name="description" content="${esc(description)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="${url}">
<meta property="og:type" content="article"><meta property="og:title" content="${esc(title)}"><meta property="og:description" content="${esc(description)}"><meta property="og:url" content="${url}"><meta property="og:image" content="/img/og-${i}.jpg"><meta property="og:site_name" content="Example Brand">
<meta name="twitter:card" content="summary_large_image"><meta name="twitter:title" content="${esc(title)}"><meta name="twitter:description" content="${esc(description)}"><meta name="twitter:image" content="/img/og-${i}.jpg">
<style>${CSS}</style>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"${esc(title)}","description":"${esc(description)}","datePublished":"2025-0${1 + (i % 9)}-1${i % 10}","author":{"@type":"Person","name":"${phrase(next, 2)}"},"publisher":{"@type":"Organization","name":"Example Brand","logo":{"@type":"ImageObject","url":"/logo.png"}}}</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{"@type":"ListItem","position":1,"name":"Home","item":"/"},{"@type":"ListItem","position":2,"name":"Parent","item":"${pagePath(parent)}"},{"@type":"ListItem","position":3,"name":"${esc(title)}","item":"${url}"}]}</script>
</head><body>
<header class="site-header"><a class="logo" href="/">Example Brand</a>${navHtml(total)}</header>
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="${pagePath(parent)}">Parent</a></li><li aria-current="page">${esc(title)}</li></ol></nav>
<main><article><h1>${esc(title)}</h1>
`;
  const tail = `</article></main>
<footer class="site-footer"><ul>${FOOTER_LINKS.map((h, k) => `<li><a href="${h}">Footer ${k}</a></li>`).join('')}</ul><p>© Example Brand. ${sentence(next, 10, 14)}</p></footer>
<script>${hydration(next, i, scriptBytes)}</script>
</body></html>`;

  // The article: 1,200–3,000 words of text (a long real article), in h2/h3 sections with lists and
  // tables, each wrapped the way site builders wrap content; then the page is filled to its target
  // weight with the markup real pages carry besides text (responsive images, inline SVG icons, cards
  // with data attributes). Real 90 KB pages are mostly markup, not 9,000 words of prose.
  const words = 1200 + Math.floor(next() * 1800);
  const parts: string[] = [];
  let written = 0;
  let linkAt = 0;
  let s = 0;
  const wrap = (inner: string, kind: string) => `<div class="content-block content-block--${kind} cb-${s}" data-block-id="${i}-${s}-${kind}" data-track="article:${kind}">${inner}</div>`;
  while (written < words) {
    const heading = s === 0 ? `What is ${phrase(next, 3)}?` : s % 4 === 1 ? `How much does ${phrase(next, 2)} cost?` : `${phrase(next, 4).replace(/^./, (c) => c.toUpperCase())}`;
    let sec = `<section class="article-section" id="section-${s}"><h2 class="article-h2" id="h-${s}">${esc(heading)}</h2>`;
    for (let p = 0; p < 3; p++) {
      const sentences = Array.from({ length: 2 + Math.floor(next() * 3) }, () => sentence(next));
      written += sentences.join(' ').split(' ').length;
      let para = sentences.join(' ');
      if (linkAt < contentLinks.length && next() < 0.6) {
        para += ` See <a class="inline-link" href="${contentLinks[linkAt]}">${phrase(next, 3)}</a>.`;
        linkAt++;
      }
      sec += wrap(`<p class="article-p">${para}</p>`, 'text');
    }
    const sub = Array.from({ length: 2 }, () => sentence(next));
    written += sub.join(' ').split(' ').length + 4;
    sec += `<h3 class="article-h3">${esc(phrase(next, 4))}</h3>${wrap(`<p class="article-p">${sub.join(' ')}</p>`, 'text')}`;
    if (s % 3 === 0) sec += wrap(`<ul class="article-list">${Array.from({ length: 5 }, () => `<li class="article-li">${ICON(next)}<span>${sentence(next, 5, 10)}</span></li>`).join('')}</ul>`, 'list');
    if (s % 3 === 1) sec += wrap(`<table class="article-table"><thead><tr><th>Plan</th><th>Price</th><th>Notes</th></tr></thead><tbody>${Array.from({ length: 4 }, (_, r) => `<tr><td>${phrase(next, 2)}</td><td>$${((i % 90) + 9 + r * 20).toFixed(2)}</td><td>${phrase(next, 5)}</td></tr>`).join('')}</tbody></table>`, 'table');
    if (s % 3 === 2) sec += wrap(`<ol class="article-steps">${Array.from({ length: 5 }, () => `<li class="article-li">${sentence(next, 6, 12)}</li>`).join('')}</ol>`, 'steps');
    if (s % 2 === 0) sec += wrap(figure(next, i, s), 'media');
    sec += '</section>\n';
    parts.push(sec);
    s++;
  }
  // Links not placed yet go in a "related" list at the end of the article.
  if (linkAt < contentLinks.length) parts.push(`<h2>Related</h2><ul class="related">${contentLinks.slice(linkAt).map((h) => `<li class="related-item"><a class="related-link" href="${h}">${phrase(next, 3)}</a></li>`).join('')}</ul>\n`);
  // Fill to the target weight with a product/promo grid: pictures, icons and data attributes, little text.
  let size = head.length + tail.length + parts.reduce((n, p) => n + p.length, 0);
  const grid: string[] = [];
  for (let c = 0; size < target; c++) {
    const card = `<div class="promo-card promo-card--${c % 4}" data-sku="SKU-${i}-${c}" data-position="${c}" data-list="article-grid" data-variant="${Math.floor(next() * 1e6).toString(36)}">${figure(next, i, 100 + c)}<div class="promo-card__body">${ICON(next)}<span class="promo-card__price">$${(next() * 400).toFixed(2)}</span><span class="promo-card__label">${phrase(next, 2)}</span></div></div>`;
    grid.push(card);
    size += card.length;
  }
  if (grid.length) parts.push(`<aside class="promo-grid" aria-label="Products">${grid.join('')}</aside>\n`);
  return head + parts.join('') + tail;
}
