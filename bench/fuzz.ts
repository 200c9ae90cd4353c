/**
 * Runs the fuzz suites (tests/fuzz) for many more cases than CI does, to hunt for the input that
 * crashes or hangs a parser. Each property runs --runs cases; a failure prints its seed and the
 * shrunk input, and --seed replays it.
 *
 *   npx tsx bench/fuzz.ts --runs 100000                 every suite, 100,000 cases per property
 *   npx tsx bench/fuzz.ts --runs 20000 --suite html     one suite (html, urls, questions, serp, …)
 *   npx tsx bench/fuzz.ts --runs 500 --seed 1234567     replay a failure printed by an earlier run
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = 'usage: npx tsx bench/fuzz.ts --runs N [--suite NAME] [--seed N]';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fuzzDir = path.join(repoRoot, 'tests/fuzz');
const suites = readdirSync(fuzzDir).filter((f) => f.endsWith('.test.ts')).map((f) => f.replace(/\.test\.ts$/, ''));

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

function fail(message: string): never {
  process.stderr.write(`bench/fuzz: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const runs = Number(flag('runs') ?? 10_000);
if (!Number.isInteger(runs) || runs <= 0) fail(`--runs must be a positive whole number, got: ${flag('runs')}`);
const seed = flag('seed');
if (seed !== undefined && !/^-?\d+$/.test(seed)) fail(`--seed must be a whole number, got: ${seed}`);
const suite = flag('suite');
if (suite !== undefined && !suites.includes(suite)) fail(`unknown suite "${suite}"; suites: ${suites.join(', ')}`);

const files = (suite ? [suite] : suites).map((s) => path.join('tests/fuzz', `${s}.test.ts`));
process.stderr.write(`Fuzzing ${files.length} suite(s), ${runs.toLocaleString('en')} cases per property${seed ? `, seed ${seed}` : ''}\n`);
const started = Date.now();
const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'core', '--testTimeout', '0', ...files], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, ZMOT_FUZZ_RUNS: String(runs), ...(seed ? { ZMOT_FUZZ_SEED: seed } : {}) },
});
child.on('exit', (code) => {
  process.stderr.write(`Fuzzing ${code === 0 ? 'found nothing' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  process.exit(code ?? 1);
});
