/**
 * French stage lexicon. Matched on folded tokens, so "coût" and "cout", "où" and "ou" meet
 * here; the "X ou Y" comparison pattern reads the unfolded word to keep "où acheter" a purchase.
 * "comment" is strict: in an English query it is a remark, not "how".
 */
import { terms, type Lexicon } from '../../classify/lexicon.ts';

export const FRENCH_LEXICON: Lexicon = {
  lang: 'fr',
  entries: [
    // intérêt
    ...terms('interest', 1.2, `qu'est-ce que, qu'est-ce qu, quest ce que, qu'est-ce, c'est quoi, cest quoi, pourquoi,
      comment faire, comment fonctionne, comment marche, comment ca marche, comment savoir, comment reconnaitre,
      comment eviter, que faire, quoi faire, que veut dire, veut dire, que signifie, signification, definition,
      symptomes, symptome, signes de, causes de, cause de, combien de temps, combien de, a quoi sert, a quoi servent,
      ca sert a quoi, quand, qui a, qui est, qui etait, ou se trouve, le meilleur moyen, meilleur moyen de,
      la meilleure facon, meilleure facon de, la meilleure maniere, meilleure maniere de, meilleur moment pour,
      le meilleur moment, exemple de, exemples de, types de, les differents types, histoire de, bienfaits,
      effets secondaires, etapes pour, les etapes, tuto, tutoriel, explication, explique`),
    ...terms('interest', 1.0, `guide, conseils, conseil, astuces, astuce, idees, idee, signes, causes, exemple,
      exemples, recette, recettes, traitement, soigner, remede, remedes, eviter, prevenir, prevention, risques,
      histoire, origine, fonctionnement, apprendre, pour les nuls, bases, faut-il, est-ce que, peut-on, doit-on,
      quel est, quelle est, quels sont, quelles sont, probleme, panne, ne marche pas, ne fonctionne pas, fuit, fuite,
      douleur, mal de, reparer, calcul, calculer, formule, avantages de, inconvenients de`),
    ...terms('interest', 1.0, `comment`, { strict: true }),
    ...terms('interest', 0.6, `quel, quelle, quels, quelles, qui, que, meteo, actualite, debutant, debutants`),

    // comparaison
    ...terms('comparison', 1.5, `comparatif, comparaison, comparer, comparateur, versus, difference entre,
      differences entre, quelle difference, avantages et inconvenients, pour ou contre, lequel choisir,
      laquelle choisir, que choisir, quoi choisir, comment choisir, bien choisir, vaut le coup, vaut-il le coup,
      vaut-elle le coup, ca vaut le coup, vaut la peine, le meilleur, la meilleure, les meilleurs, les meilleures,
      top #, classement, palmares, quel est le meilleur, quelle est la meilleure, mieux que, plus fiable,
      guide d'achat, alternative a, alternatives a, equivalent de, equivalent a`),
    ...terms('comparison', 1.2, `meilleur, meilleure, meilleurs, meilleures, avis, alternative, alternatives, choisir,
      difference, differences, fiabilite, fiable, comparatifs, avis clients, avis client, equivalent, similaire,
      concurrent, concurrents, mieux`),
    ...terms('comparison', 1.2, `test, note, notes`, { strict: true }),
    ...terms('comparison', 1.0, `top, tests, ou bien, marques, quelle marque, quel modele, selection`),

    // achat
    ...terms('purchase', 1.5, `prix, tarif, tarifs, cout, couts, combien coute, combien ca coute, combien coutent,
      combien pour, a quel prix, pas cher, pas chere, pas chers, moins cher, moins chere, le moins cher, acheter,
      achat, ou acheter, ou trouver, commander, commande en ligne, livraison, livraison gratuite, retour, retours,
      rembourser, remboursement, devis, code promo, promo, promotion, promotions, reduction, soldes, bon plan,
      bons plans, en stock, disponibilite, pres de chez moi, autour de moi, a proximite, ouvert dimanche,
      ouvert le dimanche, ouvert aujourd'hui, essai gratuit, version d'essai, demo, demonstration, telecharger,
      telechargement, reserver, reservation, abonnement, s'abonner, abonner, souscrire, souscription, a vendre,
      a louer, en vente, vente, louer, paiement, payer, payer en plusieurs fois, simulateur, inscription, s'inscrire,
      resilier, resiliation, commander en ligne`),
    ...terms('purchase', 1.0, `combien, cher, chere, gratuit, gratuite, gratuits, magasin, magasins, boutique, ouvert,
      ouverte, neuf, reconditionne, billet, billets, tarification, forfait, forfaits, offre, offres, financement,
      pret, regarder, streaming, paroles, fond d'ecran, coupon, bon de reduction, carte grise, rendez-vous,
      prendre rendez-vous, disponible, ou regarder, euros, euro, m2, frais`),
    ...terms('purchase', 0.6, `en ligne, sejour, homme, femme, enfant, fille, garcon, bebe`),
    ...terms('purchase', 1.0, `offre d'emploi, offres d'emploi, emploi, recrutement, alternance, jeux, jeu en ligne`),
    // catégories de produits : on cherche quoi acheter (Broder : transactionnel)
    ...terms('purchase', 0.9, `chaussures, baskets, robe, robes, jean, jeans, pantalon, veste, manteau, sac a main,
      sacs, montre, montres, bijoux, bague, collier, lunettes de soleil, canape, meubles, jouets, pneus,
      maillot de bain, lingerie`),
    ...terms('purchase', 1.5, `location, occasion, simulation`, { strict: true }),
    // installation et horaires : étape d'achat, mais une recherche d'information pour Broder
    ...terms('purchase', 1.5, `installer, installation, comment installer, comment configurer, comment parametrer,
      configurer, configuration requise, parametrer, horaires, horaires d'ouverture, garantie, frais de port,
      frais de livraison, delai de livraison, delais de livraison`, { broder: 'informational' }),
    ...terms('purchase', 1.0, `credit`, { strict: true }),
    ...terms('purchase', 0.6, `assurance, hotel, hotels, vol, vols, billet d'avion, mutuelle`),

    // navigation
    ...terms('navigational', 1.2, `connexion, se connecter, me connecter, mon compte, espace client, espace abonne,
      espace personnel, service client, service clients, serviceclient, contacter, numero de telephone, numero de,
      site officiel, site internet, messagerie, webmail, identifiant, mot de passe, suivi colis, suivi de colis,
      suivi commande, ma banque, mon espace`, { kind: 'nav-modifier' }),
    ...terms('navigational', 0.8, `compte, contact, telephone, accueil, adresse, appli, appli mobile`, { kind: 'nav-modifier' }),
    ...terms('navigational', 0.8, `site, application`, { kind: 'nav-modifier', strict: true }),

    // faux amis et expressions figées
    ...terms('none', 0, `sans gluten, sans sucre, sans frais, retour a la ligne, retour d'experience, retour sur,
      prix nobel, grand prix, a tout prix, location de la, commande vocale, ligne de commande, essai clinique,
      essais cliniques, au lieu de, bien sur`),
    ...terms('interest', 1.2, `combien d'eau, combien d`),
  ],
};
