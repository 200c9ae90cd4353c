import { afterEach, describe, expect, it } from 'vitest';
import { AddressGuard } from '../../../crawler/crawl/address-guard.ts';
import { Fetcher } from '../../../crawler/crawl/fetcher.ts';
import { HostGate } from '../../../crawler/crawl/host-gate.ts';
import { fetchRobots, RobotsRules, ROBOTS_MAX_BYTES } from '../../../crawler/crawl/robots.ts';
import { startRobotsSite, type RobotsVariant } from './sites/robots-variants.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function robotsOf(variant: RobotsVariant) {
  const site = await startRobotsSite(variant);
  const fetcher = new Fetcher({
    userAgent: 'zmotbot-test', timeoutMs: 1500, headersTimeoutMs: 500, bodyTimeoutMs: 500, maxBodyBytes: 1 << 20, maxRedirects: 5,
    retries: 1, retryBaseMs: 10, maxRetryAfterMs: 1000, connectionsPerHost: 2, guard: new AddressGuard(true), gate: new HostGate({ concurrency: 2, delayMs: 0 }),
  });
  cleanup.push(() => fetcher.close(), () => site.close());
  const record = await fetchRobots(site.origin, fetcher);
  return { site, record, rules: new RobotsRules(record) };
}

describe('robots.txt as Google reads it', () => {
  it('obeys the rules for our own token, and the * group for others', async () => {
    const { site, rules } = await robotsOf('rules');
    expect(rules.agent).toBe('zmotbot');
    expect(rules.isAllowed(`${site.origin}/a`)).toBe(true);
    expect(rules.isAllowed(`${site.origin}/not-for-zmot/c`)).toBe(false);
    // Our group replaces `*`, exactly as Googlebot's group would for Googlebot.
    expect(rules.isAllowed(`${site.origin}/private/b`)).toBe(true);
    expect(rules.isAllowedForGoogle(`${site.origin}/private/b`)).toBe(false);
    expect(rules.sitemaps).toEqual([`${site.origin}/sitemap.xml`]);
  });

  it("falls back to Googlebot's rules when the file does not name us", async () => {
    const { site, rules } = await robotsOf('googlebot-only');
    expect(rules.agent).toBe('Googlebot');
    expect(rules.isAllowed(`${site.origin}/a`)).toBe(true);
    expect(rules.isAllowed(`${site.origin}/drafts/d`)).toBe(false);
  });

  it('treats a 404 as "allow all"', async () => {
    const { site, record, rules } = await robotsOf('404');
    expect(record.verdict).toBe('allow-all');
    expect(record.message).toMatch(/HTTP 404: treated as "allow all"/);
    expect(rules.isAllowed(`${site.origin}/anything`)).toBe(true);
  });

  it('treats a 500 as "disallow all"', async () => {
    const { site, record, rules } = await robotsOf('500');
    expect(record.verdict).toBe('disallow-all');
    expect(record.message).toMatch(/HTTP 500: treated as "disallow all"/);
    expect(rules.isAllowed(`${site.origin}/`)).toBe(false);
    expect(rules.artifactFor(`${site.origin}/`).allowed).toBe(false);
  });

  it('treats a 429 like a server error', async () => {
    const { record } = await robotsOf('429');
    expect(record.verdict).toBe('disallow-all');
  });

  it('treats a robots.txt that times out as unreachable: "disallow all"', async () => {
    const { record } = await robotsOf('timeout');
    expect(record.verdict).toBe('disallow-all');
    expect(record.status).toBeNull();
    expect(record.message).toMatch(/could not be fetched .*treated as "disallow all"/);
  });

  it('reads Crawl-delay', async () => {
    const { rules } = await robotsOf('crawl-delay');
    expect(rules.crawlDelayMs()).toBe(300);
  });

  it('reads the first 500 KiB only, as Google does', async () => {
    const { site, record, rules } = await robotsOf('huge');
    expect(record.content!.length).toBeLessThanOrEqual(ROBOTS_MAX_BYTES);
    expect(rules.isAllowed(`${site.origin}/private/x`)).toBe(false);
    expect(rules.isAllowed(`${site.origin}/late/x`)).toBe(true);
  });
});
