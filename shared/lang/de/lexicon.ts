/**
 * German stage lexicon. German glues words together, so compounds are matched by their head:
 * "*vergleich" (Preisvergleich…), "*test" (Produkttest…), "*kosten" (Versandkosten…).
 * Exact compounds listed here outrank the suffix patterns ("preisvergleich" is a purchase signal).
 * "test" and "was" are strict: in English they are a check-up and a past tense.
 */
import { terms, type Lexicon } from '../../classify/lexicon.ts';

export const GERMAN_LEXICON: Lexicon = {
  lang: 'de',
  entries: [
    // Interesse
    ...terms('interest', 1.2, `was ist, was sind, was bedeutet, was heisst, was tun, was tun bei, was hilft,
      was hilft gegen, was passiert, was macht, warum, wieso, weshalb, wie funktioniert, wie funktionieren, wie lange,
      wie viele, wie oft, wie alt, wie weit, wie macht man, wie schreibe ich, wie kann ich, wie erkenne ich, wann,
      wer ist, wer war, wer hat, bedeutung, definition, ursachen, ursache, symptome, anzeichen, beispiel, beispiele,
      anleitung, erklarung, erklart, einfach erklart, tipps, ideen, *ideen, ratgeber, hausmittel, rezept, rezepte,
      geschichte, folgen, behandlung, vorbeugen, selber machen, selbst machen, bester weg, beste zeit,
      der beste zeitpunkt, bester zeitpunkt, am besten`),
    ...terms('interest', 1.0, `wie, wo, welche bedeutung, hilfe, tricks, grundlagen, lernen, berechnen, formel,
      problem, probleme, funktioniert nicht, geht nicht, schmerzen, wetter`),
    ...terms('interest', 0.6, `fur anfanger, fur einsteiger`),
    ...terms('interest', 1.0, `was`, { strict: true }),

    // Vergleich
    ...terms('comparison', 1.5, `vergleich, im vergleich, *vergleich, testsieger, im test, testbericht, testberichte,
      erfahrungen, erfahrungsberichte, erfahrungsbericht, bewertung, bewertungen, rezension, rezensionen, unterschied,
      unterschiede, unterschied zwischen, vor- und nachteile, vorteile und nachteile, alternative zu, alternativen zu,
      welche ist besser, welcher ist besser, welches ist besser, was ist besser, lohnt sich, lohnt es sich, top #,
      die besten, der beste, die beste, das beste, stiftung warentest, kaufberatung, bestenliste`),
    ...terms('comparison', 1.2, `beste, besten, bester, bestes, alternative, alternativen, ranking, empfehlung,
      empfehlungen, besser, welche, welcher, welches, *test, *tests, vergleichen, oder besser`),
    ...terms('comparison', 1.2, `test`, { strict: true }),
    ...terms('comparison', 1.0, `top, marken, zuverlassig, zuverlassigkeit, qualitat`),

    // Kauf
    ...terms('purchase', 1.5, `preis, preise, *preis, *preise, kosten, *kosten, kostet, was kostet, wie viel kostet,
      wieviel kostet, wie teuer, preisvergleich, gunstig, gunstige, gunstigen, gunstiger, gunstigste, gunstigsten,
      billig, billige, billigen, billiger, kaufen, online kaufen, bestellen, bestellung, versand, versandkostenfrei,
      lieferung, liefern, rucksendung, ruckgabe, umtausch, angebot, angebote, rabatt, rabattcode, gutschein,
      gutscheincode, gutscheine, sale, reduziert, auf lager, lieferbar, verfugbar, verfugbarkeit, in der nahe,
      in meiner nahe, geoffnet, heute geoffnet, testversion, kostenlos testen, probeabo, demo, kostenvoranschlag,
      angebot anfordern, download, herunterladen, runterladen, buchen, reservieren, reservierung, abo, abonnieren,
      abonnement, mieten, vermieten, zu vermieten, zu verkaufen, gebraucht, gebrauchte, gebrauchtwagen, leasing,
      finanzierung, ratenzahlung, tarif, tarife, tarifrechner, kundigen, kundigung, anmelden fur, bezahlen, zahlung,
      shop, online shop`),
    ...terms('purchase', 0.6, `online, herren, damen, kinder`),
    ...terms('purchase', 1.0, `jobs, job, stellenangebote, stellenangebot, stellen, ferienwohnung, pauschalreise,
      urlaub buchen`),
    // Produktkategorien: gesucht wird, was man kauft (Broder: transaktional)
    ...terms('purchase', 0.9, `schuhe, sneaker, kleid, kleider, jacke, hose, tasche, uhr, schmuck, sofa, reifen,
      spielzeug`),
    ...terms('purchase', 1.0, `kostenlos, gratis, wo kaufen, wo gibt es, kaufen in, geschaft, filiale, ausverkauf,
      schnappchen, tickets, streamen, songtext, rechner, versicherung, flug, fluge, hotel`),

    // Installation und Öffnungszeiten: Kaufphase, aber für Broder eine Informationssuche
    ...terms('purchase', 1.5, `installieren, installation, einrichten, systemanforderungen, voraussetzungen,
      offnungszeiten, garantie, gewahrleistung, lieferzeit, versandkosten`, { broder: 'informational' }),

    // Navigation
    ...terms('navigational', 1.2, `login, einloggen, anmelden, anmeldung, mein konto, kundenkonto, kundenservice,
      kundendienst, kundenbereich, kontakt, hotline, telefonnummer, offizielle seite, offizielle webseite, webseite,
      homepage, postfach, onlinebanking, online banking, sendungsverfolgung, sendung verfolgen`,
      { kind: 'nav-modifier' }),
    ...terms('navigational', 0.8, `konto, seite, startseite, app, mail`, { kind: 'nav-modifier' }),

    // feste Wendungen
    ...terms('none', 0, `preis der, nobelpreis, grand prix, fur alle, ohne gluten, kosten nutzen, test fur`),
  ],
};
