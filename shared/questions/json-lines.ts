/**
 * Where things are in a JSON text: the line of a parse error, and the line of the value at a path
 * ("questions.3.text"), so a schema error in an export can name the line to fix.
 */

/** The 1-based line of a JSON.parse error, from the engine's message (V8: "position N", Firefox: "line N"). */
export function jsonErrorLine(text: string, message: string): number {
  const line = /\bline (\d+)/i.exec(message);
  if (line) return Number(line[1]);
  const pos = /\bposition (\d+)/i.exec(message);
  if (pos) return lineAt(text, Number(pos[1]));
  return Math.max(1, text.split('\n').length);
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The line where the value at `path` starts, in a text that JSON.parse accepts; the nearest
 * existing ancestor's line when the path does not exist (a missing property).
 */
export function lineOfPath(text: string, path: ReadonlyArray<PropertyKey>): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const skipString = () => {
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const readString = (): string => {
    const start = i;
    skipString();
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return '';
    }
  };
  const skipValue = () => {
    ws();
    const ch = text[i];
    if (ch === '"') return skipString();
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (ch === '{') {
          skipString();
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // close
        return;
      }
    }
    while (i < text.length && !/[,\]}\s]/.test(text[i])) i++;
  };

  ws();
  let found = i;
  for (const key of path) {
    ws();
    const ch = text[i];
    let located = false;
    if (ch === '{' && typeof key === 'string') {
      i++;
      for (;;) {
        ws();
        if (text[i] !== '"') break;
        const name = readString();
        ws();
        i++; // ':'
        ws();
        if (name === key) {
          located = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        else break;
      }
    } else if (ch === '[' && typeof key === 'number') {
      i++;
      for (let n = 0; ; n++) {
        ws();
        if (text[i] === ']') break;
        if (n === key) {
          located = true;
          break;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        else break;
      }
    }
    if (!located) return lineAt(text, found);
    ws();
    found = i;
  }
  return lineAt(text, found);
}
