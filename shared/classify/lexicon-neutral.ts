/**
 * Signals that do not depend on the query's language: symbols, file types and loanwords that
 * searchers use in every language. Patterns that need more than a word list (domains, prices
 * with a currency sign, "X or Y", "?") are recognised in query-stage.ts.
 */
import { terms, type Lexicon } from './lexicon.ts';

export const NEUTRAL_LEXICON: Lexicon = {
  lang: 'neutral',
  entries: [
    ...terms('interest', 1.0, `faq, wiki, diy, how-to, tuto`),
    ...terms('comparison', 1.5, `vs, versus, top #`),
    ...terms('purchase', 1.2, `mp3, mp4, apk, torrent, exe, dmg, promo code, black friday, cyber monday, checkout,
      ebook`),
    ...terms('navigational', 1.5, `www, http, https, login, webmail, signin, logon, com`, { kind: 'nav-modifier' }),
  ],
};
