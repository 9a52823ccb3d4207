import { Localized } from './types';

/** A distinguishing word put after a product's base title, with a slug-safe form for product slugs. */
export interface Word extends Localized {
  readonly slug: string;
}

function w(slug: string, fr: string, en: string, ar: string): Word {
  return { slug, fr, en, ar };
}

export const GLAZES: readonly Word[] = [
  w('cobalt', 'bleu cobalt', 'cobalt blue', 'أزرق كوبالتي'),
  w('turquoise', 'turquoise', 'turquoise', 'فيروزي'),
  w('emerald', 'vert émeraude', 'emerald green', 'أخضر زمردي'),
  w('saffron', 'jaune safran', 'saffron yellow', 'أصفر زعفراني'),
  w('terracotta', 'terre cuite', 'terracotta', 'بلون الطين'),
  w('blue-white', 'bleu et blanc', 'blue and white', 'أزرق وأبيض'),
  w('black', 'noir', 'black', 'أسود'),
  w('ochre', 'ocre', 'ochre', 'بلون المغرة'),
  w('coral', 'corail', 'coral', 'مرجاني'),
  w('polychrome', 'polychrome', 'polychrome', 'متعدد الألوان'),
];

export const MOTIFS: readonly Word[] = [
  w('rosette', 'rosace fassie', 'Fassi rosette', 'وردة فاسية'),
  w('diamond', 'losange amazigh', 'Amazigh diamond', 'معين أمازيغي'),
  w('star', 'étoile à huit branches', 'eight-pointed star', 'نجمة ثمانية'),
  w('arabesque', 'arabesque', 'arabesque', 'توريق'),
  w('chevron', 'chevrons', 'chevron', 'زخرفة متعرجة'),
  w('khamsa', 'khamsa', 'khamsa', 'خميسة'),
  w('andalusian', 'andalou', 'Andalusian', 'أندلسي'),
  w('palmette', 'palmette', 'palmette', 'سعيفة'),
  w('plain', 'uni', 'plain', 'سادة'),
];

export const TAMEGROUTE_FINISHES: readonly Word[] = [
  w('crackle', 'craquelé émeraude', 'emerald crackle', 'أخضر مشقق'),
  w('drip', 'coulures olive', 'olive drips', 'سيلان زيتوني'),
  w('deep-green', 'vert profond', 'deep green', 'أخضر داكن'),
  w('green-brown', 'vert et brun', 'green and brown', 'أخضر وبني'),
];

export const ZELLIGE_PATTERNS: readonly Word[] = [
  w('sixteen-star', 'étoile à seize branches', 'sixteen-point star', 'نجمة ستة عشرية'),
  w('khatem', 'khatem Souleimane', 'Solomon’s seal', 'خاتم سليمان'),
  w('hexagon', 'hexagones', 'hexagons', 'مسدسات'),
  w('fishscale', 'écailles', 'fish scale', 'حراشف'),
  w('chequer', 'damier', 'chequerboard', 'رقعة الشطرنج'),
  w('chevron', 'chevrons', 'chevron', 'زخرفة متعرجة'),
];

export const ZELLIGE_COLOURS: readonly Word[] = [
  w('green-white', 'vert et blanc', 'green and white', 'أخضر وأبيض'),
  w('blue-white', 'bleu et blanc', 'blue and white', 'أزرق وأبيض'),
  w('honey', 'miel', 'honey', 'عسلي'),
  w('black-white', 'noir et blanc', 'black and white', 'أسود وأبيض'),
  w('multicolour', 'multicolore', 'multicolour', 'متعدد الألوان'),
  w('turquoise', 'turquoise', 'turquoise', 'فيروزي'),
];

export const TILE_SHAPES: readonly Word[] = [
  w('square-10', 'carré 10×10 cm', '10×10 cm square', 'مربع 10×10 سم'),
  w('square-5', 'carré 5×5 cm', '5×5 cm square', 'مربع 5×5 سم'),
  w('hexagon', 'hexagone', 'hexagon', 'مسدس'),
  w('fishscale', 'écaille', 'fish scale', 'حرشفة'),
  w('chevron', 'chevron', 'chevron', 'متعرج'),
];

export const RUG_PATTERNS: readonly Word[] = [
  w('diamonds', 'losanges', 'diamonds', 'معينات'),
  w('broken-lines', 'lignes brisées', 'broken lines', 'خطوط متكسرة'),
  w('minimal', 'épuré', 'minimal', 'تصميم بسيط'),
  w('tribal', 'symboles tribaux', 'tribal symbols', 'رموز قبلية'),
  w('grid', 'quadrillage', 'grid', 'شبكة'),
  w('abstract', 'abstrait', 'abstract', 'تجريدي'),
];

export const NATURAL_TONES: readonly Word[] = [
  w('ivory', 'ivoire', 'ivory', 'عاجي'),
  w('ecru-black', 'écru et noir', 'ecru and black', 'أبيض طبيعي وأسود'),
  w('grey', 'gris chiné', 'heather grey', 'رمادي'),
  w('brown', 'brun naturel', 'natural brown', 'بني طبيعي'),
];

export const BRIGHT_TONES: readonly Word[] = [
  w('pink', 'rose', 'pink', 'وردي'),
  w('red', 'rouge garance', 'madder red', 'أحمر فوّي'),
  w('orange', 'orangé', 'orange', 'برتقالي'),
  w('saffron', 'safran', 'saffron', 'زعفراني'),
  w('indigo', 'indigo', 'indigo', 'نيلي'),
  w('multicolour', 'multicolore', 'multicolour', 'متعدد الألوان'),
];

export const LEATHER_COLOURS: readonly Word[] = [
  w('natural', 'naturel', 'natural tan', 'طبيعي'),
  w('cognac', 'cognac', 'cognac', 'بني كونياك'),
  w('black', 'noir', 'black', 'أسود'),
  w('burgundy', 'bordeaux', 'burgundy', 'خمري'),
  w('mustard', 'moutarde', 'mustard', 'خردلي'),
  w('majorelle', 'bleu Majorelle', 'Majorelle blue', 'أزرق ماجوريل'),
];

export const LEATHER_FINISHES: readonly Word[] = [
  w('smooth', 'lisse', 'smooth', 'أملس'),
  w('braided', 'tressé', 'braided', 'مضفور'),
  w('embossed', 'gaufré', 'embossed', 'منقوش بالضغط'),
  w('fringed', 'à franges', 'fringed', 'بالأهداب'),
  w('embroidered', 'brodé', 'embroidered', 'مطرز'),
];

export const METAL_FINISHES: readonly Word[] = [
  w('brass', 'laiton', 'brass', 'نحاس أصفر'),
  w('copper', 'cuivre', 'copper', 'نحاس أحمر'),
  w('silvered', 'argenté', 'silvered', 'مفضض'),
  w('aged-bronze', 'bronze vieilli', 'aged bronze', 'برونزي عتيق'),
];

export const WOOD_INLAYS: readonly Word[] = [
  w('lemonwood', 'marqueterie de citronnier', 'lemonwood inlay', 'مرصع بخشب الليمون'),
  w('pearl', 'incrustations de nacre', 'mother-of-pearl inlay', 'مرصع بالصدف'),
  w('ebony', 'filets d’ébène', 'ebony stringing', 'مرصع بالأبنوس'),
  w('burl', 'loupe nature', 'natural burl', 'جذر طبيعي'),
];

export const CARVING_SUBJECTS: readonly Word[] = [
  w('camel', 'dromadaire', 'camel', 'جمل'),
  w('turtle', 'tortue', 'turtle', 'سلحفاة'),
  w('owl', 'chouette', 'owl', 'بومة'),
  w('fish', 'poisson', 'fish', 'سمكة'),
  w('gazelle', 'gazelle', 'gazelle', 'غزال'),
];

export const STONE_FINISHES: readonly Word[] = [
  w('polished', 'poli', 'polished', 'مصقول'),
  w('rough', 'brut de taille', 'rough-hewn', 'خام'),
  w('engraved', 'gravé', 'engraved', 'منقوش'),
];

export const FOSSILS: readonly Word[] = [
  w('ammonite', 'ammonites', 'ammonites', 'أمونيت'),
  w('orthoceras', 'orthocères', 'orthoceras', 'أورثوسيراس'),
  w('mixed', 'fossiles mêlés', 'mixed fossils', 'أحافير متنوعة'),
];

export const BASKET_STYLES: readonly Word[] = [
  w('natural', 'naturel', 'natural', 'طبيعي'),
  w('two-tone', 'bicolore', 'two-tone', 'بلونين'),
  w('pompoms', 'à pompons', 'with pompoms', 'بالكريات الصوفية'),
  w('leather-handles', 'anses en cuir', 'leather handles', 'بمقابض جلدية'),
  w('dyed', 'teint au henné', 'henna-dyed', 'مصبوغ بالحناء'),
];

export const SILVER_STYLES: readonly Word[] = [
  w('chased', 'ciselé', 'chased', 'منقوش'),
  w('filigree', 'filigrane', 'filigree', 'مخرّم'),
  w('enamel', 'émaillé', 'enamelled', 'مطلي بالمينا'),
  w('coral', 'serti de corail', 'set with coral', 'مرصع بالمرجان'),
  w('amber', 'serti d’ambre', 'set with amber', 'مرصع بالعنبر'),
];

export const ARGAN_GRADES: readonly Word[] = [
  w('organic', 'bio pressée à froid', 'organic cold-pressed', 'بيولوجي معصور على البارد'),
  w('deodorised', 'désodorisée', 'deodorised', 'منزوع الرائحة'),
  w('rose', 'à la rose de Kelâat M’Gouna', 'with Kelaat M’Gouna rose', 'بورد قلعة مكونة'),
  w('neroli', 'à la fleur d’oranger', 'with orange blossom', 'بزهر البرتقال'),
];

export const CULINARY_GRADES: readonly Word[] = [
  w('organic', 'bio', 'organic', 'بيولوجي'),
  w('pgi', 'IGP Argane', 'PGI Argane', 'بيان جغرافي أركان'),
  w('hand-pressed', 'pressée à la main', 'hand-pressed', 'معصور يدويا'),
];

export const SCENTS: readonly Word[] = [
  w('eucalyptus', 'eucalyptus', 'eucalyptus', 'أوكالبتوس'),
  w('rose', 'rose', 'rose', 'ورد'),
  w('olive', 'olive', 'olive', 'زيتون'),
  w('argan', 'argan', 'argan', 'أركان'),
  w('orange-blossom', 'fleur d’oranger', 'orange blossom', 'زهر البرتقال'),
];

export const EMBROIDERY_STYLES: readonly Word[] = [
  w('gold-thread', 'fil d’or', 'gold thread', 'طرز بخيط الذهب'),
  w('azemmour', 'point d’Azemmour', 'Azemmour stitch', 'غرزة أزمور'),
  w('fassi', 'terz fassi', 'Fassi stitch', 'طرز فاسي'),
  w('floral', 'motifs floraux', 'floral', 'زخارف نباتية'),
];

/** For pieces whose whole point is the ornament (a plain pierced lantern would be a contradiction). */
export const ORNAMENTS: readonly Word[] = MOTIFS.filter((motif) => motif.slug !== 'plain');

/** Collection names, so that two pieces of the same kind and colour still read as different listings. */
export const COLLECTION_NAMES: readonly Word[] = [
  w('yasmine', 'Yasmine', 'Yasmine', 'ياسمين'),
  w('nour', 'Nour', 'Nour', 'نور'),
  w('amal', 'Amal', 'Amal', 'أمل'),
  w('salam', 'Salam', 'Salam', 'سلام'),
  w('itri', 'Itri', 'Itri', 'إيتري'),
  w('anzar', 'Anzar', 'Anzar', 'أنزار'),
  w('tafsut', 'Tafsut', 'Tafsut', 'تافسوت'),
  w('tilelli', 'Tilelli', 'Tilelli', 'تيلّلي'),
  w('azul', 'Azul', 'Azul', 'أزول'),
  w('tudert', 'Tudert', 'Tudert', 'تودرت'),
  w('tiziri', 'Tiziri', 'Tiziri', 'تيزيري'),
  w('zahra', 'Zahra', 'Zahra', 'زهرة'),
  w('layla', 'Layla', 'Layla', 'ليلى'),
  w('badr', 'Badr', 'Badr', 'بدر'),
  w('rihana', 'Rihana', 'Rihana', 'ريحانة'),
  w('warda', 'Warda', 'Warda', 'وردة'),
  w('nakhla', 'Nakhla', 'Nakhla', 'نخلة'),
  w('qamar', 'Qamar', 'Qamar', 'قمر'),
  w('chems', 'Chems', 'Chems', 'شمس'),
  w('baraka', 'Baraka', 'Baraka', 'بركة'),
];
