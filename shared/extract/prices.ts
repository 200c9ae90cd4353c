import type { Price } from '../schemas/index.ts';

const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', 'CHF': 'CHF', lei: 'RON', Lei: 'RON' };
const CODES = 'USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|PLN|RON';
// "$49", "$1,299.00", "€ 119", "119 €", "119,00 €", "49 USD", "USD 49", "CHF 20.-", "1.699 lei" (Romanian leu, after the amount)
const PRICE_RE = new RegExp(
  String.raw`(?:(?<sym1>[$€£¥₹])\s?(?<n1>\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)` +
    String.raw`|(?<n2>\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?(?<sym2>[€£$]|(?:${CODES}|[Ll]ei)\b)` +
    String.raw`|\b(?<code>${CODES})\s?(?<n3>\d+(?:[ ,.]\d{3})*(?:[.,]\d{1,2})?))`,
  'g',
);

export function parseAmount(raw: string): number | null {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '');
  // The last separator followed by 1–2 digits is the decimal mark; the rest are thousands.
  const m = /^(.*?)[.,](\d{1,2})$/.exec(s);
  if (m) s = `${m[1].replace(/[.,]/g, '')}.${m[2]}`;
  else s = s.replace(/[.,]/g, '');
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function findPrices(text: string, limit = 50): Price[] {
  const out: Price[] = [];
  for (const m of text.matchAll(PRICE_RE)) {
    const g = m.groups ?? {};
    const num = g.n1 ?? g.n2 ?? g.n3 ?? '';
    const sym = g.sym1 ?? g.sym2 ?? g.code ?? '';
    out.push({ raw: m[0].trim(), amount: parseAmount(num), currency: SYMBOLS[sym] ?? (sym.length === 3 ? sym : null), source: 'text' });
    if (out.length >= limit) break;
  }
  return out;
}
