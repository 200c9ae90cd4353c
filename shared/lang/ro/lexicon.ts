/**
 * Romanian stage lexicon, written by the team. Matched on folded tokens (no diacritics), so "preț",
 * "preţ" (old cedilla form) and "pret" (typed without diacritics, as most queries are) all meet here.
 * Short function words shared with other languages ("ce", "cum", "care", "cat") are strict: they only
 * count when the query is detected as Romanian.
 */
import { terms, type Lexicon } from '../../classify/lexicon.ts';

export const ROMANIAN_LEXICON: Lexicon = {
  lang: 'ro',
  entries: [
    // interes
    ...terms('interest', 1.2, `ce este, ce sunt, ce inseamna, ce e, ce reprezinta, de ce, cum functioneaza, cum functioneza,
      cum se face, cum sa, cum recunosc, cum evit, cum previn, cum fac, cat timp, cat dureaza, definitie, semnificatie,
      simptome, cauze, cauzele, semne de, semnele, tipuri de, exemple de, la ce foloseste, la ce ajuta, la ce serveste,
      ce face, ce trebuie sa, de unde vine, nu merge, nu functioneaza, se strica, ghid complet`),
    ...terms('interest', 1.0, `ghid, sfaturi, idei, reteta, retete, tutorial, explicatie, prevenire, preveni, evita, probleme,
      problema, cauza, riscuri, istoria, beneficiile, avantajele, trebuie, poti, se poate`),
    ...terms('interest', 1.0, `cum, ce`, { strict: true }),
    ...terms('interest', 0.6, `care, cand, cine, cat`, { strict: true }),

    // comparatie
    ...terms('comparison', 1.5, `cel mai bun, cea mai buna, cele mai bune, cei mai buni, comparatie, comparatii, compara,
      comparativ, diferenta dintre, diferenta intre, diferente intre, diferenta, alternativa la, alternative la,
      care e mai bun, care este mai bun, care e cel mai bun, care este cel mai bun, merita, pro si contra,
      avantaje si dezavantaje, recenzii, recenzie, pareri, opinii, clasament, top #, sau mai bine`),
    ...terms('comparison', 1.2, `alternativa, alternative, mai bun, mai buna, mai bune, recomandari, recomandare, fiabil,
      fiabilitate, de incredere, concurenti, echivalent`),
    ...terms('comparison', 1.2, `test, review`, { strict: true }),
    ...terms('comparison', 1.0, `top, marci, ce marca, ce model`),

    // cumparare
    ...terms('purchase', 1.5, `pret, preturi, pretul, preturile, cat costa, cat costa un, cat costa o, costuri, costul,
      cumpara, cumpar, cumparare, de unde cumpar, unde cumpar, de unde pot cumpara, comanda, comand, comanda online,
      livrare, livrare gratuita, transport gratuit, retur, returnare, rambursare, oferta, oferte, reducere, reduceri,
      cod reducere, voucher, promotie, promotii, ieftin, ieftina, ieftine, ieftini, de vanzare, vanzare, vand,
      inchiriere, inchiriez, abonament, rezervare, rezerva, programare, deviz, in stoc, stoc, langa mine,
      aproape de mine, perioada de proba, proba gratuita, test gratuit, plata, plata in rate, rate, finantare,
      descarca, descarcare, magazin online`),
    ...terms('purchase', 1.0, `costa, cost, gratuit, gratuita, gratis, magazin, magazine, scump, scumpa, tarif, tarife,
      nou, second hand, bilete, bilet, pachet, pachete, disponibil, lei, euro`),
    // instalare si program: etapa de cumparare, dar o cautare informationala pentru Broder
    ...terms('purchase', 1.5, `instalare, instalez, cum instalez, cum se instaleaza, cum montez, montaj, montare,
      configurare, cum configurez, garantie, garantia, program de lucru, orar, termen de livrare, cost livrare`,
      { broder: 'informational' }),

    // navigare
    ...terms('navigational', 1.2, `autentificare, conectare, contul meu, cont client, site oficial, site-ul oficial,
      serviciu clienti, relatii clienti, numar de telefon, date de contact, parola, urmarire colet, urmarire comanda`,
      { kind: 'nav-modifier' }),
    ...terms('navigational', 0.8, `cont, contact, telefon, adresa, aplicatie`, { kind: 'nav-modifier' }),

    // expresii fixe
    ...terms('none', 0, `fara gluten, fara zahar, fara lactoza, cu drag`),
  ],
};
