import type { HTTPRequest, Page } from 'puppeteer-core';
import { launchChromium, type LaunchedBrowser } from '../browser.ts';
import type { AddressGuard } from './address-guard.ts';
import { startGuardProxy, type GuardProxy } from '../guard-proxy.ts';

/** Why a render did not happen, in words (the page keeps its unrendered artifacts). */
export const RENDER_ERRORS = {
  failed: (why: string) => `rendering failed: ${why.split('\n')[0].slice(0, 200)}`,
};

/** Resource types a crawler does not need to see the DOM: skipped to keep renders fast and quiet. */
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font', 'texttrack', 'eventsource', 'websocket', 'manifest', 'ping', 'prefetch']);

export interface RenderInput {
  url: string;
  /** The document as we fetched it (decoded): the browser gets it from us, not from the network. */
  html: string;
}

export type RenderOutcome = { html: string; error: null } | { html: null; error: string };

export interface RenderPoolOptions {
  concurrency: number;
  timeoutMs: number;
  userAgent: string;
  guard: AddressGuard;
}

interface Slot {
  page: Page;
  /** The document the current render serves for its main-frame navigation. */
  current: RenderInput | null;
}

/**
 * A pool of Chromium tabs that render fetched pages: the main document is answered from the bytes
 * we already fetched (one request per page, robots and caps already applied), scripts and XHR go to
 * the network through the same private-address guard, images/fonts/media are skipped.
 */
export class RenderPool {
  private readonly idle: Slot[] = [];
  private readonly waiters: Array<(slot: Slot) => void> = [];
  private created = 0;
  private closed = false;

  private constructor(
    private readonly browser: LaunchedBrowser,
    private readonly proxy: GuardProxy,
    private readonly options: RenderPoolOptions,
  ) {}

  static async start(options: RenderPoolOptions): Promise<RenderPool> {
    // Chromium resolves names itself: its requests go through the guard proxy, which checks the resolved address.
    const proxy = await startGuardProxy(options.guard);
    try {
      return new RenderPool(await launchChromium({ extraArgs: proxy.chromiumArgs }), proxy, options);
    } catch (e) {
      await proxy.close();
      throw e;
    }
  }

  private async newSlot(): Promise<Slot> {
    const page = await this.browser.browser.newPage();
    const slot: Slot = { page, current: null };
    await page.setUserAgent(this.options.userAgent);
    await page.setRequestInterception(true);
    page.on('request', (req) => void this.route(slot, req));
    page.on('dialog', (d) => void d.dismiss().catch(() => {}));
    return slot;
  }

  private async route(slot: Slot, req: HTTPRequest) {
    try {
      const url = req.url();
      const current = slot.current;
      const isMainDocument = req.isNavigationRequest() && req.frame() === slot.page.mainFrame();
      if (isMainDocument) {
        if (current && stripHash(url) === stripHash(current.url)) {
          await req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: current.html });
        } else {
          // Scripts that navigate elsewhere would take the render off the page we are reading.
          await req.abort('aborted');
        }
        return;
      }
      if (SKIPPED_RESOURCES.has(req.resourceType()) || !/^https?:/.test(url) || this.options.guard.checkUrl(url)) {
        if (/^(data|blob):/.test(url)) await req.continue();
        else await req.abort('blockedbyclient');
        return;
      }
      await req.continue();
    } catch {
      // The request may already be handled (page closed, navigation replaced it).
    }
  }

  private async acquire(): Promise<Slot> {
    const slot = this.idle.pop();
    if (slot) return slot;
    if (this.created < this.options.concurrency) {
      this.created++;
      try {
        return await this.newSlot();
      } catch (e) {
        this.created--;
        throw e;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(slot: Slot) {
    slot.current = null;
    const waiter = this.waiters.shift();
    if (waiter) waiter(slot);
    else this.idle.push(slot);
  }

  /** Renders one page and returns its DOM as HTML; never throws. */
  async render(input: RenderInput): Promise<RenderOutcome> {
    if (this.closed) return { html: null, error: RENDER_ERRORS.failed('renderer closed') };
    let slot: Slot;
    try {
      slot = await this.acquire();
    } catch (e) {
      return { html: null, error: RENDER_ERRORS.failed((e as Error).message) };
    }
    slot.current = input;
    try {
      await slot.page.goto(input.url, { waitUntil: 'networkidle2', timeout: this.options.timeoutMs });
      const html = await slot.page.content();
      return { html, error: null };
    } catch (e) {
      // A page that never goes network-idle still has a DOM worth reading.
      try {
        const html = await slot.page.content();
        if (html && html.length > 40) return { html, error: null };
      } catch {
        // fall through to the error
      }
      return { html: null, error: RENDER_ERRORS.failed((e as Error).message) };
    } finally {
      try {
        await slot.page.goto('about:blank', { timeout: 5000 });
        this.release(slot);
      } catch {
        // A wedged tab is replaced rather than reused.
        this.created--;
        void slot.page.close().catch(() => {});
        const waiter = this.waiters.shift();
        if (waiter) void this.acquire().then(waiter, () => {});
      }
    }
  }

  async close() {
    this.closed = true;
    await this.browser.close();
    await this.proxy.close();
  }
}

function stripHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}
