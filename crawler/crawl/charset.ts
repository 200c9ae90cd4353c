import iconv from 'iconv-lite';

/** Notes shown on a page whose declared charset did not match its bytes. */
const NOTES = {
  headerNotUtf8: (declared: string, used: string) => `Content-Type says charset=${declared} but the body is not valid UTF-8; decoded as ${used}`,
  headerButUtf8: (declared: string) => `Content-Type says charset=${declared} but the body is UTF-8; decoded as utf-8`,
  metaNotUtf8: (used: string) => `<meta charset> says UTF-8 but the body is not valid UTF-8; decoded as ${used}`,
  metaButUtf8: (declared: string) => `<meta charset> says ${declared} but the body is UTF-8; decoded as utf-8`,
  unknownLabel: (label: string) => `unknown charset "${label}" ignored`,
};

export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniff' | 'default';

export interface DecodedText {
  text: string;
  /** The encoding used, WHATWG-style lower-case name. */
  encoding: string;
  source: CharsetSource;
  /** Set when a declaration was wrong or unknown. */
  note: string | null;
}

/** How far into the body we look for <meta charset> (the HTML spec prescans 1024 bytes; real pages drift further). */
const META_PRESCAN_BYTES = 4096;

/** Labels browsers read as windows-1252 (WHATWG Encoding Standard). */
const WINDOWS_1252_LABELS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1', 'cp1252', 'windows-1252', 'x-cp1252', 'cp819', 'ibm819']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8', 'x-unicode20utf8']);

/** A charset label → the name we decode with, or null when we cannot decode it. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!l) return null;
  if (UTF8_LABELS.has(l)) return 'utf-8';
  if (WINDOWS_1252_LABELS.has(l)) return 'windows-1252';
  return iconv.encodingExists(l) ? l : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  return /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType)?.[1] ?? null;
}

/** The charset a page declares in its first bytes: <meta charset> or <meta http-equiv content-type>. */
export function sniffMetaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_PRESCAN_BYTES)).toString('latin1');
  const re = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.()+-]+)/gi;
  const m = re.exec(head);
  return m ? m[1] : null;
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

/** Strict UTF-8 decode; null when the bytes are not UTF-8. A truncated body may end mid-character. */
function tryUtf8(bytes: Uint8Array, truncated: boolean): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    if (!truncated) return null;
    for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
      try {
        return strictUtf8.decode(bytes.subarray(0, bytes.length - cut));
      } catch {
        // keep trimming a partial trailing sequence
      }
    }
    return null;
  }
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'utf-8') return lenientUtf8.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

/**
 * Decodes an HTML body the way a careful browser would: BOM first, then the Content-Type charset,
 * then <meta charset>; a declaration the bytes contradict (UTF-8 declared, Latin-1 sent, or the
 * reverse) loses to the bytes, and the page records a note saying so.
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null, options: { truncated?: boolean } = {}): DecodedText {
  const truncated = options.truncated ?? false;
  const bom = bomEncoding(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, source: 'bom', note: null };

  const notes: string[] = [];
  const headerLabel = charsetFromContentType(contentType);
  const header = canonicalCharset(headerLabel);
  if (headerLabel && !header) notes.push(NOTES.unknownLabel(headerLabel));
  const metaLabel = sniffMetaCharset(bytes);
  const meta = canonicalCharset(metaLabel);
  if (metaLabel && !meta) notes.push(NOTES.unknownLabel(metaLabel));

  const high = hasHighBytes(bytes);
  const utf8 = high ? tryUtf8(bytes, truncated) : null;
  const note = () => (notes.length ? notes.join('; ') : null);
  const legacyFallback = meta && meta !== 'utf-8' ? meta : 'windows-1252';

  if (!high) {
    // Pure ASCII decodes the same in every ASCII-compatible charset.
    const encoding = header ?? meta ?? 'utf-8';
    const asciiSafe = !/^utf-16/.test(encoding);
    return { text: asciiSafe ? lenientUtf8.decode(bytes) : decodeWith(bytes, encoding), encoding, source: header ? 'header' : meta ? 'meta' : 'default', note: note() };
  }
  if (header) {
    if (header === 'utf-8' && utf8 === null) {
      notes.push(NOTES.headerNotUtf8(headerLabel!, legacyFallback));
      return { text: decodeWith(bytes, legacyFallback), encoding: legacyFallback, source: meta && meta !== 'utf-8' ? 'meta' : 'sniff', note: note() };
    }
    if (header !== 'utf-8' && utf8 !== null && !/^utf-16/.test(header)) {
      notes.push(NOTES.headerButUtf8(headerLabel!));
      return { text: utf8, encoding: 'utf-8', source: 'sniff', note: note() };
    }
    return { text: header === 'utf-8' ? utf8! : decodeWith(bytes, header), encoding: header, source: 'header', note: note() };
  }
  if (meta) {
    if (meta === 'utf-8' && utf8 === null) {
      notes.push(NOTES.metaNotUtf8('windows-1252'));
      return { text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252', source: 'sniff', note: note() };
    }
    if (meta !== 'utf-8' && utf8 !== null && !/^utf-16/.test(meta)) {
      notes.push(NOTES.metaButUtf8(metaLabel!));
      return { text: utf8, encoding: 'utf-8', source: 'sniff', note: note() };
    }
    return { text: meta === 'utf-8' ? utf8! : decodeWith(bytes, meta), encoding: meta, source: 'meta', note: note() };
  }
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', source: 'sniff', note: note() };
  return { text: decodeWith(bytes, 'windows-1252'), encoding: 'windows-1252', source: 'default', note: note() };
}

/** Decodes a text resource (robots.txt, sitemap) that is not HTML: BOM, header charset, else UTF-8. */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const bom = bomEncoding(bytes);
  if (bom) return decodeWith(bytes.subarray(bom.length), bom.encoding);
  const header = canonicalCharset(charsetFromContentType(contentType));
  return decodeWith(bytes, header ?? 'utf-8');
}
