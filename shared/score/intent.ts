/**
 * What kind of answer a question wants (its "answer shape"): a price, ordered steps, a comparison of
 * two named things, a definition… Read from the question's words, in English and French, with the
 * common cases of German and Spanish; other languages get no shape (a generic answer is expected).
 */
import { foldText } from '../classify/query-text.ts';
import { languagePack, type AnswerShape } from '../lang/index.ts';
import { primaryLanguage } from './text.ts';

export type { AnswerShape };

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
  // Cue patterns per shape come from the question's language pack (every pack has every shape's cue);
  // a language without a pack reads the English ones.
  const pack = languagePack(primary) ?? languagePack('en')!;
  const has = (shape: AnswerShape) => pack.answerCues[shape].test(folded);

  let versus: [string, string] | null = null;
  const split = pack.versusSplit.exec(folded);
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
