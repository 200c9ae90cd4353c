/**
 * Names of big, frequently searched-for sites and services. Typing one of them alone is the
 * textbook navigational query (Broder 2002: "greyhound bus", "compaq"). Names that are also
 * ordinary words ("orange", "target", "chase") count when the query is mostly the name, because
 * site evidence is scaled by how much of the query it covers. Words too common to be a name in
 * a query ("free", "live", "as", "ing", "dm") are only listed inside longer names.
 *
 * The list is general knowledge of large sites in the US, UK, France, Germany and Spain, written by
 * the same team as the labelled set (see docs/classifier.md for what that means for the figures).
 */
import { terms, uniqueNames, type Lexicon } from './lexicon.ts';

const GLOBAL_SITES = `google, google maps, google translate, google drive, google docs, google sheets,
      google classroom, google earth, google news, google photos, google calendar, google meet, google scholar, gmail,
      youtube, youtube music, youtube tv, facebook, fb, facebook marketplace, instagram, twitter, tiktok, linkedin,
      pinterest, reddit, snapchat, whatsapp, whatsapp web, telegram, messenger, discord, tumblr, quora, threads,
      bluesky, myspace, yahoo, yahoo mail, yahoo finance, yahoo news, bing, msn, hotmail, outlook, outlook mail,
      live mail, office 365, microsoft 365, microsoft, microsoft teams, onedrive, skype, xbox, apple, apple id,
      icloud, itunes, app store, apple music, apple tv, amazon, amazon prime, prime video, amazon music, kindle,
      audible, ebay, walmart, target, costco, best buy, home depot, lowes, lowe's, ikea, etsy, aliexpress, alibaba,
      temu, shein, wayfair, kohls, macys, nordstrom, sears, kmart, walgreens, cvs, craigslist, zillow, realtor.com,
      redfin, trulia, indeed, glassdoor, monster, netflix, hulu, disney plus, disney+, hbo max, paramount plus,
      peacock, spotify, pandora, soundcloud, deezer, twitch, wikipedia, imdb, rotten tomatoes, cnn, bbc, bbc news,
      bbc sport, fox news, nbc news, cbs news, abc news, nytimes, new york times, washington post,
      wall street journal, the guardian, guardian, daily mail, reuters, bloomberg, forbes, huffpost, buzzfeed, espn,
      weather channel, accuweather, paypal, venmo, cash app, zelle, chase, chase bank, bank of america, wells fargo,
      citibank, citi, capital one, american express, amex, discover card, td bank, us bank, pnc, barclays, hsbc,
      lloyds, natwest, santander, revolut, n26, usps, ups, fedex, dhl, royal mail, irs, dmv, social security,
      medicare, booking.com, expedia, airbnb, tripadvisor, kayak, skyscanner, hotels.com, trivago, ryanair, easyjet,
      delta, delta airlines, united airlines, american airlines, southwest, southwest airlines, jetblue, lufthansa,
      air france, british airways, iberia, vueling, klm, emirates, uber, uber eats, ubereats, lyft, doordash, grubhub,
      deliveroo, just eat, zoom, slack, dropbox, github, gitlab, stack overflow, stackoverflow, chatgpt, openai,
      claude, gemini, perplexity, copilot, canva, figma, notion, trello, asana, salesforce, hubspot, mailchimp,
      shopify, wordpress, wix, squarespace, godaddy, adobe, adobe acrobat, photoshop, duolingo, coursera, udemy,
      khan academy, roblox, minecraft, fortnite, steam, epic games, playstation, psn, nintendo, blizzard, aol,
      aol mail, mapquest, white pages, whitepages, yellow pages, yelp, groupon, weather.com, att, verizon, t-mobile,
      tmobile, xfinity, comcast, spectrum, cox, vodafone, geico, progressive, state farm, allstate, mcdonalds,
      starbucks, dominos, pizza hut, subway, nike, adidas, zara, h&m, uniqlo, sephora, ulta, old navy, foot locker,
      samsung, sony, dell, hp, lenovo, asus, acer, nvidia, intel, tesla, toyota, honda, ford, canvas, blackboard,
      powerschool, schoology, quizlet, chegg, brainly, gofundme, kickstarter, patreon, onlyfans, ticketmaster,
      stubhub, eventbrite, fandango, tinder, bumble, hinge, match.com, pof, ancestry, 23andme, webmd, mayo clinic,
      nih, cdc, nasa, fafsa, turbotax, intuit, quickbooks, h&r block, credit karma, experian, equifax, transunion,
      fidelity, vanguard, schwab, robinhood, coinbase, binance, kraken, etrade`;

const FRENCH_SITES = `leboncoin, le bon coin, laposte, la poste, la banque postale, banque postale, ameli, caf,
      impots.gouv, impots gouv, impots, pole emploi, france travail, doctolib, sncf, sncf connect, oui sncf, ouigo,
      blablacar, vinted, cdiscount, fnac, darty, boulanger, leroy merlin, castorama, brico depot, decathlon,
      carrefour, leclerc, e.leclerc, auchan, intermarche, lidl, aldi, monoprix, picard, orange, sfr, bouygues,
      bouygues telecom, free mobile, freebox, free.fr, credit agricole, bnp, bnp paribas, societe generale,
      boursorama, boursobank, lcl, caisse d'epargne, credit mutuel, banque populaire, hello bank, fortuneo, le monde,
      le figaro, liberation, 20 minutes, ouest france, le parisien, bfmtv, bfm, franceinfo, france info, tf1, tf1+,
      m6, m6+, france tv, france.tv, arte, canal plus, molotov, allocine, marmiton, 750g, pages jaunes, pagesjaunes,
      seloger, logic-immo, mappy, meteo france, la chaine meteo, la redoute, showroomprive, veepee, vente privee,
      service public, service-public, mgen, maif, macif, matmut, axa, qwant, ecosia, lemonde, lequipe, l'equipe,
      jeuxvideo.com, deezer, ratp, tcl, uber, ikea, conforama, maisons du monde, sephora, yves rocher, kiabi, zalando,
      asos, back market, backmarket, rakuten, ldlc, materiel.net, pronote, ecole directe, ecoledirecte, parcoursup,
      mon compte formation, cpf, urssaf, net-entreprises, legifrance, que choisir, ufc que choisir, 60 millions,
      lacentrale, la centrale, autoplus, aramis, aramisauto`;

const GERMAN_SITES = `ebay kleinanzeigen, kleinanzeigen, otto, zalando, mediamarkt, media markt, saturn, rewe, edeka,
      kaufland, rossmann, dm drogerie, dhl, hermes, dpd, gls, deutsche post, deutsche bahn, db navigator, bahn,
      sparkasse, commerzbank, deutsche bank, postbank, volksbank, dkb, comdirect, ing diba, consorsbank, gmx, web.de,
      t-online, telekom, o2, congstar, spiegel, spiegel online, bild, zeit online, faz, sueddeutsche, suddeutsche,
      tagesschau, heise, computerbild, n-tv, ntv, zdf, ard, ard mediathek, zdf mediathek, rtl, rtl+, prosieben,
      wetter.com, wetteronline, dwd, chefkoch, check24, idealo, verivox, immobilienscout24, immoscout, immowelt,
      mobile.de, autoscout24, elster, arbeitsagentur, lidl, aldi, aldi sud, aldi nord, tchibo, lieferando, doctolib,
      stiftung warentest, obi, hornbach, bauhaus, toom, thalia, hugendubel, galeria, h&m, douglas, flaschenpost,
      ebay.de, amazon.de, bahn.de, adac, hvv, bvg, mvv, kicker, transfermarkt, dazn, joyn, zattoo, dict.cc, linguee,
      deepl`;

/** More US retail, finance, travel, media and services: real query logs are dominated by them. */
const MORE_US_SITES = `victoria's secret, victorias secret, trader joe's, trader joes, jcpenney, jc penney, dillards,
      tj maxx, tjmaxx, marshalls, burlington, bed bath and beyond, dicks sporting goods, academy sports,
      bass pro shops, cabelas, petsmart, petco, chewy, autozone, advance auto parts, o'reilly auto parts, michaels,
      hobby lobby, joann, staples, office depot, gamestop, barnes and noble, heb, meijer, wegmans, albertsons,
      food lion, shoprite, dollar general, dollar tree, family dollar, big lots, five below, ulta beauty,
      bath and body works, american eagle, abercrombie, hollister, forever 21, banana republic, jcrew, j crew,
      lands end, ll bean, rei, patagonia, the north face, lululemon, under armour, new balance, skechers, crocs,
      converse, reebok, timberland, usaa, navy federal, navy federal credit union, pnc bank, regions bank, truist,
      fifth third, huntington bank, key bank, citizens bank, ally bank, sofi, synchrony, discover, td ameritrade,
      merrill lynch, edward jones, affirm, klarna, cricket wireless, metro pcs, boost mobile, straight talk,
      dish network, directv, optimum, centurylink, duke energy, con edison, greyhound, amtrak, hertz,
      enterprise rent a car, alamo, marriott, hilton, hyatt, holiday inn, best western, motel 6, priceline, orbitz,
      travelocity, hotwire, spirit airlines, frontier airlines, alaska airlines, carnival cruise, royal caribbean,
      nick jr, nickelodeon, cartoon network, disney channel, pbs, pbs kids, npr, hbo, showtime, starz, tubi, pluto tv,
      sling tv, fubo, crunchyroll, vudu, redbox, ign, cbs sports, fox sports, bleacher report, yahoo sports, nfl, nba,
      mlb, nhl, nascar, wwe, usa today, la times, chicago tribune, tmz, people magazine, weather underground,
      wunderground, drudge report, cnbc, marketwatch, msnbc, mychart, my chart, kaiser permanente, rite aid,
      quest diagnostics, labcorp, unitedhealthcare, blue cross blue shield, aetna, cigna, humana, liberty mutual,
      farmers insurance, nationwide, usajobs, healthcare.gov, harvard, stanford, yale, ucla, nyu, pogo, miniclip,
      coolmath games, poki, friv, addicting games, wordle, nyt games, ask jeeves, ask.com, lycos, excite, altavista,
      photobucket, eharmony, plenty of fish, okcupid, zoosk, classmates, findagrave, legacy.com, apartments.com,
      careerbuilder, ziprecruiter, snagajob, upwork, fiverr, poshmark, mercari, offerup, depop, stockx, jcpenney,
      sears, kmart, overstock, zappos, nordstrom rack, sams club, sam's club, kroger, publix, safeway, whole foods,
      regal cinemas, amc theatres, amc theaters, cinemark, blackboard, canvas, turbotax, ticketmaster,
      merriam webster, sallie mae, infinite campus, applebees, wendys, arbys, dennys, chilis, olive garden,
      red lobster, taco bell, chipotle, panera, kfc, burger king, popeyes, papa johns, little caesars, five guys,
      in n out, dunkin, chick fil a, dominos`;

const SPANISH_SITES = `mercadolibre, mercado libre, el corte ingles, corte ingles, idealista, fotocasa, milanuncios,
      wallapop, renfe, correos, marca, el pais, el mundo, abc.es, la vanguardia, 20minutos, as.com, mundo deportivo,
      rtve, antena 3, telecinco, movistar, movistar plus, orange espana, yoigo, masmovil, jazztel, santander, bbva,
      caixabank, la caixa, bankinter, sabadell, unicaja, ing espana, agencia tributaria, seguridad social, sepe, dgt,
      mercadona, carrefour, lidl, alcampo, zara, mango, pull and bear, bershka, stradivarius, primark, decathlon,
      mediamarkt, pccomponentes, leroy merlin, aemet, infojobs, linkedin, glovo, just eat, cabify, iberia, vueling,
      air europa, meteored, eltiempo.es, cita previa dgt, sede electronica, mi carpeta ciudadana`;

/** A name listed in two countries (ikea, lidl, uber…) is one entry. */
const SITE_NAMES = uniqueNames([GLOBAL_SITES, MORE_US_SITES, FRENCH_SITES, GERMAN_SITES, SPANISH_SITES].join(',').split(','));

/** People type multi-word names as the domain they remember: "bankofamerica", "wellsfargo", "bestbuy". */
const JOINED_SITE_NAMES = SITE_NAMES.filter((name) => /[\s'-]/.test(name)).map((name) => name.replace(/[\s'-]+/g, ''));

export const SITES_LEXICON: Lexicon = {
  lang: 'site',
  entries: terms('navigational', 1.2, uniqueNames([...SITE_NAMES, ...JOINED_SITE_NAMES]).join(','), { kind: 'site' }),
};
