/**
 * Starter questions: templates per stage and language, expanded from the config's brand, category,
 * products and competitors. They are written the way prospects type searches, not as sentences.
 */
import type { Config, ProspectQuestion, Stage } from '../schemas/index.ts';
import { LANGUAGE_PACKS, type QuestionTemplate } from '../lang/index.ts';
import { primaryLanguage } from '../score/text.ts';
import { slugify } from './ids.ts';

/** Starter questions count half as much as the questions a user wrote. */
export const TEMPLATE_WEIGHT = 0.5;
/** Per-product templates stop after this many products, so a large catalogue does not drown the set. */
const MAX_PRODUCTS = 3;
/** "smart thermostats and heat pumps" is two categories: each gets its own questions (at most this many). */
const MAX_CATEGORIES = 2;
const CATEGORY_SEPARATORS = /\s*(?:,|;|\/|\band\b|\bor\b|\bet\b|\bou\b|\bund\b|\boder\b|\by\b|\bo\b)\s*/i;

type Slot = 'category' | 'brand' | 'product' | 'competitor';
type Template = QuestionTemplate;

/**
 * Placeholders: {category}, {brand}, {product} (each product), {competitor} (each competitor).
 * Category templates are expanded only for the config's first language: the category is written in it.
 * The templates themselves live in each language pack (shared/lang/<code>/index.ts).
 */
export const TEMPLATES: Record<string, readonly Template[]> = Object.fromEntries(
  LANGUAGE_PACKS.map((pack) => [pack.code, pack.templates]),
);

/** Languages that have templates. */
export const TEMPLATE_LANGUAGES = Object.keys(TEMPLATES);

/** The starter questions for a config: every template of each configured language, each slot filled. */
export function templateQuestions(config: Pick<Config, 'brand' | 'category' | 'products' | 'competitors' | 'languages'>): ProspectQuestion[] {
  const out: ProspectQuestion[] = [];
  const seen = new Set<string>();
  const languages = [...new Set(config.languages.map((l) => primaryLanguage(l)).filter((l): l is string => !!l))];
  const values: Record<Slot, string[]> = {
    category: config.category ? categoriesOf(config.category) : [],
    brand: [config.brand.name],
    product: config.products.slice(0, MAX_PRODUCTS),
    competitor: config.competitors.map((c) => c.name),
  };
  languages.forEach((lang, langIndex) => {
    for (const t of TEMPLATES[lang] ?? []) {
      if (t.text.includes('{category}') && langIndex > 0) continue;
      for (const text of expandTemplate(t, values, lang)) {
        const id = `tpl-${lang}-${slugify(text)}`;
        if (seen.has(id)) continue;
        seen.add(id);
        out.push({ id, text, stage: t.stage, weight: TEMPLATE_WEIGHT, source: 'template', lang });
      }
    }
  });
  return out;
}

/** Splits a compound category into its parts; a single category stays whole. */
function categoriesOf(category: string): string[] {
  const parts = category.split(CATEGORY_SEPARATORS).map((p) => p.trim()).filter((p) => p.length >= 3);
  return (parts.length > 1 ? parts : [category.trim()]).slice(0, MAX_CATEGORIES);
}

/** English plural nouns end in -s (not -ss): "detectors" takes "what are". */
function isPlural(noun: string, lang: string): boolean {
  const last = noun.trim().split(/\s+/).pop() ?? '';
  return lang === 'en' && /[^s]s$/i.test(last);
}

function expandTemplate(t: Template, values: Record<Slot, string[]>, lang: string): string[] {
  if (!t.plural || !t.text.includes('{category}')) return expand(t.text, values);
  return values.category.flatMap((cat) => expand(isPlural(cat, lang) ? t.plural! : t.text, { ...values, category: [cat] }));
}

/** Every filling of the template's slots; none when a slot has no value. */
function expand(template: string, values: Record<Slot, string[]>): string[] {
  let texts = [template];
  for (const slot of Object.keys(values) as Slot[]) {
    const token = `{${slot}}`;
    if (!template.includes(token)) continue;
    texts = texts.flatMap((t) => values[slot].map((v) => t.split(token).join(v.trim())));
  }
  return texts.filter((t) => !/\{[a-z]+\}/.test(t) && t.trim().length > 0).map((t) => t.replace(/\s+/g, ' ').trim().slice(0, 500));
}
