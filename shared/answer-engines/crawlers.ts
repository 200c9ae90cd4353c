/**
 * The crawlers that feed search engines and answer engines, what each one feeds, and what blocking
 * it in robots.txt costs a page's chance to be quoted in an answer — as data, like audit weights.
 *
 * Sources: each operator's own crawler documentation as of 2026 (Google's "Google crawlers and
 * fetchers", OpenAI's "Overview of OpenAI crawlers", Anthropic's crawler help page, Perplexity's
 * bots page, Apple's "About Applebot", Common Crawl's CCBot page, Bing's webmaster guidelines).
 * Google says AI Overviews and AI Mode need nothing beyond Googlebot and snippet eligibility;
 * `Google-Extended` governs Gemini training and grounding only, not AI Overviews.
 */

/** What a crawler's fetches end up in. */
export type CrawlerPurpose =
  /** A search index whose results (and AI answers built on them) quote pages: blocking it removes the page from those answers. */
  | 'search'
  /** Fetches on a user's request inside an assistant ("look at this page"): blocking it stops quotes in those chats. */
  | 'user-fetch'
  /** Model training (and, for Google-Extended, Gemini grounding): blocking it does not remove the page from search answers. */
  | 'training';

export interface AnswerCrawler {
  /** The robots.txt user-agent token. */
  token: string;
  owner: string;
  purpose: CrawlerPurpose;
  /** What a block costs, in a marketer's words. */
  effect: string;
  /** Share of answer-engine reach lost when this crawler is blocked from a page (0 = informational). */
  weight: number;
}

export const ANSWER_CRAWLERS: readonly AnswerCrawler[] = [
  // Google's AI Overviews and AI Mode are built from Googlebot's index: blocked here, the page is out of Google's answers and results alike.
  { token: 'Googlebot', owner: 'Google', purpose: 'search', effect: 'out of Google Search, AI Overviews and AI Mode', weight: 10 },
  // Bing's index feeds Bing, Copilot and several other answer engines that license it.
  { token: 'Bingbot', owner: 'Microsoft', purpose: 'search', effect: 'out of Bing and Copilot answers (and engines built on Bing)', weight: 4 },
  { token: 'OAI-SearchBot', owner: 'OpenAI', purpose: 'search', effect: 'not shown or cited in ChatGPT search answers', weight: 4 },
  { token: 'PerplexityBot', owner: 'Perplexity', purpose: 'search', effect: 'not cited in Perplexity answers', weight: 2 },
  { token: 'Claude-SearchBot', owner: 'Anthropic', purpose: 'search', effect: 'not cited in Claude search answers', weight: 1 },
  { token: 'Applebot', owner: 'Apple', purpose: 'search', effect: 'out of Siri, Spotlight and Safari suggestions', weight: 1 },
  { token: 'ChatGPT-User', owner: 'OpenAI', purpose: 'user-fetch', effect: 'ChatGPT cannot open the page when a user asks it to', weight: 1 },
  { token: 'Perplexity-User', owner: 'Perplexity', purpose: 'user-fetch', effect: 'Perplexity cannot open the page when a user asks it to', weight: 0.5 },
  { token: 'Claude-User', owner: 'Anthropic', purpose: 'user-fetch', effect: 'Claude cannot open the page when a user asks it to', weight: 0.5 },
  // Training-only crawlers: a choice about model training, reported so it is a decision, never a cost in the score.
  { token: 'Google-Extended', owner: 'Google', purpose: 'training', effect: 'not used to train or ground Gemini; AI Overviews are NOT affected', weight: 0 },
  { token: 'GPTBot', owner: 'OpenAI', purpose: 'training', effect: 'not used to train OpenAI models; ChatGPT search is governed by OAI-SearchBot', weight: 0 },
  { token: 'ClaudeBot', owner: 'Anthropic', purpose: 'training', effect: 'not used to train Claude; Claude search is governed by Claude-SearchBot', weight: 0 },
  { token: 'CCBot', owner: 'Common Crawl', purpose: 'training', effect: 'out of Common Crawl, a corpus many models train on', weight: 0 },
  { token: 'Applebot-Extended', owner: 'Apple', purpose: 'training', effect: 'not used to train Apple Intelligence; Siri and Spotlight are NOT affected', weight: 0 },
  { token: 'meta-externalagent', owner: 'Meta', purpose: 'training', effect: 'not used to train Meta AI models', weight: 0 },
];
