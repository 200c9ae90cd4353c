/**
 * One Lighthouse worker process: its own Chromium, one page at a time. Lighthouse keeps global
 * state (performance marks, logger), so concurrent runs need separate processes.
 * Protocol (IPC): parent sends {type:'run', id, url, settings} and {type:'close'};
 * the worker sends {type:'ready', browserPid, userDataDir} then {type:'result', id, figures}.
 */
import lighthouse from 'lighthouse';
import type { LighthouseFigures } from '../../shared/schemas/index.ts';
import { launchChromium, type LaunchedBrowser } from '../browser.ts';

export interface WorkerSettings {
  formFactor: 'mobile' | 'desktop';
}

export type ToWorker = { type: 'run'; id: number; url: string; settings: WorkerSettings } | { type: 'close' };
export type FromWorker =
  | { type: 'ready'; browserPid: number | null; userDataDir: string }
  | { type: 'result'; id: number; figures: LighthouseFigures; seconds: number }
  | { type: 'fatal'; message: string };

const MOBILE_SCREEN = { mobile: true, width: 412, height: 823, deviceScaleFactor: 1.75, disabled: false };
const DESKTOP_SCREEN = { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false };

/** Flags the parent asks for (the guard proxy); read once, a bad value means none. */
const CHROMIUM_ARGS: string[] = (() => {
  try {
    const v = JSON.parse(process.env.ZMOT_CHROMIUM_ARGS ?? '[]');
    return Array.isArray(v) ? v.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
})();

function send(message: FromWorker): void {
  process.send?.(message);
}

function numberOrNull(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function failed(message: string): LighthouseFigures {
  return { performance: null, seo: null, lcpMs: null, cls: null, tbtMs: null, accessibility: null, accessibilityFailures: [], totalBytes: null, inheritedFrom: null, template: null, errorMessage: message.split('\n')[0].slice(0, 300) };
}

/** The DevTools port puppeteer's Chromium listens on (Lighthouse connects to it by port). */
function portOf(browser: LaunchedBrowser): number {
  return Number(new URL(browser.browser.wsEndpoint()).port);
}

async function runOne(browser: LaunchedBrowser, url: string, settings: WorkerSettings): Promise<LighthouseFigures> {
  const result = await lighthouse(url, {
    port: portOf(browser),
    output: 'json',
    logLevel: 'silent',
    // Accessibility (axe-core) for the screen-reader persona; total-byte-weight (a performance audit) for slow-mobile.
    onlyCategories: ['performance', 'seo', 'accessibility'],
    formFactor: settings.formFactor,
    screenEmulation: settings.formFactor === 'mobile' ? MOBILE_SCREEN : DESKTOP_SCREEN,
    throttlingMethod: 'simulate',
  });
  if (!result) return failed('Lighthouse returned no result');
  const lhr = result.lhr;
  const figures: LighthouseFigures = {
    performance: numberOrNull(lhr.categories.performance?.score),
    seo: numberOrNull(lhr.categories.seo?.score),
    lcpMs: numberOrNull(lhr.audits['largest-contentful-paint']?.numericValue),
    cls: numberOrNull(lhr.audits['cumulative-layout-shift']?.numericValue),
    tbtMs: numberOrNull(lhr.audits['total-blocking-time']?.numericValue),
    accessibility: numberOrNull(lhr.categories.accessibility?.score),
    // Which axe checks failed (contrast, names, lang…): the screen-reader persona names them, not only the score.
    accessibilityFailures: (lhr.categories.accessibility?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
      .map((ref) => ref.id)
      .slice(0, 40),
    totalBytes: numberOrNull(lhr.audits['total-byte-weight']?.numericValue),
    inheritedFrom: null,
    template: null,
    errorMessage: null,
  };
  if (lhr.runtimeError) figures.errorMessage = `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`.slice(0, 300);
  return figures;
}

async function main(): Promise<void> {
  let browser: LaunchedBrowser;
  try {
    browser = await launchChromium({ extraArgs: CHROMIUM_ARGS });
  } catch (e) {
    send({ type: 'fatal', message: (e as Error).message });
    process.exit(1);
  }
  send({ type: 'ready', browserPid: browser.browser.process()?.pid ?? null, userDataDir: browser.userDataDir });
  let queue = Promise.resolve();
  process.on('message', (message: ToWorker) => {
    queue = queue.then(async () => {
      if (message.type === 'close') {
        await browser.close();
        process.exit(0);
      }
      const started = performance.now();
      let figures: LighthouseFigures;
      try {
        if (!browser.browser.connected) {
          await browser.close();
          browser = await launchChromium({ extraArgs: CHROMIUM_ARGS });
          send({ type: 'ready', browserPid: browser.browser.process()?.pid ?? null, userDataDir: browser.userDataDir });
        }
        figures = await runOne(browser, message.url, message.settings);
      } catch (e) {
        figures = failed((e as Error).message ?? String(e));
      }
      send({ type: 'result', id: message.id, figures, seconds: (performance.now() - started) / 1000 });
    });
  });
  process.on('disconnect', () => {
    void browser.close().finally(() => process.exit(0));
  });
}

void main();
