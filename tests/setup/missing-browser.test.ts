import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const self = path.relative(root, import.meta.filename);
const nested = process.env.ZMOT_NESTED_RUN === '1';

// The README's test command on a machine whose browser is missing: the run stops before any test file with
// one line naming the fix, and a non-zero exit. (The nested run is this very file; it never gets to run.)
describe.skipIf(nested)('a test run without a browser', () => {
  it('stops with one line naming CHROME_PATH and exits non-zero, no stack trace', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'core', self], {
      cwd: root,
      env: { ...process.env, CHROME_PATH: '/nowhere/chromium', ZMOT_NESTED_RUN: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status).not.toBe(0);
    const lines = `${run.stdout}\n${run.stderr}`
      .split('\n')
      .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim())
      .filter((l) => l && !/^RUN\s+v\d/.test(l));
    expect(lines).toEqual(['tests need a browser: CHROME_PATH points to a missing file: /nowhere/chromium']);
  });
});
