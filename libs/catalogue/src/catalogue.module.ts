import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CategoriesController } from './categories/categories.controller';
import { CategoriesService } from './categories/categories.service';
import { Category } from './categories/category.entity';
import { CategoryTree } from './categories/category-tree';
import { Product } from './products/product.entity';
import { CooperativeProductsController, ProductsController } from './products/products.controller';
import { ProductsQuery } from './products/products.query';
import { ProductReads } from './products/products.reads';
import { ProductsService } from './products/products.service';
import { StockService } from './products/stock.service';
import { Variant } from './products/variant.entity';

/** Products, variants, categories, crafts and HS codes. Sql and TenancyService come from the global PlatformModule. */
@Module({
  imports: [TypeOrmModule.forFeature([Product, Variant, Category])],
  controllers: [ProductsController, CooperativeProductsController, CategoriesController],
  providers: [CategoryTree, ProductsQuery, ProductsService, ProductReads, StockService, CategoriesService],
  exports: [ProductsQuery],
})
export class CatalogueModule {}
