import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { extractMicrodata } from '../../../shared/structured-data/extract-microdata.ts';
import { extractRdfa } from '../../../shared/structured-data/extract-rdfa.ts';
import { parseJsonLdScript } from '../../../shared/structured-data/parse-jsonld.ts';
import {
  StructuredDataReportSchema,
  type StructuredDataIssue,
  type StructuredDataReport,
} from '../../../shared/structured-data/schema.ts';
import { validateStructuredData } from '../../../shared/structured-data/validate.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixturesRoot = path.resolve(repoRoot, '../shared/fixtures/structured-data');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    })
    .filter((f) => /\.(json|html?)$/i.test(f))
    .sort();
}

function validateFixture(file: string): StructuredDataReport {
  const text = readFileSync(file, 'utf8');
  if (!/\.html?$/i.test(file)) return validateStructuredData([parseJsonLdScript(text)], []);
  const $ = load(text);
  const pageUrl = 'https://www.example.com/fixture.html';
  const blocks = $('script[type="application/ld+json"]')
    .toArray()
    .map((el) => parseJsonLdScript($(el).text()));
  return validateStructuredData(blocks, extractMicrodata($, pageUrl), { rdfa: extractRdfa($, pageUrl) });
}

interface Expectation {
  severity: 'error' | 'warning';
  property: string;
  /** Accepted issue codes; any when absent. */
  code?: StructuredDataIssue['code'] | Array<StructuredDataIssue['code']>;
  /** Type the issue must be reported on, when it is not the file's own type. */
  type?: string;
  /** Words the message must contain. */
  message?: RegExp;
}

type Expected = { clean: true; why?: string } | { clean: false; issues: Expectation[]; why?: string };

const camel = (snake: string) => snake.replace(/[_-]([a-z])/g, (_, c: string) => c.toUpperCase());

/** The property each fixture folder's type cannot do without (what "missing-required" removes). */
const REQUIRED_BY_TYPE: Record<string, string[]> = {
  HowToDirection: ['text'],
  HowToTip: ['text'],
  HowToSection: ['name', 'itemListElement'],
  HowToStep: ['text'],
};

/** Short names in file names → the schema.org property they stand for. */
const PROPERTY_ALIASES: Record<string, string> = {
  counts: 'ratingCount',
  currency: 'priceCurrency',
  count: 'offerCount',
  gtin: 'gtin',
};

/**
 * Files whose name does not say the property, or where the origin suites (adobe and gsriram24
 * structured-data-validator) and Google's documentation make the named defect a warning, or no
 * defect at all. Everything else is derived from the file name.
 */
const BY_FILE: Record<string, Expected> = {
  'Organization/invalid.json': { clean: false, issues: [{ severity: 'error', property: 'name', code: 'missing-required' }] },
  'Organization/multi-type.json': { clean: true, why: 'a Person-and-Organization with a name is valid' },
  'PriceSpecification/invalid1.json': { clean: false, issues: [{ severity: 'error', property: 'price', code: 'missing-required' }] },
  'PriceSpecification/invalid2.json': {
    clean: false,
    issues: [{ severity: 'error', property: 'priceCurrency', code: 'invalid-value', message: /ISO 4217/ }],
    why: 'a currency that is not ISO 4217 makes the price meaningless',
  },
  'Rating/percentage.json': { clean: true, why: 'percentages are a rating format Google reads' },
  'Product/invalid_type.json': { clean: false, issues: [{ severity: 'error', property: '@type', code: 'unknown-type', type: 'BananaPhone' }] },
  'Product/invalid_attribute.json': {
    clean: false,
    issues: [{ severity: 'warning', property: 'my-custom-attribute', code: 'unknown-property' }],
    why: 'an unknown property is ignored by Google, not fatal (origin: WARNING)',
  },
  'Product/non_product_with_offer.json': { clean: true, why: 'offers outside a Product have no product requirements (origin: 0 issues)' },
  'Product/offer_with_no_parent.json': { clean: true, why: 'a standalone Offer has no product requirements (origin: 0 issues)' },
  'Product/no_rating_review_offers.json': {
    clean: false,
    issues: [{ severity: 'error', property: 'offers', code: 'missing-one-of', message: /review.*aggregateRating/ }],
  },
  'Product/rating_no_count.json': {
    clean: false,
    issues: [{ severity: 'error', property: 'ratingCount', code: 'missing-one-of', type: 'AggregateRating', message: /reviewCount/ }],
  },
  'Product/only_offers.json': {
    clean: false,
    issues: [
      { severity: 'warning', property: 'aggregateRating', code: 'missing-recommended' },
      { severity: 'warning', property: 'review', code: 'missing-recommended' },
    ],
    why: 'offers alone satisfy the product snippet; ratings and reviews are recommended',
  },
  'Product/review_single_note.json': {
    clean: false,
    issues: [{ severity: 'warning', property: 'positiveNotes', message: /at least two/ }],
    why: 'a single pro/con is ignored, the snippet still shows (origin: WARNING)',
  },
  'Product/offer_invalid_date.json': {
    clean: false,
    issues: [{ severity: 'warning', property: 'priceValidUntil', code: 'invalid-value', type: 'Offer', message: /ISO 8601/ }],
    why: 'priceValidUntil is optional: Google drops a bad one (origin: WARNING)',
  },
  'ProductMerchant/missing-gtin.json': {
    clean: false,
    issues: [{ severity: 'warning', property: 'gtin' }],
    why: 'identifiers are recommended for merchant listings (origin: WARNING)',
  },
  'HowToStep/missing-recommended.json': {
    clean: false,
    issues: [
      { severity: 'warning', property: 'name', code: 'missing-recommended' },
      { severity: 'warning', property: 'image', code: 'missing-recommended' },
      { severity: 'warning', property: 'url', code: 'missing-recommended' },
    ],
  },
  'HowToStep/text-and-itemlist.json': {
    clean: false,
    issues: [{ severity: 'warning', property: 'itemListElement', code: 'conflict', message: /both "text" and "itemListElement"/ }],
    why: 'Google accepts either; both is redundant, not invalid (origin: 0 errors)',
  },
  'HowToStep/invalid-direction-missing-text.json': {
    clean: false,
    issues: [{ severity: 'error', property: 'text', code: 'missing-required', type: 'HowToDirection' }],
  },
  'Review/invalid_missing_best_rating.json': {
    clean: false,
    issues: [{ severity: 'warning', property: 'bestRating', type: 'Rating' }],
    why: 'Google assumes 5 when bestRating is absent (origin: WARNING)',
  },
  'Review/invalid_missing_date_published.json': {
    clean: false,
    issues: [{ severity: 'warning', property: 'datePublished', code: 'missing-recommended' }],
    why: 'datePublished is recommended for review snippets (origin: WARNING)',
  },
};

/** Missing properties Google lists as recommended, not required: the defect is a warning. */
const RECOMMENDED_DEFECTS = new Set(['availability', 'priceCurrency@Offer', 'highPrice', 'offerCount']);

function expectationFor(relative: string): Expected {
  const [typeFolder, fileName] = relative.split('/').slice(-2);
  const key = `${typeFolder}/${fileName}`;
  if (BY_FILE[key]) return BY_FILE[key];
  const base = fileName.replace(/\.[^.]+$/, '');
  if (/^valid|[-_]valid\d*$/.test(base)) return { clean: true };

  const issue = (property: string, extra: Partial<Expectation> = {}): Expectation => ({
    severity: 'error',
    property,
    code: ['missing-required', 'missing-one-of'],
    ...extra,
  });
  if (base === 'missing-required') return { clean: false, issues: (REQUIRED_BY_TYPE[typeFolder] ?? []).map((p) => issue(p, { code: undefined })) };
  if (/_out_of_range$/.test(base)) return { clean: false, issues: [issue('ratingValue', { code: 'out-of-range', message: /outside the rating scale/ })] };

  const missing = /^(?:invalid_)?missing[_-](.+)$/.exec(base);
  if (missing) {
    const property = PROPERTY_ALIASES[missing[1]] ?? camel(missing[1]);
    return { clean: false, issues: [issue(property)] };
  }
  const offerField = /^(aggregate_)?offer_no_(.+)$/.exec(base);
  if (offerField) {
    const property = PROPERTY_ALIASES[offerField[2]] ?? camel(offerField[2]);
    const offerType = offerField[1] ? 'AggregateOffer' : 'Offer';
    const recommended = RECOMMENDED_DEFECTS.has(property) || RECOMMENDED_DEFECTS.has(`${property}@${offerType}`);
    return {
      clean: false,
      issues: [{ severity: recommended ? 'warning' : 'error', property, type: offerType }],
      why: recommended ? 'Google lists it as recommended for product snippets' : undefined,
    };
  }
  throw new Error(`No expectation can be derived from the fixture name ${relative}: add it to BY_FILE.`);
}

function matches(issue: StructuredDataIssue, expected: Expectation): boolean {
  const codes = expected.code === undefined ? null : [expected.code].flat();
  return (
    issue.severity === expected.severity &&
    issue.property === expected.property &&
    (codes === null || codes.includes(issue.code)) &&
    (expected.type === undefined || issue.type === expected.type) &&
    (expected.message === undefined || expected.message.test(issue.message))
  );
}

const files = filesUnder(fixturesRoot);
const cases = files.map((file) => ({ relative: path.relative(fixturesRoot, file), file }));

describe('structured-data fixtures (adobe gallery and more)', () => {
  it('finds the fixture collections', () => {
    expect(cases.some((c) => c.relative.startsWith('adobe-gallery/'))).toBe(true);
    expect(cases.some((c) => c.relative.startsWith('more/'))).toBe(true);
    // Every file has an expectation: a new fixture with an unreadable name fails here, not silently.
    for (const c of cases) expect(() => expectationFor(c.relative), c.relative).not.toThrow();
  });

  it.each(cases)('$relative', ({ relative, file }) => {
    const report = validateFixture(file);
    StructuredDataReportSchema.parse(report);
    const expected = expectationFor(relative);
    const errors = report.issues.filter((i) => i.severity === 'error');
    // A file that yields nothing would pass "no error" vacuously.
    expect(report.entities.length, 'entities found').toBeGreaterThan(0);

    if (expected.clean) {
      expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
      return;
    }
    for (const wanted of expected.issues) {
      const found = report.issues.find((i) => matches(i, wanted));
      expect(found, `expected ${wanted.severity} on "${wanted.property}" in ${relative}; got ${JSON.stringify(report.issues, null, 2)}`).toBeDefined();
    }
    // Where the named defect is only a warning, nothing else in the file may be an error.
    if (expected.issues.every((i) => i.severity === 'warning')) expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  });
});
