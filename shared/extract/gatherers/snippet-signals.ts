import type { Element } from 'domhandler';
import { collapse, textOf } from '../dom.ts';
import { defineGatherer } from './types.ts';

/** Text kept from data-nosnippet regions: enough to tell which passages sit inside them. */
const MAX_NOSNIPPET_CHARS = 50_000;
/** Ids that single-page-app frameworks mount into (React, Vue, Next, Nuxt, Angular, Svelte). */
const APP_ROOTS = '#root, #app, #__next, #__nuxt, app-root, #svelte';

/**
 * What decides whether search and answer engines may quote the page's text beyond robots directives:
 * regions marked data-nosnippet, and signs that the text only appears once scripts run.
 */
export default defineGatherer({
  id: 'snippet-signals',
  provides: ['snippetSignals'],
  gather({ $ }) {
    let nosnippetText = '';
    let nosnippetWords = 0;
    const regions = ($!('[data-nosnippet]').toArray() as Element[]).filter((el) => !($!(el).parents('[data-nosnippet]').length > 0));
    for (const el of regions) {
      const text = collapse(textOf(el));
      nosnippetWords += text ? text.split(' ').length : 0;
      if (nosnippetText.length < MAX_NOSNIPPET_CHARS) nosnippetText = `${nosnippetText} ${text}`.slice(0, MAX_NOSNIPPET_CHARS);
    }
    const scripts = $!('script').toArray() as Element[];
    const executable = scripts.filter((el) => !/json|template|html/i.test(el.attribs.type ?? '')).length;
    const emptyAppRoot = ($!(APP_ROOTS).toArray() as Element[]).some((el) => collapse(textOf(el)) === '');
    return { snippetSignals: { nosnippetRegions: regions.length, nosnippetWords, nosnippetText: nosnippetText.trim(), scripts: executable, emptyAppRoot } };
  },
});
