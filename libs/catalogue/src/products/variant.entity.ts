import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A sellable version of a product (size, colour…). `reserved` units are held by open checkouts and
 * are only ever changed with conditional UPDATEs (stock - reserved >= quantity), never through the ORM.
 */
@Entity({ name: 'variant' })
export class Variant {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId: string;
  /** Copied from the product so that SKUs can be unique per cooperative. */
  @Column({ name: 'cooperative_id', type: 'uuid' }) cooperativeId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'jsonb', default: {} }) options: Record<string, string>;
  @Column({ name: 'price_amount', type: 'bigint' }) priceAmount: string;
  @Column({ name: 'price_currency', type: 'char', length: 3, default: 'MAD' }) priceCurrency: string;
  @Column({ type: 'integer', default: 0 }) stock: number;
  @Column({ type: 'integer', default: 0 }) reserved: number;
  @Column({ name: 'weight_grams', type: 'integer' }) weightGrams: number;
  @Column({ name: 'length_mm', type: 'integer' }) lengthMm: number;
  @Column({ name: 'width_mm', type: 'integer' }) widthMm: number;
  @Column({ name: 'height_mm', type: 'integer' }) heightMm: number;
  @Column({ type: 'integer', default: 0 }) position: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
