/** Italian stage lexicon: the most frequent question, comparison and purchase words only. */
import { terms, type Lexicon } from '../../classify/lexicon.ts';

export const ITALIAN_LEXICON: Lexicon = {
  lang: 'it',
  entries: [
    ...terms('interest', 1.2, `cos'e, cosa e, cosa sono, che cos'e, perche, come fare, come si, come funziona, quando,
      quanto tempo, quanti, significato, definizione, sintomi, cause, consigli, idee, guida, ricetta, esempi,
      il modo migliore, modo migliore per`),
    ...terms('interest', 1.0, `come, cosa, chi`),
    ...terms('comparison', 1.5, `migliore, migliori, miglior, il migliore, i migliori, confronto, recensione,
      recensioni, opinioni, differenza tra, alternativa a, alternative a, classifica, quale scegliere, vale la pena,
      pro e contro`),
    ...terms('comparison', 1.0, `quale, differenza, alternativa, alternative, top`),
    ...terms('purchase', 1.5, `prezzo, prezzi, costo, quanto costa, economico, economica, comprare, acquistare,
      dove comprare, offerta, offerte, sconto, sconti, codice sconto, spedizione, spedizione gratuita, consegna, reso,
      garanzia, vicino a me, orari, orario, installare, installazione, scaricare, download, prenotare, prenotazione,
      abbonamento, affitto, in vendita, vendita, preventivo, usato, negozio, saldi`),
    ...terms('purchase', 0.8, `gratis, online`),
    ...terms('navigational', 1.2, `accedi, accesso, login, area clienti, servizio clienti, assistenza clienti,
      il mio account, sito ufficiale, numero di telefono`, { kind: 'nav-modifier' }),
  ],
};
