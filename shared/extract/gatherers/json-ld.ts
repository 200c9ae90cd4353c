import type { JsonLdBlock } from '../../schemas/index.ts';
import { defineGatherer } from './types.ts';

const MAX_JSONLD_CHARS = 2_000_000;

function stripJsonLdWrappers(raw: string): string {
  return raw
    .trim()
    .replace(/^<!--/, '')
    .replace(/-->$/, '')
    .replace(/^\s*\/\/\s*<!\[CDATA\[/, '')
    .replace(/^<!\[CDATA\[/, '')
    .replace(/\/\/\s*\]\]>\s*$/, '')
    .replace(/\]\]>\s*$/, '')
    .trim();
}

/** <script type="application/ld+json"> blocks, parsed; a block that does not parse keeps its error. */
export default defineGatherer({
  id: 'json-ld',
  provides: ['jsonLd'],
  gather({ $ }) {
    const jsonLd: JsonLdBlock[] = [];
    $!('script').each((_, el) => {
      if ((el.attribs.type ?? '').trim().toLowerCase() !== 'application/ld+json') return;
      const raw = $!(el).text().slice(0, MAX_JSONLD_CHARS);
      try {
        jsonLd.push({ raw, parsed: JSON.parse(stripJsonLdWrappers(raw)), error: null });
      } catch (e) {
        jsonLd.push({ raw, parsed: null, error: e instanceof Error ? e.message : String(e) });
      }
    });
    return { jsonLd };
  },
});
