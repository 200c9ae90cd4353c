import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
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

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium to drive: CHROME_PATH when set, else the first system install found. */
export function chromePath(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new UsageError(`CHROME_PATH points to a missing file: ${fromEnv}`);
    return fromEnv;
  }
  const found = CANDIDATES.find((c) => existsSync(c));
  if (!found) throw new UsageError('no Chromium found: install it (apt-get install -y chromium) or set CHROME_PATH');
  return found;
}

export interface LaunchedBrowser {
  browser: Browser;
  userDataDir: string;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile that is removed on close. */
export async function launchChromium(options: Partial<LaunchOptions> & { extraArgs?: string[] } = {}): Promise<LaunchedBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'zmot-chromium-'));
  const { extraArgs = [], ...rest } = options;
  let browser: Browser;
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
