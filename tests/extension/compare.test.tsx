// @vitest-environment jsdom
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Overlay, backgroundBackend } from '../../extension/entrypoints/google.content/overlay.tsx';
import { importAnyReport } from '../../extension/utils/compare-index.ts';
import { writeSettings } from '../../extension/utils/settings.ts';
import { readCompareIndex, writeCompareIndex } from '../../extension/utils/storage.ts';
import { SettingsSchema } from '../../shared/schemas/extension.ts';
import type { CompareReport } from '../../shared/schemas/index.ts';
import { SERP_FIXTURES, buildDemoCompare, prepareSerp, searchUrlFor, type PreparedSerp } from './harness.ts';
import { loadIntoDocument, wireBackground, useContentScriptContext } from './helpers.ts';

// A `zmot compare` report imported in the extension (issue 15): the options page accepts it (and
// refuses a broken one in one line), the overlay shows on a compared competitor's result its score
// for the query beside the brand's, and the panel says who answers the query best.

const BRAND = 'https://brightwell.example';
const RIVAL = 'https://aquaguard.example';
const QUERY = 'how do I know if my water heater is leaking';
const BRAND_PAGE = `${BRAND}/guides/water-heater-leak-signs/`;
const RIVAL_PAGE = `${RIVAL}/learn/water-heater-leaking/`;

let compare: CompareReport;
let serp: PreparedSerp;
const context = useContentScriptContext();

beforeAll(async () => {
  compare = buildDemoCompare(BRAND, ['/', '/guides/water-heater-leak-signs/', '/guides/what-is-a-leak-detector/', '/pricing/'], RIVAL, ['/', '/learn/water-heater-leaking/', '/pricing/']);
  const fixture = await readFile(path.join(SERP_FIXTURES, 'google-desktop-2023-featured-snippet.html'), 'utf8');
  serp = prepareSerp(fixture, QUERY, new Map([[1, BRAND_PAGE], [2, RIVAL_PAGE]]));
});


const question = () => compare.questions.find((q) => q.question.text === QUERY)!;
const visibility = (site: string) => question().answers.find((a) => a.site === site)!.visibility;

describe('a compare report in the extension', () => {
  it('is told apart from a crawl report on import, kept with its sites and questions, and refused in one line when broken', async () => {
    const imported = importAnyReport('compare.json', JSON.stringify(compare));
    if (!imported.ok) throw new Error(imported.message);
    expect(imported.kind).toBe('compare');
    if (imported.kind !== 'compare') return;
    expect(imported.index.sites).toEqual([
      { name: 'Brightwell Home', role: 'brand', hosts: ['brightwell.example'] },
      { name: 'AquaGuard', role: 'competitor', hosts: ['aquaguard.example'] },
    ]);
    expect(imported.index.questions).toHaveLength(compare.questions.length);
    await writeCompareIndex(imported.index);
    expect(await readCompareIndex()).toEqual(imported.index);

    const broken = { ...compare, sites: [{ ...compare.sites[0], role: 'rival' }] };
    const refused = importAnyReport('compare.json', JSON.stringify(broken));
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/^compare\.json: not a ZMOT Lens compare report — sites\.0\.role: [^\n]+$/) });
  });

  it('shows the competitor result’s score beside the brand’s, and who answers the query best', async () => {
    // The demo numbers: AquaGuard answers this question, the brand's own page is noindex (EXPECTED.md).
    expect(question().winner).toBe('AquaGuard');
    expect(visibility('AquaGuard')).toBeGreaterThan(visibility('Brightwell Home'));
    const imported = importAnyReport('compare.json', JSON.stringify(compare));
    if (!imported.ok || imported.kind !== 'compare') throw new Error('not imported');
    await writeCompareIndex(imported.index);
    await writeSettings(SettingsSchema.parse({ brandDomains: ['brightwell.example'], competitorDomains: ['aquaguard.example'] }));
    wireBackground();
    const doc = loadIntoDocument(serp.html);
    const overlay = new Overlay(context(), { doc, pageUrl: searchUrlFor(QUERY), backend: backgroundBackend });
    await overlay.run();

    // The worker sent only what the overlay shows: the winner, each site's score, the competitor result's scores.
    const score = (site: string) => Math.round(visibility(site));
    expect(overlay.analysis!.compare).toEqual({
      question: QUERY,
      winner: 'AquaGuard',
      sites: question().answers.map((a) => ({ site: a.site, brand: a.site === 'Brightwell Home', score: Math.round(a.visibility) })),
      results: { [RIVAL_PAGE]: { site: 'AquaGuard', score: score('AquaGuard'), brand: score('Brightwell Home') } },
    });
    const badge = (position: number) => document.querySelector(`zmot-badge[data-zmot-position="${position}"]`)!.shadowRoot!;
    const versus = badge(2).querySelector('[data-field="compare"]');
    expect(versus?.textContent).toBe(`AquaGuard ${Math.round(visibility('AquaGuard'))} · you ${Math.round(visibility('Brightwell Home'))}`);
    // Only a competitor's result carries the comparison; the brand's own and the others' do not.
    expect(badge(1).querySelector('[data-field="compare"]')).toBeNull();
    expect(badge(3).querySelector('[data-field="compare"]')).toBeNull();

    const panel = document.querySelector('zmot-panel')!.shadowRoot!;
    expect(panel.querySelector('[data-field="compare-best"]')?.getAttribute('data-winner')).toBe('AquaGuard');
    expect(panel.querySelector('[data-field="compare-winner"]')?.textContent).toBe('AquaGuard answers this query best');
    expect([...panel.querySelectorAll('[data-field="compare-sites"] [data-site]')].map((e) => e.textContent)).toEqual(
      question().answers.map((a) => `${a.site} ${Math.round(a.visibility)}`),
    );
    expect(overlay.summary()!.compare?.winner).toBe('AquaGuard');
    overlay.dispose();
  });

  it('says nobody answers when no crawled site does, and shows nothing for a query far from every question', async () => {
    const nobody = compare.questions.find((q) => q.winner === null)!;
    const imported = importAnyReport('compare.json', JSON.stringify(compare));
    if (!imported.ok || imported.kind !== 'compare') throw new Error('not imported');
    await writeCompareIndex(imported.index);
    const { service } = wireBackground();
    const reply = await service.lookup({ type: 'score:lookup', query: nobody.question.text, lang: 'en', urls: [RIVAL_PAGE] });
    expect(reply.compare).toMatchObject({ question: nobody.question.text, winner: null, results: { [RIVAL_PAGE]: { site: 'AquaGuard' } } });
    const far = await service.lookup({ type: 'score:lookup', query: 'best pizza in naples', lang: 'en', urls: [RIVAL_PAGE] });
    expect(far.compare).toBeUndefined();
  });
});
