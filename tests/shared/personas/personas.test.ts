import { describe, expect, it } from 'vitest';
import { extractArtifacts } from '../../../shared/extract/index.ts';
import { pageResultFrom } from '../../../shared/pipeline.ts';
import { personaUsability, personaFactor, builtInPersona } from '../../../shared/personas/index.ts';
import { readingLevel } from '../../../shared/personas/readability.ts';
import { personaUsabilityAudit } from '../../../shared/personas/site.ts';
import { scoreSite } from '../../../shared/score/index.ts';
import { ConfigSchema, ProspectQuestionSchema, type PageArtifacts } from '../../../shared/schemas/index.ts';
import { page as scoredPage, testConfig } from '../score/pages.ts';

// Built-in personas on small local pages: each page with and without what that persona needs.
function artifacts(body: string, opts: { lang?: string | null; head?: string } = {}): PageArtifacts {
  const lang = opts.lang === undefined ? 'en' : opts.lang;
  return extractArtifacts({
    url: 'https://brand.example/demo/',
    status: 200,
    headers: { 'content-type': 'text/html' },
    html: `<!doctype html><html${lang ? ` lang="${lang}"` : ''}><head><title>Demo</title><meta name="viewport" content="width=device-width">${opts.head ?? ''}</head><body><main>${body}</main></body></html>`,
  });
}
function usability(persona: 'screen-reader' | 'slow-mobile' | 'second-language', a: PageArtifacts, passageIndex = 0) {
  return personaUsability(persona, { artifacts: a, page: pageResultFrom(a), passage: a.passages[passageIndex] });
}
const ANSWER = '<h2>Book a free demo</h2><p>A member of our team shows you a real installation over video, free and without obligation, on any weekday morning.</p>';

describe('screen-reader', () => {
  it('finds unlabeled form controls and icon-only buttons, images without alt and a missing lang; a labelled page passes', () => {
    const good = usability('screen-reader', artifacts(`${ANSWER}<form><label for="e">Your e-mail</label><input id="e" type="email"><button type="submit">Book</button></form><img src="/a.png" alt="The hub">`));
    expect(good.usability).toBe(1);
    const bad = usability('screen-reader', artifacts(`${ANSWER}<form><input type="email" name="email"><button type="submit"><svg aria-hidden="true"></svg></button></form><img src="/a.png">`, { lang: null }));
    expect(bad.usability).toBeLessThan(0.5);
    const byCheck = new Map(bad.checks.map((c) => [c.check, c]));
    expect(byCheck.get('unlabeled-controls')).toMatchObject({ score: 0, message: expect.stringMatching(/^2 of 2 form controls or buttons have no label .*<input type=email name=email>, <button type=submit>/) });
    expect(byCheck.get('image-alt')!.message).toMatch(/^1 of 1 images in the answering passage have no text alternative \(\/a\.png\)$/);
    expect(byCheck.get('lang')!.score).toBe(0);
  });

  it('checks the images of the answering passage, not of the whole page', () => {
    const page = artifacts(
      `<h2>How the valve closes</h2><p>The motor turns the lever a quarter turn in six seconds. <img src="/diagram.png"></p><figure><img src="/photo.jpg" alt="The valve on a pipe"></figure>` +
        `<h2>About us</h2><p>We are a small team in Eugene, Oregon, making leak sensors since 2019.</p><img src="/team.jpg"><table><tr><td><img src="/icon.svg"></td><td>Family owned</td></tr></table>`,
    );
    const [answer, about] = [0, 1].map((i) => usability('screen-reader', page, i).checks.find((c) => c.check === 'image-alt'));
    expect(answer).toMatchObject({ score: 0.5, message: '1 of 2 images in the answering passage have no text alternative (/diagram.png)' });
    expect(about).toMatchObject({ score: 0, message: '2 of 2 images in the answering passage have no text alternative (/team.jpg, /icon.svg)' });
    // A passage without images has nothing to check; the page audit still counts every image.
    const plain = artifacts(`${ANSWER}<h2>Our team</h2><p>Photos of the team.</p><img src="/team.jpg">`);
    expect(usability('screen-reader', plain, 0).checks.map((c) => c.check)).not.toContain('image-alt');
    expect(pageResultFrom(plain).audits.find((x) => x.id === 'image-alt')?.score).toBe(0);
  });

  it('accepts the names axe accepts: aria-label, aria-labelledby, a wrapping label, placeholder, title, a button text or value', () => {
    const a = artifacts(
      `${ANSWER}<span id="n">Name</span><input aria-labelledby="n"><input aria-label="Phone"><label>City <input></label><input placeholder="Postcode"><textarea title="Message"></textarea><input type="submit"><input type="button" value="Call me"><button>Send</button><input type="hidden" name="t">`,
    );
    expect(a.usability).toMatchObject({ controls: 8, unlabeledControls: [] });
  });

  it('weighs Lighthouse accessibility of the sampled template in, saying where it was measured and which checks failed', () => {
    const a = { ...artifacts(ANSWER), lighthouse: { performance: 0.9, seo: 1, lcpMs: 1, cls: 0, tbtMs: 0, accessibility: 0.62, accessibilityFailures: ['color-contrast', 'link-name'], totalBytes: null, inheritedFrom: 'https://brand.example/pricing/', template: '/x/', errorMessage: null } };
    const u = personaUsability('screen-reader', { artifacts: a, page: pageResultFrom(a), passage: a.passages[0] });
    expect(u.checks.find((c) => c.check === 'lighthouse-accessibility')).toMatchObject({ score: 0.62, message: 'Lighthouse accessibility 62 (measured on https://brand.example/pricing/, same template); failed: color-contrast, link-name' });
    // Contrast is measured only on the rendered page: Lighthouse's color-contrast failure is a finding of its own.
    expect(u.checks.find((c) => c.check === 'contrast')).toMatchObject({ score: 0, message: 'text without enough contrast against its background (Lighthouse color-contrast) (measured on https://brand.example/pricing/, same template)' });
    const passed = { ...a, lighthouse: { ...a.lighthouse, accessibility: 0.95, accessibilityFailures: ['link-name'] } };
    expect(personaUsability('screen-reader', { artifacts: passed, page: pageResultFrom(passed), passage: passed.passages[0] }).checks.find((c) => c.check === 'contrast')).toMatchObject({ score: 1 });
    // Without Lighthouse there is no contrast check (static HTML does not say which colours a reader sees).
    expect(usability('screen-reader', artifacts(ANSWER)).checks.map((c) => c.check)).not.toContain('contrast');
  });
});

describe('slow-mobile', () => {
  it('weighs the HTML without Lighthouse, the whole page and mobile performance with it', () => {
    const light = usability('slow-mobile', artifacts(ANSWER));
    expect(light.usability).toBe(1);
    const heavy = artifacts(`${ANSWER}<div hidden>${'x'.repeat(700_000)}</div>`);
    const u = usability('slow-mobile', heavy);
    expect(u.checks.find((c) => c.check === 'html-weight')!.message).toMatch(/^the HTML alone weighs 68\d KB/);
    const measured = { ...heavy, lighthouse: { performance: 0.35, seo: 1, lcpMs: 9000, cls: 0, tbtMs: 900, accessibility: 1, accessibilityFailures: [], totalBytes: 6_000_000, inheritedFrom: null, template: null, errorMessage: null } };
    const m = personaUsability('slow-mobile', { artifacts: measured, page: pageResultFrom(measured), passage: measured.passages[0] });
    expect(m.checks.map((c) => [c.check, c.score])).toEqual([['lighthouse-performance', 0.35], ['page-weight', 0], ['viewport', 1]]);
  });
});

describe('second-language: reading level of the answering passage, per language', () => {
  const PLAIN_EN = 'Turn off all taps. Read the water meter. Wait two hours. Do not use any water. Read the meter again. If the number moved, you have a leak. Call a plumber.';
  const HARD_EN =
    'Notwithstanding considerable methodological heterogeneity, contemporaneous investigations substantiate that intermittent subterranean infiltration, particularly beneath monolithic foundations, frequently necessitates comprehensive instrumentation, professional interpretation and extraordinarily meticulous documentation.';
  it('grades plain English easy and convoluted English hard (Flesch, syllables from the syllable package)', () => {
    expect(readingLevel(PLAIN_EN, 'en')!.ease).toBeGreaterThan(80);
    expect(readingLevel(HARD_EN, 'en')!.ease).toBe(0);
    expect(readingLevel('Too short to grade.', 'en')).toBeNull();
  });

  it('uses each language’s own formula: French (Kandel & Moles), German (Amstad), Romanian on the English coefficients, said so', () => {
    const fr = readingLevel("Fermez tous les robinets. Lisez le compteur d'eau. Attendez deux heures sans utiliser d'eau. Lisez le compteur de nouveau. Si le chiffre a bougé, il y a une fuite.", 'fr')!;
    expect(fr.formula).toBe('Kandel & Moles (1958)');
    expect(fr.ease).toBeGreaterThan(60);
    expect(readingLevel('Drehen Sie alle Hähne zu. Lesen Sie den Wasserzähler ab. Warten Sie zwei Stunden ohne Wasser zu nutzen. Lesen Sie den Zähler erneut ab. Hat sich die Zahl bewegt, gibt es ein Leck.', 'de')!.formula).toBe('Amstad (1978)');
    const ro = readingLevel('Închideți toate robinetele. Citiți contorul de apă. Așteptați două ore fără să folosiți apă. Citiți din nou contorul. Dacă cifra s-a schimbat, aveți o scurgere.', 'ro')!;
    expect(ro.formula).toMatch(/English coefficients \(no ro adaptation known\)/);
  });

  it('scores the answering passage, not the page: a hard passage on an easy page is found', () => {
    const a = artifacts(`<h2>Easy</h2><p>${PLAIN_EN}</p><h2>Hard</h2><p>${HARD_EN} ${HARD_EN}</p>`);
    expect(usability('second-language', a, 0).usability).toBe(1);
    const hard = usability('second-language', a, 1);
    expect(hard.usability).toBe(0);
    expect(hard.checks[0].message).toMatch(/^the answering passage reads hard: reading ease 0 \(en, Flesch \(1948\)/);
  });
});

describe('in scoring: a question tagged with a built-in persona', () => {
  const form = '<form><input type="email" name="email"><button type="submit"><svg aria-hidden="true"></svg></button></form>';
  const demo = (extra: string) =>
    scoredPage(`<h1>Free demo and trial</h1><p>Brightwell offers a free live demo over video and a 60-day home trial with a full refund.</p><p><a href="/contact/">Contact us</a></p>${extra}`, { url: 'https://acme.example/demo/', title: 'Free demo and trial' });
  const question = (persona?: string) => ProspectQuestionSchema.parse({ id: 'q', text: 'does brightwell offer a free trial or demo', stage: 'purchase', lang: 'en', ...(persona ? { persona } : {}) });
  const config = testConfig({ brand: { name: 'Brightwell' } });

  it('is scored with its persona’s usability as a factor, explained, pointing at the answering page', () => {
    const [plain] = scoreSite({ config, questions: [question()], pages: [demo(form)] }).questions;
    const [sr] = scoreSite({ config, questions: [question('screen-reader')], pages: [demo(form)] }).questions;
    expect(sr.best!.url).toBe('https://acme.example/demo/');
    expect(sr.best!.persona).toMatchObject({ id: 'screen-reader', findings: [expect.stringMatching(/^2 of 2 form controls or buttons have no label/)] });
    expect(sr.best!.visibility).toBeCloseTo(plain.best!.visibility * personaFactor(sr.best!.persona!.usability), 2);
    expect(sr.best!.notes.join(' ')).toMatch(/screen-reader users may not be able to use this page \(2 of 2 form controls .*\): usability \d+%, visibility −\d+%/);
    expect(plain.best!.persona).toBeUndefined();
    // The same page with labels: no loss.
    const [fixed] = scoreSite({ config, questions: [question('screen-reader')], pages: [demo('<form><input type="email" aria-label="E-mail"><button>Book</button></form>')] }).questions;
    expect(fixed.best!.persona!.usability).toBe(1);
  });

  it('reports per-persona usability next to coverage, and lists the findings by answering page', () => {
    const site = scoreSite({ config, questions: [question('screen-reader'), { ...question('homeowner'), id: 'q2' }], pages: [demo(form)] });
    expect(site.scores.personas).toHaveProperty('screen-reader');
    expect(site.scores.personaUsability!['screen-reader']).toBeLessThan(100);
    expect(site.scores.personaUsability).not.toHaveProperty('homeowner');
    const audit = personaUsabilityAudit(site.questions);
    expect(audit).toMatchObject({ id: 'persona-usability', items: [{ persona: 'screen-reader', question: 'q', url: 'https://acme.example/demo/' }] });
  });

  it('the built-in personas are usable in the config', () => {
    expect(ConfigSchema.parse({ brand: { name: 'x' }, personas: ['screen-reader', 'slow-mobile', 'second-language'] }).personas).toHaveLength(3);
    expect(builtInPersona('second-language')).toBe('second-language');
    expect(builtInPersona('homeowner')).toBeNull();
  });
});
