/** Text a buyer reads, stored per locale (DESIGN.md: fr, en and ar at least). */
export interface Localized {
  readonly fr: string;
  readonly en: string;
  readonly ar: string;
}

/** Morocco's 12 regions since the 2015 reform, as the codes the storefront filter uses. */
export const REGIONS = [
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
export type Region = (typeof REGIONS)[number];
