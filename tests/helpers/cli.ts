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

type Write = typeof process.stdout.write;

/**
 * Runs `zmot` in this test process through the same `runCli` the binary calls (crawler/main.ts),
 * capturing what it writes to stdout and stderr: the same exit code and output as `zmot(...)`, without a
 * process start (1–3 s each). The binary itself, its exit and its signals are tested through `zmot(...)`
 * in tests/crawler/cli.test.ts and the interrupt tests. Calls must not overlap (they share stdout and env).
 */
export async function zmotInProcess(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const { runCli } = await import('../../crawler/main.ts');
  const out: string[] = [];
  const err: string[] = [];
  const capture = (sink: string[]): Write =>
    ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), done?: (e?: Error | null) => void) => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'));
      const callback = typeof encoding === 'function' ? encoding : done;
      callback?.();
      return true;
    }) as Write;
  const env = { NO_COLOR: '1', ...opts.env };
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  const [stdoutWrite, stderrWrite] = [process.stdout.write, process.stderr.write];
  Object.assign(process.env, env);
  if (opts.cwd) process.chdir(opts.cwd);
  process.exitCode = undefined;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  try {
    const { code } = await runCli([process.execPath, ZMOT_BIN, ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    process.exitCode = undefined;
    process.chdir(savedCwd);
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
