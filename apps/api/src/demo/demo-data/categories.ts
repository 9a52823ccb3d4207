import { Localized } from './types';

export interface DemoCategory {
  readonly slug: string;
  readonly name: Localized;
  readonly children: readonly { readonly slug: string; readonly name: Localized }[];
}

/** Two levels, shaped like the way buyers abroad browse (room or use first, then the kind of piece). */
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    slug: 'home-table',
    name: { fr: 'Maison & Table', en: 'Home & Table', ar: 'البيت والمائدة' },
    children: [
      { slug: 'tableware', name: { fr: 'Art de la table', en: 'Tableware', ar: 'أواني المائدة' } },
      {
        slug: 'tiles-mosaic',
        name: { fr: 'Zellige & mosaïque', en: 'Tiles & Mosaic', ar: 'الزليج والفسيفساء' },
      },
      {
        slug: 'copperware',
        name: { fr: 'Plateaux & théières', en: 'Trays & Teapots', ar: 'الصواني والبراريد' },
      },
      { slug: 'baskets', name: { fr: 'Vannerie', en: 'Baskets', ar: 'السلال' } },
    ],
  },
  {
    slug: 'decor',
    name: { fr: 'Décoration', en: 'Decor', ar: 'الديكور' },
    children: [
      {
        slug: 'lighting',
        name: { fr: 'Lanternes & luminaires', en: 'Lanterns & Lighting', ar: 'الفوانيس والإنارة' },
      },
      {
        slug: 'vases-ornaments',
        name: { fr: 'Vases & objets', en: 'Vases & Ornaments', ar: 'المزهريات والتحف' },
      },
      { slug: 'boxes-games', name: { fr: 'Coffrets & jeux', en: 'Boxes & Games', ar: 'العلب والألعاب' } },
      { slug: 'carvings', name: { fr: 'Sculptures', en: 'Carvings', ar: 'المنحوتات' } },
      { slug: 'cushions', name: { fr: 'Coussins', en: 'Cushions', ar: 'الوسائد' } },
    ],
  },
  {
    slug: 'rugs-carpets',
    name: { fr: 'Tapis', en: 'Rugs & Carpets', ar: 'الزرابي' },
    children: [
      { slug: 'hand-knotted', name: { fr: 'Noués main', en: 'Hand-knotted', ar: 'زرابي معقودة يدويا' } },
      { slug: 'flat-woven', name: { fr: 'Tissés plats', en: 'Flat-woven', ar: 'زرابي منسوجة' } },
    ],
  },
  {
    slug: 'leather-fashion',
    name: { fr: 'Cuir & Mode', en: 'Leather & Fashion', ar: 'الجلد والأزياء' },
    children: [
      { slug: 'bags', name: { fr: 'Sacs', en: 'Bags', ar: 'الحقائب' } },
      { slug: 'babouches', name: { fr: 'Babouches', en: 'Babouches', ar: 'البلاغي' } },
      {
        slug: 'small-leather',
        name: { fr: 'Petite maroquinerie', en: 'Small Leather Goods', ar: 'المصنوعات الجلدية الصغيرة' },
      },
      {
        slug: 'shawls-scarves',
        name: { fr: 'Châles & écharpes', en: 'Shawls & Scarves', ar: 'الشالات والأوشحة' },
      },
    ],
  },
  {
    slug: 'jewellery',
    name: { fr: 'Bijoux', en: 'Jewellery', ar: 'الحلي' },
    children: [
      {
        slug: 'silver-jewellery',
        name: { fr: 'Bijoux en argent', en: 'Silver Jewellery', ar: 'الحلي الفضية' },
      },
      {
        slug: 'costume-jewellery',
        name: {
          fr: 'Bijoux berbères émaillés',
          en: 'Enamelled Berber Jewellery',
          ar: 'الحلي الأمازيغية المطلية',
        },
      },
    ],
  },
  {
    slug: 'wellness',
    name: { fr: 'Bien-être', en: 'Wellness', ar: 'العناية والجمال' },
    children: [
      { slug: 'argan', name: { fr: 'Huile d’argan', en: 'Argan Oil', ar: 'زيت أركان' } },
      {
        slug: 'soaps-care',
        name: { fr: 'Savons & soins', en: 'Soaps & Care', ar: 'الصابون ومستحضرات العناية' },
      },
    ],
  },
];

/** Leaf slugs a product template may be filed under. */
export const DEMO_LEAF_CATEGORY_SLUGS: readonly string[] = DEMO_CATEGORIES.flatMap((c) =>
  c.children.map((l) => l.slug),
);
