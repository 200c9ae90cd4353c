import type { JsonLdBlock } from '../schemas/index.ts';

/**
 * Wrappers old CMSs put around a script's JSON so that pre-HTML5 parsers skip it:
 * <!-- … -->, <![CDATA[ … ]]>, //<![CDATA[ … //]]> and /*<![CDATA[*\/ … /*]]>*\/.
 * Browsers hand the script text over with them, and search engines read through them.
 */
const LEADING_WRAPPERS = [/^<!--/, /^\/\*\s*<!\[CDATA\[\s*\*\//, /^\/\/\s*<!\[CDATA\[/, /^<!\[CDATA\[/];
const TRAILING_WRAPPERS = [/-->$/, /\/\*\s*\]\]>\s*\*\/$/, /\/\/\s*\]\]>$/, /\]\]>$/];

/** The script text without BOM, surrounding whitespace and comment/CDATA wrappers. */
export function stripScriptWrappers(raw: string): string {
  let text = raw.replace(/^\uFEFF/, '').trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const wrapper of LEADING_WRAPPERS) {
      const next = text.replace(wrapper, '').trim();
      if (next !== text) {
        text = next;
        changed = true;
      }
    }
    for (const wrapper of TRAILING_WRAPPERS) {
      const next = text.replace(wrapper, '').trim();
      if (next !== text) {
        text = next;
        changed = true;
      }
    }
  }
  return text;
}

/** One <script type="application/ld+json"> body → a block; a syntax error is data, never a throw. */
export function parseJsonLdScript(raw: string): JsonLdBlock {
  const text = stripScriptWrappers(raw);
  if (text === '') return { raw, parsed: null, error: 'empty script' };
  try {
    return { raw, parsed: JSON.parse(text) as unknown, error: null };
  } catch (e) {
    return { raw, parsed: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The parsed value of a block, re-reading its raw text when the extractor could not parse it. */
export function blockValue(block: JsonLdBlock): { value: unknown; error: string | null } {
  if (block.parsed !== null && block.parsed !== undefined) return { value: block.parsed, error: null };
  const reparsed = parseJsonLdScript(block.raw ?? '');
  if (reparsed.error === null) return { value: reparsed.parsed, error: null };
  return { value: null, error: block.error ?? reparsed.error };
}
