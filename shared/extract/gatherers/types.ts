import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { PageArtifacts } from '../../schemas/index.ts';
import type { ContentExtraction } from '../content.ts';
import type { NormalizedHeaders } from '../headers.ts';
import type { PageInput } from '../page-input.ts';

/** What every gatherer may read: the fetch (URL, headers), the parsed document and what earlier gatherers produced. */
export interface GatherContext {
  input: PageInput;
  headers: NormalizedHeaders;
  /** Raw Link header values. */
  linkHeaders: string[];
  /** The parsed document; null for a non-HTML or failed response. */
  $: CheerioAPI | null;
  /** The URL relative links resolve against (<base href> applied). */
  docBase: string;
  inHead(el: Element): boolean;
  /** The main-content root (main, article, role=main, else body), computed once. */
  main(): Element;
  /** Headings, passages and main text of the main content, computed once. */
  content(): ContentExtraction;
  /**
   * `textOf(body, maxChars)`: the body's text, whitespace collapsed, script/style/noscript left out; null when
   * the page has no body. Read as the page was parsed when it could be (no walk of the tree).
   */
  bodyText(maxChars: number): string | null;
  /** Artifacts gathered so far (gatherers run in registry order). */
  artifacts: PageArtifacts;
}

/**
 * One gatherer: produces the artifacts it names in `provides`, and nothing else. It runs in its own error
 * isolation: when it throws, its artifacts keep their empty defaults, the failure is recorded in
 * `artifacts.gatherErrors`, and audits requiring those artifacts report an error instead of a wrong score.
 */
export interface Gatherer<K extends keyof PageArtifacts = keyof PageArtifacts> {
  id: string;
  provides: readonly K[];
  /** False (default true): also runs on a non-HTML or failed response, with `$` null. */
  htmlOnly?: boolean;
  gather(ctx: GatherContext): Pick<PageArtifacts, K>;
}

export function defineGatherer<const K extends keyof PageArtifacts>(g: Gatherer<K>): Gatherer<K> {
  return g;
}

/** A gatherer of any artifacts, as the registry lists them. */
export interface AnyGatherer {
  id: string;
  provides: readonly (keyof PageArtifacts)[];
  htmlOnly?: boolean;
  gather(ctx: GatherContext): Partial<PageArtifacts>;
}
