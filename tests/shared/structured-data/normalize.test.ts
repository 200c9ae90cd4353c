import { describe, expect, it } from 'vitest';
import type { JsonLdBlock } from '../../../shared/schemas/index.ts';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, normalizeStructuredData, schemaOrgName } from '../../../shared/structured-data/normalize.ts';
import { parseJsonLdScript } from '../../../shared/structured-data/parse-jsonld.ts';
import { StructuredDataReportSchema } from '../../../shared/structured-data/schema.ts';
import { validateStructuredData } from '../../../shared/structured-data/validate.ts';

const block = (value: unknown): JsonLdBlock => ({ raw: JSON.stringify(value), parsed: value, error: null });

describe('parseJsonLdScript', () => {
  it('reads JSON wrapped in HTML comments or CDATA sections, as old CMSs emit it', () => {
    const json = '{"@context":"https://schema.org","@type":"Organization","name":"ACME"}';
    for (const raw of [
      `<!-- ${json} -->`,
      `\n  <![CDATA[${json}]]>  \n`,
      `//<![CDATA[\n${json}\n//]]>`,
      `/*<![CDATA[*/ ${json} /*]]>*/`,
      `\uFEFF${json}`,
    ]) {
      const parsed = parseJsonLdScript(raw);
      expect(parsed.error, raw).toBeNull();
      expect(parsed.parsed).toMatchObject({ '@type': 'Organization', name: 'ACME' });
      expect(parsed.raw).toBe(raw);
    }
  });

  it('turns a syntax error into data, never a throw', () => {
    const parsed = parseJsonLdScript('{"@type": "Product", "name": "Anvil",}');
    expect(parsed.parsed).toBeNull();
    expect(parsed.error).toMatch(/JSON|Unexpected|token|position/i);
    expect(parseJsonLdScript('   ').error).toBe('empty script');
  });
});

describe('normalizeStructuredData (JSON-LD)', () => {
  it('strips schema.org prefixes from types and properties, whatever their form', () => {
    expect(schemaOrgName('https://schema.org/Product').name).toBe('Product');
    expect(schemaOrgName('http://schema.org/Product').name).toBe('Product');
    expect(schemaOrgName('http://www.schema.org/Product/').name).toBe('Product');
    expect(schemaOrgName('schema:Product').name).toBe('Product');
    expect(schemaOrgName('http://purl.org/goodrelations/v1#Offering')).toEqual({ name: 'http://purl.org/goodrelations/v1#Offering', schemaOrg: false });

    const { entities } = normalizeStructuredData([
      block({
        '@context': 'http://schema.org',
        '@type': ['http://schema.org/Product', 'schema:Thing'],
        'http://schema.org/name': 'Anvil',
        offers: { '@type': 'https://schema.org/Offer', price: { '@value': '10.00' } },
      }),
    ]);
    expect(entities.map((e) => e.type)).toEqual(['Product', 'Offer']);
    expect(entities[0].types).toEqual(['Product', 'Thing']);
    expect(entities[0].properties.name).toEqual(['Anvil']);
    expect(entities[1].properties.price).toEqual(['10.00']);
  });

  it('reads every node of a @graph and of an array block, with paths that locate them', () => {
    const { entities } = normalizeStructuredData([
      block({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', name: 'Shop', url: 'https://shop.example/' },
          { '@type': 'Product', name: 'Anvil', offers: [{ '@type': 'Offer', price: 1 }, { '@type': 'Offer', price: 2 }] },
        ],
      }),
      block([
        { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: [] },
        { '@context': 'https://schema.org', '@type': 'Organization', name: 'ACME', logo: { '@type': 'ImageObject', url: 'https://shop.example/logo.png' } },
      ]),
    ]);
    expect(entities.map((e) => e.path)).toEqual([
      'jsonld[0] > @graph[0] > WebSite',
      'jsonld[0] > @graph[1] > Product',
      'jsonld[0] > @graph[1] > Product > offers[0]',
      'jsonld[0] > @graph[1] > Product > offers[1]',
      'jsonld[1][0] > BreadcrumbList',
      'jsonld[1][1] > Organization',
      'jsonld[1][1] > Organization > logo',
    ]);
    expect(entities[2].parent).toEqual({ path: 'jsonld[0] > @graph[1] > Product', type: 'Product', property: 'offers' });
    expect(entities[0].parent).toBeNull();
  });

  it('treats a @graph node referenced by @id as the value of the node that points at it', () => {
    const report = validateStructuredData([
      block({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'Product', '@id': '#anvil', name: 'Anvil', review: { '@id': '#review-1' } },
          // No itemReviewed: it is the Product's review through the @id reference.
          { '@type': 'Review', '@id': '#review-1', author: { '@type': 'Person', name: 'Fred' }, reviewRating: { '@type': 'Rating', ratingValue: 4 } },
        ],
      }),
    ]);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.richResults.map((r) => r.feature)).toEqual(['Product snippet']);
  });

  it('does not loop on nodes that reference each other', () => {
    const report = validateStructuredData([
      block({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'Organization', '@id': '#org', name: 'ACME', subOrganization: { '@id': '#sub' } },
          { '@type': 'Organization', '@id': '#sub', name: 'ACME Labs', parentOrganization: { '@id': '#org' } },
        ],
      }),
    ]);
    expect(report.entities).toHaveLength(2);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reports a block that does not parse as an error issue and still checks the other blocks', () => {
    const broken: JsonLdBlock = { raw: '{"@type": "Product", "name": "Anvil"', parsed: null, error: "Expected ',' or '}' after property value in JSON at position 36" };
    const report = validateStructuredData([broken, block({ '@context': 'https://schema.org', '@type': 'Brand' })]);
    StructuredDataReportSchema.parse(report);
    const syntax = report.issues.find((i) => i.code === 'syntax-error');
    expect(syntax).toMatchObject({ severity: 'error', path: 'jsonld[0]', type: null, property: null });
    expect(syntax?.message).toMatch(/^JSON-LD syntax error: Expected ','/);
    expect(report.issues.find((i) => i.type === 'Brand' && i.property === 'name')?.severity).toBe('error');
  });

  it('re-reads a block the extractor could not parse because of comment or CDATA wrappers', () => {
    const raw = '<!--\n{"@context":"https://schema.org","@type":"Brand","name":"ACME"}\n-->';
    const report = validateStructuredData([{ raw, parsed: null, error: 'Unexpected token <' }]);
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report.entities.map((e) => e.type)).toEqual(['Brand']);
  });

  it('warns about a block without @context and a node without @type', () => {
    const report = validateStructuredData([block({ '@type': 'Brand', name: 'ACME' }), block({ '@context': 'https://schema.org', name: 'orphan' })]);
    expect(report.issues.find((i) => i.code === 'missing-context')?.path).toBe('jsonld[0]');
    expect(report.issues.find((i) => i.code === 'untyped-node')?.path).toBe('jsonld[1]');
    expect(report.issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('lists types it has no rules for, and types of other vocabularies, without raising anything', () => {
    const report = validateStructuredData([
      block({ '@context': 'https://schema.org', '@type': 'Person', name: 'Ada', jobTitle: 'Engineer' }),
      block({ '@context': { '@vocab': 'http://purl.org/goodrelations/v1#' }, '@type': 'Offering', name: 'x' }),
    ]);
    expect(report.entities.map((e) => e.type)).toEqual(['Person', 'Offering']);
    expect(report.issues).toEqual([]);
  });

  it('keeps a 5 MB blob bounded: walks at most the node cap and says it stopped', () => {
    const products = Array.from({ length: 20_000 }, (_, i) => ({
      '@type': 'Product',
      name: `Product ${i} ${'x'.repeat(150)}`,
      offers: { '@type': 'Offer', price: `${i}.99`, priceCurrency: 'EUR', availability: 'https://schema.org/InStock' },
    }));
    const raw = JSON.stringify({ '@context': 'https://schema.org', '@graph': products });
    expect(raw.length).toBeGreaterThan(5_000_000);
    // parsed: null makes the validator parse the raw text itself, as when the extractor gave up.
    const report = validateStructuredData([{ raw, parsed: null, error: 'not parsed yet' }]);
    expect(report.entities.length).toBeLessThanOrEqual(DEFAULT_MAX_NODES);
    expect(report.entities.length).toBeGreaterThan(DEFAULT_MAX_NODES / 2);
    const capped = report.issues.filter((i) => i.code === 'capped');
    expect(capped).toHaveLength(1);
    expect(capped[0].message).toContain(String(DEFAULT_MAX_NODES));
    expect(report.issues.length).toBeLessThan(DEFAULT_MAX_NODES * 4);
  });

  it('stops at the depth cap on absurdly deep nesting instead of overflowing the stack', () => {
    const levels = 50_000;
    const raw = `{"@context":"https://schema.org",${'"@type":"CreativeWork","name":"level","hasPart":{'.repeat(levels)}"@type":"CreativeWork"${'}'.repeat(levels)}}`;
    const report = validateStructuredData([{ raw, parsed: null, error: 'not parsed yet' }]);
    expect(report.entities.length).toBeLessThanOrEqual(DEFAULT_MAX_DEPTH + 1);
    expect(report.issues.some((i) => i.code === 'capped' && /levels deep/.test(i.message))).toBe(true);
    expect(report.issues.some((i) => i.code === 'check-failed' || i.code === 'syntax-error')).toBe(false);
  });
});
