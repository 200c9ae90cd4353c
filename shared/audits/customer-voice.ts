import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Shows what customers say',
  failureTitle: 'Shows customers’ words without names or ratings',
  description:
    'Reviews and testimonials with a customer’s name or a rating (and Review/AggregateRating markup, which search results can show as stars) let prospects hear from people like them. Judged site-wide (customer-voice-site): a page without them is listed, not failed.',
  none: 'No review, rating or testimonial on this page.',
  anonymous: 'Testimonials without a customer’s name or a rating.',
};

export default defineAudit({
  meta: { id: 'customer-voice', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'people', requires: ['humanSignals'] },
  run(a) {
    const reviews = a.humanSignals.reviews;
    // Most pages carry no reviews, rightly: their absence is informative here and judged site-wide.
    if (!reviews.length) return { score: null, scoreDisplayMode: 'informative', explanation: UIStrings.none };
    const items = reviews.map((r) => ({ kind: r.kind, author: r.author, rating: r.rating, count: r.count, source: r.source }));
    const credible = reviews.filter((r) => r.source === 'markup' || r.author || r.rating !== null);
    const markup = reviews.filter((r) => r.source === 'markup').length;
    const display = `${reviews.length} review${reviews.length === 1 ? '' : 's'} or testimonial${reviews.length === 1 ? '' : 's'}${markup ? `, ${markup} in markup` : ''}`;
    if (!credible.length) return { score: 0.5, displayValue: display, explanation: UIStrings.anonymous, items };
    return { score: 1, displayValue: display, items };
  },
});
