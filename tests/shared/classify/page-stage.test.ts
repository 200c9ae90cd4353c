import { describe, expect, it } from 'vitest';
import { dominantStage, pageStageProfile } from '../../../shared/classify/page-stage.ts';
import { StageProfileSchema } from '../../../shared/schemas/index.ts';
import { page } from '../score/pages.ts';

const ld = (data: unknown) => `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
const para = (text: string, n = 4) => `<p>${Array.from({ length: n }, () => text).join(' ')}</p>`;

const guide = page(
  `<h1>How to find a hidden water leak</h1>
   <p>A hidden leak is water escaping from a pipe you cannot see, inside a wall, under a floor or underground.</p>
   <h2>Why do hidden leaks happen?</h2>${para('Joints corrode, hoses split and slab pipes rub against concrete over the years.', 12)}
   <h2>How do you confirm one?</h2><ol><li>Turn off every tap.</li><li>Read the water meter.</li><li>Wait two hours.</li><li>Read it again.</li></ol>
   <h2>What does it cost to ignore?</h2>${para('Water damage spreads through insulation and framing long before a stain shows on the ceiling.', 12)}`,
  { url: 'https://example.com/guides/hidden-leak/', title: 'How to Find a Hidden Water Leak | Example', head: ld({ '@context': 'https://schema.org', '@type': 'Article', headline: 'How to find a hidden water leak' }) },
);

const review = page(
  `<h1>AquaGuard Pulse review: a good sensor with a subscription catch</h1>
   ${para('We tested the AquaGuard Pulse for three months under a kitchen sink and beside a water heater.', 3)}
   <h2>Pros</h2><ul><li>No hub needed</li><li>Simple app</li><li>Loud alarm</li></ul>
   <h2>Cons</h2><ul><li>Text alerts need a plan</li><li>Short battery life</li></ul>
   <h2>Verdict</h2><p>Rated 3.5 out of 5: fine for one room, not for a whole house.</p>`,
  {
    url: 'https://example.com/reviews/aquaguard-pulse/',
    title: 'AquaGuard Pulse Review | Example',
    head: ld({ '@context': 'https://schema.org', '@type': 'Review', itemReviewed: { '@type': 'Product', name: 'AquaGuard Pulse' }, reviewRating: { '@type': 'Rating', ratingValue: 3.5 } }),
  },
);

const matrix = page(
  `<h1>Leak detectors compared: Sentry vs Pulse vs Sense</h1><p>Which leak detector suits your home? We compared the three on the features that matter.</p>
   <table><thead><tr><th>Feature</th><th>Sentry</th><th>Pulse</th><th>Sense</th></tr></thead>
   <tr><td>Hub needed</td><td>Yes</td><td>No</td><td>Yes</td></tr><tr><td>Battery</td><td>3 years</td><td>1 year</td><td>2 years</td></tr>
   <tr><td>Shut-off valve</td><td>Yes</td><td>Extra</td><td>Yes</td></tr><tr><td>Freeze alert</td><td>Yes</td><td>No</td><td>Yes</td></tr></table>`,
  { url: 'https://example.com/compare/leak-detectors/', title: 'Leak Detectors Compared | Example' },
);

const pricing = page(
  `<h1>Pricing</h1><p>Sensors start at $49. Every kit ships free in the US.</p>
   <h2>Plans and kits</h2><ul><li>Sentry sensor: $49.00</li><li>Starter kit: $199.00</li><li>Whole-home kit: $499.00</li></ul>
   <h2>Shipping and returns</h2><p>Orders ship the same day; returns are free within 30 days.</p>`,
  {
    url: 'https://example.com/pricing/',
    title: 'Pricing | Example',
    head: ld({ '@context': 'https://schema.org', '@type': 'Product', name: 'Sentry', offers: { '@type': 'Offer', price: '49.00', priceCurrency: 'USD' } }),
  },
);

const product = page(
  `<h1>Sentry leak sensor</h1><p>The Sentry sits on the floor and sounds an alarm when it touches water. $49.00, in stock.</p>
   <h2>Specifications</h2><ul><li>2 AA batteries, 3 years</li><li>85 dB alarm</li><li>Works with the Hub</li></ul>
   <p>Add to cart</p>`,
  {
    url: 'https://example.com/products/sentry/',
    title: 'Sentry Leak Sensor | Example',
    head: ld({ '@context': 'https://schema.org', '@type': 'Product', name: 'Sentry', aggregateRating: { '@type': 'AggregateRating', ratingValue: 4.6, reviewCount: 210 }, offers: { '@type': 'Offer', price: '49.00', priceCurrency: 'USD', availability: 'https://schema.org/InStock' } }),
  },
);

describe('page stage profile', () => {
  const kinds = { 'a guide': guide, 'a review': review, 'a comparison matrix': matrix, 'a pricing page': pricing, 'a product page with ratings': product };
  it.each([
    ['a guide', 'interest'],
    ['a review', 'comparison'],
    ['a comparison matrix', 'comparison'],
    ['a pricing page', 'purchase'],
    ['a product page with ratings', 'purchase'],
  ] as const)('sees %s as mostly %s', (kind, stage) => {
    expect(dominantStage(pageStageProfile(kinds[kind].artifacts))).toBe(stage);
  });

  it('is a distribution (shares sum to 1) that matches the page-result schema', () => {
    for (const p of [guide, review, matrix, pricing, product]) {
      const profile = StageProfileSchema.parse(pageStageProfile(p.artifacts));
      expect(profile.interest + profile.comparison + profile.purchase).toBeCloseTo(1, 2);
    }
  });

  it('lists the signals that shaped it, each prefixed with its stage', () => {
    const signals = pageStageProfile(pricing.artifacts).signals;
    expect(signals).toContain('purchase: 1 Offer in structured data');
    expect(signals.some((s) => s.startsWith('purchase: ') && s.includes('price'))).toBe(true);
    expect(pageStageProfile(matrix.artifacts).signals).toContain('comparison: comparison table (4 columns)');
    expect(pageStageProfile(guide.artifacts).signals).toContain('interest: Article markup');
    expect(pageStageProfile(guide.artifacts).signals).toContain('interest: definition near the top');
    expect(pageStageProfile(review.artifacts).signals).toContain('comparison: pros and cons');
  });

  it('gives an error page no stage at all', () => {
    const missing = page('<h1>Not found</h1>', { status: 404 });
    expect(pageStageProfile(missing.artifacts)).toEqual({ interest: 0, comparison: 0, purchase: 0, signals: ['no main content'] });
  });

  it('spreads a page without any signal evenly, and says so', () => {
    const plain = page('<p>Hello.</p>', { url: 'https://example.com/x', title: 'Hello' });
    const profile = pageStageProfile(plain.artifacts);
    expect([profile.interest, profile.comparison, profile.purchase]).toEqual([0.333, 0.333, 0.333]);
    expect(profile.signals).toContain('no stage signal: evenly spread');
    expect(dominantStage(profile)).toBeNull();
  });
});
