/**
 * The languages of the overlay's own words (extension/i18n): English, which the content script carries,
 * and every language with a table in extension/i18n/translations.ts and a column in
 * extension/i18n/messages.ts. The settings schema (`overlayLanguage`), the `words:get` request and the
 * overlay read this one list. No dependency, so that the content script carries it without zod.
 */
export const OVERLAY_LANGUAGES = ['en', 'fr', 'de', 'es', 'ro'] as const;
export type OverlayLanguage = (typeof OVERLAY_LANGUAGES)[number];
