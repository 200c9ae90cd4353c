/** "fr-FR", "FR", " fr_CA " → "fr"; anything without a 2–3 letter primary subtag → null. The one place that reads a language tag's primary language. */
export function primaryLanguage(code: string | null | undefined): string | null {
  if (typeof code !== 'string') return null;
  const primary = code.trim().toLowerCase().split(/[-_]/)[0];
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}
