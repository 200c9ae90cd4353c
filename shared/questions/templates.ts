/**
 * Starter questions: templates per stage and language, expanded from the config's brand, category,
 * products and competitors. They are written the way prospects type searches, not as sentences.
 */
import type { Config, ProspectQuestion, Stage } from '../schemas/index.ts';
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
interface Template {
  stage: Stage;
  text: string;
  /** The same question when the category is a plural ("what are smart thermostats"). */
  plural?: string;
}

/**
 * Placeholders: {category}, {brand}, {product} (each product), {competitor} (each competitor).
 * Category templates are expanded only for the config's first language: the category is written in it.
 */
export const TEMPLATES: Record<string, Template[]> = {
  en: [
    { stage: 'interest', text: 'what is {category}', plural: 'what are {category}' },
    { stage: 'interest', text: 'how does {category} work', plural: 'how do {category} work' },
    { stage: 'interest', text: 'why use {category}' },
    { stage: 'interest', text: 'how to choose {category}' },
    { stage: 'comparison', text: 'best {category}' },
    { stage: 'comparison', text: '{category} comparison' },
    { stage: 'comparison', text: '{brand} vs {competitor}' },
    { stage: 'comparison', text: '{competitor} alternatives' },
    { stage: 'comparison', text: '{brand} reviews' },
    { stage: 'purchase', text: 'how much does {category} cost', plural: 'how much do {category} cost' },
    { stage: 'purchase', text: '{product} price' },
    { stage: 'purchase', text: 'how to install {product}' },
    { stage: 'purchase', text: '{brand} shipping' },
    { stage: 'purchase', text: '{brand} return policy' },
    { stage: 'purchase', text: '{brand} warranty' },
    { stage: 'purchase', text: '{brand} free trial or demo' },
  ],
  fr: [
    { stage: 'interest', text: "c'est quoi {category}" },
    { stage: 'interest', text: 'comment fonctionne {category}' },
    { stage: 'interest', text: 'pourquoi utiliser {category}' },
    { stage: 'interest', text: 'comment choisir {category}' },
    { stage: 'comparison', text: 'meilleur {category}' },
    { stage: 'comparison', text: 'comparatif {category}' },
    { stage: 'comparison', text: '{brand} vs {competitor}' },
    { stage: 'comparison', text: 'alternative à {competitor}' },
    { stage: 'comparison', text: 'avis {brand}' },
    { stage: 'purchase', text: 'prix {category}' },
    { stage: 'purchase', text: 'prix {product}' },
    { stage: 'purchase', text: 'comment installer {product}' },
    { stage: 'purchase', text: 'livraison {brand}' },
    { stage: 'purchase', text: 'retour {brand}' },
    { stage: 'purchase', text: 'garantie {brand}' },
    { stage: 'purchase', text: 'essai gratuit {brand}' },
  ],
  de: [
    { stage: 'interest', text: 'was ist {category}' },
    { stage: 'interest', text: 'wie funktioniert {category}' },
    { stage: 'comparison', text: 'beste {category}' },
    { stage: 'comparison', text: '{category} vergleich' },
    { stage: 'comparison', text: '{brand} vs {competitor}' },
    { stage: 'comparison', text: '{competitor} alternativen' },
    { stage: 'comparison', text: '{brand} erfahrungen' },
    { stage: 'purchase', text: '{product} preis' },
    { stage: 'purchase', text: '{product} installieren' },
    { stage: 'purchase', text: '{brand} versand' },
    { stage: 'purchase', text: '{brand} garantie' },
  ],
  es: [
    { stage: 'interest', text: 'qué es {category}' },
    { stage: 'interest', text: 'cómo funciona {category}' },
    { stage: 'comparison', text: 'mejor {category}' },
    { stage: 'comparison', text: '{brand} vs {competitor}' },
    { stage: 'comparison', text: 'alternativas a {competitor}' },
    { stage: 'comparison', text: '{brand} opiniones' },
    { stage: 'purchase', text: 'precio {product}' },
    { stage: 'purchase', text: 'cómo instalar {product}' },
    { stage: 'purchase', text: '{brand} envío' },
    { stage: 'purchase', text: '{brand} garantía' },
  ],
};

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
