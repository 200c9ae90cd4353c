/** "fr-FR", "FR", " fr_CA " → "fr"; anything without a 2–3 letter primary subtag → null. The one place that reads a language tag's primary language. */
export function primaryLanguage(code: string | null | undefined): string | null {
  if (typeof code !== 'string') return null;
  const primary = code.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

/**
 * A language tag's shape: a 2–3 letter primary subtag, then subtags of 2–8 letters or digits ("fr-CA",
 * "pt_BR", "zh-Hant-TW"); underscores are accepted because configs and exports write them. Whether the
 * primary subtag is registered is `isValidLanguageTag` in shared/audits/lib/lang.ts (IANA registry).
 */
export function isLanguageTag(tag: string): boolean {
  return /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(tag);
}
