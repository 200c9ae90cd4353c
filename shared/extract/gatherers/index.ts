import content from './content.ts';
import documentMeta from './document-meta.ts';
import faq from './faq.ts';
import humanSignals from './human-signals.ts';
import images from './images.ts';
import jsonLd from './json-ld.ts';
import linkRelations from './link-relations.ts';
import links from './links.ts';
import lists from './lists.ts';
import microdata from './microdata.ts';
import prices from './prices.ts';
import rdfa from './rdfa.ts';
import robots from './robots.ts';
import snippetSignals from './snippet-signals.ts';
import tables from './tables.ts';
import usability from './usability.ts';
import type { AnyGatherer } from './types.ts';

/**
 * Every gatherer, in the order they run (later ones may read earlier ones' artifacts: prices and faq read
 * jsonLd, faq reads passages). Add an artifact: its field in shared/schemas/artifacts.ts, one gatherer file
 * here, one line in this list.
 */
export const GATHERERS: AnyGatherer[] = [robots, linkRelations, documentMeta, jsonLd, microdata, rdfa, links, images, tables, content, lists, prices, faq, snippetSignals, humanSignals, usability];

export type { AnyGatherer, GatherContext, Gatherer } from './types.ts';
