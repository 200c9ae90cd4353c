import { LANGUAGE_PACKS } from '../lang/index.ts';
import type { AuditItem } from '../schemas/index.ts';
import { documentBase, domHref, equalWithoutFragment } from './lib/url.ts';
import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Links have descriptive text',
  failureTitle: 'Links do not have descriptive text',
  description: 'Descriptive link text tells search engines and prospects what the target page is about; "click here" tells them nothing.',
  displayValue: (n: number) => (n === 1 ? '1 link found' : `${n} links found`),
};

/** Lighthouse's lists for languages without a pack (shared/lang); the packs carry their own. */
const LIGHTHOUSE_OTHER_LANGUAGES: Record<string, string[]> = {
  ja: ['ここをクリック', 'こちらをクリック', 'リンク', '続きを読む', '続く', '全文表示'],
  ko: ['여기', '여기를 클릭', '클릭', '링크', '자세히', '자세히 보기', '계속', '이동', '전체 보기'],
  sv: ['här', 'klicka här', 'läs mer', 'mer', 'mer info', 'mer information'],
  ta: ['அடுத்த பக்கம்', 'மறுபக்கம்', 'முந்தைய பக்கம்', 'முன்பக்கம்', 'மேலும் அறிக', 'மேலும் தகவலுக்கு', 'மேலும் தரவுகளுக்கு', 'தயவுசெய்து இங்கே அழுத்தவும்', 'இங்கே கிளிக் செய்யவும்'],
  fa: ['اطلاعات بیشتر', 'اطلاعات', 'این', 'اینجا بزنید', 'اینجا کلیک کنید', 'اینجا', 'برو', 'بیشتر بخوانید', 'بیشتر بدانید', 'بیشتر', 'شروع'],
};

/** Lighthouse's non-descriptive link texts per language, matched on the whole trimmed, lower-cased text. */
export const NON_DESCRIPTIVE_LINK_TEXTS: Record<string, Set<string>> = Object.fromEntries([
  ...LANGUAGE_PACKS.filter((pack) => pack.linkTexts.lighthouse).map((pack) => [pack.code, new Set(pack.linkTexts.texts)] as const),
  ...Object.entries(LIGHTHOUSE_OTHER_LANGUAGES).map(([code, texts]) => [code, new Set(texts)] as const),
]);

/** Ours, for languages Lighthouse has no list for; used only when the text's language is known (unknown-language texts match Lighthouse's lists). */
export const MORE_NON_DESCRIPTIVE_LINK_TEXTS: Record<string, Set<string>> = Object.fromEntries(
  LANGUAGE_PACKS.filter((pack) => !pack.linkTexts.lighthouse).map((pack) => [pack.code, new Set(pack.linkTexts.texts)] as const),
);

/** Whether a link text says nothing about its target, in the text's language (or in any language when unknown). */
export function isNonDescriptive(text: string, lang: string | null): boolean {
  const searchTerm = text.trim().toLowerCase();
  if (!searchTerm) return false;
  if (lang) {
    const primary = lang.split('-')[0].toLowerCase();
    return (NON_DESCRIPTIVE_LINK_TEXTS[primary] ?? MORE_NON_DESCRIPTIVE_LINK_TEXTS[primary])?.has(searchTerm) ?? false;
  }
  return Object.values(NON_DESCRIPTIVE_LINK_TEXTS).some((texts) => texts.has(searchTerm));
}

export default defineAudit({
  meta: { id: 'link-text', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'links', requires: ['links', 'url', 'base'] },
  run(a) {
    const base = documentBase(a);
    const items: AuditItem[] = [];
    for (const link of a.links) {
      const href = link.inSvg ? svgHref(link.href, base) : domHref(link.href, base);
      // Lighthouse tests the rel string for the substring.
      if (!href || link.rel.includes('nofollow')) continue;
      const lower = href.toLowerCase();
      // Fragment links to the page itself are navigation aids, not links to content.
      if (lower.startsWith('javascript:') || lower.startsWith('mailto:') || equalWithoutFragment(href, a.url)) continue;
      if (isNonDescriptive(link.text, link.textLang)) {
        items.push({ href, text: link.text.trim(), textLang: link.textLang, path: link.path });
      }
    }
    return items.length ? { score: 0, displayValue: UIStrings.displayValue(items.length), items } : { score: 1 };
  },
});

function svgHref(raw: string | null, base: string): string {
  try {
    return new URL(raw ?? '', base).href;
  } catch {
    return '';
  }
}
