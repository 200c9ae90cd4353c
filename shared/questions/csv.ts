/**
 * A small RFC 4180 CSV reader that remembers the line each row starts on, so every error can name
 * it. Pure (no Buffer, no streams): it runs in the extension as well as in the crawler.
 * The delimiter is detected from the first line: comma, semicolon (European spreadsheets) or tab.
 */

export interface CsvRow {
  /** 1-based line of the file the row starts on. */
  line: number;
  cells: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[]; delimiter: string } | { ok: false; line: number; message: string };

const MESSAGES = {
  unterminated: 'a quoted field is never closed',
  quoteInField: 'a quote (") inside an unquoted field: wrap the field in quotes and double the quote',
};

/** Bounds work on a hostile or mistaken file (a binary, a huge export). */
const MAX_ROWS = 200_000;

export function detectDelimiter(firstLine: string): string {
  const counts = { ',': 0, ';': 0, '\t': 0 } as Record<string, number>;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

export function parseCsv(input: string, delimiter?: string): CsvResult {
  const text = input.replace(/^\uFEFF/, '');
  const firstLineEnd = text.search(/\r?\n/);
  const delim = delimiter ?? detectDelimiter(firstLineEnd < 0 ? text : text.slice(0, firstLineEnd));
  const rows: CsvRow[] = [];
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteLine = 0;
  let cellStarted = false;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cellStarted && cell.trim() !== '') return { ok: false, line, message: MESSAGES.quoteInField };
      quoted = true;
      quoteLine = line;
      cell = '';
      cellStarted = true;
    } else if (ch === delim) {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      if (rows.length >= MAX_ROWS) break;
      line++;
      rowLine = line;
    } else {
      cell += ch;
      cellStarted = true;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, message: MESSAGES.unterminated };
  if (cell !== '' || cells.length) endRow();
  return { ok: true, rows, delimiter: delim };
}
