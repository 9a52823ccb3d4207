import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedView, MoneyView } from '@souk/catalogue';

export class RateView {
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: '10.81', description: 'Dirhams for one unit of the currency' }) madPerUnit: string;
  @ApiProperty({ example: '2026-11-02' }) effectiveDate: string;
  @ApiProperty() source: string;
}

/** An amount in MAD (what is charged) and in the buyer's display currency (indicative). */
export class PriceView {
  @ApiProperty({ type: MoneyView }) mad: MoneyView;
  @ApiProperty({ type: MoneyView }) display: MoneyView;
}

export class CartLineView {
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() productSlug: string;
  @ApiProperty() sku: string;
  @ApiProperty({ type: LocalizedView }) title: LocalizedView;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) options: Record<string, string>;
  @ApiProperty({ nullable: true, type: String }) image: string | null;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: PriceView, description: "Today's catalogue price, never the client's" })
  unitPrice: PriceView;
  @ApiProperty({ type: PriceView }) total: PriceView;
  @ApiProperty({ description: 'Units that can still be sold' }) available: number;
  @ApiProperty({ description: 'False when the product left the catalogue or too few units are left' })
  purchasable: boolean;
}

export class CartCooperativeView {
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: [CartLineView] }) lines: CartLineView[];
  @ApiProperty({ type: PriceView }) subtotal: PriceView;
  @ApiProperty() itemCount: number;
}

export class CartView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({
    description:
      'Only in the answer that creates a guest cart: send it as X-Cart-Token on every later call (and at checkout). It is not stored and cannot be shown again.',
  })
  token?: string;
  @ApiProperty({ enum: ['guest', 'user'] }) owner: 'guest' | 'user';
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: RateView }) rate: RateView;
  @ApiProperty({ type: [CartCooperativeView], description: 'Lines grouped by cooperative' })
  cooperatives: CartCooperativeView[];
  @ApiProperty({ type: PriceView, description: 'Goods only; shipping is chosen per cooperative at checkout' })
  total: PriceView;
  @ApiProperty() itemCount: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Set once checked out' })
  orderId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}
