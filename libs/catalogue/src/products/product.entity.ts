import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Craft } from '../crafts';
import type { ProductStatus } from './product.view';

/**
 * The product table, for documentation and simple reads. The hot list (products.query.ts) and
 * multi-row writes (products.service.ts) speak SQL; `search` is filled by a trigger.
 */
@Entity({ name: 'product' })
export class Product {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) slug: string;
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ name: 'category_id', type: 'uuid', nullable: true }) categoryId: string | null;
  @Column({ type: 'text', default: 'draft' }) status: ProductStatus;
  /** {fr, en, ar?} */
  @Column({ type: 'jsonb' }) title: Record<string, string>;
  @Column({ type: 'jsonb', default: {} }) description: Record<string, string>;
  @Column({ type: 'text' }) craft: Craft;
  @Column({ type: 'text', array: true, default: [] }) materials: string[];
  @Column({ name: 'origin_city', type: 'text', nullable: true }) originCity: string | null;
  /** 6 to 10 digits; the first 6 are a heading of HS_HEADINGS. */
  @Column({ name: 'hs_code', type: 'text' }) hsCode: string;
  @Column({ type: 'jsonb', default: [] }) images: string[];
  /** Lowest variant price in minor units, kept by the service in the transaction of every variant change. */
  @Column({ name: 'price_amount', type: 'bigint', nullable: true }) priceAmount: string | null;
  @Column({ name: 'price_currency', type: 'char', length: 3, default: 'MAD' }) priceCurrency: string;
  @Column({ name: 'rating_average', type: 'numeric', precision: 3, scale: 2, nullable: true }) ratingAverage:
    string | null;
  @Column({ name: 'rating_count', type: 'integer', default: 0 }) ratingCount: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
}
