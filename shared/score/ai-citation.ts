import type { AiCitation, Config, ProspectQuestion } from '../schemas/index.ts';
import { ownDomains } from './corpus.ts';

/**
 * Who the AI Overview collected with a question cited: "you" when a brand domain is among its
 * sources, else "competitors" when a competitor's is, else "nobody" (of the sites the config knows).
 * Undefined when no AI Overview was collected for the question.
 */
export function aiCitationOf(question: ProspectQuestion, config: Pick<Config, 'brand' | 'competitors'>): AiCitation | undefined {
  const ai = question.aiAnswer;
  if (!ai) return undefined;
  const isBrand = ownDomains(config.brand.domains);
  const brand = [...new Set(ai.sources.map((s) => s.url).filter((u) => config.brand.domains.length > 0 && isBrand(u)))];
  const competitors = config.competitors.filter((c) => c.domains.length > 0 && ai.sources.some((s) => ownDomains(c.domains)(s.url))).map((c) => c.name);
  return { cited: brand.length ? 'you' : competitors.length ? 'competitors' : 'nobody', brand, competitors, sources: ai.sources.length };
}
