import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { MicrodataItemSchema, type MicrodataItem } from '../../../shared/schemas/index.ts';
import { extractMicrodata, MAX_MICRODATA_DEPTH } from '../../../shared/structured-data/extract-microdata.ts';
import { validateStructuredData } from '../../../shared/structured-data/validate.ts';

const PAGE = 'https://shop.example/catalog/anvil.html';

function extract(body: string, head = ''): MicrodataItem[] {
  const items = extractMicrodata(load(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`), PAGE);
  for (const item of items) MicrodataItemSchema.parse(item);
  return items;
}

function nested(item: MicrodataItem, property: string): MicrodataItem {
  const value = item.properties[property]?.[0];
  if (!value || typeof value === 'string') throw new Error(`${property} is not a nested item`);
  return value;
}

describe('extractMicrodata', () => {
  it('returns top-level items with nested items as property values, not as items of their own', () => {
    const items = extract(`
      <div itemscope itemtype="https://schema.org/Product">
        <h1 itemprop="name">Executive   Anvil</h1>
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
          <span itemprop="price" content="119.99">$119.99</span>
          <meta itemprop="priceCurrency" content="USD">
          <link itemprop="availability" href="https://schema.org/InStock">
        </div>
        <div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating">
          Rated <span itemprop="ratingValue">4.4</span>/5 from <span itemprop="reviewCount">89</span> reviews
        </div>
      </div>`);
    expect(items).toHaveLength(1);
    const [product] = items;
    expect(product.type).toEqual(['https://schema.org/Product']);
    expect(product.properties.name).toEqual(['Executive Anvil']);
    const offer = nested(product, 'offers');
    expect(offer.type).toEqual(['https://schema.org/Offer']);
    // `content` wins over the visible text, as Google reads it.
    expect(offer.properties.price).toEqual(['119.99']);
    expect(offer.properties.priceCurrency).toEqual(['USD']);
    expect(offer.properties.availability).toEqual(['https://schema.org/InStock']);
    expect(nested(product, 'aggregateRating').properties).toEqual({ ratingValue: ['4.4'], reviewCount: ['89'] });
  });

  it('follows itemref to properties outside the item, including nested items', () => {
    const items = extract(`
      <div itemscope itemtype="https://schema.org/LocalBusiness" itemref="contact hours">
        <span itemprop="name">Dave's Steak House</span>
      </div>
      <footer>
        <div id="contact" itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">
          <span itemprop="streetAddress">123 Main St</span>
          <span itemprop="addressLocality">New York</span>
        </div>
        <p id="hours"><meta itemprop="telephone" content="+1-212-555-1234"></p>
      </footer>`);
    // The referenced address has itemprop, so it is not a top-level item itself.
    expect(items).toHaveLength(1);
    const business = items[0];
    expect(business.properties.name).toEqual(["Dave's Steak House"]);
    expect(business.properties.telephone).toEqual(['+1-212-555-1234']);
    expect(nested(business, 'address').properties).toEqual({ streetAddress: ['123 Main St'], addressLocality: ['New York'] });
  });

  it('resolves relative URLs against the page, and against <base href> when there is one', () => {
    const body = `
      <div itemscope itemtype="https://schema.org/Product" itemid="#anvil">
        <a itemprop="url" href="../products/anvil">Anvil</a>
        <img itemprop="image" src="img/anvil.jpg" alt="">
        <span itemprop="name">Anvil</span>
      </div>`;
    const [fromPage] = extract(body);
    expect(fromPage.properties.url).toEqual(['https://shop.example/products/anvil']);
    expect(fromPage.properties.image).toEqual(['https://shop.example/catalog/img/anvil.jpg']);
    expect(fromPage.id).toBe('https://shop.example/catalog/anvil.html#anvil');

    const [fromBase] = extract(body, '<base href="https://cdn.example/assets/">');
    expect(fromBase.properties.image).toEqual(['https://cdn.example/assets/img/anvil.jpg']);
    expect(fromBase.properties.url).toEqual(['https://cdn.example/products/anvil']);
  });

  it('reads each element kind as the microdata spec says: datetime, value, data, meta, several names', () => {
    const [event] = extract(`
      <div itemscope itemtype="https://schema.org/Event">
        <time itemprop="startDate" datetime="2025-07-21T19:00-05:00">July 21, 7pm</time>
        <time itemprop="endDate">2025-07-21</time>
        <data itemprop="maximumAttendeeCapacity" value="500">five hundred</data>
        <object itemprop="subjectOf" data="/brochure.pdf"></object>
        <span itemprop="name alternateName">Kira &amp; Morrison</span>
        <meta itemprop="eventStatus" content="https://schema.org/EventScheduled">
      </div>`);
    expect(event.properties.startDate).toEqual(['2025-07-21T19:00-05:00']);
    expect(event.properties.endDate).toEqual(['2025-07-21']);
    expect(event.properties.maximumAttendeeCapacity).toEqual(['500']);
    expect(event.properties.subjectOf).toEqual(['https://shop.example/brochure.pdf']);
    expect(event.properties.name).toEqual(['Kira & Morrison']);
    expect(event.properties.alternateName).toEqual(['Kira & Morrison']);
    expect(event.properties.eventStatus).toEqual(['https://schema.org/EventScheduled']);
  });

  it('keeps values in document order and repeats a property for each element', () => {
    const [recipe] = extract(`
      <div itemscope itemtype="https://schema.org/Recipe" itemref="late">
        <span itemprop="recipeIngredient">flour</span>
        <span itemprop="recipeIngredient">water</span>
      </div>
      <span id="late" itemprop="recipeIngredient">salt</span>`);
    expect(recipe.properties.recipeIngredient).toEqual(['flour', 'water', 'salt']);
  });

  it('survives items that reference each other through itemref without hanging', () => {
    const items = extract(`
      <div itemscope itemtype="https://schema.org/WebPage">
        <div id="a" itemprop="about" itemscope itemtype="https://schema.org/Person" itemref="b"><span itemprop="name">Ada</span></div>
        <div id="b" itemprop="mentions" itemscope itemtype="https://schema.org/Person" itemref="a"><span itemprop="name">Bob</span></div>
      </div>`);
    expect(items).toHaveLength(1);
    const ada = nested(items[0], 'about');
    expect(ada.properties.name).toEqual(['Ada']);
    // Ada → Bob is kept; Bob → Ada (back into the chain) is cut.
    const bob = nested(ada, 'mentions');
    expect(bob.properties.name).toEqual(['Bob']);
    expect(bob.properties.about).toBeUndefined();
  });

  it('stops following nesting beyond its depth limit instead of overflowing', () => {
    const depth = MAX_MICRODATA_DEPTH + 20;
    const open = '<div itemprop="hasPart" itemscope itemtype="https://schema.org/CreativeWork">'.repeat(depth);
    const items = extract(`<div itemscope itemtype="https://schema.org/CreativeWork">${open}${'</div>'.repeat(depth)}</div>`);
    let level = 0;
    let current: MicrodataItem | undefined = items[0];
    while (current) {
      level++;
      const next: string | MicrodataItem | undefined = current.properties.hasPart?.[0];
      current = typeof next === 'object' ? next : undefined;
    }
    expect(level).toBeLessThanOrEqual(MAX_MICRODATA_DEPTH + 1);
    expect(level).toBeGreaterThan(MAX_MICRODATA_DEPTH / 2);
  });

  it('returns nothing for a page without microdata', () => {
    expect(extract('<p itemprop="name">orphan property</p>')).toEqual([]);
  });

  it('feeds the validator: a microdata Product without name is an error located in the microdata', () => {
    const microdata = extract(`
      <div itemscope itemtype="http://schema.org/Product">
        <div itemprop="offers" itemscope itemtype="http://schema.org/Offer">
          <span itemprop="price">19.99</span><meta itemprop="priceCurrency" content="EUR">
        </div>
      </div>`);
    const report = validateStructuredData([], microdata);
    expect(report.entities.map((e) => [e.type, e.source])).toEqual([
      ['Product', 'microdata'],
      ['Offer', 'microdata'],
    ]);
    const missingName = report.issues.find((i) => i.property === 'name' && i.severity === 'error');
    expect(missingName?.path).toBe('microdata[0] > Product');
    expect(report.richResults.find((r) => r.feature === 'Product snippet')).toMatchObject({ eligible: false, missing: ['name'] });
  });
});
