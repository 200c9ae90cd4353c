import { ANSWER_CRAWLERS } from '../answer-engines/crawlers.ts';
import { crawlerAccess } from '../answer-engines/robots.ts';
import type { AuditItem } from '../schemas/index.ts';
import { defineAudit, notApplicable } from './types.ts';

const UIStrings = {
  title: 'Search and answer-engine crawlers may read the page',
  failureTitle: 'robots.txt keeps answer-engine crawlers away from the page',
  description:
    'Answer engines quote only pages their crawler may fetch. Each crawler weighs what blocking it costs: search crawlers (Googlebot feeds AI Overviews, OAI-SearchBot feeds ChatGPT search, PerplexityBot, Bingbot …) count; training-only crawlers (GPTBot, Google-Extended, CCBot, ClaudeBot, Applebot-Extended) are listed but cost nothing in answers.',
  notFetched: 'robots.txt was not fetched for this page.',
  displayValue: (n: number) => `${n} answer crawler${n === 1 ? '' : 's'} blocked`,
  trainingOnly: (n: number) => `${n} training-only crawler${n === 1 ? '' : 's'} blocked (no effect on answers)`,
};

export default defineAudit({
  meta: { id: 'ai-crawler-access', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'answer-engines', requires: ['url', 'robotsTxt'] },
  run(a) {
    const access = crawlerAccess(a.robotsTxt, a.url);
    if (!access) return notApplicable(UIStrings.notFetched);
    const total = ANSWER_CRAWLERS.reduce((sum, c) => sum + c.weight, 0);
    const blocked = access.filter((x) => !x.allowed);
    const lost = blocked.reduce((sum, x) => sum + x.crawler.weight, 0);
    const items: AuditItem[] = blocked.map((x) => ({
      agent: x.crawler.token,
      owner: x.crawler.owner,
      purpose: x.crawler.purpose,
      effect: x.crawler.effect,
      rulesFrom: x.group === '*' ? 'User-agent: *' : `User-agent: ${x.group}`,
      weight: x.crawler.weight,
    }));
    const costly = blocked.filter((x) => x.crawler.weight > 0).length;
    const training = blocked.length - costly;
    const displayValue = [costly ? UIStrings.displayValue(costly) : '', training ? UIStrings.trainingOnly(training) : ''].filter(Boolean).join('; ') || undefined;
    return { score: total > 0 ? 1 - lost / total : 1, items, displayValue };
  },
});
