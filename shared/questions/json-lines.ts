/**
 * Where things are in a JSON text: the line of a parse error, and the line of the value at a path
 * ("questions.3.text"), so a schema error in an export can name the line to fix.
 */

/**
 * The 1-based line of a JSON.parse error, from the engine's message (V8: "position N", Firefox:
 * "line N"), else found by reading the text (V8 often quotes the text instead of a position).
 */
export function jsonErrorLine(text: string, message: string): number {
  const line = /\bline (\d+)/i.exec(message);
  if (line) return Number(line[1]);
  const pos = /\bposition (\d+)/i.exec(message);
  if (pos) return lineAt(text, Number(pos[1]));
  const found = jsonSyntaxError(text);
  if (found) return found.line;
  return Math.max(1, text.split('\n').length);
}

export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  /** What the text should have had there, in words: "a value", "',' or '}'", "end of file". */
  expected: string;
  /** What it has instead: a quoted character, or "end of file". */
  found: string;
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Where a JSON text first breaks the grammar (RFC 8259), or null when it is valid JSON. Linear and
 * without recursion, so any nesting depth is fine; for messages that name the line and column.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'after' = 'value';
  const fail = (expected: string): JsonSyntaxError => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < i && k < n; k++) if (text.charCodeAt(k) === 10) (line++, (lineStart = k + 1));
    const cp = text.codePointAt(i) ?? 0;
    // Invisible or terminal-active characters are named by code point, never printed raw.
    const found = i >= n ? 'end of file' : /[\p{C}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069\ufeff]/u.test(String.fromCodePoint(cp)) ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(String.fromCodePoint(cp));
    return { offset: i, line, column: i - lineStart + 1, expected, found };
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
  };
  /** Reads a string at i; false at the first bad character (the error position stays on it). */
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 32) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return (i++, false);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return (i++, false);
      } else i++;
    }
    return false;
  };
  for (;;) {
    ws();
    const ch = text[i];
    switch (state) {
      case 'valueOrEnd':
        if (ch === ']') {
          stack.pop();
          i++;
          state = 'after';
          continue;
        }
        state = 'value';
        continue;
      case 'keyOrEnd':
        if (ch === '}') {
          stack.pop();
          i++;
          state = 'after';
          continue;
        }
        state = 'key';
        continue;
      case 'key':
        if (ch !== '"') return fail('a property name in double quotes');
        if (!string()) return fail('a valid string');
        state = 'colon';
        continue;
      case 'colon':
        if (ch !== ':') return fail("':'");
        i++;
        state = 'value';
        continue;
      case 'value':
        if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          state = ch === '{' ? 'keyOrEnd' : 'valueOrEnd';
          continue;
        }
        if (ch === '"') {
          if (!string()) return fail('a valid string');
        } else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
          JSON_NUMBER.lastIndex = i;
          const m = JSON_NUMBER.exec(text);
          if (!m) return fail('a number');
          i += m[0].length;
        } else {
          const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (!literal) return fail('a value');
          i += literal.length;
        }
        state = 'after';
        continue;
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return i >= n ? null : fail('end of file');
        if (ch === ',') {
          i++;
          state = top === '{' ? 'key' : 'value';
          continue;
        }
        if ((top === '{' && ch === '}') || (top === '[' && ch === ']')) {
          stack.pop();
          i++;
          continue;
        }
        return fail(top === '{' ? "',' or '}'" : "',' or ']'");
      }
    }
  }
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A cursor over a JSON text that JSON.parse accepts: skips values without recursion. */
class JsonCursor {
  i = 0;
  constructor(readonly text: string) {}

  ws() {
    const t = this.text;
    while (this.i < t.length && /\s/.test(t[this.i])) this.i++;
  }

  skipString() {
    const t = this.text;
    this.i++;
    while (this.i < t.length && t[this.i] !== '"') this.i += t[this.i] === '\\' ? 2 : 1;
    this.i++;
  }

  readString(): string {
    const start = this.i;
    this.skipString();
    try {
      return JSON.parse(this.text.slice(start, this.i)) as string;
    } catch {
      return '';
    }
  }

  /** Skips one value; nesting is counted, not recursed into, so any depth is fine. */
  skipValue() {
    const t = this.text;
    this.ws();
    let depth = 0;
    do {
      const ch = t[this.i];
      if (ch === undefined) return;
      if (ch === '"') this.skipString();
      else if (ch === '{' || ch === '[') {
        depth++;
        this.i++;
      } else if (ch === '}' || ch === ']') {
        depth--;
        this.i++;
      } else if (depth > 0) this.i++;
      else while (this.i < t.length && !/[,\]}\s]/.test(t[this.i])) this.i++;
    } while (depth > 0);
  }

  /** Moves into the value at `key` of the object or array here; false when it does not exist. */
  enter(key: PropertyKey): boolean {
    const t = this.text;
    this.ws();
    const ch = t[this.i];
    if (ch === '{' && typeof key === 'string') {
      this.i++;
      for (;;) {
        this.ws();
        if (t[this.i] !== '"') return false;
        const name = this.readString();
        this.ws();
        this.i++; // ':'
        this.ws();
        if (name === key) return true;
        this.skipValue();
        this.ws();
        if (t[this.i] === ',') this.i++;
        else return false;
      }
    }
    if (ch === '[' && typeof key === 'number') {
      this.i++;
      for (let n = 0; ; n++) {
        this.ws();
        if (t[this.i] === ']') return false;
        if (n === key) return true;
        this.skipValue();
        this.ws();
        if (t[this.i] === ',') this.i++;
        else return false;
      }
    }
    return false;
  }
}

/** Counts lines forward from a known position, so many lookups in order cost one pass. */
class LineCounter {
  private at = 0;
  private line = 1;
  constructor(private readonly text: string) {}
  lineAt(offset: number): number {
    if (offset < this.at) {
      this.at = 0;
      this.line = 1;
    }
    const end = Math.min(offset, this.text.length);
    for (; this.at < end; this.at++) if (this.text.charCodeAt(this.at) === 10) this.line++;
    return this.line;
  }
}

/**
 * The line where the value at `path` starts, in a text that JSON.parse accepts; the nearest
 * existing ancestor's line when the path does not exist (a missing property).
 */
export function lineOfPath(text: string, path: ReadonlyArray<PropertyKey>): number {
  const cursor = new JsonCursor(text);
  cursor.ws();
  let found = cursor.i;
  for (const key of path) {
    if (!cursor.enter(key)) return lineAt(text, found);
    cursor.ws();
    found = cursor.i;
  }
  return lineAt(text, found);
}

/**
 * The line of each item of the array at `path`, in one pass: looking each one up with lineOfPath
 * would read the text once per item, quadratic in a large export.
 */
export function linesOfItems(text: string, path: ReadonlyArray<PropertyKey>): number[] {
  const cursor = new JsonCursor(text);
  const lines = new LineCounter(text);
  for (const key of path) if (!cursor.enter(key)) return [];
  cursor.ws();
  if (text[cursor.i] !== '[') return [];
  cursor.i++;
  const out: number[] = [];
  for (;;) {
    cursor.ws();
    if (cursor.i >= text.length || text[cursor.i] === ']') return out;
    out.push(lines.lineAt(cursor.i));
    cursor.skipValue();
    cursor.ws();
    if (text[cursor.i] === ',') cursor.i++;
    else return out;
  }
}
