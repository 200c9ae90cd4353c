import { describe, expect, it } from 'vitest';
import { answerPage, BURIED_AFTER_WORDS } from '../../../shared/score/index.ts';
import { filler, page, testConfig } from './pages.ts';

const config = testConfig({
  brand: { name: 'Acme' },
  products: ['Acme Sensor'],
  competitors: [{ name: 'Rivalco' }],
});

function answer(p: ReturnType<typeof page>, text: string, stage: 'interest' | 'comparison' | 'purchase') {
  const a = answerPage(p.artifacts, p.page, { text, stage }, { config });
  if (!a) throw new Error(`no answer for "${text}"`);
  return a;
}

describe('answer score = relevance × shape × directness × tone', () => {
  it('multiplies its four factors, and visibility is answer × findability', () => {
    // A page that gives a way to reach a person: a purchase answer without one loses a share of its visibility (human-signals.test.ts).
    const p = page('<h1>Acme Sensor price</h1><p>The Acme Sensor costs $49 and ships in two days from our warehouse.</p><p><a href="mailto:sales@acme.example">Email sales</a></p>', { title: 'Acme Sensor price' });
    const a = answer(p, 'how much does the acme sensor cost', 'purchase');
    const f = a.factors;
    expect(a.answer).toBeCloseTo(f.relevance * f.shape * f.directness * f.tone, 2);
    expect(a.visibility).toBeCloseTo(a.answer * a.findability, 2);
    expect(a.url).toBe('https://example.com/page/');
    expect(a.excerpt).toContain('$49');
  });
});

describe('relevance', () => {
  it('names the question words the page never mentions', () => {
    const p = page('<h1>Leak sensors compared</h1><p>Leak sensors differ in battery life, alarm volume and how they connect to your phone.</p>');
    const a = answer(p, 'leak sensor vs rivalco', 'comparison');
    expect(a.factors.relevance).toBeLessThan(0.8);
    expect(a.notes).toContain("page does not mention 'rivalco'");
  });

  it('is full when the passage holds every question word', () => {
    const p = page('<h2>Why pipes burst in winter</h2><p>Pipes burst in winter because water expands as it freezes and pressure builds behind the ice plug.</p>');
    expect(answer(p, 'why do pipes burst in winter', 'interest').factors.relevance).toBeGreaterThan(0.9);
  });
});

describe('answer shape', () => {
  it('a "how much" question wants a price: "no price on the page" when there is none', () => {
    const none = page('<h1>Acme Sensor pricing</h1><p>Acme Sensor pricing depends on your project. Contact sales for pricing and a proposal tailored to you.</p>');
    const a = answer(none, 'how much does the acme sensor cost', 'purchase');
    expect(a.factors.shape).toBeLessThanOrEqual(0.3);
    expect(a.notes.some((n) => n.startsWith('no price on the page'))).toBe(true);
    expect(a.notes.join(' ')).toContain('contact sales for pricing');

    const priced = page('<h1>Acme Sensor pricing</h1><p>The Acme Sensor costs $49.00, or $129.00 for a pack of three sensors.</p>');
    expect(answer(priced, 'how much does the acme sensor cost', 'purchase').factors.shape).toBe(1);
  });

  it('a "how to" question wants ordered steps', () => {
    const steps = page('<h2>How to install the Acme Sensor</h2><ol><li>Open the app and add a device.</li><li>Pull the battery tab.</li><li>Place the sensor on the floor.</li><li>Test it with a wet towel.</li></ol>');
    expect(answer(steps, 'how to install the acme sensor', 'purchase').factors.shape).toBe(1);

    const prose = page('<h2>How to install the Acme Sensor</h2><p>Installing the Acme Sensor is easy and most people manage it quickly without any tools at all.</p>');
    const a = answer(prose, 'how to install the acme sensor', 'purchase');
    expect(a.factors.shape).toBeLessThan(0.5);
    expect(a.notes).toContain('no ordered steps');
  });

  it('"X vs Y" wants both names and a comparison table', () => {
    const oneSide = page('<h1>Acme Sensor vs other sensors</h1><p>The Acme Sensor closes the valve locally and its battery lasts three years, longer than other sensors.</p>');
    const a = answer(oneSide, 'acme sensor vs rivalco', 'comparison');
    expect(a.notes).toContain('competitor Rivalco not named');
    expect(a.factors.shape).toBeLessThan(0.4);

    const table = page(`<h1>Acme Sensor vs Rivalco</h1><p>Acme Sensor and Rivalco compared feature by feature.</p>
      <table><tr><th>Feature</th><th>Acme Sensor</th><th>Rivalco</th></tr><tr><td>Battery</td><td>3 years</td><td>1 year</td></tr><tr><td>Hub</td><td>Yes</td><td>No</td></tr></table>`);
    expect(answer(table, 'acme sensor vs rivalco', 'comparison').factors.shape).toBe(1);
  });

  it('"what is" wants a definition near the top', () => {
    const defined = page('<h1>What is a leak detector?</h1><p>A leak detector is a small device that sounds an alarm when it touches water on the floor.</p>');
    expect(answer(defined, 'what is a leak detector', 'interest').factors.shape).toBe(1);

    const undefinedTerm = page('<h1>What is a leak detector?</h1><p>Leak detector buyers often ask us many questions, so we wrote this page with our plumbers.</p>');
    const a = answer(undefinedTerm, 'what is a leak detector', 'interest');
    expect(a.factors.shape).toBeLessThan(1);
    expect(a.notes.some((n) => n.includes('definition'))).toBe(true);
  });
});

describe('directness', () => {
  it(`flags an answer buried below ${BURIED_AFTER_WORDS} words`, () => {
    const body = `<h1>Our company news</h1><p>${filler(1400)}</p><h2>Before you go</h2><p>Your water bill is high because a toilet leak can waste two hundred gallons a day; check the flapper first.</p>`;
    const a = answer(page(body), 'why is my water bill so high', 'interest');
    expect(a.notes.some((n) => n.startsWith('answer buried below 1,200 words'))).toBe(true);
    expect(a.factors.directness).toBeLessThanOrEqual(0.5);
  });

  it('is full when the answer sits right under a matching heading at the top', () => {
    const a = answer(page('<h2>Why is my water bill so high?</h2><p>A high water bill usually means a leak: a running toilet can waste two hundred gallons a day.</p>'), 'why is my water bill so high', 'interest');
    expect(a.factors.directness).toBe(1);
  });

  it('says which heading the answer sits under when none matches', () => {
    const a = answer(page('<h2>Spring news</h2><p>A high water bill usually means a leak because a running toilet wastes water all day long.</p>'), 'why is my water bill so high', 'interest');
    expect(a.notes).toContain('no heading matches the question: the answer sits under "Spring news"');
  });
});

describe('tone', () => {
  const pitch = page('<h2>How to prevent water damage</h2><p>Buy now! Acme is the best-in-class, award-winning leak protection! Order today and enjoy our limited-time offer! Prevent water damage with Acme!</p>');

  it('penalises promotional copy at the interest stage and says why', () => {
    const a = answer(pitch, 'how to prevent water damage', 'interest');
    expect(a.factors.tone).toBeLessThan(0.5);
    const toneNote = a.notes.find((n) => n.startsWith('promotional tone at interest stage'));
    expect(toneNote).toContain('buy now');
    expect(toneNote).toContain('exclamation marks');
  });

  it('does not penalise the same copy at the purchase stage', () => {
    expect(answer(pitch, 'how to prevent water damage', 'purchase').factors.tone).toBe(1);
  });

  it('leaves helpful copy alone at the interest stage', () => {
    const help = page('<h2>How to prevent water damage</h2><p>Check hoses twice a year, know where your main shut-off valve is, and keep gutters clear.</p>');
    expect(answer(help, 'how to prevent water damage', 'interest').factors.tone).toBe(1);
  });
});

describe('findability of an answer', () => {
  const body = '<h1>What is a leak detector?</h1><p>A leak detector is a small device that sounds an alarm when it touches water.</p>';

  it('is zero for a noindex page, whatever the content, with the reason', () => {
    const a = answer(page(body, { head: '<meta name="robots" content="noindex">', title: 'What is a leak detector?' }), 'what is a leak detector', 'interest');
    expect(a.answer).toBeGreaterThan(0.8);
    expect(a.findability).toBe(0);
    expect(a.visibility).toBe(0);
    expect(a.notes).toContain('page is noindex');
  });

  it('names the X-Robots-Tag header when that is what blocks the page', () => {
    const a = answer(page(body, { headers: { 'x-robots-tag': 'noindex' } }), 'what is a leak detector', 'interest');
    expect(a.notes).toContain('page is noindex (X-Robots-Tag header)');
  });

  it('drops when the canonical points to another URL', () => {
    const p = page(body, { canonical: 'https://example.com/other/', title: 'What is a leak detector?' });
    const self = page(body, { title: 'What is a leak detector?' });
    const a = answer(p, 'what is a leak detector', 'interest');
    expect(a.findability).toBeLessThan(answer(self, 'what is a leak detector', 'interest').findability / 2);
    expect(a.notes.some((n) => n.startsWith("page's canonical points to another URL"))).toBe(true);
  });

  it('is lower when the title and H1 do not use the question words', () => {
    const targeted = answer(page(body, { title: 'What is a leak detector?' }), 'what is a leak detector', 'interest');
    const untargeted = answer(page('<h1>Our products</h1><p>A leak detector is a small device that sounds an alarm when it touches water.</p>', { title: 'Products' }), 'what is a leak detector', 'interest');
    expect(untargeted.findability).toBeLessThan(targeted.findability);
    expect(untargeted.notes.some((n) => n.startsWith('title and H1 do not mention'))).toBe(true);
  });
});

describe('answerPage across languages', () => {
  it('scores an English question on a French page through the words they share (names)', () => {
    const fr = page('<h1>Prix du Acme Sensor</h1><p>Le Acme Sensor coûte 45 € et le kit de trois capteurs 119 €.</p>', { lang: 'fr', title: 'Prix du Acme Sensor' });
    const a = answer(fr, 'acme sensor price', 'purchase');
    expect(a.factors.shape).toBe(1);
    expect(a.excerpt).toContain('45 €');
  });
});
