import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LocalizedView, MoneyView } from '@souk/catalogue';
import { RateView } from '../carts/cart.view';
import { ORDER_STATUSES, type OrderStatus, SUB_ORDER_STATUSES, type SubOrderStatus } from './states';

export class OrderLineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty() sku: string;
  @ApiProperty({ type: LocalizedView }) title: LocalizedView;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) options: Record<string, string>;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: MoneyView, description: 'The price sold at, in MAD' }) unitPrice: MoneyView;
  @ApiProperty({ type: MoneyView }) total: MoneyView;
  @ApiProperty({ description: 'Units refunded (or being refunded)' }) refundedQuantity: number;
}

export class TransitDaysView {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
}

export class SubOrderShippingView {
  @ApiProperty({ format: 'uuid' }) quoteId: string;
  @ApiProperty({ format: 'uuid' }) quoteOptionId: string;
  @ApiProperty({ example: 'dhl-express' }) carrier: string;
  @ApiProperty() service: string;
  @ApiProperty({ enum: ['DDP', 'DAP'] }) incoterm: 'DDP' | 'DAP';
  @ApiProperty({ description: 'Duties and taxes were charged at checkout (DDP)' }) dutiesCollected: boolean;
  @ApiProperty({ type: TransitDaysView }) transitDays: TransitDaysView;
  @ApiProperty({ type: MoneyView }) shipping: MoneyView;
  @ApiProperty({ type: MoneyView }) duties: MoneyView;
  @ApiProperty({ type: MoneyView }) taxes: MoneyView;
  @ApiProperty({ type: MoneyView }) fees: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'What the buyer paid for delivery' }) charge: MoneyView;
  @ApiProperty({ nullable: true, type: String }) trackingCarrier: string | null;
  @ApiProperty({ nullable: true, type: String }) trackingNumber: string | null;
}

export class CommissionShareView {
  @ApiProperty({ example: 1000 }) rateBp: number;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
}

export class SubOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty() cooperative: { name: string; slug: string };
  @ApiProperty({ enum: SUB_ORDER_STATUSES }) status: SubOrderStatus;
  @ApiProperty({ type: [OrderLineView] }) lines: OrderLineView[];
  @ApiProperty({ type: SubOrderShippingView }) shipping: SubOrderShippingView;
  @ApiProperty({ type: MoneyView }) goods: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Goods plus the delivery charge' }) total: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Refunded (or being refunded), in MAD' }) refunded: MoneyView;
  @ApiPropertyOptional({ type: CommissionShareView, description: 'Cooperatives and admins only' })
  commission?: CommissionShareView;
  @ApiPropertyOptional({ description: 'Where to ship: cooperatives and admins, once paid' })
  shipTo?: Record<string, unknown> | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) acceptedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) shippedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveredAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledAt: string | null;
}

export class OrderPaymentView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id: string | null;
  @ApiProperty({ enum: ['mastercard', 'cmi', 'stripe'] }) provider: string;
  @ApiPropertyOptional({ example: 'captured', description: "The payment's status (single-order reads)" })
  status?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "What the client needs to take the buyer to the provider's page",
  })
  session?: Record<string, unknown> | null;
}

export class RefundSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subOrderId: string | null;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: string;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @ApiProperty({ type: MoneyView }) amountMad: MoneyView;
  @ApiProperty() reason: string;
  @ApiProperty() createdAt: string;
}

export class OrderEventView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subOrderId: string | null;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty({ enum: ['user', 'guest', 'api-key', 'system', 'payment'] }) actor: string;
  @ApiProperty() at: string;
}

/** The buyer's whole order (GET /v1/orders/:id, and the checkout's answer with the payment session). */
export class OrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SK261123-7KQ2M9XD' }) reference: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ type: MoneyView, description: 'What the buyer pays, in the payment currency' })
  total: MoneyView;
  @ApiProperty({ type: MoneyView }) totalMad: MoneyView;
  @ApiProperty({ type: MoneyView }) goods: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Delivery charges of every sub-order' }) shipping: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Refunded (or being refunded), in the payment currency' })
  refunded: MoneyView;
  @ApiProperty({ type: RateView }) rate: RateView;
  @ApiProperty() buyer: { name: string; email: string };
  @ApiProperty({ type: 'object', additionalProperties: true }) shippingAddress: Record<string, unknown>;
  @ApiProperty({ type: [SubOrderView] }) subOrders: SubOrderView[];
  @ApiProperty({ type: OrderPaymentView }) payment: OrderPaymentView;
  @ApiProperty({ type: [RefundSummaryView] }) refunds: RefundSummaryView[];
  @ApiProperty({ type: [OrderEventView] }) history: OrderEventView[];
  @ApiProperty({ nullable: true, type: String, description: 'Unpaid orders release their stock then' })
  reservedUntil: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledAt: string | null;
}

export class SubOrderPageView {
  @ApiProperty({ type: [SubOrderView] }) items: SubOrderView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class OrderPageView {
  @ApiProperty({ type: [OrderView] }) items: OrderView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
