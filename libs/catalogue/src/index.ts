export * from './catalogue.module';
export * from './crafts';
export * from './hs-codes/headings';
export { slugify } from './slugs';
export { ProductsQuery, DEFAULT_LIMIT, MAX_LIMIT, type ProductListFilters } from './products/products.query';
export {
  ProductView,
  ProductPageView,
  VariantView,
  MoneyView,
  LocalizedView,
  PRODUCT_STATUSES,
  CURRENCIES,
  type ProductStatus,
  type Currency,
} from './products/product.view';
export { Product } from './products/product.entity';
export { Variant } from './products/variant.entity';
export { Category } from './categories/category.entity';
