import { describe, expect, it } from 'vitest';
import { extractArtifacts, GATHERERS } from '../../../shared/extract/index.ts';
import { defineGatherer } from '../../../shared/extract/gatherers/types.ts';

const page = {
  url: 'https://example.com/a',
  status: 200,
  headers: { 'content-type': 'text/html' },
  html: '<html lang="en"><head><title>Leak sensors</title></head><body><main><h1>Leak sensors</h1><p>Find a leak early.</p><a href="/b">Next</a></main></body></html>',
};

describe('gatherers', () => {
  it('each artifact is produced by exactly one gatherer', () => {
    const owners = GATHERERS.flatMap((g) => g.provides.map((key) => `${key}:${g.id}`));
    const keys = owners.map((o) => o.split(':')[0]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('a gatherer that throws leaves its artifacts empty, records why, and the others still run', () => {
    const broken = defineGatherer({
      id: 'links',
      provides: ['links'],
      gather() {
        throw new Error('boom');
      },
    });
    const gatherers = GATHERERS.map((g) => (g.id === 'links' ? broken : g));
    const a = extractArtifacts(page, gatherers);
    expect(a.links).toEqual([]);
    expect(a.gatherErrors).toEqual({ links: 'links: boom' });
    expect(a.title).toBe('Leak sensors');
    expect(a.headings.map((h) => h.text)).toEqual(['Leak sensors']);
    const whole = extractArtifacts(page);
    expect(whole.links.map((l) => l.url)).toEqual(['https://example.com/b']);
    expect(whole.gatherErrors).toBeUndefined();
  });

  it('fills microdata without any other module loaded first (no import side effect)', () => {
    const a = extractArtifacts({
      ...page,
      html: '<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Sentry</span></div>',
    });
    expect(a.microdata.map((m) => m.type)).toEqual([['https://schema.org/Product']]);
  });
});

describe('RDFa', () => {
  it('is gathered and validated by the structured-data audit like microdata', async () => {
    const { runAudits } = await import('../../../shared/audits/run.ts');
    const { auditById } = await import('../../../shared/audits/registry.ts');
    const a = extractArtifacts({
      ...page,
      html: '<html lang="en"><head><title>Sentry</title></head><body><div vocab="https://schema.org/" typeof="Product"><span property="name">Sentry leak sensor</span></div></body></html>',
    });
    expect(a.rdfa.map((i) => i.type)).toEqual([['https://schema.org/Product']]);
    expect(a.microdata).toEqual([]);
    const [result] = runAudits(a, { audits: [auditById('structured-data')!] });
    expect(result.scoreDisplayMode).not.toBe('notApplicable');
    expect(JSON.stringify(result.items)).toContain('Product');
  });
});
