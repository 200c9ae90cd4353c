/**
 * A generated site for crawl benchmarks: N product-style pages, deterministic, ~15 KB of HTML each,
 * with navigation, breadcrumbs, content sections, a table, FAQ-style headings and ~40 links per page.
 * Page i links to its ten "children" (10i+1 … 10i+10), so every page is at most log10(N) clicks deep.
 */
const WORDS = (
  'leak water detector valve sensor pipe basement flood alarm install guide price shipping return warranty ' +
  'compare smart manual shut off battery wifi hub app notification plumber insurance damage slab heater ' +
  'winter burst freeze meter bill hidden moisture kitchen bathroom laundry garage crawlspace signal range'
).split(' ');

const TOPICS = ['guides', 'compare', 'products', 'support', 'blog'];

/** A small deterministic PRNG so every run serves the same site. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0xffffffff;
  };
}

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]);
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

export function pagePath(i: number): string {
  return i === 0 ? '/' : `/${TOPICS[i % TOPICS.length]}/item-${i}/`;
}

/** The page number a path serves, or null for a 404. */
export function pageIndexOf(pathname: string, total: number): number | null {
  if (pathname === '/') return 0;
  const m = /^\/([a-z]+)\/item-(\d+)\/$/.exec(pathname);
  if (!m) return null;
  const i = Number(m[2]);
  if (i <= 0 || i >= total || TOPICS[i % TOPICS.length] !== m[1]) return null;
  return i;
}

export function pageHtml(i: number, total: number): string {
  const next = rng(i + 1);
  const topic = i === 0 ? 'home' : TOPICS[i % TOPICS.length];
  const title = `${sentence(next, 5).slice(0, -1)} — item ${i}`;
  const nav = TOPICS.map((t, k) => `<li><a href="${pagePath(k + 1)}">${t}</a></li>`).join('');
  const footer = Array.from({ length: 15 }, (_, k) => {
    const j = (k * 97 + 13) % total;
    return `<li><a href="${pagePath(j)}">Footer link ${k}</a></li>`;
  }).join('');
  const children: string[] = [];
  for (let c = 1; c <= 10; c++) {
    const j = i * 10 + c;
    if (j < total) children.push(`<li><a href="${pagePath(j)}">${sentence(next, 3).slice(0, -1)}</a></li>`);
  }
  const related = Array.from({ length: 8 }, () => {
    const j = Math.floor(next() * total);
    return `<a href="${pagePath(j)}">related ${j}</a>`;
  }).join(' · ');
  const sections = Array.from({ length: 5 }, (_, s) => {
    const paragraphs = Array.from({ length: 4 }, () => `<p>${Array.from({ length: 5 }, () => sentence(next, 12)).join(' ')}</p>`).join('');
    const heading = s === 0 ? `What is ${sentence(next, 2).slice(0, -1).toLowerCase()}?` : s === 1 ? `How much does it cost?` : sentence(next, 4).slice(0, -1);
    const extra = s === 1 ? `<table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Basic</td><td>$${(i % 90) + 9}.99</td></tr><tr><td>Pro</td><td>$${(i % 90) + 49}.00</td></tr></tbody></table>` : s === 2 ? `<ol>${Array.from({ length: 5 }, () => `<li>${sentence(next, 6)}</li>`).join('')}</ol>` : '';
    return `<section><h2>${heading}</h2>${paragraphs}${extra}</section>`;
  }).join('\n');
  const parent = i === 0 ? 0 : Math.floor((i - 1) / 10);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${title}</title>
<meta name="description" content="${sentence(next, 18)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="${pagePath(i)}">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Item ${i}","offers":{"@type":"Offer","price":"${(i % 90) + 9}.99","priceCurrency":"USD"}}</script>
</head><body>
<header><nav><ul>${nav}</ul></nav></header>
<nav class="breadcrumbs"><a href="/">Home</a> › <a href="${pagePath(parent)}">Parent</a> › ${topic}</nav>
<main><article><h1>${title}</h1>
${sections}
<h2>More in this section</h2><ul class="children">${children.join('')}</ul>
<p class="related">${related}</p>
</article></main>
<footer><ul>${footer}</ul><p>© Example Brand</p></footer>
</body></html>`;
}
