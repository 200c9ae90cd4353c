/** Dutch stage lexicon: the most frequent question, comparison and purchase words only. */
import { terms, type Lexicon } from '../../classify/lexicon.ts';

export const DUTCH_LEXICON: Lexicon = {
  lang: 'nl',
  entries: [
    ...terms('interest', 1.2, `wat is, wat zijn, wat betekent, waarom, hoe werkt, hoe maak je, hoe lang, hoeveel,
      wanneer, betekenis, definitie, symptomen, oorzaken, tips, ideeen, uitleg, recept, voorbeelden, beste manier om`),
    ...terms('interest', 1.0, `hoe, wat, wie`),
    ...terms('comparison', 1.5, `beste, vergelijken, vergelijking, review, reviews, ervaringen, beoordeling,
      verschil tussen, alternatief voor, alternatieven, welke, top #, voor- en nadelen, de beste`),
    ...terms('comparison', 1.0, `verschil, alternatief, top`),
    ...terms('purchase', 1.5, `prijs, prijzen, kosten, kost, wat kost, goedkoop, goedkope, kopen, bestellen,
      waar kopen, aanbieding, aanbiedingen, korting, kortingscode, verzending, verzendkosten, levering, bezorging,
      retour, retourneren, garantie, in de buurt, openingstijden, installeren, downloaden, download, boeken,
      reserveren, abonnement, huren, te koop, offerte, tweedehands, winkel, uitverkoop`),
    ...terms('purchase', 0.8, `gratis, online`),
    ...terms('navigational', 1.2, `inloggen, login, mijn account, klantenservice, contact, officiele site,
      telefoonnummer`,
      { kind: 'nav-modifier' }),
  ],
};
