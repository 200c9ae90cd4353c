/**
 * Place names: countries, US states, and large or much-visited cities, in English, French,
 * German and Spanish spellings. A place alone ("florida", "japon") is an informational query,
 * not a site name, so these entries keep the single-unknown-word rule from calling it
 * navigational. They carry no stage of their own (stage 'none'): "flights to japan" is decided
 * by "flights", not by "japan". Names that are also common words or brands are left out.
 */
import { terms, uniqueNames, type Lexicon } from './lexicon.ts';

const COUNTRIES = `afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria, azerbaijan,
      bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan, bolivia, bosnia, botswana,
      brazil, bulgaria, burkina faso, burundi, cambodia, cameroon, canada, chile, colombia, congo, costa rica,
      croatia, cuba, cyprus, czech republic, czechia, denmark, dominican republic, ecuador, egypt, el salvador,
      england, estonia, ethiopia, fiji, finland, france, gabon, gambia, georgia, germany, ghana, greece, greenland,
      guatemala, guinea, haiti, honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy,
      ivory coast, jamaica, japan, jordan, kazakhstan, kenya, korea, south korea, north korea, kosovo, kuwait, laos,
      latvia, lebanon, liberia, libya, liechtenstein, lithuania, luxembourg, madagascar, malawi, malaysia, maldives,
      mali, malta, mauritius, mexico, moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, namibia,
      nepal, netherlands, new zealand, nicaragua, niger, nigeria, norway, oman, pakistan, panama, paraguay, peru,
      philippines, poland, portugal, qatar, romania, russia, rwanda, saudi arabia, scotland, senegal, serbia,
      singapore, slovakia, slovenia, somalia, south africa, spain, sri lanka, sudan, sweden, switzerland, syria,
      taiwan, tanzania, thailand, tunisia, turkey, uganda, ukraine, united kingdom, united states, uruguay,
      uzbekistan, venezuela, vietnam, wales, yemen, zambia, zimbabwe, allemagne, angleterre, autriche, belgique,
      bresil, bulgarie, chine, chypre, coree, croatie, danemark, egypte, ecosse, espagne, etats-unis, finlande, grece,
      hongrie, inde, indonesie, irlande, islande, italie, japon, liban, lituanie, maroc, mexique, norvege,
      nouvelle-zelande, pays-bas, pologne, roumanie, royaume-uni, russie, suede, suisse, syrie, tchequie, thailande,
      tunisie, turquie, vietnam, deutschland, osterreich, schweiz, frankreich, spanien, italien, griechenland, turkei,
      niederlande, belgien, polen, tschechien, ungarn, kroatien, schweden, norwegen, danemark, finnland, russland,
      china, indien, agypten, vereinigte staaten, amerika, kanada, mexiko, brasilien, argentinien, australien,
      neuseeland, marokko, tunesien, alemania, francia, espana, italia, grecia, turquia, paises bajos, belgica,
      polonia, suecia, noruega, dinamarca, finlandia, rusia, japon, estados unidos, canada, mexico, brasil, peru,
      inglaterra, escocia, irlanda, marruecos`;

const US_STATES = `alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, hawaii,
      idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan,
      minnesota, mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico,
      new york state, north carolina, north dakota, ohio, oklahoma, oregon, pennsylvania, rhode island,
      south carolina, south dakota, tennessee, texas, utah, vermont, virginia, washington state, west virginia,
      wisconsin, wyoming`;

const CITIES_AND_SIGHTS = `new york, new york city, los angeles, chicago, houston, philadelphia, san antonio,
      san diego, dallas, san francisco, seattle, boston, atlanta, miami, las vegas, new orleans, nashville, denver,
      detroit, baltimore, portland, minneapolis, orlando, honolulu, toronto, montreal, vancouver, mexico city, london,
      paris, berlin, madrid, barcelona, rome, milan, venice, florence, naples, lisbon, porto, amsterdam, brussels,
      vienna, prague, budapest, warsaw, krakow, copenhagen, stockholm, oslo, helsinki, dublin, edinburgh, athens,
      istanbul, moscow, dubai, cairo, tokyo, kyoto, osaka, seoul, beijing, shanghai, hong kong, bangkok, bali, sydney,
      melbourne, rio de janeiro, buenos aires, lima, marseille, lyon, toulouse, nice, nantes, strasbourg, montpellier,
      bordeaux, lille, rennes, grenoble, munchen, munich, hamburg, koln, cologne, frankfurt, stuttgart, dusseldorf,
      dresden, leipzig, hannover, nurnberg, bremen, sevilla, valencia, malaga, bilbao, zaragoza, granada, mallorca,
      ibiza, tenerife, londres, rome, venise, lisbonne, bruxelles, vienne, prague, varsovie, moscou, pekin, rom,
      mailand, venedig, lissabon, brussel, wien, prag, warschau, moskau, roma, milan, venecia, lisboa, bruselas,
      viena, praga, varsovia, moscu, pekin, tokio, yellowstone, yosemite, grand canyon, niagara falls, mount everest,
      eiffel tower, tour eiffel, mont saint-michel, sahara, amazon river, mississippi river, alps, alpes, alpen,
      himalaya, himalayas, rocky mountains, caribbean, mediterranean, antarctica, arctic`;

/** A name spelled the same in several languages ("canada", "prague") is one entry. */
const PLACE_NAMES = uniqueNames([COUNTRIES, US_STATES, CITIES_AND_SIGHTS].join(',').split(','));

export const PLACES_LEXICON: Lexicon = {
  lang: 'places',
  entries: terms('none', 0, PLACE_NAMES.join(',')),
};
