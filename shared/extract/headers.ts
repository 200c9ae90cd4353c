/** Response headers as they arrive: a record (fetch/undici) or a list of pairs (repeated headers). */
export type HeaderInput = Record<string, string | string[] | undefined> | Array<[string, string]>;

export interface NormalizedHeaders {
  /** Lower-cased names; repeated values joined with ', '. */
  headers: Record<string, string>;
  /** Every value of every header, lower-cased names, in order. */
  all: Array<[string, string]>;
}

export function normalizeHeaders(input: HeaderInput | undefined): NormalizedHeaders {
  const all: Array<[string, string]> = [];
  if (Array.isArray(input)) {
    for (const [name, value] of input) all.push([String(name).toLowerCase(), String(value)]);
  } else if (input) {
    for (const [name, value] of Object.entries(input)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) all.push([name.toLowerCase(), String(v)]);
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of all) headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  return { headers, all };
}

export function headerValues(h: NormalizedHeaders, name: string): string[] {
  return h.all.filter(([n]) => n === name).map(([, v]) => v);
}

export interface LinkHeaderEntry {
  href: string;
  params: Record<string, string>;
}

/**
 * Parses RFC 8288 Link header values: `<url>; rel="canonical", <url2>; rel=alternate; hreflang=fr`.
 * Ours, not http-link-header (Lighthouse's parser, 1.1.4): it throws on the first malformed character,
 * losing every other entry of a hostile or sloppy header, and it is quadratic on a run of whitespace
 * (4.5 s on `<x>;` + 50,000 spaces, which tests/fuzz/headers-robots-sitemaps.test.ts sends); this reads
 * what it can, in linear time.
 */
export function parseLinkHeader(values: string[]): LinkHeaderEntry[] {
  const out: LinkHeaderEntry[] = [];
  for (const value of values) {
    // Split on commas that start a new <…> entry; URLs may contain commas inside the brackets.
    // [^<>]: a URI reference holds no raw '<', and a run of '<' with no '>' stays linear to scan.
    const re = /<([^<>]*)>\s*((?:;\s*[^;,=]+(?:=\s*(?:"[^"]*"|[^;,]*))?\s*)*)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(value))) {
      const params: Record<string, string> = {};
      for (const p of m[2].split(';')) {
        const eq = p.indexOf('=');
        if (eq === -1) {
          const k = p.trim().toLowerCase();
          if (k) params[k] = '';
          continue;
        }
        const k = p.slice(0, eq).trim().toLowerCase();
        let v = p.slice(eq + 1).trim();
        if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
        if (k) params[k] = v;
      }
      out.push({ href: m[1].trim(), params });
    }
  }
  return out;
}

const DIRECTIVE_WITH_COLON = /^(unavailable_after|max-snippet|max-image-preview|max-video-preview)\s*:/i;

/**
 * Parses X-Robots-Tag values. `googlebot: noindex, nofollow` targets one agent;
 * `noindex` targets all. A directive such as `unavailable_after: …` is not an agent.
 */
export function parseXRobotsTag(value: string): Array<{ agent: string; directives: string[] }> {
  const out: Array<{ agent: string; directives: string[] }> = [];
  let current: { agent: string; directives: string[] } = { agent: 'all', directives: [] };
  out.push(current);
  for (const rawPart of value.split(',')) {
    let part = rawPart.trim();
    if (!part) continue;
    const colon = part.indexOf(':');
    if (colon > 0 && !DIRECTIVE_WITH_COLON.test(part)) {
      const agent = part.slice(0, colon).trim().toLowerCase();
      if (/^[a-z0-9_\-. ]+$/.test(agent)) {
        current = { agent, directives: [] };
        out.push(current);
        part = part.slice(colon + 1).trim();
        if (!part) continue;
      }
    }
    current.directives.push(part.toLowerCase());
  }
  return out.filter((e) => e.directives.length > 0);
}

export function parseDirectiveList(content: string): string[] {
  return content
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
}
