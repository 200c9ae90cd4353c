import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser as PuppeteerBrowser, type LaunchOptions } from 'puppeteer-core';
import { Browser, Cache, ChromeReleaseChannel, computeSystemExecutablePath } from '@puppeteer/browsers';
import { UsageError } from './errors.ts';

/** Flags Debian's Chromium needs here: root needs --no-sandbox; the rest keep it off the network and quiet. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Debian's and other distributions' Chromium, then a system Chrome: the usual places, in order. */
const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The one command that provides a browser, named in the error when none is found. */
export const INSTALL_HINT = 'apt-get install -y chromium (or npx @puppeteer/browsers install chrome@stable), or set CHROME_PATH';

/** Thrown when no Chromium or Chrome can be found; the message is one line naming the fix. */
export class BrowserNotFoundError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = 'BrowserNotFoundError';
  }
}

/** Installed Chrome (stable channel) where the platform keeps it, e.g. /opt/google/chrome/chrome. */
function systemChrome(): string | undefined {
  try {
    return computeSystemExecutablePath({ browser: Browser.CHROME, channel: ChromeReleaseChannel.STABLE });
  } catch {
    return undefined;
  }
}

/** Chrome for Testing installed by `npx @puppeteer/browsers install chrome@stable` (newest first). */
function chromeForTesting(): string | undefined {
  const cacheDir = process.env.PUPPETEER_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'puppeteer');
  try {
    const installed = new Cache(cacheDir)
      .getInstalledBrowsers()
      .filter((b) => b.browser === Browser.CHROME || b.browser === Browser.CHROMIUM)
      .sort((a, b) => b.buildId.localeCompare(a.buildId, 'en', { numeric: true }));
    return installed.map((b) => b.executablePath).find((p) => existsSync(p));
  } catch {
    return undefined;
  }
}

/**
 * The Chromium to drive: CHROME_PATH when set (and it must exist), else Debian's Chromium or another system
 * install, else an installed Chrome, else Chrome for Testing from the puppeteer cache.
 */
export function chromePath(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new BrowserNotFoundError(`CHROME_PATH points to a missing file: ${fromEnv}`);
    return fromEnv;
  }
  const found = SYSTEM_CANDIDATES.find((c) => existsSync(c)) ?? systemChrome() ?? chromeForTesting();
  if (!found) throw new BrowserNotFoundError(`no Chromium or Chrome found: ${INSTALL_HINT}`);
  return found;
}

export interface LaunchedBrowser {
  browser: PuppeteerBrowser;
  userDataDir: string;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile that is removed on close. */
export async function launchChromium(options: Partial<LaunchOptions> & { extraArgs?: string[] } = {}): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'zmot-chromium-'));
  const { extraArgs = [], ...rest } = options;
  let browser: PuppeteerBrowser;
  try {
    browser = await puppeteer.launch({
      executablePath: chromePath(),
      headless: true,
      userDataDir,
      args: [...CHROMIUM_FLAGS, ...extraArgs],
      ...rest,
    });
  } catch (e) {
    // A launch that fails (no Chromium, bad CHROME_PATH) must not leave its profile directory behind.
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    throw e;
  }
  return {
    browser,
    userDataDir,
    async close() {
      await browser.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}
