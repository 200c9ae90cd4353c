/**
 * Page stage profile: how much a page serves each stage of the prospect's journey, from its
 * content, structure and structured data. A distribution (the three shares sum to 1), with the
 * signals that shaped it, so a report can say why a page counts as a comparison page.
 */
import type { PageArtifacts, StageProfile } from '../schemas/index.ts';
import { pageFeatures } from '../score/page-features.ts';
import { classifyQuery } from './query-stage.ts';
import { foldText } from './query-text.ts';

type FunnelStage = 'interest' | 'comparison' | 'purchase';

/** Signal labels as the report shows them; the stage is prefixed by `signal()`. */
const SIGNALS = {
  noContent: 'no main content',
  noSignal: 'no stage signal: evenly spread',
  title: (stage: string, words: string) => `title reads as ${stage === 'interest' ? 'an' : 'a'} ${stage} query (${words})`,
  articleMarkup: (type: string) => `${type} markup`,
  definition: 'definition near the top',
  questionHeadings: (n: number) => `${n} question headings`,
  longForm: (words: number) => `long-form text (${words} words)`,
  urlPath: (segment: string) => `URL path "${segment}"`,
  howToSteps: (n: number) => `how-to steps (${n})`,
  installSteps: (n: number) => `installation steps (${n})`,
  comparisonTable: (cols: number) => `comparison table (${cols} columns)`,
  featureTable: 'table of features or specifications',
  reviewMarkup: 'review markup',
  ratingOnProduct: 'rating on a product',
  prosCons: 'pros and cons',
  rankedSections: (n: number) => `${n} numbered sections (a roundup)`,
  itemList: 'ItemList markup',
  ratingText: 'ratings in the text',
  offerMarkup: (n: number) => `${n} Offer${n > 1 ? 's' : ''} in structured data`,
  prices: (n: number, first: string) => `${n} price${n > 1 ? 's' : ''} in the text (${first})`,
  callToAction: (words: string) => `call to action ("${words}")`,
  purchaseHeadings: (words: string) => `purchase headings (${words})`,
  localBusiness: 'local business with opening hours or address',
};

/** Prior added to each stage before normalising: weak evidence gives a soft, not a hard, profile. */
const PRIOR = 0.3;

const ARTICLE_TYPES = ['Article', 'BlogPosting', 'NewsArticle', 'TechArticle', 'HowTo', 'FAQPage', 'QAPage', 'Recipe', 'ScholarlyArticle', 'DefinedTerm'];
const INTEREST_PATH = /\/(blog|guides?|learn|articles?|resources|wiki|knowledge(-base)?|how-to|tutorials?|news|conseils|astuces|ratgeber|magazine|academy|glossary|lexique)(\/|$)/;
const COMPARISON_PATH = /\/(compare|comparison|comparatif|vergleich|comparativa|reviews?|avis|alternatives?|best-|top-\d+)|-vs-|\/vs\//;
const PURCHASE_PATH = /\/(pricing|prices?|prix|tarifs?|preise|precios|shop|store|boutique|products?|produits?|buy|cart|checkout|panier|plans|shipping|delivery|livraison|returns?|retours?|warranty|garantie|install(ation)?|setup|requirements|demo|trial|essai|quote|devis|order|commande)(\/|$|-)/;
/** "A slab leak is…", "Un détecteur de fuite est…": a subject then is/are within the first words of the page. */
const DEFINITION = /^[^.!?]{2,80}?\s(is|are|refers to|means|est|sont|designe|ist|sind|es|son)\s/;
const QUESTION_HEADING = /\?$|^(why|how|what|when|which|where|who|can|should|do|does|is|are|pourquoi|comment|quel|quelle|qu'est|est-ce|warum|wie|was|por que|como|que)\b/;
const INSTALL_WORDS = /\b(install|installation|installing|set ?up|mount|wire|connect|pair|installer|brancher|montage|installieren)\b/;
const FEATURE_HEADER = /\b(feature|features|spec|specs|specification|specifications|comparison|vs|versus|criteria|caracteristiques?|critere|criteres|merkmal|funktion)\b/;
const PROS_CONS = /\b(pros|cons|advantages|disadvantages|drawbacks|avantages|inconvenients|vorteile|nachteile|ventajas|desventajas)\b/;
const RANKED_HEADING = /^(#?\d{1,2}[.):]|\d{1,2}\s*[-–—]\s)/;
const RATING_TEXT = /(★|\b\d([.,]\d)? ?(\/|out of|sur) ?5\b|\brated \d)/g;
const CTA = /\b(add to (cart|basket)|buy now|buy it now|checkout|order now|subscribe now|get (a|your) quote|request a quote|book a demo|start (your )?free trial|contact sales|ajouter au panier|acheter maintenant|commander|demander un devis|in den warenkorb|jetzt kaufen|anadir al carrito|comprar ahora)\b/;
const PURCHASE_HEADING = /\b(pricing|prices?|plans?|shipping|delivery|returns?|refunds?|warranty|guarantee|installation|install|setup|set up|requirements|specifications|in stock|availability|free trial|demo|quote|order|checkout|prix|tarifs?|livraison|retours?|garantie|devis|commande|preise|versand|garantie|precios|envio)\b/;

/** Strips a site name appended to a title: "How to X | Brand" → "How to X". */
function titleCore(title: string | null): string {
  if (!title) return '';
  const parts = title.split(/\s+[|–—·•]\s+|\s+-\s+/);
  return parts.length > 1 ? parts.slice(0, -1).join(' ') : title;
}

export function pageStageProfile(a: PageArtifacts): StageProfile {
  if (!a.isHtml || a.status >= 400 || !a.passages.length) return { interest: 0, comparison: 0, purchase: 0, signals: [SIGNALS.noContent] };
  const f = pageFeatures(a);
  const points: Record<FunnelStage, number> = { interest: 0, comparison: 0, purchase: 0 };
  const signals: string[] = [];
  const signal = (stage: FunnelStage, weight: number, label: string) => {
    points[stage] += weight;
    signals.push(`${stage}: ${label}`);
  };
  const lang = a.lang ?? undefined;

  // What the page says it is: its title and H1 read as a query.
  const seenTitles = new Set<string>();
  for (const text of [titleCore(a.title), f.h1 ?? '']) {
    const t = text.trim();
    if (!t || seenTitles.has(t.toLowerCase())) continue;
    seenTitles.add(t.toLowerCase());
    const c = classifyQuery(t, { lang });
    if (c.stage === 'navigational') continue;
    const words = c.signals.filter((s) => s.stage === c.stage && s.source !== 'fallback').map((s) => s.signal);
    if (!words.length) continue;
    signal(c.stage, 2 * c.confidence, SIGNALS.title(c.stage, words.slice(0, 3).join(', ')));
  }

  let path = '';
  try {
    path = decodeURIComponent(new URL(a.url).pathname).toLowerCase();
  } catch {
    path = '';
  }

  // Interest: articles, definitions, questions, long explanations.
  const article = ARTICLE_TYPES.find((t) => f.types.has(t));
  if (article) signal('interest', article === 'HowTo' ? 1 : 1.5, SIGNALS.articleMarkup(article));
  const first = foldText(a.passages.slice(0, 2).map((p) => p.text).join(' ').slice(0, 400));
  if (a.passages[0] && a.passages[0].wordOffset <= 150 && DEFINITION.test(first)) signal('interest', 1, SIGNALS.definition);
  const questionHeadings = a.headings.filter((h) => h.level >= 2 && QUESTION_HEADING.test(foldText(h.text.trim()))).length;
  if (questionHeadings >= 2) signal('interest', Math.min(1.5, 0.5 * questionHeadings), SIGNALS.questionHeadings(questionHeadings));
  const prices = a.prices.filter((p) => p.source === 'text');
  if (a.wordCount >= 800 && prices.length <= 1) signal('interest', 1, SIGNALS.longForm(a.wordCount));
  else if (a.wordCount >= 400 && prices.length === 0) signal('interest', 0.5, SIGNALS.longForm(a.wordCount));
  const interestPath = INTEREST_PATH.exec(path);
  if (interestPath) signal('interest', 1, SIGNALS.urlPath(interestPath[1]));

  const steps = a.passages.reduce((n, p) => n + p.orderedSteps, 0);
  if (steps >= 3) {
    const stepHeadings = a.passages.filter((p) => p.orderedSteps >= 3).map((p) => foldText(`${p.heading ?? ''} ${a.title ?? ''}`)).join(' ');
    if (INSTALL_WORDS.test(stepHeadings)) signal('purchase', 1, SIGNALS.installSteps(steps));
    else signal('interest', 0.5, SIGNALS.howToSteps(steps));
  }

  // Comparison: tables across products, reviews, pros and cons, roundups.
  const wide = a.tables.filter((t) => t.columns >= 3 && t.rows >= 3);
  if (wide.length) signal('comparison', 1.5, SIGNALS.comparisonTable(Math.max(...wide.map((t) => t.columns))));
  if (a.tables.some((t) => t.columns >= 2 && FEATURE_HEADER.test(foldText(`${t.caption ?? ''} ${t.headers.join(' ')}`)))) signal('comparison', 0.5, SIGNALS.featureTable);
  const hasOffer = f.offers > 0;
  if (f.types.has('Review') && !hasOffer) signal('comparison', 1.5, SIGNALS.reviewMarkup);
  else if (f.hasReviewMarkup) signal('comparison', 0.5, SIGNALS.ratingOnProduct);
  const prosCons = a.headings.filter((h) => PROS_CONS.test(foldText(h.text))).length;
  if (prosCons >= 2 || (prosCons >= 1 && f.maxListItems >= 2)) signal('comparison', 1.5, SIGNALS.prosCons);
  const ranked = a.headings.filter((h) => h.level >= 2 && RANKED_HEADING.test(h.text.trim())).length;
  if (ranked >= 3) signal('comparison', 1, SIGNALS.rankedSections(ranked));
  if (f.types.has('ItemList')) signal('comparison', 1, SIGNALS.itemList);
  if ((f.text.match(RATING_TEXT) ?? []).length >= 2) signal('comparison', 0.5, SIGNALS.ratingText);
  const comparisonPath = COMPARISON_PATH.exec(path);
  if (comparisonPath) signal('comparison', 1, SIGNALS.urlPath(comparisonPath[0].replace(/\//g, '')));

  // Purchase: offers, prices, calls to action, logistics, local business.
  if (hasOffer) signal('purchase', 2, SIGNALS.offerMarkup(f.offers));
  if (prices.length) signal('purchase', prices.length >= 3 ? 1.5 : 1, SIGNALS.prices(prices.length, prices[0].raw));
  const cta = CTA.exec(f.text);
  if (cta) signal('purchase', 1, SIGNALS.callToAction(cta[0]));
  const purchaseHeadings = [...new Set(a.headings.filter((h) => h.level >= 2).flatMap((h) => PURCHASE_HEADING.exec(foldText(h.text))?.[0] ?? []))];
  if (purchaseHeadings.length) signal('purchase', Math.min(1, 0.5 * purchaseHeadings.length), SIGNALS.purchaseHeadings(purchaseHeadings.slice(0, 3).join(', ')));
  const purchasePath = PURCHASE_PATH.exec(path);
  if (purchasePath) signal('purchase', 1, SIGNALS.urlPath(purchasePath[1]));
  if (f.types.has('LocalBusiness') || f.types.has('Store') || f.types.has('OpeningHoursSpecification')) signal('purchase', 1.5, SIGNALS.localBusiness);

  const total = points.interest + points.comparison + points.purchase;
  if (total === 0) signals.push(SIGNALS.noSignal);
  const denom = total + 3 * PRIOR;
  const share = (s: FunnelStage) => Math.round(((points[s] + PRIOR) / denom) * 1000) / 1000;
  return { interest: share('interest'), comparison: share('comparison'), purchase: share('purchase'), signals };
}

/** The stage a page serves most, or null when no stage has at least `min` of the profile. */
export function dominantStage(profile: StageProfile, min = 0.4): FunnelStage | null {
  const entries: Array<[FunnelStage, number]> = [
    ['interest', profile.interest],
    ['comparison', profile.comparison],
    ['purchase', profile.purchase],
  ];
  entries.sort((x, y) => y[1] - x[1]);
  return entries[0][1] >= min && entries[0][1] > entries[1][1] ? entries[0][0] : null;
}
