/** English: everything ZMOT Lens knows about the language (see shared/lang/types.ts). */
import { eng } from 'stopword';
import { none, type LanguagePack } from '../types.ts';
import { ENGLISH_LEXICON } from './lexicon.ts';

export const ENGLISH: LanguagePack = {
  code: 'en',
  name: 'English',
  nativeName: 'English',
  lexicon: ENGLISH_LEXICON,
  stopwords: eng,
  extraStopwords: ['vs', 'versus', 'does', 'do', 'can', 'get', 'much', 'many', 'need', 'one', 'ones', 'offer', 'offers', 'provide', 'know', 'why', 'how', 'what', 'which', 'when', 'where', 'who', 'whats', 'so', 'very', 'really', 'actually', 'just', 'still', 'usually', 'already', 'even', 'ever', 'always', 'anyone', 'anybody', 'someone', 'somebody', 'everyone', 'everybody', 'nobody', 'something', 'anything', 'everything', 'nothing', 'thing', 'things', 'lot', 'lots', 'want', 'wants', 'like', 'would', 'could', 'should', 'might'],
  snowball: 'english',
  normalize: (text) => text,
  wordForms: englishWordForms,
  detection: {
    queryWords: `how what why when where who which whats best buy cheap price prices cost much many does is are the of and for with to reviews review meaning symptoms definition shipping delivery deals near me way ways ideas tips fix repair rent hire quote should can my your get make do it in on`,
    singleLetterWords: ['a', 'i'],
    accentedWords: none('English writes no accented function words'),
    letterHints: none('every letter English uses is common to the other packs'),
  },
  templates: [
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
  // Lighthouse's list.
  linkTexts: { texts: ['click here', 'click this', 'go', 'here', 'information', 'learn more', 'more', 'more info', 'more information', 'right here', 'read more', 'see more', 'start', 'this'], lighthouse: true },
  synonyms: [
    ['cost', 'costs', 'price', 'prices', 'pricing', 'priced', 'plan', 'plans', 'fee', 'fees', 'subscription', 'charge', 'charges', 'rate', 'rates'],
    ['monthly', 'month', 'months', 'mo'],
    ['buy', 'purchase', 'order', 'subscribe', 'signup'],
    ['shipping', 'shipped', 'ship', 'delivery', 'deliver', 'delivered'],
    ['return', 'returns', 'refund', 'refunds'],
    ['warranty', 'guarantee'],
    ['install', 'installation', 'installing', 'setup', 'configure', 'onboarding'],
    ['review', 'reviews', 'rating', 'ratings', 'testimonial', 'testimonials'],
    ['trial', 'demo', 'demonstration'],
    ['photo', 'photos', 'photograph', 'photographs', 'photographed', 'picture', 'pictures', 'image', 'images'],
    ['cancel', 'cancellation', 'contract', 'commitment'],
    ['support', 'help', 'helpdesk', 'assistance'],
    ['secure', 'security', 'encrypted', 'encryption', 'privacy'],
    ['integrate', 'integration', 'integrations', 'connect', 'connection', 'sync'],
    ['cheap', 'cheaper', 'cheapest', 'affordable', 'inexpensive'],
    ['accurate', 'accuracy', 'reliable', 'reliably', 'reliability'],
    ['requirement', 'requirements', 'compatible', 'compatibility'],
    ['alternative', 'alternatives', 'competitor', 'competitors'],
    ['difference', 'differences', 'compare', 'comparison', 'comparisons'],
    ['pros', 'advantages', 'benefits'],
    ['cons', 'disadvantages', 'drawbacks'],
  ],
  answerCues: {
    price: /\b(how much|costs?|costing|prices?|pricing|priced|fees?|subscriptions?|cheap(est)?|expensive|afford(able)?|quote)\b/,
    steps: /\b(how (to|do i|do you|can i|should i)|steps? (to|for)|install(ing|ation)?|set ?up|setting up|configure|connect|replace|fix|mount|tutorial)\b/,
    versus: /\b(vs\.?|versus|compared? (to|with)|differences? between)\b/,
    ranking: /\b(best|top( \d+)?|which|recommended|leading|most (reliable|popular)|ranking|compare|comparison)\b/,
    alternatives: /\b(alternatives?|competitors?|similar to|instead of)\b/,
    reviews: /\b(reviews?|ratings?|rated|opinions?|testimonials?|worth it|any good|reliable|legit)\b/,
    'pros-cons': /\b(pros and cons|advantages|disadvantages|benefits and drawbacks|downsides?)\b/,
    definition: /^(what('?s| is| are)|define|definition of|meaning of)\b|\b(what does .+ mean)\b/,
    duration: /\b(how long|how soon|how fast|when (will|does|do|can)|delivery time|shipping time|lead time|lifespan)\b/,
    terms: /\b(shipping|delivery|deliver|returns?|refunds?|warrant(y|ies)|guarantee|exchange|cancel(lation)?|policy|terms)\b/,
    location: /\b(near me|where (to|can i) buy|stores?|stockists?|retailers?|dealers?|opening hours|showroom|in stock)\b/,
    requirements: /\b(requirements?|compatib(le|ility)|work with|works with|supported|need (a|an|to)|prerequisites?|specs?|specifications)\b/,
    trial: /\b(free trial|trial|demo|test drive|book a call|contact sales)\b/,
    list: /\b(signs?|symptoms?|causes?|types?|kinds?|ideas?|tips|ways|examples?|reasons|mistakes|checklist|features)\b|\bhow (do i|do you|to|can i|can you) (know|tell)\b/,
    explanation: /^(why|how (does|is|are)|how do (?!(i|you|we)\b)|what (causes|happens))\b/,
    'yes-no': /^(is|are|does|do|can|will|should|has|have)\b/,
  },
  versusSplit: /^(?:what(?:'s| is) the )?(?:differences? between|compare)\s+(.+?)\s+(?:and|with|to)\s+(.+)$|^(.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(.+)$/,
  definition: /\b(is|are) (a|an|the|any|one|what|when)\b|\b(refers to|means|is defined as|is short for|describes)\b/,
  promoPhrases: String.raw`buy (it )?now|order (it )?(now|today)|shop now|add to (cart|basket)|limited[- ]time( offer)?|special offer|exclusive (offer|deal)|don'?t miss|act now|hurry|best[- ]in[- ]class|award[- ]winning|number one|world'?s (best|leading|first|most)|industry[- ]leading|market[- ]leading|revolutionary|cutting[- ]edge|game[- ]chang\w+|unbeatable|unmatched|unrivall?ed|best[- ]selling|bestsellers?|state[- ]of[- ]the[- ]art|risk[- ]free|free shipping|save (up to )?\d+|\d+ ?% off|promo code|coupon|sign up today|get yours|join (thousands|millions)|trusted by (thousands|millions)|peace of mind`,
};

/**
 * Phrasal verbs that English also writes as one word: "set up" / "setup", "sign up" / "signup", "log in" /
 * "login", also split by their object ("set Zera Books up", up to three words that are not a preposition,
 * conjunction or article). Only these pairs: "set in", "sign on" or "check out" mean other things.
 */
const PHRASAL_VERBS = /\b(set|sets|setting|sign|signs|signing|signed|log|logs|logging|logged)((?:\s+(?!(?:of|to|for|a|an|and|or|but|in|on|at|with|by|from|up|into)\b)[\p{L}\p{N}]+){0,3}?)\s+(up|in)\b/gu;
const PHRASAL_JOINED: Record<string, Record<string, string>> = { set: { up: 'setup' }, sign: { up: 'signup', in: 'signin' }, log: { in: 'login' } };
const PHRASAL_BASE: Record<string, string> = { sets: 'set', setting: 'set', signs: 'sign', signing: 'sign', signed: 'sign', logs: 'log', logging: 'log', logged: 'log' };

/**
 * English word forms (see LanguagePack.wordForms): "x-free" is about x (its absence), not about something
 * costing nothing; a phrasal verb is one word however it is written.
 */
function englishWordForms(text: string): string {
  // Each rewrite runs only on text that holds its word: most text holds neither, and the regexes cost.
  let out = text.includes('free') ? text.replace(/([\p{L}\p{N}]+)[-\u2010\u2011]free\b/gu, '$1') : text;
  if (out.includes('set') || out.includes('sign') || out.includes('log')) {
    out = out.replace(PHRASAL_VERBS, (whole, verb: string, between: string, particle: string) => {
      const joined = PHRASAL_JOINED[PHRASAL_BASE[verb] ?? verb]?.[particle];
      return joined ? `${joined}${between}` : whole;
    });
  }
  return out;
}
