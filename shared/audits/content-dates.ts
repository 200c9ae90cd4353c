import { defineAudit, notApplicable } from './types.ts';
import { MIN_ARTICLE_WORDS } from './author-byline.ts';

const UIStrings = {
  title: 'Says when it was published or updated',
  failureTitle: 'Does not say when it was published or updated',
  description:
    'A date (schema.org `datePublished`/`dateModified`, `article:published_time`, a `<time>` in the byline, "Updated on …") tells a prospect the advice is current and that someone keeps it so.',
  short: (n: number) => `Not an article: ${n} words of main content.`,
  none: 'No published or updated date in the markup, the meta tags or the text.',
};

export default defineAudit({
  meta: { id: 'content-dates', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'people', requires: ['humanSignals', 'wordCount'] },
  run(a) {
    if (a.wordCount < MIN_ARTICLE_WORDS) return notApplicable(UIStrings.short(a.wordCount));
    const dates = a.humanSignals.dates;
    if (!dates.length) return { score: 0, explanation: UIStrings.none, items: [{ problem: 'no date', lookedFor: 'datePublished/dateModified, article:published_time, <time datetime>, "Updated on …"' }] };
    const latest = dates.find((d) => d.kind === 'modified') ?? dates[0];
    return { score: 1, displayValue: `${latest.kind} ${latest.value}`, items: dates.map((d) => ({ kind: d.kind, value: d.value, source: d.source })) };
  },
});
