/** Exit codes every subcommand keeps: tools and CI pipelines rely on them. */
export const EXIT = { ok: 0, assertionFailed: 1, badInput: 2 } as const;

/** Bad input from the user (argument, file, config): one line on stderr, exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT.badInput;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A CI assertion failed: exit 1, after the command has printed what failed. */
export class AssertionFailedError extends Error {
  readonly exitCode = EXIT.assertionFailed;
  constructor(message: string) {
    super(message);
    this.name = 'AssertionFailedError';
  }
}

/** Formats a zod error as one line naming the file and the first bad field. */
export function describeZodError(file: string, error: { issues: Array<{ path: PropertyKey[]; message: string }> }): string {
  const first = error.issues[0];
  if (!first) return `${file}: invalid`;
  const path = first.path.length ? first.path.map(String).join('.') : '(root)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${file}: ${path}: ${first.message}${more}`;
}
