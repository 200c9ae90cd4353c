import type { StructuredDataNode, StructuredDataValue } from './normalize.ts';
import { schemaOrgName } from './normalize.ts';
import { isSubtypeOf } from './vocabulary.ts';

// What a value should look like, as told to the user: "<property> should be <expectation>".
const EXPECTATIONS = {
  url: 'a valid URL (https://…)',
  number: 'a number',
  price: 'a number with "." as decimal separator, without currency symbol or thousands separator (e.g. 1299.00)',
  count: 'a whole number of 0 or more',
  positiveInteger: 'a whole number of 1 or more',
  date: 'an ISO 8601 date or date-time (e.g. 2025-07-21 or 2025-07-21T19:00-05:00)',
  duration: 'an ISO 8601 duration (e.g. PT30M)',
  time: 'a time of day as hh:mm (e.g. 09:30)',
  currency: 'a three-letter ISO 4217 currency code in capitals (e.g. USD, EUR)',
  country: 'a two-letter ISO 3166-1 country code in capitals (e.g. US, FR)',
  rating: 'a number, a percentage (e.g. 80%) or a fraction (e.g. 4/5)',
  text: 'text',
  boolean: 'true or false',
};

export type ValueKind = keyof typeof EXPECTATIONS;

/** A value is either of a kind, one of an enumeration's members, or a nested entity of some types. */
export type ValueRule =
  | { kind: ValueKind }
  | { enum: string; members: readonly string[] }
  | { entity: readonly string[]; orText?: boolean; orUrl?: boolean };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const ISO_DURATION = /^P(?!$)(?:\d+(?:[.,]\d+)?Y)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?W)?(?:\d+(?:[.,]\d+)?D)?(?:T(?=\d)(?:\d+(?:[.,]\d+)?H)?(?:\d+(?:[.,]\d+)?M)?(?:\d+(?:[.,]\d+)?S)?)?$/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const PRICE = /^\d+(?:\.\d+)?$/;

export function isNode(value: StructuredDataValue | undefined): value is StructuredDataNode {
  return typeof value === 'object' && value !== null;
}

/** A value as text for messages: short, single-line, no control characters (page content is hostile). */
export function describeValue(value: StructuredDataValue): string {
  if (isNode(value)) return value.type ? `a ${value.type}` : 'an object';
  const text = String(value).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;
}

/** Number in a value: a JSON number or a plain numeric string ("4.5"), else null. */
export function numberOf(value: StructuredDataValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && PLAIN_NUMBER.test(value.trim())) return Number(value.trim());
  return null;
}

/** A rating as written: 4.5, "4.5", "4,5", "80%", "4/5" → its number and the scale it implies. */
export function ratingOf(value: StructuredDataValue | undefined): { value: number; impliedBest: number | null; impliedWorst: number | null } | null {
  const direct = numberOf(value);
  if (direct !== null) return { value: direct, impliedBest: null, impliedWorst: null };
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const comma = /^(\d+),(\d+)$/.exec(text);
  if (comma) return { value: Number(`${comma[1]}.${comma[2]}`), impliedBest: null, impliedWorst: null };
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return { value: Number(percent[1]), impliedBest: 100, impliedWorst: 0 };
  const fraction = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (fraction) return { value: Number(fraction[1]), impliedBest: Number(fraction[2]), impliedWorst: 0 };
  return null;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return false;
  if (!isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) return false;
  if (match[4] !== undefined && (Number(match[4]) > 24 || Number(match[5]) > 59)) return false;
  return match[6] === undefined || Number(match[6]) <= 60;
}

export function isUrl(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || /^(?:javascript|data|vbscript):/i.test(trimmed) || /\s/.test(trimmed)) return false;
  try {
    // Relative URLs are fine: search engines resolve them against the page.
    const url = new URL(trimmed, 'https://example.invalid/');
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The local name of an enumeration value: "https://schema.org/InStock" → "InStock". */
export function enumMemberName(text: string): string {
  return schemaOrgName(text).name;
}

function nodeIsOneOf(node: StructuredDataNode, types: readonly string[]): boolean {
  return node.schemaOrgTypes.some((t) => types.some((wanted) => isSubtypeOf(t, wanted)));
}

/** Why a value breaks the rule, as "should be …" text; null when it is fine. */
export function valueProblem(value: StructuredDataValue, rule: ValueRule): string | null {
  if ('enum' in rule) {
    if (typeof value === 'string' && rule.members.includes(enumMemberName(value))) return null;
    return `one of the ${rule.enum} values (${rule.members.map((m) => `https://schema.org/${m}`).slice(0, 4).join(', ')}${rule.members.length > 4 ? ', …' : ''})`;
  }
  if ('entity' in rule) {
    if (isNode(value)) {
      // Untyped objects and @id references are accepted: their content is checked where it is defined.
      if (value.types.length === 0 || value.isReference || nodeIsOneOf(value, rule.entity)) return null;
      return `a ${rule.entity.join(' or ')}`;
    }
    if (rule.orUrl && typeof value === 'string' && isUrl(value)) return null;
    if (rule.orText && (typeof value === 'string' ? value.trim() !== '' : typeof value === 'number')) return null;
    return `a ${rule.entity.join(' or ')}${rule.orUrl ? ' or a URL' : ''}${rule.orText ? ' or text' : ''}`;
  }
  const expectation = EXPECTATIONS[rule.kind];
  const text = typeof value === 'string' ? value.trim() : null;
  switch (rule.kind) {
    case 'url':
      if (text !== null && isUrl(text)) return null;
      // ImageObject and the like carry the URL in url / contentUrl / @id.
      if (isNode(value)) {
        const candidates = [...(value.properties.url ?? []), ...(value.properties.contentUrl ?? []), ...(value.id ? [value.id] : [])];
        if (value.isReference || candidates.some((c) => typeof c === 'string' && isUrl(c))) return null;
      }
      return expectation;
    case 'number':
      return numberOf(value) !== null ? null : expectation;
    case 'price':
      if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? null : expectation;
      return text !== null && PRICE.test(text) ? null : expectation;
    case 'count': {
      const n = numberOf(value);
      return n !== null && Number.isInteger(n) && n >= 0 ? null : expectation;
    }
    case 'positiveInteger': {
      const n = numberOf(value);
      return n !== null && Number.isInteger(n) && n >= 1 ? null : expectation;
    }
    case 'date':
      return text !== null && isIsoDate(text) ? null : expectation;
    case 'duration':
      return text !== null && ISO_DURATION.test(text) ? null : expectation;
    case 'time':
      return text !== null && /^([01]\d|2[0-4]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$/.test(text) ? null : expectation;
    case 'currency':
      return text !== null && /^[A-Z]{3}$/.test(text) ? null : expectation;
    case 'country':
      if (isNode(value) && nodeIsOneOf(value, ['Country'])) return null;
      return text !== null && /^[A-Z]{2}$/.test(text) ? null : expectation;
    case 'rating':
      return ratingOf(value) !== null ? null : expectation;
    case 'text':
      return (text !== null && text !== '') || typeof value === 'number' ? null : expectation;
    case 'boolean':
      return typeof value === 'boolean' || (text !== null && /^(true|false|https?:\/\/schema\.org\/(True|False))$/i.test(text)) ? null : expectation;
  }
}

/** GTIN-8/12/13/14 with a correct check digit. */
export function isValidGtin(text: string): boolean {
  const digits = text.trim();
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(digits)) return false;
  let sum = 0;
  for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = weight === 3 ? 1 : 3) sum += Number(digits[i]) * weight;
  return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}
