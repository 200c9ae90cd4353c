/**
 * Where things are in a JSON text: the line of a parse error, and the line of the value at a path
 * ("questions.3.text"), so a schema error in an export can name the line to fix. Tokens come from
 * jsonc-parser's scanner (Microsoft's, which tracks lines); its tree and visitor are not used because
 * they recurse, and an export nested 50,000 deep must get an answer, not a stack overflow. The two
 * loops here only keep a stack.
 */
import { createScanner, ScanError, SyntaxKind, type JSONScanner } from 'jsonc-parser';

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

/** In a string token: a valid escape (skipped), else the first control character or bad escape. */
const STRING_FAULT = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})|([\u0000-\u001f]|\\[^]?)/g;

/**
 * Where a JSON text first breaks the grammar (RFC 8259), or null when it is valid JSON. Strict: no
 * comments, no trailing commas, whitespace only as JSON has it; for messages that name the line and column.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanner = createScanner(text, false);
  const stack: SyntaxKind[] = [];
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'after' = 'value';
  const fail = (expected: string, offset = scanner.getTokenOffset()): JsonSyntaxError => {
    // Within one token, so on its line (strings and trivia end at a line break).
    const line = scanner.getTokenStartLine() + 1;
    const column = scanner.getTokenStartCharacter() + 1 + (offset - scanner.getTokenOffset());
    const cp = text.codePointAt(offset) ?? 0;
    // Invisible or terminal-active characters are named by code point, never printed raw.
    const found = offset >= text.length ? 'end of file' : /[\p{C}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069\ufeff]/u.test(String.fromCodePoint(cp)) ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : JSON.stringify(String.fromCodePoint(cp));
    return { offset, line, column, expected, found };
  };
  const expectation = (): string => {
    if (state === 'key' || state === 'keyOrEnd') return 'a property name in double quotes';
    if (state === 'colon') return "':'";
    if (state === 'after') return stack.length === 0 ? 'end of file' : stack[stack.length - 1] === SyntaxKind.OpenBraceToken ? "',' or '}'" : "',' or ']'";
    return 'a value';
  };
  for (;;) {
    const kind = scanner.scan();
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    if (kind === SyntaxKind.EOF) return state === 'after' && stack.length === 0 ? null : fail(expectation(), text.length);
    const wantsValue = state === 'value' || state === 'valueOrEnd';
    if (kind === SyntaxKind.StringLiteral && scanner.getTokenError() !== ScanError.None && (wantsValue || state === 'key' || state === 'keyOrEnd')) {
      const token = text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
      let at = scanner.getTokenOffset() + scanner.getTokenLength(); // unterminated: the line break or the end
      for (const m of token.matchAll(STRING_FAULT)) {
        if (m[1] === undefined) continue;
        at = scanner.getTokenOffset() + m.index + (m[1][0] === '\\' ? 1 : 0); // a bad escape: the letter after the backslash
        break;
      }
      return fail('a valid string', at);
    }
    if (kind === SyntaxKind.NumericLiteral && scanner.getTokenError() !== ScanError.None && wantsValue) return fail('a digit', scanner.getTokenOffset() + scanner.getTokenLength());
    if (kind === SyntaxKind.Unknown && wantsValue) {
      if (text[scanner.getTokenOffset()] === '-') return fail('a number');
      // "true1": the scanner reads one unknown word; the value ended after the literal.
      const literal = /^(?:true|false|null)/.exec(scanner.getTokenValue());
      if (literal) {
        state = 'after';
        return fail(expectation(), scanner.getTokenOffset() + literal[0].length);
      }
    }
    switch (state) {
      case 'keyOrEnd':
      case 'key':
        if (kind === SyntaxKind.CloseBraceToken && state === 'keyOrEnd') {
          stack.pop();
          state = 'after';
        } else if (kind === SyntaxKind.StringLiteral) state = 'colon';
        else return fail(expectation());
        continue;
      case 'colon':
        if (kind !== SyntaxKind.ColonToken) return fail(expectation());
        state = 'value';
        continue;
      case 'valueOrEnd':
      case 'value':
        if (kind === SyntaxKind.CloseBracketToken && state === 'valueOrEnd') {
          stack.pop();
          state = 'after';
        } else if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
          stack.push(kind);
          state = kind === SyntaxKind.OpenBraceToken ? 'keyOrEnd' : 'valueOrEnd';
        } else if (kind === SyntaxKind.StringLiteral || kind === SyntaxKind.NumericLiteral || kind === SyntaxKind.TrueKeyword || kind === SyntaxKind.FalseKeyword || kind === SyntaxKind.NullKeyword) {
          state = 'after';
        } else return fail(expectation());
        continue;
      case 'after': {
        const top = stack[stack.length - 1];
        if (top !== undefined && kind === SyntaxKind.CommaToken) state = top === SyntaxKind.OpenBraceToken ? 'key' : 'value';
        else if ((top === SyntaxKind.OpenBraceToken && kind === SyntaxKind.CloseBraceToken) || (top === SyntaxKind.OpenBracketToken && kind === SyntaxKind.CloseBracketToken)) stack.pop();
        else return fail(expectation());
        continue;
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

/**
 * Visits the start of every value of a text that JSON.parse accepts, in order, with its path and
 * 1-based line, until `visit` returns true. Keeps a stack instead of recursing, so any depth is fine.
 */
function walkValues(text: string, visit: (path: readonly PropertyKey[], line: number) => boolean | void): void {
  const scanner: JSONScanner = createScanner(text, true);
  const path: PropertyKey[] = [];
  const containers: SyntaxKind[] = [];
  let expectKey = false;
  const at = () => visit(path, scanner.getTokenStartLine() + 1) === true;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const top = containers[containers.length - 1];
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        if (at()) return;
        containers.push(kind);
        path.push(kind === SyntaxKind.OpenBraceToken ? '' : 0);
        expectKey = kind === SyntaxKind.OpenBraceToken;
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        containers.pop();
        path.pop();
        break;
      case SyntaxKind.CommaToken:
        if (top === SyntaxKind.OpenBracketToken) path[path.length - 1] = (path[path.length - 1] as number) + 1;
        else expectKey = true;
        break;
      case SyntaxKind.StringLiteral:
        if (top === SyntaxKind.OpenBraceToken && expectKey) {
          path[path.length - 1] = scanner.getTokenValue();
          expectKey = false;
        } else if (at()) return;
        break;
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
        if (at()) return;
        break;
    }
  }
}

/** Whether `prefix` is the start of `path` (keys compared as strings: zod names array items by number). */
function startsWith(path: ReadonlyArray<PropertyKey>, prefix: ReadonlyArray<PropertyKey>): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (String(prefix[i]) !== String(path[i])) return false;
  return true;
}

/**
 * The line where the value at `path` starts, in a text that JSON.parse accepts; the nearest
 * existing ancestor's line when the path does not exist (a missing property).
 */
export function lineOfPath(text: string, path: ReadonlyArray<PropertyKey>): number {
  let line = 1;
  walkValues(text, (at, atLine) => {
    if (!startsWith(path, at)) return false;
    line = atLine;
    return at.length === path.length;
  });
  return line;
}

/** The line of each item of the array at `path`, in one pass over the text. */
export function linesOfItems(text: string, path: ReadonlyArray<PropertyKey>): number[] {
  const out: number[] = [];
  walkValues(text, (at, atLine) => {
    if (at.length === path.length + 1 && typeof at[path.length] === 'number' && startsWith(at, path)) out.push(atLine);
  });
  return out;
}
