import { defineContentScript } from '#imports';
import { backgroundBackend, startOverlay } from './overlay.tsx';

/** On Google results pages only; reads the page, never sends a query to Google itself. */
export default defineContentScript({
  // Every Google country domain (utils/google-hosts.ts) is put in the manifest by wxt.config.ts:
  // listed here, the 170 domains would be bundled into the script for nothing.
  matches: ['https://www.google.com/search*'],
  // Started before the page is parsed, so that loading the script, the settings and the badges'
  // shadow roots overlaps with Google's HTML arriving; the overlay itself waits for the parsed page.
  runAt: 'document_start',
  // The overlay's stylesheet is bundled into the script and given to each shadow root (overlay.tsx):
  // no per-badge fetch of a CSS file, which cost more than the rest of the overlay together.
  cssInjectionMode: 'manual',
  async main(ctx) {
    // On the page's timeline, so a benchmark can tell Chrome's injection delay from our own work.
    performance.mark('zmot-lens:start');
    try {
      await startOverlay(ctx, { doc: document, pageUrl: () => location.href, backend: backgroundBackend });
    } catch (e) {
      // The last line of defence: the results page must keep working whatever happened above.
      console.warn('[ZMOT Lens] overlay failed', e);
    }
  },
});
