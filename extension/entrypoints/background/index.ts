import { browser, defineBackground } from '#imports';
import { WORDS_CACHE_KEY } from '../../i18n/words.ts';
import { answerMessages } from '../../utils/messaging.ts';
import { readSettings } from '../../utils/settings.ts';
import { scoreFetchedPage } from './score-page.ts';
import { createBackgroundService } from './service.ts';

/**
 * The background worker: answers the content script, the popup and the options page. It fetches
 * nothing on its own; result pages are fetched only when a results page asks for them and the user
 * allowed their domain.
 */
export default defineBackground(() => {
  let brandNames: string[] = [];
  const refreshNames = () => readSettings().then((s) => (brandNames = s.brandNames)).catch(() => {});
  void refreshNames();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && 'settings' in changes) void refreshNames();
  });
  const service = createBackgroundService({
    scorePage: (input, query, lang) => scoreFetchedPage(input, query, lang, { brandNames }),
  });
  browser.runtime.onMessage.addListener(answerMessages((message, sender: { id?: string }) => service.handle(message, sender)));
  // Word tables the content script stored came from the previous version: it asks again.
  browser.runtime.onInstalled.addListener(() => void browser.storage.local.remove(WORDS_CACHE_KEY).catch(() => {}));
});
