/**
 * Built-in personas for the prospects that personas built from the typical buyer forget: a blind
 * person using a screen reader, someone on a slow phone, someone reading in a second language.
 * A question tagged with one is scored with that persona's usability of the answering page as a
 * factor of its own, explained in the answer's notes.
 */
import type { AuditResult, PageArtifacts, Passage, PageResult } from '../schemas/index.ts';
import { readingLevel } from './readability.ts';

export const BUILT_IN_PERSONAS = ['screen-reader', 'slow-mobile', 'second-language'] as const;
export type BuiltInPersona = (typeof BUILT_IN_PERSONAS)[number];

export const PERSONA_LABELS: Record<BuiltInPersona, string> = {
  'screen-reader': 'screen-reader users',
  'slow-mobile': 'mobile prospects on slow networks',
  'second-language': 'second-language readers',
};

export function builtInPersona(persona: string | null | undefined): BuiltInPersona | null {
  return (BUILT_IN_PERSONAS as readonly string[]).includes(persona ?? '') ? (persona as BuiltInPersona) : null;
}

/**
 * Share of a question's visibility its persona loses on a page it cannot use at all (usability 0):
 * the prospect finds the answer and cannot read it. A prior (no data to fit it on), like the
 * contact factor; each finding says what it cost.
 */
export const PERSONA_SHARE = 0.3;

export function personaFactor(usability: number): number {
  return 1 - PERSONA_SHARE * (1 - Math.min(1, Math.max(0, usability)));
}

/** Thresholds, from the sources each names. */
export const THRESHOLDS = {
  /** Flesch reading ease ≥ 60 is "plain English" (Flesch 1949); ≤ 30 "very difficult", graduate level. */
  easyReading: 60,
  hardReading: 30,
  /** Lighthouse flags total page weight over 1.6 MB (its total-byte-weight audit passes under ~1.6 MB); 5 MB and over is the poorest. */
  lightBytes: 1_600_000,
  heavyBytes: 5_000_000,
  /** HTML alone (no subresources): 100 KB is a light document, 1 MB a very heavy one. */
  lightHtml: 100_000,
  heavyHtml: 1_000_000,
};

export interface PersonaCheck {
  /** Stable id of the check ('image-alt', 'unlabeled-controls', 'lighthouse-accessibility', 'reading-ease', …). */
  check: string;
  /** 0..1 */
  score: number;
  weight: number;
  /** Why, in words a marketer reads; present when score < 1. */
  message?: string;
}

export interface PersonaUsability {
  persona: BuiltInPersona;
  /** 0..1: weighted mean of the checks; 1 when none applies. */
  usability: number;
  checks: PersonaCheck[];
}

export interface PersonaInput {
  artifacts: PageArtifacts;
  page: PageResult;
  passage: Passage;
}

const audit = (audits: readonly AuditResult[], id: string) => audits.find((a) => a.id === id);
/** Linear from 1 at `good` to 0 at `bad` (either direction). */
function ramp(value: number, good: number, bad: number): number {
  const t = (value - good) / (bad - good);
  return Math.min(1, Math.max(0, 1 - t));
}
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

function screenReader({ artifacts, page, passage }: PersonaInput): PersonaCheck[] {
  const checks: PersonaCheck[] = [];
  // Images of the answering passage, not of the whole page: a logo without alt in the footer does not
  // stop a screen-reader user from hearing the answer; a diagram without alt inside it does.
  if (passage.images > 0) {
    const missing = passage.imagesWithoutAlt.length;
    const srcs = passage.imagesWithoutAlt.slice(0, 2).join(', ');
    checks.push({
      check: 'image-alt',
      weight: 2,
      score: 1 - Math.min(missing, passage.images) / passage.images,
      message: missing ? `${missing} of ${passage.images} images in the answering passage have no text alternative (${srcs})` : undefined,
    });
  }
  const u = artifacts.usability;
  if (u.controls > 0) {
    const n = u.unlabeledControls.length;
    const which = u.unlabeledControls.slice(0, 2).map((c) => `<${c.tag}${c.type ? ` type=${c.type}` : ''}${c.name ? ` name=${c.name}` : ''}>`).join(', ');
    checks.push({ check: 'unlabeled-controls', weight: 2, score: 1 - n / u.controls, message: n ? `${n} of ${u.controls} form controls or buttons have no label a screen reader can say (${which})` : undefined });
  }
  checks.push({ check: 'lang', weight: 1, score: artifacts.htmlLang ? 1 : 0, message: artifacts.htmlLang ? undefined : 'no <html lang>: the screen reader may read the page in the wrong voice' });
  const order = audit(page.audits, 'heading-order');
  const headed = passage.heading !== null;
  const headingScore = (headed ? 1 : 0.5) * (order?.score === 0 ? 0.5 : 1);
  checks.push({
    check: 'headings',
    weight: 1,
    score: headingScore,
    message: headingScore < 1 ? [headed ? '' : 'the answer sits under no heading to jump to', order?.score === 0 ? 'heading levels skip' : ''].filter(Boolean).join('; ') : undefined,
  });
  const lh = page.lighthouse ?? artifacts.lighthouse;
  if (lh?.accessibility != null) {
    const where = lh.inheritedFrom ? ` (measured on ${lh.inheritedFrom}, same template)` : '';
    const failures = lh.accessibilityFailures ?? [];
    const failed = failures.length ? `; failed: ${failures.slice(0, 5).join(', ')}` : '';
    checks.push({ check: 'lighthouse-accessibility', weight: 3, score: lh.accessibility, message: lh.accessibility < 0.9 ? `Lighthouse accessibility ${Math.round(lh.accessibility * 100)}${where}${failed}` : undefined });
    // Contrast needs the rendered page (computed colours over backgrounds): only Lighthouse's axe run measures it,
    // so it is a finding of its own when that run failed it, and no check at all without --lighthouse.
    const contrast = failures.includes('color-contrast');
    checks.push({ check: 'contrast', weight: 1, score: contrast ? 0 : 1, message: contrast ? `text without enough contrast against its background (Lighthouse color-contrast)${where}` : undefined });
  }
  return checks;
}

function slowMobile({ artifacts, page }: PersonaInput): PersonaCheck[] {
  const checks: PersonaCheck[] = [];
  const lh = page.lighthouse ?? artifacts.lighthouse;
  const where = lh?.inheritedFrom ? ` (measured on ${lh.inheritedFrom}, same template)` : '';
  if (lh?.performance != null) {
    checks.push({ check: 'lighthouse-performance', weight: 3, score: lh.performance, message: lh.performance < 0.9 ? `Lighthouse mobile performance ${Math.round(lh.performance * 100)}${where}` : undefined });
  }
  if (lh?.totalBytes != null) {
    const s = ramp(lh.totalBytes, THRESHOLDS.lightBytes, THRESHOLDS.heavyBytes);
    checks.push({ check: 'page-weight', weight: 2, score: s, message: s < 1 ? `the page loads ${kb(lh.totalBytes)} in all${where}` : undefined });
  } else if (artifacts.usability.htmlBytes > 0) {
    const bytes = artifacts.usability.htmlBytes;
    const s = ramp(bytes, THRESHOLDS.lightHtml, THRESHOLDS.heavyHtml);
    checks.push({ check: 'html-weight', weight: 2, score: s, message: s < 1 ? `the HTML alone weighs ${kb(bytes)} (images and scripts not counted: run --lighthouse for the whole page)` : undefined });
  }
  const viewport = audit(page.audits, 'viewport');
  if (viewport && viewport.score !== null) checks.push({ check: 'viewport', weight: 1, score: viewport.score, message: viewport.score < 1 ? 'no mobile viewport: the page renders as a shrunken desktop page' : undefined });
  return checks;
}

function secondLanguage({ artifacts, passage }: PersonaInput): PersonaCheck[] {
  const level = readingLevel(passage.text, artifacts.lang);
  if (!level) return [];
  const s = ramp(level.ease, THRESHOLDS.easyReading, THRESHOLDS.hardReading);
  return [
    {
      check: 'reading-ease',
      weight: 1,
      score: s,
      message:
        s < 1
          ? `the answering passage reads hard: reading ease ${Math.round(level.ease)} (${level.lang}, ${level.formula}; ${level.wordsPerSentence} words a sentence, ${level.syllablesPerWord} syllables a word)`
          : undefined,
    },
  ];
}

const CHECKS: Record<BuiltInPersona, (input: PersonaInput) => PersonaCheck[]> = {
  'screen-reader': screenReader,
  'slow-mobile': slowMobile,
  'second-language': secondLanguage,
};

export function personaUsability(persona: BuiltInPersona, input: PersonaInput): PersonaUsability {
  const checks = CHECKS[persona](input);
  const total = checks.reduce((sum, c) => sum + c.weight, 0);
  const usability = total > 0 ? checks.reduce((sum, c) => sum + c.weight * c.score, 0) / total : 1;
  return { persona, usability: Math.round(usability * 1000) / 1000, checks };
}
