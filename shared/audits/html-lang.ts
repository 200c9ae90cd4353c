import { isValidLanguageTag } from './lib/lang.ts';
import { defineAudit } from './types.ts';

const UIStrings = {
  title: '`<html>` element has a valid `[lang]` attribute',
  failureTitle: '`<html>` element does not have a valid `[lang]` attribute',
  description: "The page's language decides which prospects it is shown to and how its words are read.",
  missing: 'The <html> element has no lang attribute.',
  empty: 'The lang attribute of <html> is empty.',
  invalid: (lang: string) => `"${lang}" is not a known language code.`,
};

export default defineAudit({
  meta: { id: 'html-lang', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'international', requires: ['htmlLang'] },
  run(a) {
    const raw = a.htmlLang;
    if (raw === null) return { score: 0, explanation: UIStrings.missing, items: [{ element: '<html>', problem: 'missing lang' }] };
    const lang = raw.trim();
    if (!lang) return { score: 0, explanation: UIStrings.empty, items: [{ element: '<html lang="">', problem: 'empty lang' }] };
    if (!isValidLanguageTag(lang)) return { score: 0, explanation: UIStrings.invalid(lang), items: [{ element: `<html lang="${lang}">`, problem: 'invalid lang' }] };
    return { score: 1, displayValue: lang };
  },
});
