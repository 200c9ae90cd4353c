import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { extractRdfa } from '../../../shared/structured-data/extract-rdfa.ts';
import { validateStructuredData } from '../../../shared/structured-data/validate.ts';

const PAGE = 'https://blog.example/posts/anvil-review';

describe('extractRdfa', () => {
  it('reads vocab-based RDFa Lite, with nested typed values and resolved links', () => {
    const $ = load(`
      <head><meta property="og:title" content="Anvil review"></head>
      <body vocab="https://schema.org/">
        <article typeof="BlogPosting">
          <h1 property="headline">The Executive Anvil, reviewed</h1>
          <a property="url" href="/posts/anvil-review">permalink</a>
          <time property="datePublished" datetime="2025-01-07">7 January</time>
          <span property="author" typeof="Person"><span property="name">Jane Doe</span></span>
          <a href="/tags/anvils" rel="tag nofollow">anvils</a>
        </article>
      </body>`);
    const items = extractRdfa($, PAGE);
    expect(items).toHaveLength(1);
    const [post] = items;
    expect(post.type).toEqual(['https://schema.org/BlogPosting']);
    expect(post.properties['https://schema.org/headline']).toEqual(['The Executive Anvil, reviewed']);
    expect(post.properties['https://schema.org/url']).toEqual(['https://blog.example/posts/anvil-review']);
    expect(post.properties['https://schema.org/datePublished']).toEqual(['2025-01-07']);
    // HTML link types on <a rel> are not vocabulary terms; statements about the page (og:) are skipped.
    expect(Object.keys(post.properties).some((k) => /tag|nofollow|og:/.test(k))).toBe(false);
    const author = post.properties['https://schema.org/author']?.[0];
    expect(typeof author === 'object' && author.properties['https://schema.org/name']).toEqual(['Jane Doe']);

    const report = validateStructuredData([], [], { rdfa: items });
    expect(report.entities.map((e) => `${e.source}:${e.type}`)).toEqual(['rdfa:BlogPosting', 'rdfa:Person']);
    expect(report.richResults).toEqual([expect.objectContaining({ feature: 'Article', eligible: true, path: 'rdfa[0] > BlogPosting' })]);
  });

  it('chains `rel` to the typed elements below it, with the schema: prefix known without declaration', () => {
    const $ = load(`
      <div typeof="schema:Product">
        <div property="schema:name" content="Executive Anvil"></div>
        <div rel="schema:review">
          <div typeof="schema:Review">
            <div rel="schema:reviewRating"><div typeof="schema:Rating"><div property="schema:ratingValue" content="9"></div></div></div>
            <div rel="schema:author"><div typeof="schema:Person"><div property="schema:name" content="Fred"></div></div></div>
          </div>
        </div>
      </div>`);
    const report = validateStructuredData([], [], { rdfa: extractRdfa($, PAGE) });
    expect(report.entities.map((e) => e.path)).toEqual([
      'rdfa[0] > Product',
      'rdfa[0] > Product > review',
      'rdfa[0] > Product > review > reviewRating',
      'rdfa[0] > Product > review > author',
    ]);
    // The nested rating is read, so its 9 on the default 1–5 scale is caught.
    expect(report.issues.find((i) => i.property === 'ratingValue')).toMatchObject({ severity: 'error', code: 'out-of-range', type: 'Rating' });
  });

  it('returns nothing for a page without typeof', () => {
    expect(extractRdfa(load('<p property="og:title" content="x"></p>'), PAGE)).toEqual([]);
  });
});
