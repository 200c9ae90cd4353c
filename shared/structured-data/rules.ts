/**
 * What Google's rich-result documentation requires and recommends for each schema.org type, as
 * data: required properties (missing → error), "one of" groups, recommended ones (missing →
 * warning), value checks, and a few cross-property checks. A subtype uses the rules of its
 * nearest ruled supertype (Restaurant → LocalBusiness, UnitPriceSpecification → PriceSpecification).
 *
 * Sources: developers.google.com/search/docs/appearance/structured-data (product snippet, merchant
 * listing, review snippet, FAQ, Q&A, how-to, article, local business, breadcrumb, event, site names,
 * logo, return policy and shipping pages), and the expectations of the adobe/structured-data-validator
 * gallery where the documentation leaves the severity open.
 */
import type { StructuredDataNode, StructuredDataValue } from './normalize.ts';
import type { RichResultFeature, StructuredDataIssueCode } from './schema.ts';
import { describeValue, isNode, isValidGtin, numberOf, ratingOf, type ValueRule } from './value-checks.ts';
import { isSubtypeOf } from './vocabulary.ts';

// ---------------------------------------------------------------- user-facing strings

const MESSAGES = {
  ratingOutOfRange: (value: string, worst: number, best: number, defaulted: boolean) =>
    `ratingValue ${value} is outside the rating scale ${worst}–${best}${defaulted ? ' (Google assumes 1–5 when bestRating and worstRating are absent)' : ''}.`,
  ratingScaleInverted: (worst: number, best: number) => `bestRating (${best}) must be greater than worstRating (${worst}).`,
  bestRatingMissing: 'bestRating is missing: Google assumes a 1–5 scale. Add it if your scale is different.',
  countNotPositive: (property: string) => `${property} is 0: an aggregate rating needs at least one rating or review.`,
  recommendedForSnippet: (property: string) => `Missing recommended property "${property}": add it to enrich the product snippet.`,
  singleNote: 'Pros and cons need at least two statements (positiveNotes and negativeNotes together): Google ignores a single one.',
  noGlobalIdentifier:
    'No global product identifier: add gtin (or gtin8/12/13/14, isbn) to the product or to every offer, as merchant listings recommend.',
  emptyIdentifier: (property: string) => `${property} is empty: remove it or give the product's real identifier.`,
  invalidGtin: (property: string, value: string) => `${property} ${value} is not a valid GTIN (8, 12, 13 or 14 digits with a correct check digit).`,
  imageForMerchantListing: 'Missing "image": merchant listings require a product image.',
  lowAboveHigh: 'lowPrice is greater than highPrice.',
  priceSpecRequired: 'Missing required property "price" (only a member-points specification may omit it).',
  textAndItemList:
    'This step has both "text" and "itemListElement": Google shows one or the other. Keep the detailed substeps or the text, not both.',
  stepChildType: 'itemListElement of a HowToStep should list HowToDirection or HowToTip items.',
  returnPolicyCountryOrLink:
    'Either applicableCountry and returnPolicyCategory, or merchantReturnLink (on an Organization\'s policy), must be present.',
  recommendedForCategory: (property: string, category: string) =>
    `Missing recommended property "${property}" for a ${category} return policy.`,
  shippingRateMissing: 'Missing required property "shippingRate" (unless doesNotShip is true).',
  shippingRateCurrency: 'shippingRate needs a currency.',
  shippingRateValue: 'shippingRate needs a value (or maxValue).',
  regionAndPostalCode: 'A DefinedRegion cannot have both addressRegion and postal codes: use one or the other.',
  minAboveMax: 'minValue is greater than maxValue.',
  locationMissing: 'Missing required property "location": give the Place (with its address) where the event happens, or a VirtualLocation for an online event.',
  onlineLocation: 'Online event without location: add a VirtualLocation with the event\'s URL.',
  placeAddress: 'The event\'s Place has no "address": Google requires it for events held in person.',
  virtualLocationUrl: 'The VirtualLocation has no "url": give the address of the online event.',
  locationType: (found: string) => `location should be a Place or a VirtualLocation, found ${found}.`,
  endBeforeStart: 'endDate is before startDate.',
  modifiedBeforePublished: 'dateModified is before datePublished.',
  headlineTooLong: (length: number) => `headline is ${length} characters long: Google truncates headlines beyond 110.`,
  breadcrumbName: 'Missing required property "name" (on the ListItem or its item).',
  breadcrumbItem: 'Missing required property "item": every breadcrumb but the last needs the URL of its page.',
  breadcrumbDuplicatePosition: (position: number) => `Several breadcrumbs share position ${position}.`,
  searchActionTarget: 'The SearchAction has no target URL template with a {search_term_string}-style placeholder.',
  searchActionQueryInput: 'The SearchAction\'s "query-input" must name the placeholder used in its target (e.g. "required name=search_term_string").',
};

// ---------------------------------------------------------------- rule shapes

export type Severity = 'error' | 'warning';

/** What a rule sees: the entity, where it sits, and its property values (paths like "offers.price"). */
export interface RuleContext {
  entity: StructuredDataNode;
  parent: StructuredDataNode | null;
  /** Property of the parent this entity is a value of. */
  parentProperty: string | null;
  /** True when no ancestor is itself a rich-result item: the entity stands as an item of its own. */
  isMainItem: boolean;
  values(path: string): StructuredDataValue[];
  has(path: string): boolean;
}

export interface Finding {
  severity: Severity;
  property: string | null;
  message: string;
  code: StructuredDataIssueCode;
  alternatives?: string[];
}

export interface OneOfRule {
  properties: string[];
  severity?: Severity;
}

export type PropertyValueRule = ValueRule & { severity?: Severity };

export interface TypeRules {
  type: string;
  /** Subtypes (and their own subtypes) these rules do not reach. */
  exceptSubtypes?: string[];
  /** Only this type, not its subtypes (HowTo rules do not fit a Recipe). */
  exact?: boolean;
  when?: (ctx: RuleContext) => boolean;
  required?: string[];
  oneOf?: OneOfRule[];
  recommended?: string[];
  /** Checked on every value present; severity defaults to error for required properties, else warning. */
  values?: Record<string, PropertyValueRule>;
  checks?: Array<(ctx: RuleContext) => Finding[]>;
}

// ---------------------------------------------------------------- enumerations

export const ITEM_AVAILABILITY = ['BackOrder', 'Discontinued', 'InStock', 'InStoreOnly', 'LimitedAvailability', 'MadeToOrder', 'OnlineOnly', 'OutOfStock', 'PreOrder', 'PreSale', 'Reserved', 'SoldOut'] as const;
const ITEM_CONDITION = ['DamagedCondition', 'NewCondition', 'RefurbishedCondition', 'UsedCondition'] as const;
const EVENT_STATUS = ['EventCancelled', 'EventMovedOnline', 'EventPostponed', 'EventRescheduled', 'EventScheduled'] as const;
const ATTENDANCE_MODE = ['MixedEventAttendanceMode', 'OfflineEventAttendanceMode', 'OnlineEventAttendanceMode'] as const;
const RETURN_CATEGORY = ['MerchantReturnFiniteReturnWindow', 'MerchantReturnNotPermitted', 'MerchantReturnUnlimitedWindow', 'MerchantReturnUnspecified'] as const;
const RETURN_FEES = ['FreeReturn', 'OriginalShippingFees', 'RestockingFees', 'ReturnFeesCustomerResponsibility', 'ReturnShippingFees'] as const;
const RETURN_METHOD = ['KeepProduct', 'ReturnAtKiosk', 'ReturnByMail', 'ReturnInStore'] as const;
const REFUND_TYPE = ['ExchangeRefund', 'FullRefund', 'StoreCreditRefund'] as const;
const RETURN_LABEL_SOURCE = ['ReturnLabelCustomerResponsibility', 'ReturnLabelDownloadAndPrint', 'ReturnLabelInBox'] as const;
const PRICE_TYPE = ['InvoicePrice', 'ListPrice', 'MinimumAdvertisedPrice', 'MSRP', 'SalePrice', 'SRP', 'StrikethroughPrice'] as const;
const DAY_OF_WEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'PublicHolidays'] as const;

const kind = (k: Extract<ValueRule, { kind: unknown }>['kind'], severity?: Severity): PropertyValueRule => ({ kind: k, severity });
const oneOfEnum = (name: string, members: readonly string[], severity?: Severity): PropertyValueRule => ({ enum: name, members, severity });
const entity = (types: string[], extra: { orText?: boolean; orUrl?: boolean; severity?: Severity } = {}): PropertyValueRule => ({ entity: types, ...extra });

// ---------------------------------------------------------------- context helpers

function isOfType(node: StructuredDataNode | null, types: readonly string[]): boolean {
  return !!node && node.schemaOrgTypes.some((t) => types.some((wanted) => isSubtypeOf(t, wanted)));
}

/** Reviews and ratings attached to what they rate (Product.review) need no itemReviewed of their own. */
function isStandaloneRating(ctx: RuleContext): boolean {
  return !ctx.parent || !['review', 'reviews', 'aggregateRating'].includes(ctx.parentProperty ?? '');
}

const isProductOffer = (ctx: RuleContext) => ctx.parentProperty === 'offers' && isOfType(ctx.parent, ['Product']);
const isEventOffer = (ctx: RuleContext) => ctx.parentProperty === 'offers' && isOfType(ctx.parent, ['Event']);
const mainItem = (ctx: RuleContext) => ctx.isMainItem;

function firstNumber(ctx: RuleContext, property: string): number | null {
  for (const v of ctx.values(property)) {
    const n = numberOf(v);
    if (n !== null) return n;
  }
  return null;
}

function present(value: StructuredDataValue): boolean {
  return isNode(value) || (typeof value === 'string' ? value.trim() !== '' : true);
}

function warning(property: string | null, message: string, code: StructuredDataIssueCode = 'missing-recommended'): Finding {
  return { severity: 'warning', property, message, code };
}

function error(property: string | null, message: string, code: StructuredDataIssueCode): Finding {
  return { severity: 'error', property, message, code };
}

// ---------------------------------------------------------------- cross-property checks

/** ratingValue within [worstRating, bestRating], Google's defaults being 1 and 5. */
function ratingInRange(ctx: RuleContext): Finding[] {
  const raw = ctx.values('ratingValue')[0];
  const rating = ratingOf(raw);
  if (!rating) return [];
  const bestGiven = ratingOf(ctx.values('bestRating')[0]);
  const worstGiven = ratingOf(ctx.values('worstRating')[0]);
  const best = bestGiven?.value ?? rating.impliedBest ?? 5;
  const worst = worstGiven?.value ?? rating.impliedWorst ?? 1;
  if (best <= worst) return [error('bestRating', MESSAGES.ratingScaleInverted(worst, best), 'out-of-range')];
  if (rating.value < worst || rating.value > best) {
    const defaulted = !bestGiven && !worstGiven && rating.impliedBest === null;
    return [error('ratingValue', MESSAGES.ratingOutOfRange(describeValue(raw), worst, best, defaulted), 'out-of-range')];
  }
  return [];
}

function bestRatingRecommended(ctx: RuleContext): Finding[] {
  const rating = ratingOf(ctx.values('ratingValue')[0]);
  if (ctx.has('bestRating') || (rating && rating.impliedBest !== null)) return [];
  return [warning('bestRating', MESSAGES.bestRatingMissing)];
}

function countsPositive(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const property of ['ratingCount', 'reviewCount']) {
    if (ctx.has(property) && firstNumber(ctx, property) === 0 && !(firstNumber(ctx, property === 'ratingCount' ? 'reviewCount' : 'ratingCount') ?? 0)) {
      findings.push(warning(property, MESSAGES.countNotPositive(property), 'out-of-range'));
    }
  }
  return findings;
}

function offersOf(ctx: RuleContext): StructuredDataNode[] {
  return ctx.values('offers').filter(isNode);
}

/** Offers that make a merchant listing: plain Offers (not AggregateOffer) with a price. */
function sellableOffers(ctx: RuleContext): StructuredDataNode[] {
  return offersOf(ctx).filter((o) => !isOfType(o, ['AggregateOffer']) && (o.types.length === 0 || isOfType(o, ['Offer'])));
}

function productSnippetRecommendations(ctx: RuleContext): Finding[] {
  if (!ctx.has('offers')) return [];
  return ['aggregateRating', 'review'].filter((p) => !ctx.has(p)).map((p) => warning(p, MESSAGES.recommendedForSnippet(p)));
}

/** Pros and cons count only with two statements or more. */
function notesCount(ctx: RuleContext): Finding[] {
  let notes = 0;
  for (const review of ctx.values('review').filter(isNode)) {
    for (const list of [...(review.properties.positiveNotes ?? []), ...(review.properties.negativeNotes ?? [])]) {
      if (isNode(list)) notes += (list.properties.itemListElement ?? []).length;
    }
  }
  return notes === 1 ? [warning('positiveNotes', MESSAGES.singleNote, 'invalid-value')] : [];
}

const GTIN_PROPERTIES = ['gtin', 'gtin8', 'gtin12', 'gtin13', 'gtin14', 'isbn'];

function nonEmptyIdentifier(node: StructuredDataNode): boolean {
  return GTIN_PROPERTIES.some((p) => (node.properties[p] ?? []).some(present));
}

function merchantListingChecks(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const property of GTIN_PROPERTIES) {
    for (const value of ctx.values(property)) {
      if (typeof value === 'string' && value.trim() === '') findings.push(warning(property, MESSAGES.emptyIdentifier(property), 'invalid-value'));
      else if (property !== 'isbn' && property !== 'gtin' && !isValidGtin(String(value))) findings.push(warning(property, MESSAGES.invalidGtin(property, describeValue(value)), 'invalid-value'));
      else if (property === 'gtin' && /^\d+$/.test(String(value).trim()) && !isValidGtin(String(value))) findings.push(warning(property, MESSAGES.invalidGtin(property, describeValue(value)), 'invalid-value'));
    }
  }
  const offers = sellableOffers(ctx);
  if (offers.length === 0) return findings;
  const entity = ctx.entity;
  if (!nonEmptyIdentifier(entity) && !offers.every(nonEmptyIdentifier)) findings.push({ ...warning('gtin', MESSAGES.noGlobalIdentifier), alternatives: GTIN_PROPERTIES });
  if (!ctx.has('image')) findings.push(warning('image', MESSAGES.imageForMerchantListing));
  return findings;
}

function offerGtinChecks(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const property of GTIN_PROPERTIES.filter((p) => p !== 'isbn')) {
    for (const value of ctx.values(property)) {
      const text = String(value).trim();
      if (text !== '' && /^\d+$/.test(text) && !isValidGtin(text)) findings.push(warning(property, MESSAGES.invalidGtin(property, describeValue(value)), 'invalid-value'));
    }
  }
  return findings;
}

function lowNotAboveHigh(ctx: RuleContext): Finding[] {
  const low = firstNumber(ctx, 'lowPrice');
  const high = firstNumber(ctx, 'highPrice');
  return low !== null && high !== null && low > high ? [warning('lowPrice', MESSAGES.lowAboveHigh, 'out-of-range')] : [];
}

function priceSpecificationPrice(ctx: RuleContext): Finding[] {
  if (ctx.has('price') || ctx.has('membershipPointsEarned')) return [];
  return [error('price', MESSAGES.priceSpecRequired, 'missing-required')];
}

function stepTextOrList(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  if (ctx.has('text') && ctx.has('itemListElement')) findings.push(warning('itemListElement', MESSAGES.textAndItemList, 'conflict'));
  const children = ctx.values('itemListElement').filter(isNode).filter((n) => n.types.length > 0);
  if (children.some((c) => !isOfType(c, ['HowToDirection', 'HowToTip']))) findings.push(warning('itemListElement', MESSAGES.stepChildType, 'invalid-value'));
  return findings;
}

function enumNameOf(ctx: RuleContext, property: string): string {
  const v = ctx.values(property)[0];
  return typeof v === 'string' ? v.replace(/^.*[/:]/, '') : '';
}

function returnPolicyRequirements(ctx: RuleContext): Finding[] {
  const viaOrganization = ctx.parentProperty === 'hasMerchantReturnPolicy' && isOfType(ctx.parent, ['Organization']);
  const ok = (ctx.has('applicableCountry') && ctx.has('returnPolicyCategory')) || (viaOrganization && ctx.has('merchantReturnLink'));
  const findings: Finding[] = [];
  if (!ok) {
    const missing = ctx.has('applicableCountry') ? 'returnPolicyCategory' : 'applicableCountry';
    findings.push({ ...error(missing, MESSAGES.returnPolicyCountryOrLink, 'missing-one-of'), alternatives: ['applicableCountry', 'returnPolicyCategory', 'merchantReturnLink'] });
  }
  const category = enumNameOf(ctx, 'returnPolicyCategory');
  if (category === 'MerchantReturnFiniteReturnWindow' || category === 'MerchantReturnUnlimitedWindow') {
    const label = category === 'MerchantReturnFiniteReturnWindow' ? 'finite-window' : 'unlimited-window';
    const wanted = [...(category === 'MerchantReturnFiniteReturnWindow' ? ['merchantReturnDays'] : []), 'returnFees', 'returnMethod'];
    if (enumNameOf(ctx, 'returnFees') === 'ReturnShippingFees') wanted.push('returnShippingFeesAmount');
    for (const p of wanted) if (!ctx.has(p)) findings.push(warning(p, MESSAGES.recommendedForCategory(p, label)));
  }
  return findings;
}

function shippingRate(ctx: RuleContext): Finding[] {
  const doesNotShip = ctx.values('doesNotShip').some((v) => v === true || (typeof v === 'string' && /true$/i.test(v.trim())));
  if (doesNotShip) return [];
  if (!ctx.has('shippingRate')) return [error('shippingRate', MESSAGES.shippingRateMissing, 'missing-required')];
  const rates = ctx.values('shippingRate').filter(isNode).filter((r) => !r.isReference && !isOfType(r, ['ShippingRateSettings']));
  const findings: Finding[] = [];
  if (rates.some((r) => !(r.properties.currency ?? []).some(present))) findings.push(error('shippingRate.currency', MESSAGES.shippingRateCurrency, 'missing-required'));
  if (rates.some((r) => !(r.properties.value ?? []).some(present) && !(r.properties.maxValue ?? []).some(present))) {
    findings.push({ ...error('shippingRate.value', MESSAGES.shippingRateValue, 'missing-one-of'), alternatives: ['shippingRate.value', 'shippingRate.maxValue'] });
  }
  return findings;
}

function regionOrPostalCode(ctx: RuleContext): Finding[] {
  const hasPostal = ['postalCode', 'postalCodePrefix', 'postalCodeRange'].some((p) => ctx.has(p));
  return ctx.has('addressRegion') && hasPostal ? [error('addressRegion', MESSAGES.regionAndPostalCode, 'conflict')] : [];
}

function minNotAboveMax(ctx: RuleContext): Finding[] {
  const min = firstNumber(ctx, 'minValue');
  const max = firstNumber(ctx, 'maxValue');
  return min !== null && max !== null && min > max ? [warning('minValue', MESSAGES.minAboveMax, 'out-of-range')] : [];
}

function isOnline(ctx: RuleContext): boolean {
  return enumNameOf(ctx, 'eventAttendanceMode') === 'OnlineEventAttendanceMode';
}

function eventLocation(ctx: RuleContext): Finding[] {
  const locations = ctx.values('location');
  if (locations.length === 0) {
    return isOnline(ctx) ? [warning('location', MESSAGES.onlineLocation)] : [error('location', MESSAGES.locationMissing, 'missing-required')];
  }
  const findings: Finding[] = [];
  for (const location of locations) {
    if (!isNode(location)) {
      findings.push(error('location', MESSAGES.locationType(describeValue(location)), 'invalid-value'));
      continue;
    }
    if (location.isReference) continue;
    if (isOfType(location, ['VirtualLocation'])) {
      if (!(location.properties.url ?? []).some(present)) findings.push(warning('location.url', MESSAGES.virtualLocationUrl));
    } else if (!(location.properties.address ?? []).some(present)) {
      findings.push(error('location.address', MESSAGES.placeAddress, 'missing-required'));
    }
  }
  return findings;
}

function dateOrder(earlier: string, later: string, message: string) {
  return (ctx: RuleContext): Finding[] => {
    const a = ctx.values(earlier)[0];
    const b = ctx.values(later)[0];
    if (typeof a !== 'string' || typeof b !== 'string') return [];
    const ta = Date.parse(a);
    const tb = Date.parse(b);
    return Number.isFinite(ta) && Number.isFinite(tb) && tb < ta ? [warning(later, message, 'invalid-value')] : [];
  };
}

function headlineLength(ctx: RuleContext): Finding[] {
  const headline = ctx.values('headline')[0];
  return typeof headline === 'string' && headline.trim().length > 110 ? [warning('headline', MESSAGES.headlineTooLong(headline.trim().length), 'invalid-value')] : [];
}

function breadcrumbItem(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const items = ctx.values('item');
  const itemHasName = items.some((i) => isNode(i) && (i.properties.name ?? []).some(present));
  if (!ctx.has('name') && !itemHasName) findings.push(error('name', MESSAGES.breadcrumbName, 'missing-required'));
  if (items.length === 0) {
    const siblings = (ctx.parent?.properties.itemListElement ?? []).filter(isNode);
    const positions = siblings.map((s) => numberOf((s.properties.position ?? [])[0]) ?? -Infinity);
    const mine = firstNumber(ctx, 'position') ?? -Infinity;
    const isLast = siblings[siblings.length - 1] === ctx.entity || (mine !== -Infinity && mine === Math.max(...positions));
    if (!isLast) findings.push(error('item', MESSAGES.breadcrumbItem, 'missing-required'));
  }
  return findings;
}

function breadcrumbPositions(ctx: RuleContext): Finding[] {
  const seen = new Set<number>();
  for (const element of ctx.values('itemListElement').filter(isNode)) {
    const position = numberOf((element.properties.position ?? [])[0]);
    if (position === null) continue;
    if (seen.has(position)) return [warning('itemListElement', MESSAGES.breadcrumbDuplicatePosition(position), 'invalid-value')];
    seen.add(position);
  }
  return [];
}

function searchAction(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const action of ctx.values('potentialAction').filter(isNode)) {
    if (!isOfType(action, ['SearchAction'])) continue;
    const targets = (action.properties.target ?? []).flatMap((t) => (isNode(t) ? (t.properties.urlTemplate ?? []) : [t]));
    const template = targets.find((t): t is string => typeof t === 'string' && /\{[^}]+\}/.test(t));
    if (!template) {
      findings.push(warning('potentialAction.target', MESSAGES.searchActionTarget, 'invalid-value'));
      continue;
    }
    const placeholder = /\{([^}]+)\}/.exec(template)?.[1] ?? '';
    const queryInputs = [...(action.properties['query-input'] ?? []), ...(action.properties.queryInput ?? [])];
    const named = queryInputs.some((q) =>
      typeof q === 'string' ? q.includes(`name=${placeholder}`) : isNode(q) && (q.properties.valueName ?? []).includes(placeholder),
    );
    if (!named) findings.push(warning('potentialAction.query-input', MESSAGES.searchActionQueryInput, 'invalid-value'));
  }
  return findings;
}

// ---------------------------------------------------------------- the rules

const OFFER_VALUES: Record<string, PropertyValueRule> = {
  price: kind('price'),
  priceCurrency: kind('currency', 'error'),
  availability: oneOfEnum('ItemAvailability', ITEM_AVAILABILITY),
  itemCondition: oneOfEnum('OfferItemCondition', ITEM_CONDITION),
  priceValidUntil: kind('date'),
  validFrom: kind('date'),
  validThrough: kind('date'),
  url: kind('url'),
  priceSpecification: entity(['PriceSpecification']),
  shippingDetails: entity(['OfferShippingDetails']),
  hasMerchantReturnPolicy: entity(['MerchantReturnPolicy']),
};

const RATING_VALUES: Record<string, PropertyValueRule> = {
  ratingValue: kind('rating'),
  bestRating: kind('rating'),
  worstRating: kind('rating'),
};

export const TYPE_RULES: TypeRules[] = [
  // Product snippet and merchant listing.
  {
    type: 'Product',
    exceptSubtypes: ['ProductGroup'],
    when: mainItem,
    required: ['name'],
    oneOf: [{ properties: ['offers', 'review', 'aggregateRating'] }],
    values: {
      name: kind('text'),
      image: kind('url'),
      offers: entity(['Offer', 'Demand']),
      review: entity(['Review']),
      aggregateRating: entity(['AggregateRating']),
      brand: entity(['Brand', 'Organization'], { orText: true }),
    },
    checks: [productSnippetRecommendations, notesCount, merchantListingChecks],
  },
  {
    type: 'Offer',
    when: isProductOffer,
    oneOf: [{ properties: ['price', 'priceSpecification.price'] }, { properties: ['priceCurrency', 'priceSpecification.priceCurrency'], severity: 'warning' }],
    recommended: ['availability'],
  },
  { type: 'Offer', when: isEventOffer, recommended: ['price', 'priceCurrency', 'availability', 'url', 'validFrom'] },
  { type: 'Offer', values: OFFER_VALUES, checks: [offerGtinChecks] },
  {
    type: 'AggregateOffer',
    when: isProductOffer,
    required: ['lowPrice', 'priceCurrency'],
    recommended: ['highPrice', 'offerCount'],
  },
  {
    type: 'AggregateOffer',
    values: { lowPrice: kind('price'), highPrice: kind('price'), offerCount: kind('count'), priceCurrency: kind('currency', 'error') },
    checks: [lowNotAboveHigh],
  },
  {
    type: 'PriceSpecification',
    exceptSubtypes: ['CompoundPriceSpecification'],
    checks: [priceSpecificationPrice],
    values: {
      price: kind('price', 'error'),
      priceCurrency: kind('currency', 'error'),
      priceType: oneOfEnum('PriceTypeEnumeration', PRICE_TYPE),
      validFrom: kind('date'),
      validThrough: kind('date'),
    },
  },
  { type: 'MonetaryAmount', values: { currency: kind('currency', 'error'), value: kind('number'), minValue: kind('number'), maxValue: kind('number') } },
  // Review snippet.
  {
    type: 'Review',
    exceptSubtypes: ['ClaimReview', 'MediaReview'],
    required: ['author', 'reviewRating'],
    recommended: ['datePublished'],
    values: {
      reviewRating: entity(['Rating']),
      datePublished: kind('date'),
      author: entity(['Person', 'Organization'], { orText: true }),
      itemReviewed: entity(['Thing']),
    },
  },
  { type: 'Review', exceptSubtypes: ['ClaimReview', 'MediaReview'], when: isStandaloneRating, required: ['itemReviewed', 'itemReviewed.name'] },
  {
    type: 'Rating',
    required: ['ratingValue'],
    values: RATING_VALUES,
    checks: [ratingInRange, bestRatingRecommended],
  },
  {
    type: 'AggregateRating',
    required: ['ratingValue'],
    oneOf: [{ properties: ['ratingCount', 'reviewCount'] }],
    values: { ...RATING_VALUES, ratingCount: kind('count'), reviewCount: kind('count') },
    checks: [ratingInRange, bestRatingRecommended, countsPositive],
  },
  { type: 'AggregateRating', when: isStandaloneRating, required: ['itemReviewed', 'itemReviewed.name'] },
  { type: 'Brand', required: ['name'], values: { url: kind('url'), logo: kind('url') } },
  // Organization (logo) and local business.
  {
    type: 'Organization',
    when: mainItem,
    required: ['name'],
    recommended: ['url', 'logo'],
    values: { url: kind('url'), logo: kind('url'), sameAs: kind('url'), hasMerchantReturnPolicy: entity(['MerchantReturnPolicy']) },
  },
  {
    type: 'LocalBusiness',
    when: mainItem,
    required: ['name', 'address'],
    recommended: ['telephone', 'url', 'openingHoursSpecification', 'geo'],
    values: {
      address: entity(['PostalAddress']),
      url: kind('url'),
      image: kind('url'),
      logo: kind('url'),
      geo: entity(['GeoCoordinates']),
      openingHoursSpecification: entity(['OpeningHoursSpecification']),
    },
  },
  { type: 'GeoCoordinates', values: { latitude: kind('number'), longitude: kind('number') } },
  {
    type: 'OpeningHoursSpecification',
    values: { dayOfWeek: oneOfEnum('DayOfWeek', DAY_OF_WEEK), opens: kind('time'), closes: kind('time'), validFrom: kind('date'), validThrough: kind('date') },
  },
  // Article.
  {
    type: 'Article',
    exceptSubtypes: ['DiscussionForumPosting'],
    when: mainItem,
    required: ['headline'],
    recommended: ['image', 'datePublished', 'author'],
    values: {
      headline: kind('text'),
      image: kind('url'),
      datePublished: kind('date'),
      dateModified: kind('date'),
      author: entity(['Person', 'Organization'], { orText: true }),
    },
    checks: [headlineLength, dateOrder('datePublished', 'dateModified', MESSAGES.modifiedBeforePublished)],
  },
  // Event.
  {
    type: 'Event',
    exceptSubtypes: ['PublicationEvent', 'UserInteraction', 'CourseInstance'],
    when: mainItem,
    required: ['name', 'startDate'],
    recommended: ['description', 'endDate', 'eventStatus', 'image', 'offers', 'organizer', 'performer'],
    values: {
      startDate: kind('date'),
      endDate: kind('date'),
      eventStatus: oneOfEnum('EventStatusType', EVENT_STATUS),
      eventAttendanceMode: oneOfEnum('EventAttendanceModeEnumeration', ATTENDANCE_MODE),
      image: kind('url'),
      offers: entity(['Offer', 'Demand']),
    },
    checks: [eventLocation, dateOrder('startDate', 'endDate', MESSAGES.endBeforeStart)],
  },
  // Site name and sitelinks search box.
  { type: 'WebSite', exact: true, when: mainItem, required: ['name', 'url'], values: { url: kind('url'), name: kind('text') }, checks: [searchAction] },
  // Breadcrumb.
  {
    type: 'BreadcrumbList',
    when: mainItem,
    required: ['itemListElement'],
    values: { itemListElement: entity(['ListItem']) },
    checks: [breadcrumbPositions],
  },
  {
    type: 'ListItem',
    when: (ctx) => ctx.parentProperty === 'itemListElement' && isOfType(ctx.parent, ['BreadcrumbList']),
    required: ['position'],
    values: { position: kind('positiveInteger'), item: kind('url', 'error') },
    checks: [breadcrumbItem],
  },
  { type: 'ListItem', values: { position: kind('positiveInteger') } },
  // FAQ.
  { type: 'FAQPage', exact: true, when: mainItem, required: ['mainEntity'], values: { mainEntity: entity(['Question']) } },
  {
    type: 'Question',
    when: (ctx) => isOfType(ctx.parent, ['FAQPage']),
    required: ['name', 'acceptedAnswer'],
    values: { acceptedAnswer: entity(['Answer']) },
  },
  // Q&A.
  { type: 'QAPage', exact: true, when: mainItem, required: ['mainEntity'], values: { mainEntity: entity(['Question']) } },
  {
    type: 'Question',
    when: (ctx) => isOfType(ctx.parent, ['QAPage']),
    required: ['name', 'answerCount'],
    oneOf: [{ properties: ['acceptedAnswer', 'suggestedAnswer'] }],
    recommended: ['text', 'author', 'dateCreated'],
    values: {
      answerCount: kind('count'),
      upvoteCount: kind('count'),
      dateCreated: kind('date'),
      acceptedAnswer: entity(['Answer']),
      suggestedAnswer: entity(['Answer']),
    },
  },
  {
    type: 'Answer',
    when: (ctx) => isOfType(ctx.parent, ['Question']),
    required: ['text'],
    values: { upvoteCount: kind('count'), dateCreated: kind('date'), url: kind('url') },
  },
  // How-to.
  {
    type: 'HowTo',
    exact: true,
    when: mainItem,
    required: ['name', 'step'],
    recommended: ['image', 'totalTime'],
    values: {
      step: entity(['HowToStep', 'HowToSection', 'ItemList', 'CreativeWork']),
      totalTime: kind('duration'),
      prepTime: kind('duration'),
      performTime: kind('duration'),
      image: kind('url'),
      estimatedCost: entity(['MonetaryAmount'], { orText: true }),
    },
  },
  { type: 'HowToSection', required: ['name', 'itemListElement'], values: { itemListElement: entity(['HowToStep', 'ListItem'], { severity: 'warning' }) } },
  {
    type: 'HowToStep',
    oneOf: [{ properties: ['text', 'itemListElement'] }],
    recommended: ['name', 'image', 'url'],
    values: { image: kind('url'), url: kind('url') },
    checks: [stepTextOrList],
  },
  { type: 'HowToDirection', required: ['text'] },
  { type: 'HowToTip', required: ['text'] },
  // Return policy and shipping (merchant listing).
  {
    type: 'MerchantReturnPolicy',
    checks: [returnPolicyRequirements],
    values: {
      applicableCountry: kind('country', 'error'),
      returnPolicyCountry: kind('country'),
      returnPolicyCategory: oneOfEnum('MerchantReturnEnumeration', RETURN_CATEGORY, 'error'),
      merchantReturnDays: kind('count'),
      returnFees: oneOfEnum('ReturnFeesEnumeration', RETURN_FEES),
      returnMethod: oneOfEnum('ReturnMethodEnumeration', RETURN_METHOD),
      refundType: oneOfEnum('RefundTypeEnumeration', REFUND_TYPE),
      returnLabelSource: oneOfEnum('ReturnLabelSourceEnumeration', RETURN_LABEL_SOURCE),
      itemCondition: oneOfEnum('OfferItemCondition', ITEM_CONDITION),
      merchantReturnLink: kind('url'),
      returnShippingFeesAmount: entity(['MonetaryAmount']),
    },
  },
  {
    type: 'OfferShippingDetails',
    required: ['shippingDestination'],
    recommended: ['deliveryTime'],
    values: {
      shippingDestination: entity(['DefinedRegion']),
      shippingRate: entity(['MonetaryAmount', 'ShippingRateSettings']),
      deliveryTime: entity(['ShippingDeliveryTime']),
    },
    checks: [shippingRate],
  },
  {
    type: 'DefinedRegion',
    required: ['addressCountry'],
    values: { addressCountry: kind('country') },
    checks: [regionOrPostalCode],
  },
  {
    type: 'ShippingDeliveryTime',
    recommended: ['handlingTime', 'transitTime'],
    values: { handlingTime: entity(['QuantitativeValue']), transitTime: entity(['QuantitativeValue']) },
  },
  {
    type: 'QuantitativeValue',
    when: (ctx) => isOfType(ctx.parent, ['ShippingDeliveryTime']),
    values: { minValue: kind('count'), maxValue: kind('count'), unitCode: oneOfEnum('unit code', ['DAY', 'd']) },
    checks: [minNotAboveMax],
  },
];

/** Types that have rules: the candidates a subtype may inherit from. */
export const RULED_TYPES: ReadonlySet<string> = new Set(TYPE_RULES.map((r) => r.type));

// ---------------------------------------------------------------- rich results

export interface FeatureSpec {
  feature: RichResultFeature;
  types: string[];
  exceptSubtypes?: string[];
  exact?: boolean;
  /** Whether this main item is a candidate for the feature at all. */
  appliesTo?: (ctx: RuleContext) => boolean;
  /** Requirements beyond the type rules: each entry is satisfied by any one of its paths. */
  requires?: string[][];
  notice?: string;
}

const NOTICES = {
  faq: 'Since August 2023 Google shows FAQ rich results only for well-known, authoritative government and health sites.',
  howTo: 'Google stopped showing How-to rich results in September 2023: the markup is still valid schema.org.',
  sitelinksSearchBox: 'Google retired the sitelinks search box in November 2024: the markup is harmless but unused.',
};

export const RICH_RESULT_FEATURES: FeatureSpec[] = [
  { feature: 'Product snippet', types: ['Product'], exceptSubtypes: ['ProductGroup'] },
  {
    feature: 'Merchant listing',
    types: ['Product'],
    exceptSubtypes: ['ProductGroup'],
    appliesTo: (ctx) => sellableOffers(ctx).length > 0,
    requires: [['name'], ['image'], ['offers.price', 'offers.priceSpecification.price'], ['offers.priceCurrency', 'offers.priceSpecification.priceCurrency']],
  },
  {
    feature: 'Review snippet',
    types: ['Review', 'AggregateRating'],
    exceptSubtypes: ['ClaimReview', 'MediaReview', 'EmployerAggregateRating'],
    // A review a product points at (by @id) belongs to that product's snippet.
    appliesTo: isStandaloneRating,
  },
  { feature: 'FAQ', types: ['FAQPage'], exact: true, notice: NOTICES.faq },
  { feature: 'Q&A', types: ['QAPage'], exact: true },
  { feature: 'How-to', types: ['HowTo'], exact: true, notice: NOTICES.howTo },
  { feature: 'Article', types: ['Article'], exceptSubtypes: ['DiscussionForumPosting'] },
  { feature: 'Local business', types: ['LocalBusiness'] },
  { feature: 'Breadcrumb', types: ['BreadcrumbList'] },
  { feature: 'Event', types: ['Event'], exceptSubtypes: ['PublicationEvent', 'UserInteraction', 'CourseInstance'] },
  { feature: 'Site name', types: ['WebSite'], exact: true },
  {
    feature: 'Sitelinks search box',
    types: ['WebSite'],
    exact: true,
    appliesTo: (ctx) => ctx.values('potentialAction').some((a) => isNode(a) && isOfType(a, ['SearchAction'])),
    notice: NOTICES.sitelinksSearchBox,
  },
  {
    feature: 'Organization logo',
    types: ['Organization'],
    appliesTo: (ctx) => !isOfType(ctx.entity, ['LocalBusiness']) || ctx.has('logo'),
    requires: [['logo'], ['url']],
  },
];

/**
 * Properties through which a page lists its items (WebPage.mainEntity, ItemList → ListItem.item…):
 * an entity nested under any other property (Course.provider) is a detail of its parent, not an item.
 */
export const CONTAINER_PROPERTIES: ReadonlySet<string> = new Set(['mainEntity', 'itemListElement', 'item', 'breadcrumb', 'hasPart', 'isPartOf', 'about']);

/** Types whose presence above an entity makes it part of that item rather than an item of its own. */
export const ITEM_TYPES: readonly string[] = ['Product', 'Review', 'AggregateRating', 'FAQPage', 'QAPage', 'HowTo', 'Article', 'Organization', 'BreadcrumbList', 'Event', 'WebSite'];
