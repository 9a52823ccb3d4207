/** The crafts a product or a storefront is filed under. */
export const CRAFTS = [
  'pottery',
  'zellige',
  'carpet',
  'leather',
  'woodwork',
  'metalwork',
  'textile',
  'stone',
  'basketry',
  'jewellery',
  'cosmetics',
] as const;
export type Craft = (typeof CRAFTS)[number];
