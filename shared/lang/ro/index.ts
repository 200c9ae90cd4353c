/**
 * Romanian: everything ZMOT Lens knows about the language (see shared/lang/types.ts), written by the
 * team. Romanian is typed three ways: with comma-below ș ț (correct), with the old cedilla ş ţ (legacy
 * keyboards and fonts) and without diacritics (most queries). Matching is on folded text, where all three
 * meet; `normalize` maps ș ț to ş ţ because Snowball's Romanian stemmer and the `stopword` list use those.
 */
import { ron } from 'stopword';
import type { LanguagePack } from '../types.ts';
import { ROMANIAN_LEXICON } from './lexicon.ts';

const TO_CEDILLA: Record<string, string> = { ș: 'ş', ț: 'ţ', Ș: 'Ş', Ț: 'Ţ' };

export const ROMANIAN: LanguagePack = {
  code: 'ro',
  name: 'Romanian',
  nativeName: 'Română',
  lexicon: ROMANIAN_LEXICON,
  stopwords: ron,
  extraStopwords: ['ce', 'cum', 'care', 'cât', 'cat', 'câte', 'cate', 'câți', 'cati', 'unde', 'când', 'cand', 'este', 'sunt', 'vs', 'versus'],
  snowball: 'romanian',
  normalize: (text) => text.replace(/[șțȘȚ]/g, (ch) => TO_CEDILLA[ch]),
  detection: {
    queryWords: `ce cum care este sunt cel cea cele cei mai bun buna bune pret preturi costa cumpar cumpara unde livrare
      garantie pareri recenzii pentru sau fara cand cat sa si din pe nu se cu despre dupa pana inseamna functioneaza`,
    singleLetterWords: ['a', 'o', 'e'],
    accentedWords: ['și', 'şi', 'în', 'să', 'că', 'cât', 'câte', 'când', 'până', 'după', 'fără', 'față', 'faţă', 'preț', 'preţ', 'costă', 'două'],
    letterHints: [
      [/[ășțşţ]/g, 2],
      [/[âî]/g, 0.3],
    ],
  },
  templates: [
    { stage: 'interest', text: 'ce este {category}' },
    { stage: 'interest', text: 'cum funcționează {category}' },
    { stage: 'interest', text: 'de ce să folosești {category}' },
    { stage: 'interest', text: 'cum aleg {category}' },
    { stage: 'comparison', text: 'cel mai bun {category}' },
    { stage: 'comparison', text: 'comparație {category}' },
    { stage: 'comparison', text: '{brand} vs {competitor}' },
    { stage: 'comparison', text: 'alternative la {competitor}' },
    { stage: 'comparison', text: 'păreri {brand}' },
    { stage: 'purchase', text: 'preț {category}' },
    { stage: 'purchase', text: 'preț {product}' },
    { stage: 'purchase', text: 'cum instalez {product}' },
    { stage: 'purchase', text: 'livrare {brand}' },
    { stage: 'purchase', text: 'retur {brand}' },
    { stage: 'purchase', text: 'garanție {brand}' },
    { stage: 'purchase', text: 'perioadă de probă {brand}' },
  ],
  // Ours (Lighthouse has no Romanian list); with and without diacritics, comma and cedilla forms.
  linkTexts: {
    texts: [
      'click aici', 'clic aici', 'apasă aici', 'apasa aici', 'aici', 'mai mult', 'mai multe', 'citește mai mult', 'citeşte mai mult',
      'citeste mai mult', 'citește mai departe', 'citeşte mai departe', 'citeste mai departe', 'citește tot', 'citeşte tot', 'citeste tot',
      'află mai multe', 'afla mai multe', 'află mai mult', 'afla mai mult', 'vezi mai mult', 'vezi mai multe', 'vezi detalii', 'detalii',
      'mai multe detalii', 'mai multe informații', 'mai multe informaţii', 'mai multe informatii', 'informații', 'informaţii', 'informatii',
      'acest link', 'link', 'linkul', 'continuă', 'continua', 'începe', 'incepe',
    ],
    lighthouse: false,
  },
  synonyms: [
    ['preț', 'prețuri', 'prețul', 'cost', 'costuri', 'costă', 'tarif', 'tarife'],
    ['cumpăra', 'cumpărare', 'cumpăr', 'comandă', 'comanda', 'achiziție'],
    ['livrare', 'livrarea', 'transport', 'expediere'],
    ['retur', 'returnare', 'rambursare'],
    ['garanție', 'garanția'],
    ['instalare', 'instalez', 'montaj', 'montare'],
    ['păreri', 'recenzii', 'recenzie', 'opinii', 'testimoniale'],
    ['comparație', 'comparare', 'diferență', 'diferența'],
    ['avantaje', 'beneficii'],
    ['dezavantaje', 'limite'],
  ],
  answerCues: {
    price: /\b(cat costa|pret(ul|uri|urile)?|costa|costuri?|costul|tarife?|ieftin[aei]?|scump[ae]?|abonament|deviz)\b/,
    steps: /\b(cum (sa|se|instalez|montez|configurez|fac|pot)|pasi|pasii|etape|instalare|instalez|montaj|configurare|tutorial)\b/,
    versus: /\b(vs\.?|versus|diferenta (dintre|intre)|comparatie intre)\b/,
    ranking: /\b(cel mai bun|cea mai buna|cele mai bune|cei mai buni|top|clasament|care (este|e) (cel )?mai bun|comparatie)\b/,
    alternatives: /\b(alternativ(a|e|ele)|concurent(i|ii|ul)|echivalent)\b/,
    reviews: /\b(pareri|recenzi(i|e|ile)|opinii|review|merita|de incredere)\b/,
    'pros-cons': /\b(avantaje|dezavantaje|pro si contra)\b/,
    definition: /^(ce (este|e|sunt|inseamna|reprezinta)|definitie)\b/,
    duration: /\b(cat timp|cat dureaza|durata|termen|cand)\b/,
    terms: /\b(livrare|livrarea|retur|returnare|rambursare|garantie|garantia|conditii|schimb)\b/,
    location: /\b(de unde|unde (cumpar|gasesc)|magazin(e|ul)?|langa mine|aproape de mine|distribuitori?|program de lucru)\b/,
    requirements: /\b(cerinte|compatibil[ae]?|compatibilitate|functioneaza cu)\b/,
    trial: /\b(proba gratuita|perioada de proba|test gratuit|demo|demonstratie)\b/,
    list: /\b(semne|simptome|cauze|tipuri|idei|sfaturi|motive|exemple|greseli)\b/,
    explanation: /^(de ce|cum functioneaza|la ce (foloseste|ajuta|serveste))\b/,
    'yes-no': /^(este|e|se poate|pot|merita|exista|trebuie)\b/,
  },
  versusSplit: /^(?:care (?:este|e) )?diferenta (?:dintre|intre)\s+(.+?)\s+si\s+(.+)$|^(.+?)\s+(?:vs\.?|versus)\s+(.+)$/,
  definition: /\b(este|sunt|e) (un|o|una|cel|cea|acel|acea)\b|\b(inseamna|reprezinta|se defineste|se refera la|desemneaza)\b/,
  promoPhrases: String.raw`cumpara acum|comanda acum|oferta (limitata|speciala|exclusiva)|nu rata|grabeste-te|numarul 1|lider (de piata|pe piata)|revolutionar|cel mai bun de pe piata|de neegalat|livrare gratuita|transport gratuit|cod (de )?reducere|reducere de \d+`,
};
