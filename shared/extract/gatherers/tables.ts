import type { Element } from 'domhandler';
import type { Table } from '../../schemas/index.ts';
import { isElement, textOf } from '../dom.ts';
import { defineGatherer } from './types.ts';

const MAX_TABLES = 200;
/** A table header or caption is a label: its first characters are enough, whatever it nests. */
const MAX_HEADER_CHARS = 500;

/** Every <table>: caption, header labels and size (comparison tables are a shape answers take). */
export default defineGatherer({
  id: 'tables',
  provides: ['tables'],
  gather({ $ }) {
    const tables: Table[] = [];
    $!('table').each((_, el) => {
      if (tables.length >= MAX_TABLES) return false;
      // This table's own rows: a nested table's rows are its own (and counting them is quadratic).
      const rows = tableRows(el);
      const headerCells = rows.filter((r) => (r.parent as Element | null)?.name === 'thead' || firstElementChild(r.parent) === r).flatMap((r) => cellsOf(r).filter((c) => c.name === 'th'));
      const headers = (headerCells.length ? headerCells : rows.length ? cellsOf(rows[0]) : []).slice(0, 30).map((c) => textOf(c, MAX_HEADER_CHARS));
      const caption = el.children.find((c): c is Element => isElement(c) && c.name === 'caption');
      tables.push({
        caption: caption ? textOf(caption, MAX_HEADER_CHARS) : null,
        headers,
        rows: rows.length,
        columns: rows.reduce((max, r) => Math.max(max, cellsOf(r).length), 0),
      });
      return undefined;
    });
    return { tables: tables.slice(0, MAX_TABLES) };
  },
});

/** A table's own rows: direct, or in its own thead/tbody/tfoot. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const c of table.children) {
    if (!isElement(c)) continue;
    if (c.name === 'tr') rows.push(c);
    else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') for (const r of c.children) if (isElement(r) && r.name === 'tr') rows.push(r);
  }
  return rows;
}

function cellsOf(row: Element): Element[] {
  return row.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th'));
}

function firstElementChild(parent: Element['parent']): Element | undefined {
  return parent && 'children' in parent ? (parent.children.find((c) => isElement(c)) as Element | undefined) : undefined;
}
