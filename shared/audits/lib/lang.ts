// The IANA Language Subtag Registry (the BCP 47 registry itself, as a data package): every registered
// primary language subtag. Lighthouse's hreflang and html-lang checks ask the same question of axe-core's
// copy of the ISO 639 list; reading the registry directly keeps shared/ off Lighthouse's internal files.
import languages from 'language-subtag-registry/data/json/language.json' with { type: 'json' };

/**
 * Ranges of the registry ("qaa..qtz", reserved for private use) as [from, to]: a subtag of the same
 * length between them, letter by letter, is registered. Read on first use: a worker that starts to
 * score one page does not walk the registry's ~8,000 keys before it is asked.
 */
let ranges: [string, string][] | null = null;
const rangesOf = () => (ranges ??= Object.keys(languages).filter((k) => k.includes('..')).map((k) => k.split('..') as [string, string]));

function registered(subtag: string): boolean {
  if (subtag.includes('..')) return false;
  if (Object.hasOwn(languages, subtag)) return true;
  return /^[a-z]+$/.test(subtag) && rangesOf().some(([from, to]) => subtag.length === from.length && from <= subtag && subtag <= to);
}

/** Whether a BCP 47 tag's primary language subtag is a registered language ("en-GB" → en). */
export function isValidLanguageTag(tag: string): boolean {
  const [primary] = tag.split('-');
  return registered(primary.toLowerCase());
}

/** Lighthouse's hreflang check: x-default, or a tag whose primary subtag is a registered language. Case-insensitive, no trimming. */
export function isExpectedHreflang(hreflang: string): boolean {
  if (hreflang.toLowerCase() === 'x-default') return true;
  return isValidLanguageTag(hreflang);
}
