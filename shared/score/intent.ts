/**
 * What kind of answer a question wants (its "answer shape"): a price, ordered steps, a comparison of
 * two named things, a definition… Read from the question's words, in English and French, with the
 * common cases of German and Spanish; other languages get no shape (a generic answer is expected).
 */
import { foldText } from '../classify/query-text.ts';
import { primaryLanguage } from './text.ts';

export type AnswerShape =
  | 'price'
  | 'steps'
  | 'versus'
  | 'ranking'
  | 'alternatives'
  | 'reviews'
  | 'pros-cons'
  | 'definition'
  | 'duration'
  | 'terms'
  | 'location'
  | 'requirements'
  | 'trial'
  | 'list'
  | 'explanation'
  | 'yes-no';

/** What each shape expects, in words: shown in `zmot page` and in reports. */
export const SHAPE_LABELS: Record<AnswerShape, string> = {
  price: 'a price',
  steps: 'ordered steps',
  versus: 'both names and a comparison',
  ranking: 'several options compared',
  alternatives: 'other options named',
  reviews: 'reviews or ratings',
  'pros-cons': 'pros and cons',
  definition: 'a definition near the top',
  duration: 'a duration or date',
  terms: 'concrete terms (days, costs, conditions)',
  location: 'where to buy or find it',
  requirements: 'a list of requirements',
  trial: 'a way to try or book it',
  list: 'a list',
  explanation: 'an explanation',
  'yes-no': 'a direct answer',
};

/** Cue patterns per shape and language, matched on lower-cased, accent-folded text. */
const CUES: Record<AnswerShape, Partial<Record<string, RegExp>>> = {
  price: {
    en: /\b(how much|costs?|costing|prices?|pricing|priced|fees?|subscriptions?|cheap(est)?|expensive|afford(able)?|quote)\b/,
    fr: /\b(combien (ca )?coute|combien|prix|tarifs?|couts?|coute|abonnements?|cher|pas cher|devis)\b/,
    de: /\b(wie viel|preis(e)?|kosten|kostet|gunstig|teuer)\b/,
    es: /\b(cuanto cuesta|cuanto|precios?|costos?|coste|cuesta|barato|caro)\b/,
  },
  steps: {
    en: /\b(how (to|do i|do you|can i|should i)|steps? (to|for)|install(ing|ation)?|set ?up|setting up|configure|connect|replace|fix|mount|tutorial)\b/,
    fr: /\b(comment (installer|faire|brancher|configurer|remplacer|reparer|trouver|detecter|choisir|monter|proceder)|etapes?|installer|installation|configurer|brancher|tutoriel)\b/,
    de: /\b(wie (kann|man|installiere)|anleitung|schritte?|installieren|einrichten)\b/,
    es: /\b(como (instalar|hacer|configurar|encontrar)|pasos?|instalar|configurar)\b/,
  },
  versus: {
    en: /\b(vs\.?|versus|compared? (to|with)|differences? between)\b/,
    fr: /\b(vs\.?|versus|contre|differences? entre)\b/,
    de: /\b(vs\.?|versus|unterschied zwischen)\b/,
    es: /\b(vs\.?|versus|diferencia entre)\b/,
  },
  ranking: {
    en: /\b(best|top( \d+)?|which|recommended|leading|most (reliable|popular)|ranking|compare|comparison)\b/,
    fr: /\b(meilleure?s?|top|quel(le)?s? (est|sont|choisir)|comparatifs?|comparaison|classement)\b/,
    de: /\b(beste[nrs]?|top|vergleich|welche[rs]?)\b/,
    es: /\b(mejore?s?|top|comparativa|cual)\b/,
  },
  alternatives: {
    en: /\b(alternatives?|competitors?|similar to|instead of)\b/,
    fr: /\b(alternatives?|concurrents?|equivalents?)\b/,
    de: /\b(alternativen?)\b/,
    es: /\b(alternativas?)\b/,
  },
  reviews: {
    en: /\b(reviews?|ratings?|rated|opinions?|testimonials?|worth it|any good|reliable|legit)\b/,
    fr: /\b(avis|notes?|temoignages?|fiables?|vaut[ -]il)\b/,
    de: /\b(bewertung(en)?|erfahrung(en)?|test)\b/,
    es: /\b(opiniones|resenas?|valoraciones?)\b/,
  },
  'pros-cons': {
    en: /\b(pros and cons|advantages|disadvantages|benefits and drawbacks|downsides?)\b/,
    fr: /\b(avantages|inconvenients|pour et contre)\b/,
    de: /\b(vor- und nachteile|vorteile|nachteile)\b/,
    es: /\b(ventajas|desventajas|pros y contras)\b/,
  },
  definition: {
    en: /^(what('?s| is| are)|define|definition of|meaning of)\b|\b(what does .+ mean)\b/,
    fr: /^(qu'?est[ -]ce qu|c'est quoi|definition|que (veut dire|signifie))|\b(c'est quoi)\b/,
    de: /^(was (ist|sind|bedeutet)|definition)\b/,
    es: /^(que (es|son|significa)|definicion)\b/,
  },
  duration: {
    en: /\b(how long|how soon|how fast|when (will|does|do|can)|delivery time|shipping time|lead time|lifespan)\b/,
    fr: /\b(combien de temps|delais?|quand|duree)\b/,
    de: /\b(wie lange|lieferzeit|dauer)\b/,
    es: /\b(cuanto tiempo|plazo|cuando)\b/,
  },
  terms: {
    en: /\b(shipping|delivery|deliver|returns?|refunds?|warrant(y|ies)|guarantee|exchange|cancel(lation)?|policy|terms)\b/,
    fr: /\b(livraison|livrer|retours?|remboursements?|garanties?|echange|resiliation|conditions)\b/,
    de: /\b(versand|lieferung|ruckgabe|garantie|gewahrleistung)\b/,
    es: /\b(envios?|entrega|devoluci(on|ones)|garantia|reembolso)\b/,
  },
  location: {
    en: /\b(near me|where (to|can i) buy|stores?|stockists?|retailers?|dealers?|opening hours|showroom|in stock)\b/,
    fr: /\b(ou acheter|pres de chez moi|magasins?|revendeurs?|horaires|boutiques?)\b/,
    de: /\b(in der nahe|wo kaufen|handler|offnungszeiten)\b/,
    es: /\b(cerca de mi|donde comprar|tiendas?|horarios?)\b/,
  },
  requirements: {
    en: /\b(requirements?|compatib(le|ility)|work with|works with|supported|need (a|an|to)|prerequisites?|specs?|specifications)\b/,
    fr: /\b(prerequis|compatibles?|compatibilite|configuration requise|fonctionne avec)\b/,
    de: /\b(voraussetzungen|kompatibel|anforderungen)\b/,
    es: /\b(requisitos|compatibles?)\b/,
  },
  trial: {
    en: /\b(free trial|trial|demo|test drive|book a call|contact sales)\b/,
    fr: /\b(essai gratuit|essai|demo|demonstration)\b/,
    de: /\b(testversion|demo|probe)\b/,
    es: /\b(prueba gratuita|demo)\b/,
  },
  list: {
    en: /\b(signs?|symptoms?|causes?|types?|kinds?|ideas?|tips|ways|examples?|reasons|mistakes|checklist|features)\b|\bhow (do i|do you|to|can i|can you) (know|tell)\b/,
    fr: /\b(signes?|symptomes?|causes?|types?|idees?|conseils|astuces|raisons|exemples?|erreurs)\b/,
    de: /\b(anzeichen|ursachen|arten|tipps|ideen)\b/,
    es: /\b(senales|sintomas|causas|tipos|ideas|consejos)\b/,
  },
  explanation: {
    en: /^(why|how (does|is|are)|how do (?!(i|you|we)\b)|what (causes|happens))\b/,
    fr: /^(pourquoi|comment (fonctionne|marche)|a quoi sert)\b/,
    de: /^(warum|wieso|wie funktioniert)\b/,
    es: /^(por que|como funciona)\b/,
  },
  'yes-no': {
    en: /^(is|are|does|do|can|will|should|has|have)\b/,
    fr: /^(est[ -]ce qu|est[ -]il|est[ -]elle|peut[ -]on|faut[ -]il|y a[ -]t[ -]il)\b/,
    de: /^(ist|sind|kann|gibt es)\b/,
    es: /^(es|puedo|hay)\b/,
  },
};

/** Joins the two sides of "A vs B", "difference between A and B", "A ou B". */
const VERSUS_SPLIT: Partial<Record<string, RegExp>> = {
  en: /^(?:what(?:'s| is) the )?(?:differences? between|compare)\s+(.+?)\s+(?:and|with|to)\s+(.+)$|^(.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(.+)$/,
  fr: /^(?:quelle est la )?differences? entre\s+(.+?)\s+et\s+(.+)$|^(.+?)\s+(?:vs\.?|versus|contre)\s+(.+)$/,
  de: /^unterschied zwischen\s+(.+?)\s+und\s+(.+)$|^(.+?)\s+(?:vs\.?|versus)\s+(.+)$/,
  es: /^diferencia entre\s+(.+?)\s+y\s+(.+)$|^(.+?)\s+(?:vs\.?|versus)\s+(.+)$/,
};

/** Leading words that are not part of a compared name ("a smart valve" → "smart valve"). */
const ARTICLES = /^(?:the|a|an|le|la|les|l'|un|une|des|der|die|das|ein|eine|el|los|las|un|una)\s+/;

export interface QuestionIntent {
  /** Shapes the question expects, strongest first; empty for a generic question. */
  shapes: AnswerShape[];
  /** The two compared sides of "A vs B" (folded text), when the question has them. */
  versus: [string, string] | null;
  /** Subject of "what is X" (folded), when the question has one. */
  subject: string | null;
}

/** Reads the shapes a question expects. `lang` decides which cue list applies; unknown → English cues. */
export function questionIntent(text: string, lang: string | null | undefined): QuestionIntent {
  const folded = foldText(text).replace(/[?!.]+\s*$/, '').replace(/\s+/g, ' ').trim();
  const primary = primaryLanguage(lang);
  const key = primary && CUES.price[primary] ? primary : 'en';
  const has = (shape: AnswerShape) => CUES[shape][key]?.test(folded) ?? false;

  let versus: [string, string] | null = null;
  const split = VERSUS_SPLIT[key]?.exec(folded);
  if (split) {
    const a = cleanSide(split[1] ?? split[3] ?? '');
    const b = cleanSide(split[2] ?? split[4] ?? '');
    if (a && b) versus = [a, b];
  }

  const shapes: AnswerShape[] = [];
  const add = (s: AnswerShape) => {
    if (!shapes.includes(s)) shapes.push(s);
  };
  // Order matters: the more specific shape comes first and decides the fit.
  if (versus) add('versus');
  if (has('pros-cons')) add('pros-cons');
  if (has('alternatives')) add('alternatives');
  if (has('reviews')) add('reviews');
  const list = has('list');
  if (has('definition') && !versus && !list) add('definition');
  if (has('price')) add('price');
  if (has('duration')) add('duration');
  if (has('steps') && !has('explanation') && !list) add('steps');
  if (has('trial')) add('trial');
  if (has('location')) add('location');
  if (has('requirements')) add('requirements');
  if (has('terms') && !shapes.includes('price') && !shapes.includes('duration')) add('terms');
  if (has('ranking') && !versus && !shapes.includes('alternatives')) add('ranking');
  if (list) add('list');
  if (has('explanation')) add('explanation');
  if (!shapes.length && has('yes-no')) add('yes-no');

  let subject: string | null = null;
  if (shapes.includes('definition')) {
    const m = /^(?:what(?:'s| is| are)|define|definition of|meaning of|qu'?est[ -]ce qu(?:e|'?)|c'est quoi|was (?:ist|sind)|que (?:es|son))\s*(.+)$/.exec(folded);
    subject = m ? cleanSide(m[1]) || null : null;
  }
  return { shapes, versus, subject };
}

function cleanSide(s: string): string {
  return s.replace(/^(?:what(?:'s| is) the )/, '').replace(ARTICLES, '').replace(/[?!.,;:]+$/, '').trim();
}
