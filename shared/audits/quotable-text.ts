import { robotsHeadersFor, robotsMetaFor } from './lib/robots.ts';
import type { AuditItem, PageArtifacts } from '../schemas/index.ts';
import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Search and answer engines may quote the page’s text',
  failureTitle: 'Search and answer engines may not quote the page’s answers',
  description:
    'AI Overviews and other answer engines quote only text a snippet may show. `nosnippet`, `max-snippet:0` (meta or X-Robots-Tag), `data-nosnippet` around the answer, text that exists only in images or only after scripts run: each keeps the answer out of AI answers even when the page ranks.',
  nosnippet: (where: string) => `${where} says nosnippet: no snippet, featured snippet or AI answer may quote the page.`,
  maxSnippetZero: (where: string) => `${where} sets max-snippet:0: nothing of the page may be quoted.`,
  maxSnippetShort: (where: string, n: number) => `${where} sets max-snippet:${n}: quotes are cut under ${SHORT_SNIPPET_CHARS} characters, too short for an answer.`,
  nosnippetRegion: (heading: string) => `The passage "${heading}" sits inside data-nosnippet: engines may not quote it.`,
  imagesOnly: (images: number) => `${images} image${images === 1 ? '' : 's'} but almost no text: an answer inside images cannot be quoted.`,
  scriptsOnly: 'The page’s text appears only after scripts run (empty app root, almost no text in the HTML): most answer-engine crawlers do not run scripts.',
};

/** A max-snippet under this many characters cannot carry a one-sentence answer. */
const SHORT_SNIPPET_CHARS = 50;
/** Below this many words of main text, a page with images or scripts holds its text elsewhere. */
const NEARLY_NO_TEXT_WORDS = 40;
/** Passages shorter than this are not checked against data-nosnippet (headings, captions). */
const MIN_PASSAGE_WORDS = 8;

/** Directive lists that apply to every engine or to Google, with where they were set. */
function snippetDirectives(a: Pick<PageArtifacts, 'robots'>): Array<{ where: string; directives: string[] }> {
  const out: Array<{ where: string; directives: string[] }> = [];
  for (const agent of [undefined, 'googlebot']) {
    const meta = robotsMetaFor(a.robots, agent);
    if (meta) out.push({ where: `<meta name="${meta.agent === 'all' ? 'robots' : meta.agent}">`, directives: meta.directives });
    for (const h of robotsHeadersFor(a.robots, agent)) out.push({ where: 'X-Robots-Tag', directives: h.directives });
  }
  return out;
}

export default defineAudit({
  meta: {
    id: 'quotable-text',
    title: UIStrings.title,
    failureTitle: UIStrings.failureTitle,
    description: UIStrings.description,
    group: 'answer-engines',
    requires: ['robots', 'passages', 'wordCount', 'images', 'snippetSignals', 'rendered'],
  },
  run(a) {
    const items: AuditItem[] = [];
    let score = 1;
    const seen = new Set<string>();
    for (const { where, directives } of snippetDirectives(a)) {
      for (const d of directives) {
        const key = `${where}|${d}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const max = /^max-snippet\s*:\s*(-?\d+)$/.exec(d);
        if (d === 'nosnippet') {
          score = 0;
          items.push({ problem: 'nosnippet', where, message: UIStrings.nosnippet(where) });
        } else if (max && Number(max[1]) === 0) {
          score = 0;
          items.push({ problem: 'max-snippet', where, value: 0, message: UIStrings.maxSnippetZero(where) });
        } else if (max && Number(max[1]) > 0 && Number(max[1]) < SHORT_SNIPPET_CHARS) {
          score = Math.min(score, 0.5);
          items.push({ problem: 'max-snippet', where, value: Number(max[1]), message: UIStrings.maxSnippetShort(where, Number(max[1])) });
        }
      }
    }

    const signals = a.snippetSignals;
    if (signals.nosnippetWords > 0) {
      const region = signals.nosnippetText;
      const checked = a.passages.filter((p) => p.wordCount >= MIN_PASSAGE_WORDS);
      const hidden = checked.filter((p) => region.includes(p.text.slice(0, 200)));
      const words = checked.reduce((sum, p) => sum + p.wordCount, 0);
      const hiddenWords = hidden.reduce((sum, p) => sum + p.wordCount, 0);
      if (words > 0 && hiddenWords > 0) score = Math.min(score, 1 - hiddenWords / words);
      for (const p of hidden.slice(0, 20)) {
        items.push({ problem: 'data-nosnippet', passage: p.id, heading: p.heading ?? '', words: p.wordCount, message: UIStrings.nosnippetRegion(p.heading ?? p.text.slice(0, 60)) });
      }
    }

    if (a.wordCount < NEARLY_NO_TEXT_WORDS) {
      const visibleImages = a.images.filter((i) => !i.hidden).length;
      if (!a.rendered && (signals.emptyAppRoot || signals.scripts >= 3)) {
        score = 0;
        items.push({ problem: 'scripts-only', words: a.wordCount, scripts: signals.scripts, message: UIStrings.scriptsOnly });
      } else if (visibleImages > 0) {
        score = 0;
        items.push({ problem: 'images-only', words: a.wordCount, images: visibleImages, message: UIStrings.imagesOnly(visibleImages) });
      }
    }
    return { score, items };
  },
});
