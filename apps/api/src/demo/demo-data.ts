/**
 * The demo world: real regions, crafts and HS headings, invented cooperatives and people.
 * Pure data and a seeded generator, no I/O; demo-seeder.ts writes it to the database.
 */
export { DEMO_CATEGORIES, DEMO_LEAF_CATEGORY_SLUGS, type DemoCategory } from './demo-data/categories';
export {
  DEMO_COOPERATIVES,
  DEMO_COOPERATIVE_SLUGS,
  demoOwnerEmail,
  type DemoCooperative,
  type LegalForm,
} from './demo-data/cooperatives';
export {
  CATALOGUE_AGE_DAYS,
  DemoCatalogue,
  PRODUCT_TEMPLATES,
  type DemoProduct,
  type DemoVariant,
} from './demo-data/products';
export { deriveSeed, mulberry32, Random } from './demo-data/random';
export type { Dimensions, OptionAxis, ProductTemplate, VariantChoice } from './demo-data/template';
export { type Localized } from './demo-data/types';

/** The seed used when none is given, so every fresh demo database shows the same catalogue. */
export const DEMO_SEED = 20251123;
