import type { Craft } from '@souk/catalogue';
import { DemoCooperative } from './cooperatives';
import { deriveSeed, Random } from './random';
import { ProductTemplate, VariantChoice } from './template';
import { CERAMICS_AND_STONE } from './templates-ceramics-stone';
import { JEWELLERY_AND_WELLNESS } from './templates-jewellery-wellness';
import { LEATHER_WOOD_AND_METAL } from './templates-leather-wood-metal';
import { RUGS_AND_TEXTILES } from './templates-rugs-textiles';
import { Localized } from './types';
import { COLLECTION_NAMES } from './words';

export const PRODUCT_TEMPLATES: readonly ProductTemplate[] = [
  ...CERAMICS_AND_STONE,
  ...RUGS_AND_TEXTILES,
  ...LEATHER_WOOD_AND_METAL,
  ...JEWELLERY_AND_WELLNESS,
];

/** Share of each craft in the catalogue, after the export figures: pottery and stone 36%, carpets 20%. */
const CRAFT_WEIGHTS: Record<Craft, number> = {
  pottery: 26,
  stone: 10,
  carpet: 20,
  zellige: 8,
  leather: 8,
  metalwork: 7,
  cosmetics: 6,
  woodwork: 5,
  jewellery: 4,
  textile: 4,
  basketry: 2,
};

/** Products are spread over this many days before "now", so newest-first listings mean something. */
export const CATALOGUE_AGE_DAYS = 730;
const DAY_MS = 86_400_000;
const DRAFT_SHARE = 0.03;

export interface DemoVariant {
  readonly sku: string;
  readonly options: Readonly<Record<string, string>>;
  /** Minor units of MAD. */
  readonly priceAmount: number;
  readonly stock: number;
  readonly weightGrams: number;
  readonly lengthMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly position: number;
}

export interface DemoProduct {
  /** Index in the demo catalogue, 1-based; the same seed and index always give the same product. */
  readonly n: number;
  readonly slug: string;
  readonly cooperativeSlug: string;
  readonly categorySlug: string;
  readonly status: 'active' | 'draft';
  readonly title: Localized;
  readonly description: Localized;
  readonly craft: Craft;
  readonly materials: readonly string[];
  readonly originCity: string;
  readonly hsCode: string;
  readonly images: readonly string[];
  /** Lowest variant price, in minor units of MAD, as product.price_amount expects. */
  readonly priceAmount: number;
  readonly createdAt: Date;
  readonly variants: readonly DemoVariant[];
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Prices a seller would write: whole dirhams below 100, then steps of 5, then steps of 50. */
function shelfPrice(mad: number): number {
  const step = mad < 100 ? 1 : mad < 1000 ? 5 : 50;
  return Math.max(step, Math.round(mad / step) * step);
}

/** How a title quotes its collection name, and separates its distinguishing words, per locale. */
const QUOTES: Record<keyof Localized, (name: string) => string> = {
  fr: (name) => `« ${name} »`,
  en: (name) => `“${name}”`,
  ar: (name) => `«${name}»`,
};
const COMMA: Record<keyof Localized, string> = { fr: ', ', en: ', ', ar: '، ' };

/** Turns templates into as many distinct, deterministic products as asked, spread over the cooperatives. */
export class DemoCatalogue {
  private readonly crafts: readonly Craft[];
  /** For each craft, the cooperatives that make at least one template of it. */
  private readonly makers = new Map<Craft, DemoCooperative[]>();
  /** For each cooperative and craft, the templates it makes. */
  private readonly repertoire = new Map<string, ProductTemplate[]>();

  constructor(
    cooperatives: readonly DemoCooperative[],
    private readonly seed: number,
    templates: readonly ProductTemplate[] = PRODUCT_TEMPLATES,
  ) {
    for (const coop of cooperatives) {
      for (const craft of coop.crafts) {
        const made = templates.filter(
          (t) => t.craft === craft && (!t.cities || t.cities.includes(coop.city)),
        );
        if (made.length === 0) continue;
        this.repertoire.set(`${coop.slug}/${craft}`, made);
        this.makers.set(craft, [...(this.makers.get(craft) ?? []), coop]);
      }
    }
    this.crafts = [...this.makers.keys()];
    if (this.crafts.length === 0) throw new Error('no demo cooperative makes any product template');
  }

  product(n: number, now: Date): DemoProduct {
    const rng = new Random(deriveSeed(this.seed, n));
    // Craft first, so the catalogue follows the export shares; then a maker, so each gets a fair share of it.
    const craft = rng.weighted(this.crafts, (c) => CRAFT_WEIGHTS[c]);
    const maker = rng.pick(this.makers.get(craft)!);
    const template = rng.pick(this.repertoire.get(`${maker.slug}/${craft}`)!);
    const name = rng.pick(COLLECTION_NAMES);
    const words = template.words.map((pool) => rng.pick(pool));

    const titled = (lang: keyof Localized) => {
      const base = `${template.title[lang]} ${QUOTES[lang](name[lang])}`;
      return words.length ? `${base} – ${words.map((w) => w[lang]).join(COMMA[lang])}` : base;
    };
    const placed = (lang: keyof Localized) =>
      template.description[lang].replaceAll('{city}', lang === 'ar' ? maker.cityAr : maker.city);

    const slug = [template.slug, name.slug, ...words.map((w) => w.slug), maker.short, String(n)].join('-');
    if (!SLUG.test(slug)) throw new Error(`demo product slug ${slug} is not [a-z0-9-]`);

    const variants = this.variants(rng, template, maker, n);
    return {
      n,
      slug,
      cooperativeSlug: maker.slug,
      categorySlug: template.category,
      status: rng.chance(DRAFT_SHARE) ? 'draft' : 'active',
      title: { fr: titled('fr'), en: titled('en'), ar: titled('ar') },
      description: { fr: placed('fr'), en: placed('en'), ar: placed('ar') },
      craft: template.craft,
      materials: template.materials,
      originCity: maker.city,
      hsCode: template.hsCode,
      images: [1, 2].map((i) => `https://cdn.souk.dev/products/${slug}/${i}.jpg`),
      priceAmount: Math.min(...variants.map((v) => v.priceAmount)),
      createdAt: new Date(now.getTime() - Math.floor(rng.float() * CATALOGUE_AGE_DAYS * DAY_MS)),
      variants,
    };
  }

  private variants(rng: Random, template: ProductTemplate, maker: DemoCooperative, n: number): DemoVariant[] {
    const axis = template.axis;
    const choices: readonly (VariantChoice | undefined)[] = axis
      ? rng.sample(axis.choices, rng.int(1, Math.min(4, axis.choices.length)))
      : [undefined];
    const referenceMad = rng.int(template.priceMad[0], template.priceMad[1]);
    const [minStock, maxStock] = template.stock ?? [0, 40];
    // Handmade pieces of one size still differ a little in weight.
    const heft = 0.95 + rng.float() * 0.1;

    return choices.map((choice, position) => {
      const [lengthMm, widthMm, heightMm] = choice?.dimensionsMm ?? template.dimensionsMm;
      return {
        sku: `${maker.skuPrefix}-${template.skuCode}-${String(n).padStart(6, '0')}-${position + 1}`,
        options: axis && choice ? { [axis.name]: choice.value } : {},
        priceAmount: shelfPrice(referenceMad * (choice?.priceFactor ?? 1)) * 100,
        stock: rng.int(minStock, maxStock),
        weightGrams: Math.max(
          10,
          Math.round(((choice?.weightGrams ?? template.weightGrams) * heft) / 10) * 10,
        ),
        lengthMm,
        widthMm,
        heightMm,
        position,
      };
    });
  }
}
