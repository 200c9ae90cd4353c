/**
 * English stage lexicon. Longer phrases win over the words inside them, which is how the
 * deliberate ambiguities are settled: "best way to" is interest (not "best"), "how much" is a
 * price question (not "how"), "how to install" is implementation (not "how to").
 */
import { terms, type Lexicon } from '../../classify/lexicon.ts';

export const ENGLISH_LEXICON: Lexicon = {
  lang: 'en',
  entries: [
    // interest: the prospect studies the problem
    ...terms('interest', 1.2, `what is, what are, what's, whats, what does, what do, what causes, what happens,
      what happens if, what to do, what if, why, how to, how do, how does, how can, how did, how is, how are,
      how long, how many, how often, how old, how far, how big, who is, who was, who invented, when is, when was,
      when did, where is, where does, where do, is it safe, can you, can i, meaning, definition, define, symptoms,
      symptoms of, signs of, causes of, side effects, examples of, types of, kinds of, history of, facts about,
      ways to, steps to, best way to, best ways to, best time to, better way to, what is the best way,
      what's the best way, the best way to, best way, best time, best practices, tutorial, explained`),
    // the price of a traded asset is market news, not a purchase price
    ...terms('interest', 1.5, `stock price, share price, bitcoin price, btc price, crypto prices, gold price,
      price of gold, silver price, oil price, price of oil, exchange rate, exchange rates, what time is it,
      price increase, price increases, price hike, price change`),
    ...terms('interest', 1.0, `causes, cause, signs, ideas, guide, tips, tricks, examples, example, facts, benefits,
      benefits of, advantages of, disadvantages of, treatment, treatments, cure, remedies, remedy, prevent,
      prevention, diagnosis, risks, risk of, recipe, recipes, diy, learn, learning, beginners guide, basics, overview,
      introduction to, synonym, synonyms, theory, statistics, history, definition of, faq, questions, what kind of,
      should i, is there, are there, do i need, does it, not working, won't, wont, doesn't, doesnt, isn't, fix,
      troubleshoot, troubleshooting, problem, problems, error, leaking, broken, stuck, why do, why does, why is,
      why are, calculate, formula, essay, quotes about, famous quotes, inspirational quotes, love quotes, quotes from,
      research, study, plan for, training plan, checklist, template ideas`),
    ...terms('interest', 0.6, `when, where, who, what, how, is, are, does, do, can, weather, news, map, pain, ache,
      for beginners`),

    // comparison: the prospect weighs solutions against each other
    ...terms('comparison', 1.5, `vs, versus, compare, comparison, comparisons, compared to, compared with,
      alternatives to, alternative to, pros and cons, difference between, differences between, which is better,
      which is best, what is the best, what's the best, buyers guide, buyer's guide, buying guide, better than,
      worse than, top #, top rated, highest rated, best rated, most reliable, worth it, is it worth, worth buying,
      worth the money, head to head, should i buy, should i get, should i choose, how to choose, how to pick`),
    ...terms('comparison', 1.2, `best, alternatives, alternative, review, reviews, reviewed, rating, ratings, rated,
      ranking, rankings, ranked, comparing, competitors, competitor, similar to, sites like, apps like, software like,
      tools like, like #, recommended, recommendations, which one, which`),
    ...terms('comparison', 1.0, `top, difference, differences, better, brands, options, choose, choosing, reliable,
      reliability, benchmark, tested, test results, consumer reports, most popular, pros, cons, worst, safest,
      fastest, quietest, healthiest, most comfortable, most durable, most efficient, most powerful, most secure,
      most accurate, similar, similar apps, similar sites, apps similar, sites similar`),
    ...terms('comparison', 0.5, `good, better for, for the money`),

    // purchase: the prospect checks the transaction and the implementation.
    // Acts done on the web (buy, order, download, sign up, watch, play, use an online tool): Broder transactional.
    ...terms('purchase', 1.5, `buy, buying, purchase, order online, free trial, coupon code, promo code, discount code,
      how to download, how to order, how to buy, how to sign up, how to book, how to pay, download, free download,
      subscription, subscribe, sign up, signup, book a, book an, book online, booking, rent a, hire a, demo, trial,
      apply online, renew, renewal, pay bill, pay online, where to watch, watch online, free online, online free`),
    ...terms('purchase', 1.2, `order, ordering, lyrics`),
    ...terms('purchase', 1.0, `shop, reserve, reservation, pay, payment, wallpaper, wallpapers, ringtone, ringtones,
      mp3, torrent, stream, streaming, ^watch, ^play, games online, play online, online games, free games,
      free movies, track order, printable`),
    // an online tool the searcher wants to use (researchers label "currency converters", "hip roof calculator",
    // "power point viewer" transactional)
    ...terms('purchase', 1.2, `calculator, calculators, converter, converters, convertor, viewer, generator, solver,
      editor, translator`),
    ...terms('purchase', 0.6, `free, online, app download, template, templates, font, fonts`),
    // Commercial research: the purchase stage (prices, offers, where to get it, local providers), but the
    // searcher looks something up rather than acting on a site: Broder informational. Real queries
    // labelled by researchers (ORCAS-I) read "how much are solar panels", "kitchen remodel cost",
    // "luxury suv rental", "rochester carburetors for sale" this way.
    ...terms('purchase', 1.5, `how much, how much does, how much is, how much are, how much do, price, prices,
      pricing, cost, costs, for sale, on sale, near me, nearby, open now, free shipping, coupon, coupons, voucher,
      where to buy, where can i buy, where to get, in stock, how to cancel, how to apply, how to return, cheap,
      cheapest, cheaper, deals, deal, discount, discounts, quote, quotes, estimate, shipping, delivery, tickets,
      ticket, for rent, rental, rentals, lease, financing, wholesale, black friday, cyber monday, promo, sale`,
      { broder: 'informational' }),
    ...terms('purchase', 1.0, `affordable, inexpensive, fee, fees, rates, plans, plan prices, membership, store,
      stores, outlet, refund, returns, exchange, available, availability, tickets for, rent, hire, used, second hand,
      refurbished, appointment, apply, application, register, registration`, { broder: 'informational' }),
    ...terms('purchase', 0.8, `book, open`, { broder: 'informational' }),
    ...terms('purchase', 1.0, `vacation packages, travel packages, holiday packages, all inclusive, cruise, cruises,
      puzzles, iso, jobs, job, hiring, now hiring, job openings, vacancies`, { broder: 'informational' }),
    // product categories: a shopper browsing what to buy
    ...terms('purchase', 0.9, `shoes, sneakers, boots, sandals, heels, dresses, shirts, t-shirts, tshirts, jeans,
      pants, leggings, jackets, coats, hoodies, sweaters, swimsuits, swimwear, bikinis, lingerie, underwear, socks,
      hats, handbags, purses, backpacks, wallets, watches, sunglasses, jewelry, jewellery, rings, necklaces, earrings,
      bracelets, furniture, sofas, couches, rugs, curtains, bedding, tires, tyres, auto parts, car parts, toys,
      costumes, gift cards, gift baskets, tvs`, { broder: 'informational' }),
    ...terms('purchase', 0.6, `mens, men's, womens, women's, ladies, kids, boys, girls, toddler, plus size, update`,
      { broder: 'informational' }),
    ...terms('purchase', 0.6, `pictures, pictures of, images, images of, photos, photos of, pics, games, costume,
      gift card, insurance, loan, loans, mortgage, hotel, hotels, flights, flight, tours, budget, license, pdf`,
      { broder: 'informational' }),
    // implementation and opening facts: purchase stage, but looking them up is informational for Broder
    ...terms('purchase', 1.5, `how to install, how to set up, how to setup, how to configure, how to activate,
      how to connect, system requirements, minimum requirements, installation, install, installing, setup, set up,
      opening hours, store hours, hours of operation, return policy, warranty, how much to, delivery time,
      shipping time, shipping cost`,
      { broder: 'informational' }),
    ...terms('purchase', 1.0, `configure, activate, requirements, hours, closing time, what time does, what time is`,
      { broder: 'informational' }),

    // navigational: the prospect wants one site or an account on it
    ...terms('navigational', 1.2, `login, log in, sign in, signin, my account, account login, online banking, webmail,
      contact us, official site, official website, homepage, home page, web site, website, sign on`,
      { kind: 'nav-modifier' }),
    // a company's number or service desk: the searcher wants that company, but looks up a fact (Broder informational)
    ...terms('navigational', 1.2, `customer service, customer support, customer care, phone number, contact number,
      telephone number, routing number`, { kind: 'nav-modifier', broder: 'informational' }),
    ...terms('navigational', 0.8, `account, contact, support, mail, email, inbox, app, portal, dashboard, careers,
      headquarters, tracking`),
    // organisation words: "regal cinemas", "navy federal credit union", "ohio state university"
    ...terms('navigational', 0.8, `cinemas, cinema, theaters, theatres, university, college, credit union, airlines,
      airways, hospital, county, school district, inc, corp, bank, schools, public schools, public library, zoo,
      aquarium, airport, publishers, publishing, museum, city of, department of, dept of, sheriff, jail, court,
      clinic, medical center, church, federal credit union, lottery, lotto`, { kind: 'nav-modifier' }),
    ...terms('navigational', 0.5, `address`, { kind: 'nav-modifier' }),

    // words that look like signals but are not, in these phrases
    ...terms('none', 0, `gluten free, sugar free, dairy free, fat free, tax free, duty free, hands free, free will,
      free speech, free radicals, free fall, free throw, in order to, order of, order of operations, executive order,
      restraining order, pecking order, tax return, return of, return on, clinical trial, clinical trials,
      salem witch trials, peer review, literature review, systematic review, best man, best friend, best friends,
      used for, used to, commonly used, best seller list, best actor, best picture, opportunity cost,
      price elasticity, price index, consumer price index, price of freedom, book review, book summary, book of,
      open source, open ended, stock market, shopping list, apple pie, deal with, dealing with, how to deal,
      for sale by owner, in order, books in order, series in order, movies in order, reading order, chronological order,
      in alphabetical order`),
    ...terms('interest', 1.2, `how much water, how much protein, how much sleep, how much time, how much caffeine,
      how much sugar, how much weight, how much exercise, how much should i weigh, how much vitamin, how much fiber,
      how much calories, how much salt, how much iron, how much is too much, cost of living, cost benefit`),
  ],
};
