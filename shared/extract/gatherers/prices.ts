import type { Price } from '../../schemas/index.ts';
import { findPrices, parseAmount } from '../prices.ts';
import { defineGatherer } from './types.ts';

/** Prices in the main text, then offer prices in JSON-LD (reads the json-ld gatherer's blocks). */
export default defineGatherer({
  id: 'prices',
  provides: ['prices'],
  gather({ content, artifacts }) {
    const prices: Price[] = findPrices(content().mainText);
    for (const block of artifacts.jsonLd) collectOfferPrices(block.parsed, prices, 0);
    return { prices: prices.slice(0, 100) };
  },
});

function collectOfferPrices(node: unknown, out: Price[], depth: number) {
  if (depth > 10 || !node || typeof node !== 'object' || out.length > 100) return;
  if (Array.isArray(node)) {
    for (const n of node) collectOfferPrices(n, out, depth + 1);
    return;
  }
  const obj = node as Record<string, unknown>;
  for (const key of ['price', 'lowPrice', 'highPrice']) {
    const v = obj[key];
    if (typeof v === 'number' || (typeof v === 'string' && v.trim())) {
      const currency = typeof obj.priceCurrency === 'string' ? obj.priceCurrency : null;
      out.push({ raw: `${v}${currency ? ` ${currency}` : ''}`, amount: typeof v === 'number' ? v : parseAmount(v), currency, source: 'jsonld' });
    }
  }
  for (const v of Object.values(obj)) if (v && typeof v === 'object') collectOfferPrices(v, out, depth + 1);
}
