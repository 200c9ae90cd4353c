/**
 * Vitest global setup: every test run finds or provides the browser before any test starts, so a fresh
 * machine's `npm install && npm test` passes and a missing browser is one line, not a stack trace per file.
 *
 * Order (crawler/browser.ts `chromePath`): CHROME_PATH, Debian's Chromium and other system installs, an
 * installed Chrome, Chrome for Testing from the puppeteer cache. When none is found, CHROME_PATH is unset
 * and we are root on Debian (apt-get), Debian's Chromium is installed; otherwise the run stops with the
 * one command to run. The path found is passed to the test workers as CHROME_PATH.
 */
import { BrowserNotFoundError, chromePath } from '../../crawler/browser.ts';
import { aptInstall, canAptInstall, REAL_SYSTEM, type SetupSystem } from './apt.ts';

/**
 * The browser to test with, installing Debian's Chromium when allowed; throws BrowserNotFoundError otherwise.
 * `find` is crawler/browser.ts's search (it reads CHROME_PATH from `env`); tests inject it with `sys`.
 */
export function resolveTestBrowser(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  { env = process.env, find = chromePath, sys = REAL_SYSTEM }: { env?: NodeJS.ProcessEnv; find?: () => string; sys?: SetupSystem } = {},
): string {
  try {
    return find();
  } catch (e) {
    if (!(e instanceof BrowserNotFoundError) || env.CHROME_PATH || !canAptInstall('ZMOT_NO_BROWSER_INSTALL', env, sys)) throw e;
    log('tests: no Chromium found, installing Debian\'s (apt-get install -y chromium)');
    if (!aptInstall('chromium', env, sys)) throw new BrowserNotFoundError(`no Chromium found and apt-get install -y chromium failed; set CHROME_PATH`);
    return find();
  }
}

export default function setup(): void {
  try {
    process.env.CHROME_PATH = resolveTestBrowser();
  } catch (e) {
    if (!(e instanceof BrowserNotFoundError)) throw e;
    // One line and a non-zero exit: no stack trace, no test file run against a missing browser.
    process.stderr.write(`tests need a browser: ${e.message}\n`);
    process.exit(1);
  }
}
