/**
 * The HS subheadings (6 digits) that Moroccan artisan goods are declared under.
 * Source: Harmonized System nomenclature 2022 (WCO), as listed in shared/REFERENCE.md.
 * A product's hs_code is 6 to 10 digits; its first 6 digits must be one of these.
 */
export interface HsHeading {
  readonly code: string;
  readonly label: string;
  readonly crafts: readonly string[];
}

export const HS_HEADINGS: readonly HsHeading[] = [
  { code: '691200', label: 'Ceramic tableware and kitchenware, other than porcelain', crafts: ['pottery'] },
  { code: '691110', label: 'Porcelain tableware and kitchenware', crafts: ['pottery'] },
  {
    code: '691390',
    label: 'Ceramic statuettes and ornamental articles, other than porcelain',
    crafts: ['pottery'],
  },
  { code: '690723', label: 'Glazed ceramic tiles, water absorption above 10%', crafts: ['zellige'] },
  { code: '690730', label: 'Ceramic mosaic cubes and the like', crafts: ['zellige'] },
  { code: '570110', label: 'Hand-knotted carpets of wool or fine animal hair', crafts: ['carpet'] },
  { code: '570190', label: 'Hand-knotted carpets of other textile materials', crafts: ['carpet'] },
  {
    code: '570210',
    label: 'Kelem, Schumacks, Karamanie and similar hand-woven rugs',
    crafts: ['carpet', 'textile'],
  },
  { code: '420221', label: 'Handbags with outer surface of leather', crafts: ['leather'] },
  {
    code: '420222',
    label: 'Handbags with outer surface of plastic sheeting or textile',
    crafts: ['leather', 'textile'],
  },
  { code: '420231', label: 'Wallets and pocket articles with outer surface of leather', crafts: ['leather'] },
  { code: '640359', label: 'Footwear with leather outer soles and uppers (babouches)', crafts: ['leather'] },
  { code: '640399', label: 'Other footwear with leather uppers', crafts: ['leather'] },
  { code: '442090', label: 'Wooden marquetry, caskets and boxes (thuya)', crafts: ['woodwork'] },
  { code: '442019', label: 'Wooden statuettes and other ornaments', crafts: ['woodwork'] },
  { code: '680291', label: 'Worked marble, travertine and alabaster', crafts: ['stone'] },
  { code: '680292', label: 'Other worked calcareous stone', crafts: ['stone'] },
  { code: '680299', label: 'Other worked monumental or building stone', crafts: ['stone'] },
  { code: '151590', label: 'Other fixed vegetable oils (argan oil)', crafts: ['cosmetics'] },
  { code: '330499', label: 'Beauty and skin-care preparations', crafts: ['cosmetics'] },
  { code: '340111', label: 'Soap for toilet use (beldi soap)', crafts: ['cosmetics'] },
  { code: '940550', label: 'Non-electrical lamps and lighting fittings (lanterns)', crafts: ['metalwork'] },
  { code: '830629', label: 'Statuettes and other ornaments of base metal', crafts: ['metalwork'] },
  {
    code: '741819',
    label: 'Table, kitchen or household articles of copper (trays, teapots)',
    crafts: ['metalwork'],
  },
  { code: '460219', label: 'Basketwork of other vegetable materials (doum palm)', crafts: ['basketry'] },
  { code: '460211', label: 'Basketwork of bamboo or rattan', crafts: ['basketry'] },
  { code: '711311', label: 'Articles of jewellery of silver', crafts: ['jewellery'] },
  { code: '711719', label: 'Imitation jewellery of base metal', crafts: ['jewellery'] },
  {
    code: '630491',
    label: 'Furnishing articles, knitted or crocheted (cushion covers)',
    crafts: ['textile'],
  },
  { code: '621420', label: 'Shawls, scarves and the like, of wool', crafts: ['textile'] },
];

const byCode = new Map(HS_HEADINGS.map((h) => [h.code, h]));

/** The heading a 6-to-10-digit code falls under, or undefined when artisan goods do not use it. */
export function headingOf(hsCode: string): HsHeading | undefined {
  if (!/^[0-9]{6,10}$/.test(hsCode)) return undefined;
  return byCode.get(hsCode.slice(0, 6));
}
