/**
 * Morocco's 12 regions since the 2015 territorial reform. The codes are what the API takes and
 * stores (cooperative.region); the names are what a buyer reads, in each locale.
 */
export interface LocalizedName {
  readonly fr: string;
  readonly en: string;
  readonly ar: string;
}

export interface Region {
  readonly code: RegionCode;
  readonly name: LocalizedName;
}

export const REGION_CODES = [
  'tanger-tetouan-al-hoceima',
  'oriental',
  'fes-meknes',
  'rabat-sale-kenitra',
  'beni-mellal-khenifra',
  'casablanca-settat',
  'marrakech-safi',
  'draa-tafilalet',
  'souss-massa',
  'guelmim-oued-noun',
  'laayoune-sakia-el-hamra',
  'dakhla-oued-ed-dahab',
] as const;
export type RegionCode = (typeof REGION_CODES)[number];

const NAMES: Record<RegionCode, LocalizedName> = {
  'tanger-tetouan-al-hoceima': {
    fr: 'Tanger-Tétouan-Al Hoceïma',
    en: 'Tangier-Tetouan-Al Hoceima',
    ar: 'طنجة تطوان الحسيمة',
  },
  oriental: { fr: "L'Oriental", en: 'Oriental', ar: 'الشرق' },
  'fes-meknes': { fr: 'Fès-Meknès', en: 'Fez-Meknes', ar: 'فاس مكناس' },
  'rabat-sale-kenitra': { fr: 'Rabat-Salé-Kénitra', en: 'Rabat-Sale-Kenitra', ar: 'الرباط سلا القنيطرة' },
  'beni-mellal-khenifra': { fr: 'Béni Mellal-Khénifra', en: 'Beni Mellal-Khenifra', ar: 'بني ملال خنيفرة' },
  'casablanca-settat': { fr: 'Casablanca-Settat', en: 'Casablanca-Settat', ar: 'الدار البيضاء سطات' },
  'marrakech-safi': { fr: 'Marrakech-Safi', en: 'Marrakesh-Safi', ar: 'مراكش آسفي' },
  'draa-tafilalet': { fr: 'Drâa-Tafilalet', en: 'Draa-Tafilalet', ar: 'درعة تافيلالت' },
  'souss-massa': { fr: 'Souss-Massa', en: 'Souss-Massa', ar: 'سوس ماسة' },
  'guelmim-oued-noun': { fr: 'Guelmim-Oued Noun', en: 'Guelmim-Oued Noun', ar: 'كلميم واد نون' },
  'laayoune-sakia-el-hamra': {
    fr: 'Laâyoune-Sakia El Hamra',
    en: 'Laayoune-Sakia El Hamra',
    ar: 'العيون الساقية الحمراء',
  },
  'dakhla-oued-ed-dahab': {
    fr: 'Dakhla-Oued Ed-Dahab',
    en: 'Dakhla-Oued Ed-Dahab',
    ar: 'الداخلة وادي الذهب',
  },
};

/** The regions in the order above (north to south, as the official list goes). */
export const REGIONS: readonly Region[] = REGION_CODES.map((code) => ({ code, name: NAMES[code] }));

export const isRegionCode = (value: unknown): value is RegionCode =>
  typeof value === 'string' && (REGION_CODES as readonly string[]).includes(value);

/** The region a stored code stands for. */
export function regionOf(code: string): Region {
  return isRegionCode(code)
    ? { code, name: NAMES[code] }
    : { code: code as RegionCode, name: { fr: code, en: code, ar: code } };
}
