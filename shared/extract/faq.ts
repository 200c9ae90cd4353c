import type { CheerioAPI } from 'cheerio';
import type { FaqEntry, JsonLdBlock, Passage } from '../schemas/index.ts';
import { collapse, textOf } from './dom.ts';

const MAX_FAQ = 200;

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v == null ? [] : [v];
}

function typeIs(node: unknown, type: string): boolean {
  if (!node || typeof node !== 'object') return false;
  return asArray((node as Record<string, unknown>)['@type']).some(
    (t) => typeof t === 'string' && t.replace(/^https?:\/\/schema\.org\//, '') === type,
  );
}

function answerText(q: Record<string, unknown>): string {
  for (const key of ['acceptedAnswer', 'suggestedAnswer']) {
    for (const a of asArray(q[key])) {
      if (a && typeof a === 'object' && typeof (a as Record<string, unknown>).text === 'string') {
        // Answers in JSON-LD may carry HTML; keep the words only.
        return collapse(String((a as Record<string, unknown>).text).replace(/<[^>]*>/g, ' '));
      }
    }
  }
  return '';
}

/** FAQ blocks: FAQPage JSON-LD, <details><summary>, <dl>, and question headings followed by text. */
export function extractFaq($: CheerioAPI, jsonLd: JsonLdBlock[], passages: Passage[]): FaqEntry[] {
  const out: FaqEntry[] = [];
  const seen = new Set<string>();
  const add = (e: FaqEntry) => {
    const key = e.question.toLowerCase();
    if (!e.question || seen.has(key) || out.length >= MAX_FAQ) return;
    seen.add(key);
    out.push(e);
  };

  const visit = (node: unknown, depth: number) => {
    if (depth > 8 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n, depth + 1));
    const obj = node as Record<string, unknown>;
    if (typeIs(obj, 'FAQPage') || typeIs(obj, 'QAPage')) {
      for (const q of asArray(obj.mainEntity)) {
        if (q && typeof q === 'object' && typeof (q as Record<string, unknown>).name === 'string') {
          add({ question: collapse(String((q as Record<string, unknown>).name)), answer: answerText(q as Record<string, unknown>), source: 'jsonld' });
        }
      }
    }
    if (obj['@graph']) visit(obj['@graph'], depth + 1);
  };
  for (const block of jsonLd) visit(block.parsed, 0);

  $('details').each((_, el) => {
    const summary = $(el).children('summary').first();
    if (!summary.length) return;
    const q = textOf(summary[0]);
    const clone = $(el).clone();
    clone.children('summary').remove();
    add({ question: q, answer: collapse(clone.text()), source: 'details' });
  });

  $('dl').each((_, dl) => {
    $(dl)
      .children('dt')
      .each((__, dt) => {
        const q = textOf(dt);
        if (!q.endsWith('?')) return;
        const dd = $(dt).nextAll('dd').first();
        add({ question: q, answer: dd.length ? textOf(dd[0]) : '', source: 'dl' });
      });
  });

  for (const p of passages) {
    if (p.heading && p.heading.trim().endsWith('?') && p.text) {
      add({ question: p.heading.trim(), answer: p.text.slice(0, 2000), source: 'heading' });
    }
  }
  return out;
}
