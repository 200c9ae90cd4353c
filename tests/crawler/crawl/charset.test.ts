import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, sniffMetaCharset } from '../../../crawler/crawl/charset.ts';

const FRENCH = 'Café crème à Noël — prix: 12 €';
const doc = (meta: string) => `<!doctype html><html><head>${meta}<title>${FRENCH}</title></head><body><p>${FRENCH}</p></body></html>`;

describe('charset detection', () => {
  it('decodes a windows-1252 page declared in the Content-Type header', () => {
    const bytes = iconv.encode(doc(''), 'windows-1252');
    const d = decodeHtml(bytes, 'text/html; charset=windows-1252');
    expect(d.text).toContain(FRENCH);
    expect(d.encoding).toBe('windows-1252');
    expect(d.source).toBe('header');
  });

  it('reads ISO-8859-1 labels as windows-1252, as browsers do (€ and curly quotes survive)', () => {
    const bytes = iconv.encode(doc(''), 'windows-1252');
    expect(decodeHtml(bytes, 'text/html; charset=ISO-8859-1').text).toContain(FRENCH);
  });

  it('decodes a page declared only in <meta charset>', () => {
    const bytes = iconv.encode(doc('<meta charset="shift_jis">').replace(FRENCH, '日本語のページ'), 'shift_jis');
    const d = decodeHtml(bytes, 'text/html');
    expect(d.text).toContain('日本語のページ');
    expect(d.source).toBe('meta');
  });

  it('reads <meta http-equiv="content-type"> too', () => {
    const latin9 = 'Café crème à Noël: 12 €';
    const bytes = iconv.encode(doc('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">').replaceAll(FRENCH, latin9), 'iso-8859-15');
    expect(decodeHtml(bytes, null).text).toContain(latin9);
  });

  it('does not trust a wrong header: UTF-8 declared, windows-1252 sent', () => {
    const bytes = iconv.encode(doc('<meta charset="windows-1252">'), 'windows-1252');
    const d = decodeHtml(bytes, 'text/html; charset=utf-8');
    expect(d.text).toContain(FRENCH);
    expect(d.encoding).toBe('windows-1252');
    expect(d.note).toMatch(/says charset=utf-8 but the body is not valid UTF-8/);
  });

  it('does not trust a wrong header: Latin-1 declared, UTF-8 sent', () => {
    const d = decodeHtml(Buffer.from(doc(''), 'utf8'), 'text/html; charset=iso-8859-1');
    expect(d.text).toContain(FRENCH);
    expect(d.encoding).toBe('utf-8');
    expect(d.note).toMatch(/but the body is UTF-8/);
  });

  it('honours a byte order mark over every declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc(''), 'utf-16le')]);
    const d = decodeHtml(bytes, 'text/html; charset=iso-8859-1');
    expect(d.text).toContain(FRENCH);
    expect(d.source).toBe('bom');
  });

  it('falls back to windows-1252 for undeclared non-UTF-8 bytes, UTF-8 otherwise', () => {
    expect(decodeHtml(iconv.encode(doc(''), 'windows-1252'), 'text/html').text).toContain(FRENCH);
    expect(decodeHtml(Buffer.from(doc(''), 'utf8'), 'text/html').text).toContain(FRENCH);
  });

  it('ignores an unknown charset label and says so', () => {
    const d = decodeHtml(Buffer.from(doc(''), 'utf8'), 'text/html; charset=x-made-up');
    expect(d.text).toContain(FRENCH);
    expect(d.note).toMatch(/unknown charset "x-made-up"/);
  });

  it('keeps a page cut mid-character readable', () => {
    const full = Buffer.from(doc(''), 'utf8');
    const cut = full.subarray(0, full.indexOf(Buffer.from('€')) + 1);
    expect(decodeHtml(cut, 'text/html; charset=utf-8', { truncated: true }).encoding).toBe('utf-8');
  });

  it('finds the meta charset in the first bytes only', () => {
    expect(sniffMetaCharset(Buffer.from('<html><head><meta charset=utf-8>'))).toBe('utf-8');
    expect(sniffMetaCharset(Buffer.from(`${' '.repeat(5000)}<meta charset=utf-8>`))).toBeNull();
  });
});
