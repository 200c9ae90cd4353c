import { AuditResultSchema, STAGES, type AuditItem, type AuditResult, type PageResult, type QuestionResult, type Scores, type SiteIssue, type Stage } from '../schemas/index.ts';
import { identityScore } from '../audits/organization-identity.ts';
import { byUrl } from '../url.ts';

/**
 * Human signals per stage, 0..100: the question-weighted mean of the human-signal score (`people`) of the
 * page that best answers each question of the stage. Null where no question has a page it applies to.
 */
export function humanSignalsByStage(results: readonly QuestionResult[]): NonNullable<Scores['humanSignals']> {
  const out = {} as NonNullable<Scores['humanSignals']>;
  for (const stage of STAGES) {
    let total = 0;
    let sum = 0;
    for (const r of results) {
      const people = r.best?.people;
      if (r.question.stage !== stage || people == null) continue;
      total += r.question.weight;
      sum += r.question.weight * people;
    }
    out[stage] = total > 0 ? Math.round((1000 * sum) / total) / 10 : null;
  }
  return out;
}

const UIStrings = {
  summary: {
    title: 'People behind the content: what the site shows',
    description:
      'Site-wide summary of the people audits: articles with a named author (and an author page or bio), articles with a date, pages with a way to reach a person, pages with customers’ words, the organisation’s identity. Each row counts the pages where it was found, with examples.',
  },
  talk: {
    title: 'Purchase and comparison pages give a way to talk to a person',
    failureTitle: 'Purchase or comparison pages give no way to talk to a person',
    description:
      'Pages that answer a purchase or comparison question, and pages that mostly serve buying: each should link to a contact page, or give a phone number, an e-mail address, a chat or a booking link.',
    none: 'No page answers a purchase or comparison question or mostly serves buying.',
    issue: (stage: string) => `A ${stage}-stage page gives no way to reach a person (no contact page link, phone, e-mail, chat or booking).`,
  },
  org: {
    title: 'The site says which organisation stands behind it',
    failureTitle: 'The site does not fully say which organisation stands behind it',
    description: 'Organization or LocalBusiness markup somewhere on the site (usually the home or about page) with the name, the legal name and the postal address.',
    none: 'No page carries Organization or LocalBusiness markup.',
    partial: (missing: string[]) => `The best Organization markup found lacks the ${missing.join(' and the ')}.`,
  },
  voice: {
    title: 'Customers’ words are on the site, with names or ratings',
    failureTitle: 'No customers’ words with names or ratings on the site',
    description: 'Reviews or testimonials naming the customer or giving a rating, or Review/AggregateRating markup, on at least one page — ideally where prospects compare.',
    none: 'No review, rating or testimonial found on any page.',
    anonymous: 'Testimonials are found, but none names the customer or gives a rating.',
  },
};

/** Examples listed per row: the report stays readable on big sites. */
const MAX_EXAMPLES = 5;
/** A page whose stage profile gives purchase at least this share serves buying. */
const PURCHASE_PAGE_SHARE = 0.5;

/** The page audits the people audits read. */
const PEOPLE_PAGE_AUDITS = new Set(['author-byline', 'content-dates', 'contact-paths', 'customer-voice', 'organization-identity']);

/** What the people audits read of a page audit. */
type PeopleAudit = Pick<AuditResult, 'id' | 'score' | 'scoreDisplayMode' | 'displayValue' | 'items'>;

/** What the people audits read of a page: a page result is one; peoplePageOf keeps only that of one. */
export interface PeoplePage {
  url: string;
  status: number;
  fetchError: string | null;
  audits: PeopleAudit[];
  stageProfile: { purchase: number } | null;
}

/** The part of a page result the people audits read, for a crawl too large to keep every result in memory. */
export function peoplePageOf(p: PageResult): PeoplePage {
  return {
    url: p.url,
    status: p.status,
    fetchError: p.fetchError,
    // Only the organisation's items are listed site-wide.
    audits: p.audits
      .filter((a) => PEOPLE_PAGE_AUDITS.has(a.id))
      .map((a) => ({ id: a.id, score: a.score, scoreDisplayMode: a.scoreDisplayMode, displayValue: a.displayValue, items: a.id === 'organization-identity' ? a.items : [] })),
    stageProfile: p.stageProfile ? { purchase: p.stageProfile.purchase } : null,
  };
}

function audit(p: PeoplePage, id: string): PeopleAudit | undefined {
  return p.audits.find((a) => a.id === id);
}

function result(id: string, title: string, out: Partial<AuditResult> & { score: number | null }): AuditResult {
  return AuditResultSchema.parse({
    id,
    title,
    scoreDisplayMode: out.scoreDisplayMode ?? (out.score === null ? 'notApplicable' : out.score % 1 === 0 ? 'binary' : 'numeric'),
    ...out,
  });
}

export interface HumanSiteInput {
  pages: readonly PeoplePage[];
  questions: readonly QuestionResult[];
}

/** The people audits site-wide: a summary, then the talk-to-a-person path, the organisation and customer voice. */
export function humanSignalSiteAudits(input: HumanSiteInput): { audits: AuditResult[]; issues: SiteIssue[] } {
  // In URL order, like the other site audits: the pages named as examples must not depend on fetch timing.
  const html = input.pages
    .filter((p) => p.status >= 200 && p.status < 300 && !p.fetchError && p.audits.length)
    .sort(byUrl);
  const talk = talkToAPerson(html, input.questions);
  return { audits: [summary(html), talk.audit, organizationSite(html), customerVoiceSite(html)], issues: talk.issues };
}

function summary(pages: PeoplePage[]): AuditResult {
  const row = (signal: string, id: string, found: (a: PeopleAudit) => boolean): AuditItem => {
    const checked = pages.filter((p) => {
      const a = audit(p, id);
      return a && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'error';
    });
    const hits = checked.filter((p) => found(audit(p, id)!));
    return { signal, pages: hits.length, checked: checked.length, examples: hits.slice(0, MAX_EXAMPLES).map((p) => p.url).join(' ') };
  };
  const items = [
    row('named author (person)', 'author-byline', (a) => (a.score ?? 0) >= 0.7),
    row('author page or bio', 'author-byline', (a) => a.score === 1),
    row('published or updated date', 'content-dates', (a) => a.score === 1),
    row('way to reach a person', 'contact-paths', (a) => a.score === 1),
    row('customers’ words (reviews, testimonials)', 'customer-voice', (a) => a.score !== null),
    row('organisation markup', 'organization-identity', (a) => a.score !== null),
  ];
  return result('human-signals-site', UIStrings.summary.title, { score: null, scoreDisplayMode: 'informative', explanation: UIStrings.summary.description, items });
}

function dominantPurchase(p: PeoplePage): boolean {
  return !!p.stageProfile && p.stageProfile.purchase >= PURCHASE_PAGE_SHARE;
}

function talkToAPerson(pages: PeoplePage[], questions: readonly QuestionResult[]): { audit: AuditResult; issues: SiteIssue[] } {
  const stageOf = new Map<string, Stage>();
  for (const q of questions) {
    if (!q.best || q.best.answer <= 0 || q.question.stage === 'interest') continue;
    if (stageOf.get(q.best.url) !== 'purchase') stageOf.set(q.best.url, q.question.stage);
  }
  for (const p of pages) if (dominantPurchase(p) && !stageOf.has(p.url)) stageOf.set(p.url, 'purchase');
  const checked = pages.filter((p) => stageOf.has(p.url) && audit(p, 'contact-paths')?.score != null);
  if (!checked.length) return { audit: result('talk-to-a-person', UIStrings.talk.title, { score: null, explanation: UIStrings.talk.none }), issues: [] };
  const missing = checked.filter((p) => audit(p, 'contact-paths')!.score === 0);
  const issues: SiteIssue[] = missing.map((p) => ({ type: 'no-contact-path', severity: 'warning', message: UIStrings.talk.issue(stageOf.get(p.url)!), url: p.url, items: [{ stage: stageOf.get(p.url)! }] }));
  const score = 1 - missing.length / checked.length;
  return {
    audit: result('talk-to-a-person', score === 1 ? UIStrings.talk.title : UIStrings.talk.failureTitle, {
      score: Math.round(score * 1000) / 1000,
      displayValue: `${checked.length - missing.length} of ${checked.length} page${checked.length === 1 ? '' : 's'}`,
      explanation: UIStrings.talk.description,
      items: missing.map((p) => ({ url: p.url, stage: stageOf.get(p.url)!, problem: 'no contact path' })),
    }),
    issues,
  };
}

function organizationSite(pages: PeoplePage[]): AuditResult {
  const found: AuditItem[] = pages.flatMap((p) => (audit(p, 'organization-identity')?.items ?? []).map((i) => ({ url: p.url, ...i })));
  if (!found.length) return result('organization-identity-site', UIStrings.org.failureTitle, { score: 0, explanation: UIStrings.org.none });
  const fields = (i: AuditItem) => ({ name: typeof i.name === 'string' ? i.name : null, legalName: typeof i.legalName === 'string' ? i.legalName : null, address: typeof i.address === 'string' ? i.address : null });
  const best = found.reduce((x, y) => (identityScore(fields(y)) > identityScore(fields(x)) ? y : x));
  const score = identityScore(fields(best));
  const missing = [!best.legalName && 'legal name', !best.address && 'postal address'].filter((s): s is string => !!s);
  return result('organization-identity-site', score === 1 ? UIStrings.org.title : UIStrings.org.failureTitle, {
    score,
    displayValue: String(best.legalName ?? best.name ?? best.type),
    explanation: missing.length ? UIStrings.org.partial(missing) : UIStrings.org.description,
    items: found.slice(0, MAX_EXAMPLES * 2),
  });
}

function customerVoiceSite(pages: PeoplePage[]): AuditResult {
  const withVoice = pages.filter((p) => audit(p, 'customer-voice')?.score != null);
  if (!withVoice.length) return result('customer-voice-site', UIStrings.voice.failureTitle, { score: 0, explanation: UIStrings.voice.none });
  const credible = withVoice.filter((p) => audit(p, 'customer-voice')!.score === 1);
  const items = withVoice.slice(0, MAX_EXAMPLES * 2).map((p) => ({ url: p.url, found: audit(p, 'customer-voice')!.displayValue ?? '', named: audit(p, 'customer-voice')!.score === 1 }));
  if (!credible.length) return result('customer-voice-site', UIStrings.voice.failureTitle, { score: 0.5, explanation: UIStrings.voice.anonymous, items });
  return result('customer-voice-site', UIStrings.voice.title, { score: 1, displayValue: `${credible.length} page${credible.length === 1 ? '' : 's'}`, explanation: UIStrings.voice.description, items });
}
