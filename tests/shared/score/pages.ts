/** Test helper: small inline pages turned into artifacts and page results, as a crawl would. */
import { extractArtifacts } from '../../../shared/extract/index.ts';
import { pageResultFrom } from '../../../shared/pipeline.ts';
import { ConfigSchema, type Config, type ConfigInput, type PageArtifacts, type PageResult, type ProspectQuestion } from '../../../shared/schemas/index.ts';

export interface TestPage {
  artifacts: PageArtifacts;
  page: PageResult;
}

export interface PageOptions {
  url?: string;
  lang?: string;
  title?: string;
  description?: string;
  head?: string;
  /** The canonical URL; the page's own URL unless given, none when null. */
  canonical?: string | null;
  headers?: Record<string, string>;
  status?: number;
  inSitemap?: boolean | null;
  depth?: number | null;
}

/** A page whose <main> holds `body`; title, description and canonical are good unless overridden. */
export function page(body: string, o: PageOptions = {}): TestPage {
  const url = o.url ?? 'https://example.com/page/';
  const title = o.title ?? 'A page';
  const html = `<!doctype html><html lang="${o.lang ?? 'en'}"><head><meta charset="utf-8"><title>${title}</title>
<meta name="description" content="${o.description ?? `${title}: what this page explains, in one sentence of about a hundred and twenty characters.`}">
<meta name="viewport" content="width=device-width, initial-scale=1">${o.canonical === null ? '' : `<link rel="canonical" href="${o.canonical ?? url}">`}${o.head ?? ''}</head>
<body><main>${body}</main></body></html>`;
  const artifacts = extractArtifacts({
    url,
    status: o.status ?? 200,
    headers: { 'content-type': 'text/html; charset=utf-8', ...(o.headers ?? {}) },
    html,
    depth: o.depth === undefined ? 1 : o.depth,
    inSitemap: o.inSitemap === undefined ? true : o.inSitemap,
  });
  return { artifacts, page: pageResultFrom(artifacts) };
}

/** Filler prose of `words` words that mentions none of the test questions' words. */
export function filler(words: number): string {
  const vocabulary = ['our', 'team', 'spent', 'summer', 'painting', 'fences', 'near', 'river', 'town', 'friends', 'visited', 'museums', 'and', 'cafes', 'together', 'often'];
  return Array.from({ length: words }, (_, i) => vocabulary[i % vocabulary.length]).join(' ');
}

export function testConfig(input: Partial<ConfigInput> = {}): Config {
  return ConfigSchema.parse({ brand: { name: 'Acme' }, templates: false, ...input });
}

/**
 * A product page whose answer to "does this game work on the ipad" shares no word with the question (the spec row),
 * beside a review that repeats the question's words without answering: the case the sentence model is for
 * (tests/shared/score/semantic.test.ts with a stub, tests/crawler/semantic-model.test.ts with the real model).
 */
export function ipadCase(): { question: ProspectQuestion; config: Config; pages: TestPage[] } {
  return {
    question: { id: 'ipad', text: 'does this game work on the ipad', stage: 'purchase', weight: 1, source: 'config', lang: 'en' },
    config: testConfig({ brand: { name: 'Acme', domains: ['acme.example'] } }),
    pages: [
      page(
        '<h1>Star Puzzle</h1><h2>Customer reviews</h2><p>My son wanted this game so badly, we bought the ipad case too and the game box arrived on time.</p>' +
          '<h2>Product details</h2><p>Platform: Apple iOS tablets and phones; also plays on Android.</p>',
        { url: 'https://acme.example/star-puzzle/', title: 'Star Puzzle' },
      ),
    ],
  };
}
