/**
 * An older build of zmot as one more peer in a benchmark run (`--ref <commit> [--ref-dir <dir>]`), so
 * that "the figures do not get worse" is measured old against new in the same interleaved run, not
 * against figures of another day on another load.
 *
 * The commit is checked out as a detached git worktree (default: <tmp>/zmot-ref-<sha>) with its own
 * `npm ci` (better-sqlite3 compiles: minutes on a loaded machine); both are reused by the next run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RefBuild {
  /** Full commit id. */
  sha: string;
  /** Short id, for labels. */
  short: string;
  /** The worktree that holds it. */
  dir: string;
  /** Its `zmot` entry point. */
  bin: string;
}

function git(args: string[], cwd = ROOT): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** `--ref <commit>` and `--ref-dir <dir>` from the command line, or null without `--ref`. */
export function refArgs(argv: string[] = process.argv): { commit: string; dir: string | null } | null {
  const i = argv.indexOf('--ref');
  if (i === -1) return null;
  const commit = argv[i + 1];
  if (!commit || commit.startsWith('--')) throw new Error('--ref needs a commit (e.g. --ref fc945cd)');
  const d = argv.indexOf('--ref-dir');
  return { commit, dir: d !== -1 && argv[d + 1] ? path.resolve(argv[d + 1]) : null };
}

/** Checks out and installs the build of `commit` (once; reused after), and says where its `zmot` is. */
export function prepareRefBuild(commit: string, dir: string | null = null): RefBuild {
  let sha: string;
  try {
    sha = git(['rev-parse', '--verify', `${commit}^{commit}`]);
  } catch {
    throw new Error(`--ref ${commit}: no such commit in ${ROOT}`);
  }
  const short = sha.slice(0, 7);
  const where = dir ?? path.join(os.tmpdir(), `zmot-ref-${short}`);
  if (!existsSync(where)) {
    process.stderr.write(`Checking out ${short} into ${where}…\n`);
    git(['worktree', 'add', '--detach', where, sha]);
  } else {
    const head = git(['rev-parse', 'HEAD'], where);
    if (head !== sha) throw new Error(`--ref-dir ${where} holds ${head.slice(0, 7)}, not ${short}: pass another --ref-dir`);
  }
  const sqlite = path.join(where, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  if (!existsSync(sqlite) || !existsSync(path.join(where, 'node_modules/tsx'))) {
    process.stderr.write(`Installing ${short}'s dependencies (npm ci in ${where}; better-sqlite3 compiles, this takes minutes)…\n`);
    // npm's output goes to stderr: stdout is the benchmark's Markdown section.
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: where, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error(`npm ci in ${where} failed (exit ${r.status})`);
  }
  const bin = path.join(where, 'crawler/bin/zmot.js');
  if (!existsSync(bin)) throw new Error(`${short} has no crawler/bin/zmot.js`);
  return { sha, short, dir: where, bin };
}
