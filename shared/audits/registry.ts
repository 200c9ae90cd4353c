import type { AuditDefinition } from './types.ts';
import aiCrawlerAccess from './ai-crawler-access.ts';
import authorByline from './author-byline.ts';
import canonical from './canonical.ts';
import contactPaths from './contact-paths.ts';
import contentDates from './content-dates.ts';
import crawlableAnchors from './crawlable-anchors.ts';
import customerVoice from './customer-voice.ts';
import descriptionLength from './description-length.ts';
import documentTitle from './document-title.ts';
import headingOrder from './heading-order.ts';
import hreflang from './hreflang.ts';
import htmlLang from './html-lang.ts';
import httpStatusCode from './http-status-code.ts';
import imageAlt from './image-alt.ts';
import isCrawlable from './is-crawlable.ts';
import linkText from './link-text.ts';
import metaDescription from './meta-description.ts';
import openGraph from './open-graph.ts';
import organizationIdentity from './organization-identity.ts';
import robotsTxt from './robots-txt.ts';
import quotableText from './quotable-text.ts';
import singleH1 from './single-h1.ts';
import standaloneAnswers from './standalone-answers.ts';
import structuredData from './structured-data.ts';
import thinContent from './thin-content.ts';
import titleLength from './title-length.ts';
import viewport from './viewport.ts';

/** Every page audit, by id. Add an audit: write its file, list it here, give it a weight in config.ts. */
export const PAGE_AUDITS: AuditDefinition[] = [
  httpStatusCode,
  isCrawlable,
  robotsTxt,
  canonical,
  documentTitle,
  metaDescription,
  titleLength,
  descriptionLength,
  singleH1,
  headingOrder,
  htmlLang,
  hreflang,
  viewport,
  linkText,
  crawlableAnchors,
  imageAlt,
  thinContent,
  structuredData,
  openGraph,
  // Answer-engine readiness: weighed in the quotability factor (shared/answer-engines/config.ts), not in findability.
  aiCrawlerAccess,
  quotableText,
  standaloneAnswers,
  // People behind the content: weighed per stage in the human-signal score (shared/human-signals/config.ts), not in findability.
  authorByline,
  contentDates,
  organizationIdentity,
  contactPaths,
  customerVoice,
];

export function auditById(id: string, audits: AuditDefinition[] = PAGE_AUDITS): AuditDefinition | undefined {
  return audits.find((a) => a.meta.id === id);
}
