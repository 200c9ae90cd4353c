// axe-core's registry of ISO 639 language subtags, the same check Lighthouse's hreflang audit uses.
import { isValidLang } from 'lighthouse/third-party/axe/valid-langs.js';

/** Whether a BCP 47 tag's primary language subtag is a registered language ("en-GB" → en). */
export function isValidLanguageTag(tag: string): boolean {
  const [primary] = tag.split('-');
  return isValidLang(primary.toLowerCase());
}

/** Lighthouse's hreflang check: x-default, or a tag whose primary subtag is a registered language. Case-insensitive, no trimming. */
export function isExpectedHreflang(hreflang: string): boolean {
  if (hreflang.toLowerCase() === 'x-default') return true;
  return isValidLanguageTag(hreflang);
}
