/**
 * The Google Search hosts the content script runs on. Match patterns cannot wildcard a TLD, so the
 * country domains are listed; each one is a results page the user opened, never one we request.
 */
export const GOOGLE_SEARCH_TLDS = [
  'com', 'ad', 'ae', 'al', 'am', 'as', 'at', 'az', 'ba', 'be', 'bf', 'bg', 'bi', 'bj', 'bs', 'bt', 'by', 'ca', 'cd', 'cf',
  'cg', 'ch', 'ci', 'cl', 'cm', 'cn', 'cv', 'cz', 'de', 'dj', 'dk', 'dm', 'dz', 'ee', 'es', 'fi', 'fm', 'fr', 'ga', 'ge',
  'gg', 'gl', 'gm', 'gr', 'gy', 'hn', 'hr', 'ht', 'hu', 'ie', 'im', 'iq', 'is', 'it', 'je', 'jo', 'kg', 'ki', 'kz', 'la',
  'li', 'lk', 'lt', 'lu', 'lv', 'md', 'me', 'mg', 'mk', 'ml', 'mn', 'mu', 'mv', 'mw', 'ne', 'nl', 'no', 'nr', 'nu', 'pl',
  'pn', 'ps', 'pt', 'ro', 'rs', 'ru', 'rw', 'sc', 'se', 'sh', 'si', 'sk', 'sm', 'sn', 'so', 'sr', 'st', 'td', 'tg', 'tl',
  'tm', 'tn', 'to', 'tt', 'vu', 'ws',
  'co.ao', 'co.bw', 'co.ck', 'co.cr', 'co.id', 'co.il', 'co.in', 'co.jp', 'co.ke', 'co.kr', 'co.ls', 'co.ma', 'co.mz',
  'co.nz', 'co.th', 'co.tz', 'co.ug', 'co.uk', 'co.uz', 'co.ve', 'co.vi', 'co.za', 'co.zm', 'co.zw',
  'com.af', 'com.ag', 'com.ar', 'com.au', 'com.bd', 'com.bh', 'com.bn', 'com.bo', 'com.br', 'com.bz', 'com.co',
  'com.cu', 'com.cy', 'com.do', 'com.ec', 'com.eg', 'com.et', 'com.fj', 'com.gh', 'com.gi', 'com.gt', 'com.hk',
  'com.jm', 'com.kh', 'com.kw', 'com.lb', 'com.ly', 'com.mm', 'com.mt', 'com.mx', 'com.my', 'com.na', 'com.ng',
  'com.ni', 'com.np', 'com.om', 'com.pa', 'com.pe', 'com.pg', 'com.ph', 'com.pk', 'com.pr', 'com.py', 'com.qa',
  'com.sa', 'com.sb', 'com.sg', 'com.sl', 'com.sv', 'com.tj', 'com.tr', 'com.tw', 'com.ua', 'com.uy', 'com.vc',
  'com.vn',
] as const;

/** Match patterns of Google's results pages: https://www.google.<tld>/search… */
export const GOOGLE_SEARCH_MATCHES: string[] = GOOGLE_SEARCH_TLDS.map((tld) => `https://www.google.${tld}/search*`);

/** True for a results page URL the overlay should read. */
export function isGoogleSearchUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.pathname !== '/search') return false;
    const tld = parsed.hostname.startsWith('www.google.') ? parsed.hostname.slice('www.google.'.length) : null;
    return tld !== null && (GOOGLE_SEARCH_TLDS as readonly string[]).includes(tld);
  } catch {
    return false;
  }
}
