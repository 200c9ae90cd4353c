/**
 * A question's searchable words, grouped with their synonyms so a pricing page answers "how much
 * does it cost" and a delivery page answers "shipping time".
 */
import type { QueryGroup } from './bm25.ts';
import { analyzerFor, type Analyzer } from './text.ts';

/** Words prospects use interchangeably for the same fact, per language. */
const SYNONYMS: Record<string, string[][]> = {
  en: [
    ['cost', 'costs', 'price', 'prices', 'pricing', 'priced', 'plan', 'plans', 'fee', 'fees', 'subscription', 'charge', 'charges', 'rate', 'rates'],
    ['monthly', 'month', 'months', 'mo'],
    ['buy', 'purchase', 'order', 'subscribe', 'signup'],
    ['shipping', 'shipped', 'ship', 'delivery', 'deliver', 'delivered'],
    ['return', 'returns', 'refund', 'refunds'],
    ['warranty', 'guarantee'],
    ['install', 'installation', 'installing', 'setup', 'configure', 'onboarding'],
    ['review', 'reviews', 'rating', 'ratings', 'testimonial', 'testimonials'],
    ['trial', 'demo', 'demonstration'],
    ['cancel', 'cancellation', 'contract', 'commitment'],
    ['support', 'help', 'helpdesk', 'assistance'],
    ['secure', 'security', 'encrypted', 'encryption', 'privacy'],
    ['integrate', 'integration', 'integrations', 'connect', 'connection', 'sync'],
    ['cheap', 'cheaper', 'cheapest', 'affordable', 'inexpensive'],
    ['accurate', 'accuracy', 'reliable', 'reliably', 'reliability'],
    ['requirement', 'requirements', 'compatible', 'compatibility'],
    ['alternative', 'alternatives', 'competitor', 'competitors'],
    ['difference', 'differences', 'compare', 'comparison', 'comparisons'],
    ['pros', 'advantages', 'benefits'],
    ['cons', 'disadvantages', 'drawbacks'],
  ],
  fr: [
    ['prix', 'tarif', 'tarifs', 'tarification', 'coût', 'coûte', 'coûts', 'abonnement', 'forfait', 'forfaits', 'formule', 'formules'],
    ['mois', 'mensuel', 'mensuelle'],
    ['acheter', 'achat', 'commander', 'commande', 'souscrire'],
    ['livraison', 'livrer', 'expédition', 'expédier'],
    ['retour', 'retours', 'remboursement', 'rembourser'],
    ['garantie', 'garanti'],
    ['installer', 'installation', 'poser', 'pose', 'configurer', 'configuration'],
    ['avis', 'témoignage', 'témoignages', 'note'],
    ['essai', 'démo', 'démonstration'],
    ['résilier', 'résiliation', 'engagement', 'contrat'],
    ['support', 'assistance', 'aide'],
    ['sécurité', 'sécurisé', 'chiffrement', 'chiffré', 'chiffrées'],
    ['intégration', 'intégrations', 'connecter', 'connexion', 'synchroniser'],
    ['alternative', 'alternatives', 'concurrent', 'concurrents'],
    ['comparatif', 'comparaison', 'comparer', 'différence'],
    ['avantages', 'atouts'],
    ['inconvénients', 'limites'],
  ],
  de: [
    ['preis', 'preise', 'kosten', 'kostet', 'tarif', 'tarife', 'abo', 'abonnement', 'gebühr', 'gebühren'],
    ['kaufen', 'kauf', 'bestellen', 'bestellung'],
    ['versand', 'lieferung', 'liefern', 'lieferzeit'],
    ['rückgabe', 'erstattung', 'rücksendung'],
    ['garantie', 'gewährleistung'],
    ['installieren', 'installation', 'einrichten', 'einrichtung'],
    ['bewertung', 'bewertungen', 'erfahrungen', 'testberichte'],
    ['testversion', 'demo', 'probeabo'],
    ['kündigen', 'kündigung', 'vertrag', 'laufzeit'],
    ['support', 'hilfe', 'kundendienst', 'kundenservice'],
    ['sicherheit', 'sicher', 'verschlüsselt', 'verschlüsselung', 'datenschutz'],
    ['alternative', 'alternativen', 'konkurrent', 'konkurrenten'],
    ['vergleich', 'vergleichen', 'unterschied', 'unterschiede'],
    ['vorteile', 'stärken'],
    ['nachteile', 'schwächen'],
  ],
  es: [
    ['precio', 'precios', 'coste', 'costo', 'cuesta', 'tarifa', 'tarifas', 'plan', 'planes', 'suscripción'],
    ['comprar', 'compra', 'pedido', 'pedir'],
    ['envío', 'entrega', 'enviar'],
    ['devolución', 'reembolso', 'devoluciones'],
    ['garantía'],
    ['instalar', 'instalación', 'configurar', 'configuración'],
    ['opiniones', 'reseñas', 'valoraciones', 'testimonios'],
    ['prueba', 'demo', 'demostración'],
    ['cancelar', 'cancelación', 'contrato', 'permanencia'],
    ['soporte', 'ayuda', 'asistencia'],
    ['seguridad', 'seguro', 'cifrado', 'cifrados'],
    ['alternativa', 'alternativas', 'competidor', 'competidores'],
    ['comparar', 'comparación', 'comparativa', 'diferencia', 'diferencias'],
    ['ventajas', 'beneficios'],
    ['desventajas', 'inconvenientes'],
  ],
};

const synonymIndex = new Map<string, Map<string, string[]>>();

/** Stem → every stem of its synonym group, for one language (memoised). */
function synonymsFor(analyzer: Analyzer): Map<string, string[]> {
  const key = analyzer.lang ?? '';
  let map = synonymIndex.get(key);
  if (map) return map;
  map = new Map();
  for (const group of SYNONYMS[key] ?? []) {
    const stems = [...new Set(group.map((w) => analyzer.term(w.toLowerCase())).filter((s): s is string => !!s))];
    for (const s of stems) map.set(s, [...new Set([...(map.get(s) ?? []), ...stems])]);
  }
  synonymIndex.set(key, map);
  return map;
}

/** The question's query groups: one per distinct content word, in question order. */
export function queryGroups(text: string, lang: string | null | undefined): QueryGroup[] {
  const analyzer = analyzerFor(lang);
  const synonyms = synonymsFor(analyzer);
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const stem = analyzer.term(m[0]);
    if (!stem || seen.has(stem)) continue;
    seen.add(stem);
    const terms = synonyms.get(stem) ?? [stem];
    // A word already covered by an earlier synonym group ("price" after "cost") adds nothing.
    if (groups.some((g) => g.terms.includes(stem))) continue;
    groups.push({ label: m[0], terms: terms.includes(stem) ? terms : [stem, ...terms] });
  }
  return groups;
}

/** Fraction (idf-weighted) of the groups present in a set of index terms (or implied there). */
export function coverage(groups: QueryGroup[], weights: number[], terms: ReadonlySet<string>, implied?: boolean[]): number {
  let total = 0;
  let hit = 0;
  groups.forEach((g, i) => {
    total += weights[i];
    if (implied?.[i] || g.terms.some((t) => terms.has(t))) hit += weights[i];
  });
  return total > 0 ? hit / total : 0;
}
