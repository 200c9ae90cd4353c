/**
 * Directness: the answer sits right under a heading that matches the question, near the top of
 * the page, in a passage of a readable length. Buried or diluted answers are not found by readers
 * (nor quoted by search engines).
 */
import type { Passage } from '../schemas/index.ts';
import { formatCount, note, type ScoreNote } from './notes.ts';

/** Word offset below which an answer counts as buried (the figure the report quotes). */
export const BURIED_AFTER_WORDS = 1200;
/** Word offset up to which an answer is "near the top". */
export const NEAR_TOP_WORDS = 300;
const LONG_PASSAGE_WORDS = 600;
const THIN_PASSAGE_WORDS = 12;

const NOTES = {
  buried: (offset: number) => `answer buried below ${formatCount(BURIED_AFTER_WORDS)} words (starts at word ${formatCount(offset)})`,
  deep: (offset: number) => `answer starts at word ${formatCount(offset)}`,
  noHeading: 'the answer has no heading of its own',
  headingMismatch: (heading: string) => `no heading matches the question: the answer sits under "${heading}"`,
  long: (words: number) => `answer spread over ${formatCount(words)} words without a sub-heading`,
  thin: (words: number) => `answer is only ${words} words`,
  pointsElsewhere: (links: number) => `the passage points to other pages (${links} links) rather than answering`,
};

export interface DirectnessInput {
  passage: Passage;
  /** 0..1: how well the headings over the answer match the question's distinctive words. */
  headingMatch: number;
  /** Share of the passage's words that are titles of links to other pages, and how many. */
  linkShare?: number;
  links?: number;
}

export function directnessOf({ passage, headingMatch, linkShare = 0, links = 0 }: DirectnessInput): { directness: number; linkFactor: number; notes: ScoreNote[] } {
  const notes: ScoreNote[] = [];
  const match = headingMatch;
  const headingFactor = 0.4 + 0.6 * match;
  if (match < 0.5) {
    const text = passage.heading ? NOTES.headingMismatch(clip(passage.heading)) : NOTES.noHeading;
    notes.push(note('directness', text, headingFactor));
  }

  let depthFactor = 1;
  const offset = passage.wordOffset;
  if (offset > BURIED_AFTER_WORDS) {
    depthFactor = 0.5;
    notes.push(note('directness', NOTES.buried(offset), depthFactor));
  } else if (offset > NEAR_TOP_WORDS) {
    depthFactor = 1 - (0.2 * (offset - NEAR_TOP_WORDS)) / (BURIED_AFTER_WORDS - NEAR_TOP_WORDS);
    if (depthFactor < 0.9) notes.push(note('directness', NOTES.deep(offset), depthFactor));
  }

  let lengthFactor = 1;
  if (passage.wordCount > LONG_PASSAGE_WORDS) {
    lengthFactor = 0.85;
    notes.push(note('directness', NOTES.long(passage.wordCount), lengthFactor));
  } else if (passage.wordCount < THIN_PASSAGE_WORDS) {
    lengthFactor = 0.8;
    notes.push(note('directness', NOTES.thin(passage.wordCount), lengthFactor));
  }
  // A list of links to the guides that answer is a signpost: the reader still has to click.
  let linkFactor = 1;
  if ((links >= 3 && linkShare >= 0.15) || (links >= 2 && linkShare >= 0.3)) {
    linkFactor = 0.6;
    notes.push(note('directness', NOTES.pointsElsewhere(links), linkFactor));
  }
  return { directness: headingFactor * depthFactor * lengthFactor * linkFactor, linkFactor, notes };
}

function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
