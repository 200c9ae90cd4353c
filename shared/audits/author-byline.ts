import type { AuditItem } from '../schemas/index.ts';
import { defineAudit, notApplicable } from './types.ts';

const UIStrings = {
  title: 'Names the person who wrote it',
  failureTitle: 'Does not say who wrote it',
  description:
    'Prospects trust advice when they can tell who gives it. A byline (schema.org `author` as a Person, `rel="author"`, `<meta name="author">` or a visible byline) with an author page or a short bio shows a person stands behind the content.',
  short: (n: number) => `Not an article: ${n} words of main content.`,
  none: 'No author: no Person in the markup, no rel="author", no author meta, no visible byline.',
  orgOnly: (name: string) => `Credited to an organisation ("${name}"), not to a person.`,
  noBio: (name: string) => `"${name}" is named, with neither an author page nor a bio.`,
};

/** Pages shorter than this are not articles (product cards, contact pages): a byline is not expected. */
export const MIN_ARTICLE_WORDS = 300;
/** Credit for a named person without author page or bio, and for an organisation as author. */
const NAMED_ONLY = 0.7;
const ORGANISATION_ONLY = 0.3;

export default defineAudit({
  meta: { id: 'author-byline', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'people', requires: ['humanSignals', 'wordCount'] },
  run(a) {
    if (a.wordCount < MIN_ARTICLE_WORDS) return notApplicable(UIStrings.short(a.wordCount));
    const authors = a.humanSignals.authors;
    const items: AuditItem[] = authors.map((x) => ({ name: x.name, kind: x.kind, source: x.source, url: x.url, bio: x.bio }));
    const people = authors.filter((x) => x.kind !== 'organization');
    if (people.length) {
      const full = people.find((x) => x.url || x.bio);
      if (full) return { score: 1, displayValue: full.name, items };
      return { score: NAMED_ONLY, displayValue: people[0].name, explanation: UIStrings.noBio(people[0].name), items };
    }
    if (authors.length) return { score: ORGANISATION_ONLY, explanation: UIStrings.orgOnly(authors[0].name), items };
    return { score: 0, explanation: UIStrings.none, items: [{ problem: 'no author', lookedFor: 'schema.org author, rel="author", <meta name="author">, a byline element' }] };
  },
});
