import { describe, expect, it } from 'vitest';
import { runAudits } from '../../../shared/audits/run.ts';
import { pageResultFrom } from '../../../shared/pipeline.ts';
import { PAGE_AUDITS } from '../../../shared/audits/registry.ts';
import { defineAudit } from '../../../shared/audits/types.ts';
import { extractArtifacts, GATHERERS } from '../../../shared/extract/index.ts';
import { defineGatherer } from '../../../shared/extract/gatherers/types.ts';
import type { PageArtifacts } from '../../../shared/schemas/index.ts';

const page = {
  url: 'https://example.com/a',
  status: 200,
  headers: { 'content-type': 'text/html' },
  html: '<html lang="en"><head><title>Leak sensors for every home</title><meta name="description" content="Find a leak early."></head><body><h1>Leak sensors</h1><img src="a.png"><a href="/b">Next</a></body></html>',
};

describe('the audit runner and `requires`', () => {
  it('hands an audit only the artifacts it declares', () => {
    const seen: string[][] = [];
    const probe = defineAudit({
      meta: { id: 'probe', title: 't', failureTitle: 'f', description: 'd', group: 'content', requires: ['title'] },
      run(a) {
        seen.push(Object.keys(a));
        // An undeclared read (a type error in real code) sees nothing at run time.
        expect((a as unknown as PageArtifacts).headings).toBeUndefined();
        return { score: 1 };
      },
    });
    const [result] = runAudits(extractArtifacts(page), { audits: [probe] });
    expect(result.scoreDisplayMode).toBe('binary');
    expect(seen).toEqual([['title']]);
  });

  it('reports an error, not a score, for audits whose required artifact failed to gather; the others score', () => {
    const broken = defineGatherer({
      id: 'images',
      provides: ['images'],
      gather() {
        throw new Error('boom');
      },
    });
    const artifacts = extractArtifacts(page, GATHERERS.map((g) => (g.id === 'images' ? broken : g)));
    const results = runAudits(artifacts);
    const imageAlt = results.find((r) => r.id === 'image-alt');
    expect(imageAlt).toMatchObject({ score: null, scoreDisplayMode: 'error', errorMessage: 'Required images gatherer failed: images: boom' });
    expect(results.find((r) => r.id === 'document-title')).toMatchObject({ score: 1, scoreDisplayMode: 'binary' });
  });

  it('an audit whose output the schema refuses is an error result in the page result too, the others score', () => {
    // pageResultFrom validates the page result once; a refused audit output sends it back to validating each audit.
    const bad = defineAudit({
      meta: { id: 'bad', title: 't', failureTitle: 'f', description: 'd', group: 'content', requires: ['title'] },
      run: () => ({ score: 1, items: [{ nope: Symbol('x') }] as never }),
    });
    const good = PAGE_AUDITS.find((a) => a.meta.id === 'document-title')!;
    const artifacts = extractArtifacts(page);
    const result = pageResultFrom(artifacts, { audits: [bad, good] });
    expect(result.audits).toEqual(runAudits(artifacts, { audits: [bad, good] }));
    expect(result.audits[0]).toMatchObject({ id: 'bad', score: null, scoreDisplayMode: 'error' });
    expect(result.audits[1]).toMatchObject({ id: 'document-title', score: 1 });
  });

  it('every page audit declares only artifacts the gatherers or the fetch provide', () => {
    const gathered = new Set<string>(GATHERERS.flatMap((g) => g.provides));
    const fetched = new Set(Object.keys(extractArtifacts({ url: 'https://example.com/', status: 404 })));
    for (const audit of PAGE_AUDITS) for (const key of audit.meta.requires) expect(gathered.has(key) || fetched.has(key), `${audit.meta.id} requires ${key}`).toBe(true);
  });
});
