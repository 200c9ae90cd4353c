import { describe, expect, it } from 'vitest';
import { parseHtml, parseHtmlWithParse5 } from '../../../shared/extract/parse-html.ts';

describe('fast parse', () => {
  it('builds the spec tree when a stray </tbody> follows rows written directly in a table', () => {
    // The spec implies a <tbody> around the rows and the stray end tag closes it: the whitespace after it belongs to the table.
    const html = '<!doctype html><html><head><title>t</title></head><body><table><thead><tr><th>a</th></tr></thead>\n  <tr><td>1</td></tr>\n  </tbody>\n  </table></body></html>';
    expect(parseHtml(html).$.html()).toBe(parseHtmlWithParse5(html).$.html());
  });
});
