import { describe, expect, it } from 'vitest';
import type { JsonLdBlock, MicrodataItem } from '../../../shared/schemas/index.ts';
import { StructuredDataReportSchema, type StructuredDataReport } from '../../../shared/structured-data/schema.ts';
import { validateStructuredData } from '../../../shared/structured-data/validate.ts';

const ctx = 'https://schema.org';
const block = (value: unknown): JsonLdBlock => ({ raw: JSON.stringify(value), parsed: value, error: null });

function check(...values: unknown[]): StructuredDataReport {
  const report = validateStructuredData(values.map(block));
  return StructuredDataReportSchema.parse(report);
}

const errors = (report: StructuredDataReport) => report.issues.filter((i) => i.severity === 'error');
const issueOn = (report: StructuredDataReport, property: string) => report.issues.find((i) => i.property === property);

function reviewWithRating(rating: Record<string, unknown>) {
  return {
    '@context': ctx,
    '@type': 'Review',
    itemReviewed: { '@type': 'Book', name: 'Dune' },
    author: { '@type': 'Person', name: 'Ada' },
    datePublished: '2024-03-31',
    reviewRating: { '@type': 'Rating', ...rating },
  };
}

function productWithOffer(offer: Record<string, unknown>) {
  return { '@context': ctx, '@type': 'Product', name: 'Anvil', image: 'https://shop.example/anvil.jpg', offers: { '@type': 'Offer', ...offer } };
}

describe('rating values', () => {
  it('uses the 1–5 default scale when bestRating and worstRating are absent', () => {
    const report = check(reviewWithRating({ ratingValue: 0 }));
    const issue = issueOn(report, 'ratingValue');
    expect(issue).toMatchObject({ severity: 'error', code: 'out-of-range', type: 'Rating' });
    expect(issue?.message).toMatch(/1–5/);
    expect(errors(check(reviewWithRating({ ratingValue: 5 })))).toEqual([]);
  });

  it('honours the declared scale, and the scale implied by percentages and fractions', () => {
    expect(errors(check(reviewWithRating({ ratingValue: 8, bestRating: 10 })))).toEqual([]);
    expect(issueOn(check(reviewWithRating({ ratingValue: '11', bestRating: '10', worstRating: '1' })), 'ratingValue')?.code).toBe('out-of-range');
    expect(errors(check(reviewWithRating({ ratingValue: '80%' })))).toEqual([]);
    expect(errors(check(reviewWithRating({ ratingValue: '4/5' })))).toEqual([]);
    expect(errors(check(reviewWithRating({ ratingValue: '4,5' })))).toEqual([]);
    expect(issueOn(check(reviewWithRating({ ratingValue: 3, bestRating: 1, worstRating: 5 })), 'bestRating')?.code).toBe('out-of-range');
  });

  it('rejects a rating that is not a number', () => {
    expect(issueOn(check(reviewWithRating({ ratingValue: 'excellent' })), 'ratingValue')).toMatchObject({ severity: 'error', code: 'invalid-value' });
  });

  it('needs ratingCount or reviewCount on an aggregate rating, as whole numbers', () => {
    const product = (rating: Record<string, unknown>) => ({ '@context': ctx, '@type': 'Product', name: 'Anvil', aggregateRating: { '@type': 'AggregateRating', ratingValue: 4.2, ...rating } });
    expect(issueOn(check(product({})), 'ratingCount')).toMatchObject({ severity: 'error', code: 'missing-one-of', alternatives: ['ratingCount', 'reviewCount'] });
    // ratingCount is one of two required alternatives: a bad value is as fatal as a missing one.
    expect(issueOn(check(product({ ratingCount: '12.5' })), 'ratingCount')).toMatchObject({ severity: 'error', code: 'invalid-value' });
    expect(errors(check(product({ reviewCount: '12' })))).toEqual([]);
  });
});

describe('offer values', () => {
  it('wants prices as plain numbers: no currency symbol, no thousands separator, "." for decimals', () => {
    for (const price of ['$10', '1,299.00', '10,99', 'free']) {
      const issue = issueOn(check(productWithOffer({ price, priceCurrency: 'USD' })), 'price');
      expect(issue, price).toMatchObject({ severity: 'error', code: 'invalid-value', type: 'Offer', path: 'jsonld[0] > Product > offers' });
    }
    for (const price of [0, 10.5, '10.50', '1299']) expect(errors(check(productWithOffer({ price, priceCurrency: 'USD' }))), String(price)).toEqual([]);
  });

  it('wants availability from schema.org ItemAvailability, in any of its spellings', () => {
    const wrong = issueOn(check(productWithOffer({ price: 10, priceCurrency: 'USD', availability: 'in stock' })), 'availability');
    expect(wrong).toMatchObject({ severity: 'warning', code: 'invalid-value' });
    expect(wrong?.message).toMatch(/ItemAvailability/);
    for (const availability of ['InStock', 'https://schema.org/InStock', 'http://schema.org/PreOrder', 'schema:OutOfStock']) {
      expect(issueOn(check(productWithOffer({ price: 10, priceCurrency: 'USD', availability })), 'availability'), availability).toBeUndefined();
    }
  });

  it('wants ISO 4217 currency codes and ISO 8601 dates', () => {
    expect(issueOn(check(productWithOffer({ price: 10, priceCurrency: 'usd' })), 'priceCurrency')?.severity).toBe('error');
    expect(issueOn(check(productWithOffer({ price: 10, priceCurrency: '€' })), 'priceCurrency')?.severity).toBe('error');
    expect(issueOn(check(productWithOffer({ price: 10, priceCurrency: 'EUR', priceValidUntil: '31/12/2025' })), 'priceValidUntil')?.code).toBe('invalid-value');
    expect(issueOn(check(productWithOffer({ price: 10, priceCurrency: 'EUR', priceValidUntil: '2025-02-30' })), 'priceValidUntil')?.code).toBe('invalid-value');
    expect(issueOn(check(productWithOffer({ price: 10, priceCurrency: 'EUR', priceValidUntil: '2025-12-31T23:59:59Z' })), 'priceValidUntil')).toBeUndefined();
  });

  it('accepts the price inside priceSpecification, and flags an offer with no price anywhere', () => {
    expect(errors(check(productWithOffer({ priceSpecification: [{ '@type': 'UnitPriceSpecification', price: 9, priceCurrency: 'GBP' }] })))).toEqual([]);
    const noPrice = check(productWithOffer({ priceCurrency: 'GBP' }));
    expect(issueOn(noPrice, 'price')).toMatchObject({ severity: 'error', alternatives: ['price', 'priceSpecification.price'] });
    expect(noPrice.richResults.find((r) => r.feature === 'Merchant listing')).toMatchObject({ eligible: false, missing: expect.arrayContaining(['offers.price']) });
  });

  it('checks GTIN check digits', () => {
    const report = check({ ...productWithOffer({ price: 10, priceCurrency: 'EUR' }), gtin13: '4006381333931' });
    expect(issueOn(report, 'gtin13')).toBeUndefined();
    expect(issueOn(check({ ...productWithOffer({ price: 10, priceCurrency: 'EUR' }), gtin13: '4006381333932' }), 'gtin13')?.message).toMatch(/check digit/);
  });
});

describe('breadcrumbs', () => {
  const crumb = (position: unknown, name: string, item?: string) => ({ '@type': 'ListItem', position, name, ...(item ? { item } : {}) });

  it('accepts a trail whose last crumb has no URL', () => {
    const report = check({
      '@context': ctx,
      '@type': 'BreadcrumbList',
      itemListElement: [crumb(1, 'Books', 'https://shop.example/books'), crumb('2', 'Science Fiction', '/books/sf'), crumb(3, 'Dune')],
    });
    expect(errors(report)).toEqual([]);
    expect(report.richResults).toEqual([expect.objectContaining({ feature: 'Breadcrumb', eligible: true, missing: [] })]);
  });

  it('wants whole-number positions and a URL on every crumb but the last', () => {
    const report = check({
      '@context': ctx,
      '@type': 'BreadcrumbList',
      itemListElement: [crumb(1.5, 'Books', 'https://shop.example/books'), crumb(2, 'SF'), crumb(3, 'Dune', 'javascript:alert(1)')],
    });
    expect(report.issues.find((i) => i.property === 'position')).toMatchObject({ severity: 'error', path: 'jsonld[0] > BreadcrumbList > itemListElement[0]' });
    expect(report.issues.find((i) => i.property === 'item' && i.code === 'missing-required')?.path).toBe('jsonld[0] > BreadcrumbList > itemListElement[1]');
    expect(report.issues.find((i) => i.property === 'item' && i.code === 'invalid-value')?.path).toBe('jsonld[0] > BreadcrumbList > itemListElement[2]');
    const breadcrumb = report.richResults.find((r) => r.feature === 'Breadcrumb');
    expect(breadcrumb).toMatchObject({ eligible: false, missing: ['itemListElement.item'] });
    expect(breadcrumb?.invalid).toEqual(expect.arrayContaining(['itemListElement.position', 'itemListElement.item']));
  });
});

describe('dates, URLs and types', () => {
  it('wants ISO 8601 event dates', () => {
    const event = (startDate: string) => ({ '@context': ctx, '@type': 'MusicEvent', name: 'Gig', startDate, location: { '@type': 'Place', name: 'Hall', address: '1 Main St' } });
    expect(issueOn(check(event('21/07/2025')), 'startDate')).toMatchObject({ severity: 'error', code: 'invalid-value', type: 'MusicEvent' });
    expect(errors(check(event('2025-07-21T19:00-05:00')))).toEqual([]);
    expect(errors(check(event('2025-07-21')))).toEqual([]);
  });

  it('rejects URLs that are not web addresses', () => {
    const site = (url: string) => ({ '@context': ctx, '@type': 'WebSite', name: 'Shop', url });
    expect(issueOn(check(site('javascript:alert(1)')), 'url')?.severity).toBe('error');
    expect(issueOn(check(site('not a url')), 'url')?.severity).toBe('error');
    expect(errors(check(site('https://shop.example/')))).toEqual([]);
    expect(errors(check(site('/')))).toEqual([]);
  });

  it('flags a type that is not schema.org, with a hint when only the case is wrong', () => {
    const issue = check({ '@context': ctx, '@type': 'product', name: 'Anvil' }).issues[0];
    expect(issue).toMatchObject({ severity: 'error', code: 'unknown-type', property: '@type' });
    expect(issue.message).toMatch(/did you mean "Product"/);
  });

  it('warns about property names schema.org cannot have', () => {
    const report = check({ '@context': ctx, '@type': 'Organization', name: 'ACME', Url: 'https://acme.example', 'query-input': 'ok for actions' });
    expect(issueOn(report, 'Url')?.message).toMatch(/did you mean "url"/);
    expect(issueOn(report, 'query-input')).toBeUndefined();
  });
});

describe('context-dependent requirements', () => {
  it('needs answerCount on a Q&A question, not on an FAQ question', () => {
    const question = { '@type': 'Question', name: 'Why?', acceptedAnswer: { '@type': 'Answer', text: 'Because.' } };
    const qa = check({ '@context': ctx, '@type': 'QAPage', mainEntity: question });
    expect(issueOn(qa, 'answerCount')).toMatchObject({ severity: 'error', type: 'Question', path: 'jsonld[0] > QAPage > mainEntity' });
    expect(qa.richResults).toEqual([expect.objectContaining({ feature: 'Q&A', eligible: false, missing: ['mainEntity.answerCount'] })]);

    const faq = check({ '@context': ctx, '@type': 'FAQPage', mainEntity: [question] });
    expect(errors(faq)).toEqual([]);
    expect(faq.richResults[0]).toMatchObject({ feature: 'FAQ', eligible: true });
    expect(faq.richResults[0].notice).toMatch(/government and health/);
  });

  it('needs itemReviewed on a standalone review only', () => {
    const review = { '@type': 'Review', author: { '@type': 'Person', name: 'Ada' }, reviewRating: { '@type': 'Rating', ratingValue: 4 } };
    expect(issueOn(check({ '@context': ctx, ...review }), 'itemReviewed')?.severity).toBe('error');
    expect(errors(check({ '@context': ctx, '@type': 'Product', name: 'Anvil', review }))).toEqual([]);
  });

  it('needs a HowTo step, and reports How-to as retired', () => {
    const report = check({ '@context': ctx, '@type': 'HowTo', name: 'Change a tire', step: [{ '@type': 'HowToStep', text: 'Loosen the nuts.' }] });
    expect(errors(report)).toEqual([]);
    expect(report.richResults[0]).toMatchObject({ feature: 'How-to', eligible: true });
    expect(report.richResults[0].notice).toMatch(/stopped showing/);
    expect(issueOn(check({ '@context': ctx, '@type': 'HowTo', name: 'Change a tire' }), 'step')?.severity).toBe('error');
  });

  it('does not hold a course session to event requirements', () => {
    const report = check({
      '@context': ctx,
      '@type': 'Course',
      name: 'Intro to Anvils',
      description: 'Everything about anvils.',
      provider: { '@type': 'Organization', name: 'ACME Academy' },
      hasCourseInstance: { '@type': 'CourseInstance', courseMode: 'Online', courseWorkload: 'PT10H' },
    });
    expect(errors(report)).toEqual([]);
    // The provider is a detail of the course, not the site's organization: no logo result for it.
    expect(report.richResults).toEqual([]);
  });

  it('applies LocalBusiness rules to its subtypes, and not to a business that is only the subject of a review', () => {
    expect(issueOn(check({ '@context': ctx, '@type': 'Dentist', name: 'Smile' }), 'address')).toMatchObject({ severity: 'error', type: 'Dentist' });
    const review = check({
      '@context': ctx,
      '@type': 'Review',
      itemReviewed: { '@type': 'Restaurant', name: 'Legal Seafood' },
      author: { '@type': 'Person', name: 'Ada' },
      reviewRating: { '@type': 'Rating', ratingValue: 4 },
    });
    expect(errors(review)).toEqual([]);
    expect(review.richResults.map((r) => r.feature)).toEqual(['Review snippet']);
  });
});

describe('rich results of a typical page', () => {
  it('lists each main item once per feature, with what is missing', () => {
    const report = check(
      {
        '@context': ctx,
        '@type': 'Product',
        name: 'Anvil',
        image: 'https://shop.example/anvil.jpg',
        gtin13: '4006381333931',
        offers: { '@type': 'Offer', price: '119.99', priceCurrency: 'USD', availability: 'https://schema.org/InStock' },
        aggregateRating: { '@type': 'AggregateRating', ratingValue: 4.4, reviewCount: 89 },
        review: { '@type': 'Review', author: { '@type': 'Person', name: 'Fred' }, reviewRating: { '@type': 'Rating', ratingValue: 4 } },
        brand: { '@type': 'Brand', name: 'ACME' },
      },
      { '@context': ctx, '@type': 'Organization', name: 'ACME', url: 'https://shop.example/' },
      {
        '@context': ctx,
        '@type': 'WebSite',
        name: 'ACME',
        url: 'https://shop.example/',
        potentialAction: { '@type': 'SearchAction', target: 'https://shop.example/search?q={q}', 'query-input': 'required name=q' },
      },
    );
    expect(errors(report)).toEqual([]);
    const byFeature = Object.fromEntries(report.richResults.map((r) => [r.feature, r]));
    expect(Object.keys(byFeature).sort()).toEqual(['Merchant listing', 'Organization logo', 'Product snippet', 'Site name', 'Sitelinks search box']);
    expect(byFeature['Product snippet']).toMatchObject({ eligible: true, type: 'Product', path: 'jsonld[0] > Product' });
    expect(byFeature['Merchant listing']).toMatchObject({ eligible: true, missing: [] });
    expect(byFeature['Organization logo']).toMatchObject({ eligible: false, missing: ['logo'] });
    expect(byFeature['Sitelinks search box'].notice).toMatch(/retired/);
  });

  it('reads a Yoast-style @graph of @id references without false errors', () => {
    const site = 'https://blog.example/';
    const report = check({
      '@context': ctx,
      '@graph': [
        {
          '@type': 'Article',
          '@id': `${site}post/#article`,
          isPartOf: { '@id': `${site}post/` },
          author: { name: 'Jane Doe', '@id': `${site}#/schema/person/1` },
          headline: 'How to choose an anvil',
          datePublished: '2025-01-07T08:00:00+00:00',
          dateModified: '2025-01-08T08:00:00+00:00',
          mainEntityOfPage: { '@id': `${site}post/` },
          publisher: { '@id': `${site}#organization` },
          image: { '@id': `${site}post/#primaryimage` },
        },
        { '@type': 'WebPage', '@id': `${site}post/`, url: `${site}post/`, name: 'How to choose an anvil', isPartOf: { '@id': `${site}#website` }, breadcrumb: { '@id': `${site}post/#breadcrumb` } },
        { '@type': 'ImageObject', '@id': `${site}post/#primaryimage`, url: `${site}anvil.jpg`, contentUrl: `${site}anvil.jpg`, width: 1200, height: 800 },
        {
          '@type': 'BreadcrumbList',
          '@id': `${site}post/#breadcrumb`,
          itemListElement: [
            { '@type': 'ListItem', position: 1, name: 'Home', item: site },
            { '@type': 'ListItem', position: 2, name: 'How to choose an anvil' },
          ],
        },
        {
          '@type': 'WebSite',
          '@id': `${site}#website`,
          url: site,
          name: 'Anvil Blog',
          publisher: { '@id': `${site}#organization` },
          potentialAction: [
            {
              '@type': 'SearchAction',
              target: { '@type': 'EntryPoint', urlTemplate: `${site}?s={search_term_string}` },
              'query-input': { '@type': 'PropertyValueSpecification', valueRequired: true, valueName: 'search_term_string' },
            },
          ],
        },
        {
          '@type': 'Organization',
          '@id': `${site}#organization`,
          name: 'ACME',
          url: site,
          logo: { '@type': 'ImageObject', '@id': `${site}#/schema/logo/image/`, url: `${site}logo.png`, contentUrl: `${site}logo.png` },
          image: { '@id': `${site}#/schema/logo/image/` },
          sameAs: ['https://social.example/acme'],
        },
        { '@type': 'Person', '@id': `${site}#/schema/person/1`, name: 'Jane Doe', url: `${site}author/jane/` },
      ],
    });
    expect(errors(report)).toEqual([]);
    expect(report.issues.filter((i) => i.code !== 'missing-recommended')).toEqual([]);
    expect(report.richResults.map((r) => [r.feature, r.eligible]).sort()).toEqual([
      ['Article', true],
      ['Breadcrumb', true],
      ['Organization logo', true],
      ['Site name', true],
      ['Sitelinks search box', true],
    ]);
  });

  it('says data-vocabulary.org markup is no longer read', () => {
    const microdata: MicrodataItem[] = [{ type: ['http://data-vocabulary.org/Breadcrumb'], properties: { title: ['Books'], url: ['https://shop.example/books'] } }];
    const report = validateStructuredData([], microdata);
    expect(report.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'unsupported-vocabulary', property: '@type' })]);
    expect(report.richResults).toEqual([]);
  });

  it('finds items listed by a page or a list, but not entities that are details of another', () => {
    const report = check({
      '@context': ctx,
      '@type': 'CollectionPage',
      breadcrumb: { '@type': 'BreadcrumbList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Home', item: 'https://shop.example/' }] },
      mainEntity: {
        '@type': 'ItemList',
        itemListElement: [{ '@type': 'ListItem', position: 1, item: { '@type': 'Product', name: 'Anvil', offers: { '@type': 'Offer', price: 10, priceCurrency: 'EUR' } } }],
      },
      publisher: { '@type': 'Organization' },
    });
    expect(report.richResults.map((r) => `${r.feature}@${r.path}`).sort()).toEqual([
      'Breadcrumb@jsonld[0] > CollectionPage > breadcrumb',
      'Merchant listing@jsonld[0] > CollectionPage > mainEntity > itemListElement[0] > item',
      'Product snippet@jsonld[0] > CollectionPage > mainEntity > itemListElement[0] > item',
    ]);
    // The nameless publisher is not judged as the site's Organization.
    expect(errors(report)).toEqual([]);
  });

  it('reads JSON-LD and microdata together', () => {
    const microdata: MicrodataItem[] = [
      { type: ['https://schema.org/BreadcrumbList'], properties: { itemListElement: [{ type: ['https://schema.org/ListItem'], properties: { position: ['1'], name: ['Home'] } }] } },
    ];
    const report = validateStructuredData([block({ '@context': ctx, '@type': 'Organization', name: 'ACME' })], microdata);
    expect(report.entities.map((e) => `${e.source}:${e.type}`)).toEqual(['jsonld:Organization', 'microdata:BreadcrumbList', 'microdata:ListItem']);
    expect(report.richResults.find((r) => r.feature === 'Breadcrumb')).toMatchObject({ eligible: true, path: 'microdata[0] > BreadcrumbList' });
  });
});

describe('hostile and malformed input', () => {
  it('quotes page values short and on one line', () => {
    const value = `$99\n<script>alert(1)</script>${'x'.repeat(200)}`;
    const issue = issueOn(check(productWithOffer({ price: value, priceCurrency: 'USD' })), 'price');
    expect(issue?.message).not.toMatch(/\n/);
    expect(issue?.message.length).toBeLessThan(260);
    expect(issue?.message).toContain('…');
  });

  it('never throws, whatever the artifacts contain', () => {
    const weird = [
      { raw: '42', parsed: 42, error: null },
      { raw: '"text"', parsed: 'text', error: null },
      { raw: 'null', parsed: null, error: null },
      { raw: '[[[]]]', parsed: [[[]]], error: null },
      { raw: '{}', parsed: { '@context': ctx, '@type': 123, name: { nested: [null, { '@value': {} }] } }, error: null },
    ] as JsonLdBlock[];
    const microdata = [{ type: null, properties: null }, { type: ['https://schema.org/Thing'], properties: { name: [null, 5] } }] as unknown as MicrodataItem[];
    const report = validateStructuredData(weird, microdata);
    expect(() => StructuredDataReportSchema.parse(report)).not.toThrow();
    expect(report.issues.some((i) => i.code === 'check-failed')).toBe(false);
  });
});
