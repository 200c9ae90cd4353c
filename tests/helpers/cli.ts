import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT, ZMOT_BIN } from './paths.ts';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would; resolves with exit code and output, never throws. */
export async function zmot(args: string[], opts: { cwd?: string; timeout?: number; env?: Record<string, string> } = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [ZMOT_BIN, ...args], {
      cwd: opts.cwd ?? REPO_ROOT,
      timeout: opts.timeout ?? 60_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
