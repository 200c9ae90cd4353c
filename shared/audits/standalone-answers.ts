import type { AuditItem, Passage } from '../schemas/index.ts';
import { defineAudit, notApplicable } from './types.ts';

const UIStrings = {
  title: 'Answers stand alone when quoted',
  failureTitle: 'Some answers do not stand alone when quoted',
  description:
    'An answer engine quotes one passage, without what comes before it. A passage that opens with "as mentioned above" or an unnamed "it", or that answers its question only after a preamble, loses its meaning or its answer when quoted. Name the subject and lead with the answer.',
  backReference: 'Opens by referring back to earlier text; quoted alone, it says nothing.',
  noSubject: 'Answers a question but opens with a pronoun instead of naming its subject.',
  preamble: 'Opens with a preamble instead of the answer.',
  longLead: (words: number) => `The first sentence runs ${words} words before the answer can end; lead with a short, direct answer.`,
};

/** Phrases that point back to earlier text, per language (at the start of a passage). */
const BACK_REFERENCE = [
  /^(as (mentioned|noted|discussed|explained|described|shown|stated|said) (above|before|earlier|previously)|see above|as we (saw|said|mentioned|discussed)|as you (saw|read) above|like we said|the above)\b/i,
  /^(comme (indiqué|mentionné|expliqué|vu) (plus haut|ci-dessus|précédemment)|voir ci-dessus)/i, // fr
  /^(wie (oben|bereits) (erwähnt|beschrieben|erklärt|gesagt)|siehe oben)/i, // de
  /^(como (se )?(mencionó|mencionamos|indicamos|vimos|dijimos) (arriba|antes|anteriormente)|ver arriba)/i, // es
  /^(așa cum (am menționat|am spus|am văzut)|după cum (am menționat|s-a menționat)|vezi mai sus)/i, // ro
];
/** Openers that delay the answer. */
const PREAMBLE = [
  /^(great|good|excellent) question\b|^(in this (article|post|guide|section|blog)|before (we|you) (dive|start|begin|answer)|let'?s (start|begin|take a look|dive)|have you ever (wondered|asked)|you (may|might) (be wondering|wonder|ask)|when it comes to|if you'?re (wondering|asking)|wondering (how|what|why))/i,
  /^(dans cet article|avant de commencer|bonne question)/i, // fr
  /^(in diesem (artikel|beitrag)|gute frage|bevor wir)/i, // de
  /^(en este (artículo|post)|buena pregunta|antes de empezar)/i, // es
  /^(în acest articol|bună întrebare|înainte de a începe)/i, // ro
];
/** A bare pronoun opening: the subject is not named. */
const PRONOUN_OPENING = /^(it|this|that|these|those|they|ce|cela|il|elle|ils|es|das|dies|sie|esto|eso|ello|acesta|aceasta|ea|el)\b/i;
/** A heading asking a question: its passage is the answer an engine would quote. */
const QUESTION_HEADING = /\?\s*$|^(what|why|how|when|where|which|who|can|does|do|is|are|should|qu'|que|quel|pourquoi|comment|was|warum|wie|wann|welche|qué|por qué|cómo|cuál|ce|de ce|cum|când|care)\b/i;
/** First sentences longer than this delay the answer. */
const LONG_LEAD_WORDS = 45;
/** Passages shorter than this are captions or fragments, not answers. */
const MIN_WORDS = 15;

function firstSentence(text: string): string {
  return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}

function problemOf(p: Passage): string | null {
  const text = p.text.trim();
  if (BACK_REFERENCE.some((re) => re.test(text))) return UIStrings.backReference;
  const isAnswer = p.heading !== null && QUESTION_HEADING.test(p.heading.trim());
  if (!isAnswer) return null;
  if (PREAMBLE.some((re) => re.test(text))) return UIStrings.preamble;
  if (PRONOUN_OPENING.test(text)) return UIStrings.noSubject;
  const lead = firstSentence(text).split(/\s+/).length;
  if (lead > LONG_LEAD_WORDS) return UIStrings.longLead(lead);
  return null;
}

export default defineAudit({
  meta: { id: 'standalone-answers', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'answer-engines', requires: ['passages'] },
  run(a) {
    const checked = a.passages.filter((p) => p.wordCount >= MIN_WORDS);
    if (checked.length === 0) return notApplicable('No passage long enough to be quoted as an answer.');
    const items: AuditItem[] = [];
    for (const p of checked) {
      const problem = problemOf(p);
      if (problem) items.push({ passage: p.id, heading: p.heading ?? '', opening: p.text.slice(0, 120), problem });
    }
    return { score: 1 - items.length / checked.length, items: items.slice(0, 50) };
  },
});
