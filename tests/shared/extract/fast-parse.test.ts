import type { Document, Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../../shared/extract/dom.ts';
import { documentBodyText, documentElements } from '../../../shared/extract/fast-parse.ts';
import { parseHtml, parseHtmlWithParse5 } from '../../../shared/extract/parse-html.ts';

const page = (body: string) => `<!doctype html><html lang="en"><head><title>t</title><style>p{}</style></head><body>${body}</body></html>`;

describe('fast parse', () => {
  it('builds the spec tree when a stray </tbody> follows rows written directly in a table', () => {
    // The spec implies a <tbody> around the rows and the stray end tag closes it: the whitespace after it belongs to the table.
    const html = '<!doctype html><html><head><title>t</title></head><body><table><thead><tr><th>a</th></tr></thead>\n  <tr><td>1</td></tr>\n  </tbody>\n  </table></body></html>';
    expect(parseHtml(html).$.html()).toBe(parseHtmlWithParse5(html).$.html());
  });

  it('reads the body text and the element list as it parses: what walking the finished tree gives', () => {
    // Each case is something the tree holds differently from the parser's events: the newline the spec drops after
    // <pre> and <textarea>, text in script and noscript, <br> and block ends as spaces, entities, SVG elements renamed.
    const html = page(
      'a<pre>\nb</pre>c<p>d<br>e</p>f<textarea>\n\ng</textarea><script>var x = "<p>no</p>";</script><noscript><p>no</p></noscript>' +
        '<div>h&amp;i&nbsp; j</div><svg viewBox="0 0 1 1"><clipPath id="c"><title>k</title></clipPath></svg><span>l</span>m',
    );
    const { $ } = parseHtml(html);
    const doc = $.root()[0] as unknown as Document;
    expect(documentBodyText(doc)).toBe(textOf($('body')[0] as Element));
    expect(documentBodyText(doc)).toBe('ab cd e f gh&i j klm');
    expect(documentElements(doc)?.map((e) => e.name)).toEqual(($('*').toArray() as Element[]).map((e) => e.name));
    // (The same tree as the spec's; the doctype aside, which the two serialize differently.)
    expect($('html').html()).toBe(parseHtmlWithParse5(html).$('html').html());
  });

  it('leaves the body text to the tree walk when the spec keeps an element\'s content as written (a non-empty iframe)', () => {
    const { $ } = parseHtml(page('<p>a</p><iframe src="/x"><b>fallback &amp; text</b></iframe>'));
    expect(documentBodyText($.root()[0] as unknown as Document)).toBeUndefined();
  });
});
