/** Small terminal formatting helpers shared by the subcommands. */
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const wrap = (code: number) => (s: string) => (useColor ? `\u001b[${code}m${s}\u001b[0m` : s);
export const c = { green: wrap(32), red: wrap(31), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };

/** Strips control characters so hostile page text cannot move the cursor or recolour the terminal. */
export function safe(s: string | null | undefined, max = 200): string {
  if (s == null) return '';
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function pct(n: number): string {
  return `${Math.round(n * 100)}`;
}

// JSON.stringify escapes C0 controls only; C1 controls, line separators and bidi overrides from page text
// would reach the terminal raw. Outside strings JSON is ASCII, so escaping them is lossless.
const UNSAFE_IN_TERMINAL = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printJson(data: unknown) {
  const json = JSON.stringify(data, null, 2).replace(UNSAFE_IN_TERMINAL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  process.stdout.write(`${json}\n`);
}
