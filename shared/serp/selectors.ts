/**
 * Every selector and every piece of page text ZMOT Lens relies on to read Google's results pages.
 *
 * Google changes its markup often and serves different markup to desktop, mobile and no-JavaScript
 * browsers, so each selector is a list of variants, old and new side by side, each with the layout
 * it was seen on. Variants are queried one at a time, so an old variant that no longer matches
 * costs one failed lookup. The generic fallbacks at the end of a list rely on structure that has
 * held for years (a result is a link around a heading), not on class names. The layouts named in
 * the comments are those of the saved pages in shared/fixtures/serp, which tests/shared/serp
 * parses; a variant marked "not in the saved pages" is kept for older markup and is untested.
 *
 * "Must exist" and "may exist" lookups are different calls (`mustFind` / `mayFind`): a missing
 * must-exist element is a decision the caller turns into a warning, never a silent empty list.
 */

/** A selector for foreign markup: its variants, most specific first. */
export type SelectorVariants = readonly string[];

export const SERP_SELECTORS = {
  /** Where organic results live; the first variant that exists wins (must exist on a results page). */
  resultsContainer: [
    '#main', // desktop, mobile and no-JS 2023, German 2022: everything below the search bar
    '#rcnt', // desktop 2023, German 2022: results column plus the featured-snippet row above #search
    '#search', // desktop 2023, German 2022: the results column
    '#rso', // desktop and mobile 2023, German 2022: the organic list itself
    '[role="main"]', // generic: the page's main landmark
  ],

  /** The title of an organic result; the link is the title's closest `a[href]` (or the one inside it). */
  organicTitle: [
    'a[href] h3', // desktop 2023, German 2022, no-JS 2023: <a href><h3>Title</h3></a>
    'a[href] div[role="heading"][aria-level="3"]', // mobile 2023: <a href><div role=heading aria-level=3>
    '.c2xzTb h3', // mobile 2023 featured snippet: <h3><a href>Title</a></h3>
    'block-component h3', // desktop and mobile 2023 featured snippet, outer wrapper
    '[data-hveid] h3', // generic: a heading in any tracked block, link inside or around it
  ],

  /**
   * Sitelinks: links of the same site shown under a result. They share that result's position (as
   * Search Console counts them) and never take one of their own, even when each has a title, a URL
   * and a snippet like a result.
   */
  organicSitelinks: [
    'ul.FxLDp > li.MYVUIe', // desktop 2023 (coffee, dell, hotels): indented results of the same site, each with <h3>, URL and snippet
    '.usJj9c, table.jmjoTe', // German 2022: sitelinks table under a result (<h3><a>)
  ],

  /** Places whose links are never organic results even when they look like one. */
  notOrganic: [
    '#tads, #tadsb, #bottomads, #tvcap', // desktop and mobile 2023, German 2022: ad regions
    '.uEierd, [data-text-ad]', // desktop, mobile and no-JS 2023: one text ad
    '.pla-unit, .commercial-unit-desktop-top, .commercial-unit-desktop-rhs, .cu-container', // desktop 2023: Shopping ads
    '.related-question-pair, [data-initq]', // desktop and mobile 2023, German 2022: "People also ask" answers
    '#rhs', // desktop 2023, German 2022: knowledge panel on the right
    '.VkpGBb, .rllt__link', // desktop 2023: local pack
    'g-section-with-header, g-scrolling-carousel', // desktop and mobile 2023, German 2022: top stories, carousels
    '#bres, #botstuff', // desktop and mobile 2023, German 2022: related searches at the bottom
    '[role="navigation"], header, footer, #foot', // generic: navigation and page furniture
  ],

  /**
   * The AI Overview box (Google's generated answer above the results). Must exist when the page
   * shows one; its heading text (`SERP_TEXTS.aiOverviewHeading`) is the fallback for new markup.
   */
  aiOverviewContainer: [
    '#eKIzJc', // mobile 2026: the first block of #rso
    'div[jsname="ZLxsqf"][data-lhcontainer]', // mobile 2026: same box by its attributes
    'div.YzCcne', // desktop 2024-2025 (not in the saved pages)
    'div[data-subtree="aimc"]', // mobile 2026: the answer's own subtree, when the outer box changes
  ],
  /** The answer text inside the box; the first variant that exists is read. */
  aiOverviewText: [
    'div[data-subtree="aimc"]', // mobile 2026: text, lists and the news carousel
    '.mZJni', // mobile 2026: inner text column
    '.LT6XE', // desktop 2024-2025 (not in the saved pages)
  ],
  /** Parts of the box that are not the answer's words: controls, carousels, hidden alternates. */
  aiOverviewNotText: [
    'button, [role="button"], [role="list"], g-scrolling-carousel', // all layouts: controls and carousels
    '[aria-hidden="true"], [style*="display:none"], [style*="display: none"]', // all layouts: hidden strings
    '[role="heading"]', // mobile 2026: "AI Overview" title and the a11y "You said: …" line
  ],
  /** The content box when it is cut to a fixed height (collapsed) and when it is open (expanded). */
  aiOverviewContentBox: [
    '.h7Tj7e', // mobile 2026: style="max-height:630px" until expanded
  ],
  aiOverviewExpandedBox: [
    '.h7Tj7e.zc75bb', // mobile 2026: the class Google's script adds on "Show more"
    '.h7Tj7e[style*="max-height:none"], .h7Tj7e[style*="max-height: none"]', // mobile 2026: or the inline style it sets
  ],
  /** The "Show more" control under a collapsed overview. */
  aiOverviewShowMore: [
    '[jsname="rPRdsc"][role="button"]', // mobile 2026
    '[role="button"][aria-label^="Show more AI Overview"]', // mobile 2026, English label
  ],
  /** Links to cited sources inside the box, by the part that holds them (the `via` of a source). */
  aiOverviewNewsLink: [
    '[role="listitem"] a[href]', // mobile 2026: news carousel inside the overview (a.gQWhZ)
    'g-scrolling-carousel a[href]', // older carousels (not in the saved pages)
  ],
  aiOverviewSourceCard: [
    'a.Zbfntb, a.FqfzXd', // mobile 2026: source cards and per-citation cards (script-inserted)
    'a.KEVENd', // mobile 2026: the header's corroboration links (script-inserted)
    '.PwvzCf a[href], .WEeWWe a[href]', // desktop 2024-2025 source chips (not in the saved pages)
    'li a[href][aria-label]', // generic: a labelled link in the sources list
  ],
  /** The headline inside a news card or source card link (cards also hold source name and age). */
  aiOverviewCardTitle: [
    '.UAXhpe', // mobile 2026: news card headline
    '[style*="line-clamp"]', // mobile 2026: the headline is the line-clamped text of the card
    '[role="heading"]', // generic
  ],
  /** Citation chips: buttons whose source URL sits in a data comment right after them. */
  aiOverviewCitationChip: [
    'button.vDOt8c', // mobile 2026 (disabled until Google's script runs)
    'button[data-amic="true"]', // mobile 2026: same chip by attribute
  ],

  /** Headings of blocks that are not organic results (Videos, Top stories …); texts in `SERP_TEXTS.verticalHeading`. */
  verticalHeading: [
    '[role="heading"][aria-level="2"]', // mobile 2026: "Videos", "People also ask" (organic blocks use a hidden <h2>)
    'g-section-with-header [role="heading"]', // desktop and mobile 2023, German 2022: "Top stories"
  ],

  /** Boxes that hold a featured snippet ("position zero"). */
  featuredSnippet: [
    '.c2xzTb', // desktop and mobile 2023
    '.V3FYCf', // desktop and mobile 2023, inner box
  ],
  /** The "About featured snippets" help link that sits in every featured-snippet box, any language. */
  featuredSnippetHelpLink: [
    'a[href*="featured_snippets"]', // desktop and mobile 2023: support.google.com/websearch?p=featured_snippets
  ],

  /** The snippet of an organic result, searched inside its result block; variants tried in this order. */
  organicSnippet: [
    '.VwiC3b', // desktop and mobile 2023, German 2022
    '[data-sncf="1"]', // desktop and mobile 2023: first snippet slot
    '[data-content-feature="1"]', // German 2022: first snippet slot
    '.hgKElc', // desktop and mobile 2023: featured-snippet answer text
    '.IsZvec', // desktop 2023, German 2022: rich snippet (list) where there is no plain one
    'div.kCrYT > div > .BNeawe.s3v9rd', // no-JS 2023: text block under the link
  ],

  /** The URL Google prints under a title, searched in the link first, then in the result block. */
  organicDisplayedUrl: [
    'cite', // desktop 2023, German 2022, mobile 2023 featured snippet
    '.UPmit', // no-JS 2023: breadcrumb line inside the link
    '.qzEoUe', // desktop 2023, German 2022: breadcrumb line
    '[role="text"]', // mobile 2023, generic: Google marks the breadcrumb as a text run
  ],

  /** One text ad; nested matches collapse to the innermost (one ad each). */
  adItem: [
    '[data-text-ad]', // desktop and mobile 2023
    '.uEierd', // no-JS 2023 (and the wrapper of each ad on desktop and mobile 2023)
    '#tads > div, #tadsb > div', // generic: direct children of the ad regions
  ],
  /** The title of an ad, searched inside its `adItem`; the ad's link is the title's closest `a[href]`. */
  adTitle: [
    'a[href] [role="heading"]', // desktop, mobile and no-JS 2023
    'a[href] h3', // older desktop ads with an <h3> title (not in the saved pages)
  ],
  /** Regions that place an ad above or below the organic results. */
  adsTop: [
    '#tads', // desktop and mobile 2023
    '#tvcap', // desktop and mobile 2023, German 2022: wrapper of the top ads
  ],
  adsBottom: [
    '#tadsb', // mobile 2023
    '#bottomads', // desktop and mobile 2023, German 2022: wrapper of the bottom ads
  ],
  adDisplayedUrl: [
    '.x2VHCd', // desktop 2023
    '.ob9lvb', // mobile and no-JS 2023
    'cite', // older desktop ads (not in the saved pages' ads)
    '[role="text"]', // generic
  ],

  /** Shopping (product listing ads): any of these means the page carries them. */
  shopping: [
    '.pla-unit', // desktop 2023: one product card
    '.commercial-unit-desktop-top, .commercial-unit-desktop-rhs', // desktop 2023: Shopping block
    '[data-pla]', // desktop 2023: product ads region
    '.pla-exp-container, .pla-carousel', // desktop 2023: product carousel
    '.shopping-carousel-container', // older mobile Shopping carousel (not in the saved pages)
  ],

  /** One "People also ask" question; its text is `data-q` when present, else the element's text. */
  peopleAlsoAsk: [
    '.related-question-pair[data-q]', // desktop and mobile 2023: the question on the pair itself
    '.related-question-pair [data-q]', // German 2022: the question on an inner div
    '[data-initq] [data-q]', // desktop and mobile 2023, German 2022: a question inside the box that carries the query
    '.C7GS5b', // no-JS 2023: the question line of an accordion entry
  ],

  /** One related search (query suggestion at the bottom of the page). */
  relatedSearch: [
    'a.k8XOCe', // desktop 2023, German 2022
    'a.Q71vJc', // no-JS 2023
    '#bres a.s75CSd, #brs a', // older desktop related searches (not in the saved pages)
  ],

  /** Links under a related-searches title, for the text-based fallback. */
  relatedSearchLink: [
    'a[href*="/search?"]', // all layouts: a link that runs another search
    'a[href*="?q="], a[href*="&q="]', // generic: any link carrying a query
  ],

  /** One business of the local pack and its parts; nested matches collapse to the outermost. */
  localItem: [
    '.VkpGBb', // desktop 2023: one row of the local pack
    '.rllt__details', // desktop 2023: details column of a local row
    '[data-cid]', // desktop 2023, generic: an element carrying a Maps place id (rows without a title are skipped)
  ],
  localTitle: [
    '.dbg0pd', // desktop 2023
    '[role="heading"]', // generic
  ],
  localRating: [
    '[aria-label^="Rated"]', // desktop 2023, English: aria-label "Rated 4.7 out of 5,"
    '.yi40Hd', // desktop 2023: visible rating number
    '.BTtC6e', // older desktop rating number (not in the saved pages)
  ],
  localReviews: [
    '.RDApEe', // desktop 2023: "(45)"
  ],
  localAddressLabel: [
    '.rllt__details > div', // desktop 2023: detail lines under the name
  ],

  /** The search box, which holds the query as typed. */
  queryInput: [
    'textarea[name="q"]', // desktop 2023
    'input[name="q"]:not([type="hidden"])', // mobile and no-JS 2023, German 2022 (captcha pages hide a token there)
  ],
  /** The URL a captcha page sends the user back to once solved; its `q` is the query. */
  captchaContinueUrl: [
    'input[name="continue"]', // captcha ("unusual traffic") page
  ],

  /** A captcha wall instead of results. */
  captcha: [
    '#captcha-form', // captcha ("unusual traffic") page
    'form[action*="sorry"]', // google.com/sorry/index form action (not in the saved page, which posts to "index")
    '.g-recaptcha, #recaptcha', // captcha page: reCAPTCHA widget
    'script[src*="/recaptcha/"]', // generic: the reCAPTCHA script itself
  ],

  /** Where Google says the query matched nothing. */
  noResultsMessage: [
    '#topstuff .card-section', // desktop 2023
    '#topstuff', // desktop and mobile 2023, German 2022: messages above the results
    '.mnr-c .card-section', // desktop and mobile 2023
    '#main .med', // older no-JS and desktop message box (not in the saved pages)
  ],

  /** "People also ask" / "Related searches" section titles, for the text-based fallbacks. */
  sectionHeading: [
    '[role="heading"]', // desktop and mobile 2023, German 2022
    'h2, h3', // generic
    '.BNeawe', // no-JS 2023: headings are plain text runs
  ],

  /** Signs of each layout, checked in this order: desktop, no-JS, mobile. */
  layoutDesktop: [
    '#rcnt', // desktop 2023, German 2022
    '#center_col #search', // desktop 2023, German 2022
    'body#gsr', // desktop 2023, German 2022 (mobile 2023 puts #gsr on a div)
  ],
  layoutNojs: [
    'body[data-dt] #main a[href^="/url?"]', // no-JS 2023: every result goes through /url?q=
    '.BNeawe', // no-JS 2023: its text runs
  ],
  layoutMobile: [
    '#rso a[href] div[role="heading"][aria-level="3"]', // mobile 2023: div headings in result links
    'html[itemtype$="SearchResultsPage"] #rso', // mobile 2023: a results list, and not desktop (checked first)
  ],

  /** Any of these says the document is one of Google's results pages. */
  serpMarker: [
    'html[itemtype$="SearchResultsPage"]', // desktop and mobile 2023, German 2022
    'form[action="/search"] [name="q"]', // desktop and mobile 2023, German 2022: the search form
    '#rso, #search', // desktop and mobile 2023, German 2022
    'body[data-dt] #main', // no-JS 2023
  ],
} as const satisfies Record<string, SelectorVariants>;

/** Google's own words, matched case-insensitively, per language; used where markup has no stable hook. */
export const SERP_TEXTS = {
  /** The no-results sentence ("Your search - xyz - did not match any documents."). */
  noResults: [
    'did not match any documents', // en
    'no results found for', // en, newer
    'übereinstimmenden dokumente gefunden', // de ("Es wurden keine mit deiner Suchanfrage - xyz - übereinstimmenden Dokumente gefunden.")
    'keine ergebnisse', // de
    'ergab keine treffer', // de, older
    'ne correspond à aucun document', // fr
    'no obtuvo ningún resultado', // es
  ],
  /** The captcha page's explanation. */
  captcha: [
    'unusual traffic', // en
    'ungewöhnlichen datenverkehr', // de
    'trafic exceptionnel', // fr
  ],
  /** Titles of the "People also ask" box. */
  peopleAlsoAskHeading: [
    'people also ask', // en
    'ähnliche fragen', // de 2022
    'nutzer fragen auch', // de 2023
    'autres questions posées', // fr
    'más preguntas', // es
  ],
  /** Title of the AI Overview box, per interface language (the fallback when the box's markup is new). */
  aiOverviewHeading: [
    'ai overview', // en 2024-2026
    'übersicht mit ki', // de
    'aperçu ia', 'aperçu généré par l\'ia', // fr
    'vista creada con ia', 'resumen de ia', // es
    'prezentare generată de ai', 'prezentare generală generată de ai', // ro
  ],
  /** Titles of blocks whose links are never organic results (compared whole, case-insensitively). */
  verticalHeading: [
    'ai overview', 'videos', 'short videos', 'top stories', 'images', 'news', 'perspectives', 'discussions and forums', 'what people are saying', // en
    'übersicht mit ki', 'schlagzeilen', 'kurze videos', 'bilder', 'nachrichten', 'diskussionen und foren', // de
    'vidéos', 'vidéos courtes', 'à la une', 'actualités', 'discussions et forums', // fr
    'vídeos', 'vídeos cortos', 'noticias destacadas', 'imágenes', 'noticias', // es
    'videoclipuri', 'știri principale', 'imagini', 'știri', // ro
  ],
  /** Titles of the related-searches box (not "People also search for", which is an entity carousel). */
  relatedSearchesHeading: [
    'related searches', // en
    'ähnliche suchanfragen', // de
    'verwandte suchanfragen', // de, older
    'recherches associées', // fr
    'búsquedas relacionadas', // es
  ],
  /** Suffixes of the page <title> after the query ("coffee - Google Search"). */
  titleSuffix: [
    ' - Google Search', // en
    ' - Google Suche', // de
    ' - Recherche Google', // fr
    ' - Buscar con Google', // es
    ' - Cerca con Google', // it
  ],
} as const;

/** Google's own URLs: what is a redirect to unwrap and what is an internal page, never a result. */
export const SERP_URLS = {
  /** Hosts of Google Search and its tools (www.google.com, google.de, maps.google.co.uk, …); not developers.google.com. */
  googleHost: /^(?:(?:www|maps|images|news)\.)?google\.(?:com?\.)?[a-z]{2,3}$/,
  /** Hosts that serve ad clicks. */
  adClickHost: /(?:^|\.)(?:google\.(?:com?\.)?[a-z]{2,3}|googleadservices\.com|doubleclick\.net)$/,
  /** Redirect paths whose `q` or `url` parameter is the real destination. */
  redirectPaths: ['/url', '/interstitial', '/imgres'],
  /** Paths on a Google host that are Google's own tools, never a result ("More results" is /search). */
  internalPaths:
    /^\/(?:(?:search|webhp|setprefs|preferences|advanced_search|sorry|imgres|aclk|localservices)(?:\/|$)|pagead\/|travel\/|maps\/(?:place|dir|search|@))/,
  /** Maps links that run a search (local pack, "Maps" tab) rather than Google Maps' home page. */
  internalMapsParams: ['q', 'daddr', 'cid', 'geocode'],
  /** A Maps place id (`data-cid` of a local-pack row); other `data-cid` values are Google's own element ids. */
  placeId: /^\d{6,}$/,
  /** Hosts of Google's static assets (favicons, thumbnails) named in citation payloads: never a source. */
  assetHost: /(?:^|\.)(?:gstatic\.com|googleusercontent\.com|ggpht\.com)$/,
  /** Hosts that only proxy another page (cache, translation). */
  proxyHost: /^(webcache\.googleusercontent\.com|translate\.google\.[a-z.]+|[^/]*\.translate\.goog)$/,
} as const;

/** Anything that has querySelector/querySelectorAll: a Document, an Element, a DocumentFragment. */
export type QueryRoot = Pick<ParentNode, 'querySelector' | 'querySelectorAll'>;

/** A must-exist element was not found: the caller turns this into a warning, never a crash. */
export class MissingElementError extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = 'MissingElementError';
  }
}

/** The first match of the first variant that matches anything, or null: the element may exist. */
export function mayFind(root: QueryRoot, variants: SelectorVariants): Element | null {
  // One query per variant, stopping at the first that matches: the newest layout is listed first.
  for (const variant of variants) {
    // querySelectorAll()[0], not querySelector(): jsdom's querySelector is many times slower on a
    // miss, and in browsers the difference is nil.
    const found = root.querySelectorAll(variant)[0];
    if (found) return found;
  }
  return null;
}

/** Every element matching any variant, in document order, each once. */
export function mayFindAll(root: QueryRoot, variants: SelectorVariants): Element[] {
  const matchesPerVariant = variants
    .map((variant) => Array.from(root.querySelectorAll(variant)))
    .filter((matches) => matches.length > 0);
  if (matchesPerVariant.length <= 1) return matchesPerVariant[0] ?? [];
  // Several variants matched: one joined query returns their union in document order, each once
  // (sorting by compareDocumentPosition is quadratic-slow in jsdom).
  return Array.from(root.querySelectorAll(variants.join(', ')));
}

/** Like `mayFind`, but the element must exist: throws MissingElementError naming `what`. */
export function mustFind(root: QueryRoot, variants: SelectorVariants, what: string): Element {
  const found = mayFind(root, variants);
  if (!found) throw new MissingElementError(what);
  return found;
}

/** The closest ancestor-or-self matching any variant, or null. */
export function mayClosest(element: Element, variants: SelectorVariants): Element | null {
  return element.closest(variants.join(', '));
}
