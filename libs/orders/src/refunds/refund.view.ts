import { ApiProperty } from '@nestjs/swagger';
import { MoneyView } from '@souk/catalogue';

export class RefundLinePartView {
  @ApiProperty({ format: 'uuid' }) lineId: string;
  @ApiProperty() quantity: number;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
}

export class RefundPartView {
  @ApiProperty({ format: 'uuid' }) subOrderId: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ type: [RefundLinePartView] }) lines: RefundLinePartView[];
  @ApiProperty({ type: MoneyView, description: 'Delivery charge given back' }) shipping: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Commission the marketplace gives back to the cooperative' })
  commission: MoneyView;
}

export class RefundView {
  @ApiProperty({ format: 'uuid', description: 'Also the idempotency key sent to the payment provider' })
  id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) subOrderId: string | null;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: 'pending' | 'succeeded' | 'failed';
  @ApiProperty({ type: MoneyView, description: 'Given back to the buyer, in the payment currency' })
  amount: MoneyView;
  @ApiProperty({ type: MoneyView }) amountMad: MoneyView;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [RefundPartView] }) parts: RefundPartView[];
  @ApiProperty({ nullable: true, type: String }) failure: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
}
