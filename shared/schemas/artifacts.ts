import { z } from 'zod';

/** Where a directive, canonical or hreflang came from. */
export const SignalSourceSchema = z.enum(['meta', 'link', 'header']);

/** One robots directive set: from a <meta name="robots|googlebot|…"> tag or an X-Robots-Tag header. */
export const RobotsDirectiveSchema = z.object({
  source: z.enum(['meta', 'header']),
  /** Lower-case user agent the directive targets; 'all' for the generic `robots` meta and un-prefixed headers. */
  agent: z.string(),
  /** Lower-case directives, e.g. ['noindex', 'nofollow'] or ['unavailable_after: 25 jun 2010']. */
  directives: z.array(z.string()),
  raw: z.string(),
  /** False when a meta tag sits outside <head> (search engines ignore it). */
  inHead: z.boolean().default(true),
});
export type RobotsDirective = z.infer<typeof RobotsDirectiveSchema>;

export const CanonicalSchema = z.object({
  href: z.string(),
  /** Absolute URL, null when the href cannot be resolved. */
  url: z.string().nullable(),
  source: z.enum(['link', 'header']),
  inHead: z.boolean(),
  /** The whole rel value, lower-cased ('canonical'); audits that follow Lighthouse match it exactly. */
  rel: z.string().default(''),
});
export type Canonical = z.infer<typeof CanonicalSchema>;

export const HreflangSchema = z.object({
  lang: z.string(),
  href: z.string(),
  url: z.string().nullable(),
  source: z.enum(['link', 'header']),
  inHead: z.boolean(),
  /** The whole rel value, lower-cased ('alternate'). */
  rel: z.string().default(''),
});
export type Hreflang = z.infer<typeof HreflangSchema>;

export const HeadingSchema = z.object({
  level: z.number().int().min(1).max(6),
  text: z.string(),
});
export type Heading = z.infer<typeof HeadingSchema>;

/** A block of main content under one heading: the unit answers are retrieved from. */
export const PassageSchema = z.object({
  id: z.string(),
  heading: z.string().nullable(),
  headingLevel: z.number().int().min(0).max(6),
  /** Headings above this passage, outermost first (h1 … own heading). */
  headingPath: z.array(z.string()),
  text: z.string(),
  wordCount: z.number().int().nonnegative(),
  /** Words of main content before this passage: how deep the answer is buried. */
  wordOffset: z.number().int().nonnegative(),
  /** Ordered steps (<ol> items) in this passage. */
  orderedSteps: z.number().int().nonnegative().default(0),
  listItems: z.number().int().nonnegative().default(0),
  tables: z.number().int().nonnegative().default(0),
  /** Prices found in this passage's text, as written. */
  prices: z.array(z.string()).default([]),
  /** Images shown in this passage (not hidden from assistive technology). */
  images: z.number().int().nonnegative().default(0),
  /** Sources of this passage's images without a text alternative (the image-alt rule), at most 20. */
  imagesWithoutAlt: z.array(z.string()).default([]),
});
export type Passage = z.infer<typeof PassageSchema>;

export const FaqEntrySchema = z.object({
  question: z.string(),
  answer: z.string(),
  source: z.enum(['jsonld', 'microdata', 'details', 'dl', 'heading']),
});
export type FaqEntry = z.infer<typeof FaqEntrySchema>;

export const JsonLdBlockSchema = z.object({
  raw: z.string(),
  /** Parsed JSON, null when it does not parse. */
  parsed: z.unknown().nullable(),
  error: z.string().nullable(),
});
export type JsonLdBlock = z.infer<typeof JsonLdBlockSchema>;

/** A microdata item (itemscope), properties flattened to values or nested items. */
export interface MicrodataItem {
  type: string[];
  id?: string;
  properties: Record<string, Array<string | MicrodataItem>>;
}
export const MicrodataItemSchema: z.ZodType<MicrodataItem> = z.lazy(() =>
  z.object({
    type: z.array(z.string()),
    id: z.string().optional(),
    properties: z.record(z.string(), z.array(z.union([z.string(), MicrodataItemSchema]))),
  }),
);

export const LinkSchema = z.object({
  /** The href attribute as written, null when the anchor has none. */
  href: z.string().nullable(),
  /** Absolute URL (fragment removed), null when not resolvable or not http(s). */
  url: z.string().nullable(),
  text: z.string(),
  rel: z.string(),
  nofollow: z.boolean(),
  internal: z.boolean(),
  /** Language of the link's context (closest lang attribute), for link-text checks. */
  lang: z.string().nullable(),
  /** Attributes that decide crawlability (Lighthouse's crawlable-anchors). */
  name: z.string().nullable().default(null),
  role: z.string().nullable().default(null),
  id: z.string().nullable().default(null),
  onclick: z.boolean().default(false),
  target: z.string().nullable().default(null),
  /** A short selector-like path to find the link on the page, for audit items. */
  path: z.string().default(''),
  /** Names of the anchor's attributes, lower-cased (crawlable-anchors tells a placeholder <a> from a link by them). */
  attributes: z.array(z.string()).default([]),
  /** Language of the link's text as Lighthouse computes it: one lang of its text-bearing descendants, null when mixed or unknown. */
  textLang: z.string().nullable().default(null),
  /** Event types of listeners on the anchor itself: on… attributes and inline-script addEventListener on a literal selector. */
  listeners: z.array(z.string()).default([]),
  /** An <a> inside inline SVG: its text is textContent and it has no rel. */
  inSvg: z.boolean().default(false),
});
export type Link = z.infer<typeof LinkSchema>;

export const ImageSchema = z.object({
  src: z.string().nullable(),
  url: z.string().nullable(),
  /** The alt attribute, null when absent ('' is a decorative image). */
  alt: z.string().nullable(),
  role: z.string().nullable().default(null),
  width: z.string().nullable().default(null),
  height: z.string().nullable().default(null),
  path: z.string().default(''),
  /** Another accessible name: aria-label, the text aria-labelledby points to, or title; null when none. */
  label: z.string().nullable().default(null),
  /** aria-hidden="true", the hidden attribute or display:none on it or an ancestor: assistive tech and crawlers skip it. */
  hidden: z.boolean().default(false),
});
export type Image = z.infer<typeof ImageSchema>;

export const TableSchema = z.object({
  caption: z.string().nullable(),
  headers: z.array(z.string()),
  rows: z.number().int().nonnegative(),
  columns: z.number().int().nonnegative(),
});
export type Table = z.infer<typeof TableSchema>;

export const ListSchema = z.object({
  ordered: z.boolean(),
  items: z.array(z.string()),
});

export const PriceSchema = z.object({
  raw: z.string(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  source: z.enum(['text', 'jsonld', 'microdata']),
});
export type Price = z.infer<typeof PriceSchema>;

/** What the site's robots.txt says, as the crawler or `zmot page` fetched it. */
export const RobotsTxtSchema = z.object({
  url: z.string(),
  status: z.number().int().nullable(),
  content: z.string().nullable(),
  /** Whether this page is allowed for the product's user agent and for Googlebot. */
  allowed: z.boolean().nullable(),
  errorMessage: z.string().nullable().default(null),
});
export type RobotsTxt = z.infer<typeof RobotsTxtSchema>;

export const RedirectHopSchema = z.object({ url: z.string(), status: z.number().int() });

/** Lighthouse figures for a page: measured, or inherited from a sampled page of the same template. */
export const LighthouseFiguresSchema = z.object({
  performance: z.number().min(0).max(1).nullable(),
  seo: z.number().min(0).max(1).nullable(),
  lcpMs: z.number().nullable(),
  cls: z.number().nullable(),
  tbtMs: z.number().nullable(),
  /** Lighthouse accessibility category (axe-core), 0..1; null when not measured (older runs). */
  accessibility: z.number().min(0).max(1).nullable().default(null),
  /** The accessibility audits Lighthouse failed on the page (ids, e.g. 'color-contrast', 'image-alt'); [] when none or not measured. */
  accessibilityFailures: z.array(z.string()).default([]),
  /** Lighthouse total-byte-weight: bytes of every resource the page loaded. */
  totalBytes: z.number().nonnegative().nullable().default(null),
  inheritedFrom: z.string().nullable().default(null),
  template: z.string().nullable().default(null),
  errorMessage: z.string().nullable().default(null),
});
export type LighthouseFigures = z.infer<typeof LighthouseFiguresSchema>;

/**
 * Signs that people stand behind the page, each as found on it (never inferred): who wrote it, when, which
 * organisation, how to reach a person, what customers say. `source` says where each was read.
 */
export const HumanSignalsSchema = z.object({
  authors: z.array(
    z.object({
      name: z.string(),
      /** schema.org Person (or Organization) as `author`, rel=author, <meta name="author">, or a visible byline. */
      source: z.enum(['markup', 'rel-author', 'meta', 'byline']),
      kind: z.enum(['person', 'organization', 'unknown']),
      /** The author's page (markup url / sameAs, rel=author href, a link in the byline). */
      url: z.string().nullable(),
      /** A bio: description in the markup, or an author-bio block on the page. */
      bio: z.boolean(),
    }),
  ),
  dates: z.array(z.object({ kind: z.enum(['published', 'modified']), value: z.string(), source: z.enum(['markup', 'meta', 'time', 'text']) })),
  organizations: z.array(
    z.object({
      type: z.string(),
      name: z.string().nullable(),
      legalName: z.string().nullable(),
      /** The postal address as written (street, locality …), null when the markup has none. */
      address: z.string().nullable(),
      source: z.enum(['jsonld', 'microdata', 'rdfa']),
    }),
  ),
  contacts: z.array(
    z.object({
      kind: z.enum(['contact-page', 'phone', 'email', 'chat', 'booking', 'opening-hours']),
      value: z.string(),
      source: z.enum(['link', 'markup', 'script', 'text']),
    }),
  ),
  reviews: z.array(
    z.object({
      kind: z.enum(['review', 'aggregate-rating', 'testimonial']),
      author: z.string().nullable(),
      rating: z.number().nullable(),
      count: z.number().nullable(),
      source: z.enum(['markup', 'html']),
    }),
  ),
});
export type HumanSignals = z.infer<typeof HumanSignalsSchema>;
export const EMPTY_HUMAN_SIGNALS: HumanSignals = { authors: [], dates: [], organizations: [], contacts: [], reviews: [] };

/** What decides whether prospects the personas forget can use the page: form controls a screen reader cannot name, the weight of the HTML. */
export const UsabilitySignalsSchema = z.object({
  /** Form controls and buttons (outside hidden regions) with no accessible name: no label, aria-label(ledby), title, placeholder or text. */
  unlabeledControls: z.array(z.object({ tag: z.string(), type: z.string().nullable(), name: z.string().nullable(), path: z.string() })),
  /** Form controls and buttons checked. */
  controls: z.number().int().nonnegative(),
  /** UTF-8 bytes of the HTML document as fetched (subresources are counted by Lighthouse where sampled). */
  htmlBytes: z.number().int().nonnegative(),
});
export type UsabilitySignals = z.infer<typeof UsabilitySignalsSchema>;

/** Everything extracted from one fetched page: the input of audits and scoring. */
export const PageArtifactsSchema = z.object({
  url: z.string(),
  requestedUrl: z.string(),
  status: z.number().int(),
  /** Response headers, names lower-cased; repeated headers joined with ', ' except link (kept as list). */
  headers: z.record(z.string(), z.string()),
  linkHeaders: z.array(z.string()).default([]),
  contentType: z.string().nullable(),
  isHtml: z.boolean(),
  redirectChain: z.array(RedirectHopSchema).default([]),
  fetchError: z.string().nullable().default(null),
  lang: z.string().nullable(),
  /** The <html lang> attribute as written (null when absent); `lang` falls back to Content-Language. */
  htmlLang: z.string().nullable().default(null),
  title: z.string().nullable(),
  titleCount: z.number().int().nonnegative().default(0),
  metaDescription: z.string().nullable(),
  /** False when the only description meta sits in <body> (Lighthouse reads <head> metas only); null when there is none. */
  metaDescriptionInHead: z.boolean().nullable().default(null),
  viewport: z.string().nullable(),
  charset: z.string().nullable().default(null),
  robots: z.array(RobotsDirectiveSchema),
  canonicals: z.array(CanonicalSchema),
  hreflangs: z.array(HreflangSchema),
  base: z.string().nullable().default(null),
  headings: z.array(HeadingSchema),
  passages: z.array(PassageSchema),
  faq: z.array(FaqEntrySchema),
  jsonLd: z.array(JsonLdBlockSchema),
  microdata: z.array(MicrodataItemSchema).default([]),
  /** RDFa items (vocab/typeof/property), in the microdata shape; Google reads RDFa for rich results too. */
  rdfa: z.array(MicrodataItemSchema).default([]),
  openGraph: z.record(z.string(), z.string()).default({}),
  links: z.array(LinkSchema),
  images: z.array(ImageSchema),
  tables: z.array(TableSchema).default([]),
  lists: z.array(ListSchema).default([]),
  prices: z.array(PriceSchema).default([]),
  wordCount: z.number().int().nonnegative(),
  /** What lets engines quote the text or not, beyond robots directives (data-nosnippet, script-only text). */
  snippetSignals: z
    .object({
      /** Elements marked data-nosnippet (outermost only) and the words and text inside them. */
      nosnippetRegions: z.number().int().nonnegative(),
      nosnippetWords: z.number().int().nonnegative(),
      nosnippetText: z.string(),
      /** Executable <script> elements. */
      scripts: z.number().int().nonnegative(),
      /** An empty single-page-app mount point (#root, #app, #__next …): the text arrives only when scripts run. */
      emptyAppRoot: z.boolean(),
    })
    .default({ nosnippetRegions: 0, nosnippetWords: 0, nosnippetText: '', scripts: 0, emptyAppRoot: false }),
  /** Who wrote it, when, which organisation, how to reach a person, customer voice (page audits in the `people` group). */
  humanSignals: HumanSignalsSchema.default(EMPTY_HUMAN_SIGNALS),
  /** Unlabeled controls and HTML weight, for the screen-reader and slow-mobile personas. */
  usability: UsabilitySignalsSchema.default({ unlabeledControls: [], controls: 0, htmlBytes: 0 }),
  /** Crawl context: filled by the crawler; null where unknown (a single page). */
  depth: z.number().int().nonnegative().nullable().default(null),
  inSitemap: z.boolean().nullable().default(null),
  robotsTxt: RobotsTxtSchema.nullable().default(null),
  lighthouse: LighthouseFiguresSchema.nullable().default(null),
  rendered: z.boolean().default(false),
  /** What the bounded HTML parse left out on a pathological page (nesting, open formatting tags, node budget). */
  parseWarnings: z.array(z.string()).default([]),
  /** Artifacts whose gatherer threw (artifact → "gatherer: message"); absent when every gatherer ran. Audits requiring them report an error. */
  gatherErrors: z.record(z.string(), z.string()).optional(),
});
export type PageArtifacts = z.infer<typeof PageArtifactsSchema>;
export type PageArtifactsInput = z.input<typeof PageArtifactsSchema>;
