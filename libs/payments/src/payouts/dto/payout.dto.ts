import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { isValidRib, normalizeRib } from '../rib';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const PAYOUT_METHODS = ['bank_transfer', 'stripe'] as const;
export type PayoutMethod = (typeof PAYOUT_METHODS)[number];

/** Where a cooperative is paid: a Moroccan bank account (RIB) or a Stripe connected account. */
export class PayoutAccountDto {
  @ApiProperty({ enum: PAYOUT_METHODS, example: 'bank_transfer' })
  @IsIn(PAYOUT_METHODS, { message: `must be one of ${PAYOUT_METHODS.join(', ')}` })
  method: PayoutMethod;

  @ApiProperty({ example: 'Coopérative Tiwizi Azilal', description: 'The name on the account' })
  @Transform(trimmed)
  @IsString()
  @MinLength(2, { message: 'must be at least 2 characters' })
  @MaxLength(120)
  accountHolder: string;

  @ApiPropertyOptional({
    example: '007780000123456789012347',
    description: 'Required for bank_transfer: 24 digits',
  })
  @ValidateIf((o: PayoutAccountDto) => o.method === 'bank_transfer')
  @Transform(({ value }) => (typeof value === 'string' ? normalizeRib(value) : value))
  @ValidateBy({
    name: 'isMoroccanRib',
    validator: {
      validate: isValidRib,
      defaultMessage: () => 'must be a Moroccan RIB: 24 digits whose check key matches',
    },
  })
  rib?: string;

  @ApiPropertyOptional({ example: 'Banque Populaire' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(80)
  bankName?: string;

  @ApiPropertyOptional({ example: 'acct_1Pq2Rs3Tu4Vw5Xy6', description: 'Required for stripe' })
  @ValidateIf((o: PayoutAccountDto) => o.method === 'stripe')
  @Matches(/^acct_[A-Za-z0-9]{6,}$/, { message: 'must be a Stripe connected account id (acct_…)' })
  stripeAccountId?: string;
}

export class PayoutAccountView {
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ enum: PAYOUT_METHODS }) method: PayoutMethod;
  @ApiProperty() accountHolder: string;
  @ApiProperty({ nullable: true, type: String, description: 'Masked: only the last 4 digits' }) rib:
    string | null;
  @ApiProperty({ nullable: true, type: String }) bankName: string | null;
  @ApiProperty({ nullable: true, type: String }) stripeAccountId: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MoneyView {
  @ApiProperty({ example: 45000, description: 'Minor units' }) amount: number;
  @ApiProperty({ example: 'MAD' }) currency: string;
}

export class LedgerEntryView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['sale', 'commission', 'refund', 'commission_refund', 'payout', 'payout_reversal'] })
  kind: string;
  @ApiProperty({ type: MoneyView, description: 'Signed: credits to the cooperative are positive' })
  amount: MoneyView;
  @ApiProperty({ nullable: true, type: String }) orderId: string | null;
  @ApiProperty({ nullable: true, type: String }) subOrderId: string | null;
  @ApiProperty({ nullable: true, type: String }) payoutId: string | null;
  @ApiProperty({ nullable: true, type: String }) memo: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PayoutView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ type: MoneyView }) amount: MoneyView;
  @ApiProperty({ enum: PAYOUT_METHODS }) method: PayoutMethod;
  @ApiProperty({ enum: ['pending', 'paid', 'failed'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) stripeTransferId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) batchId: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt: string | null;
}

export class LedgerPageView {
  @ApiProperty({ type: [LedgerEntryView] }) items: LedgerEntryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PayoutsOverviewView {
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ type: MoneyView, description: 'The sum of every ledger entry' }) balance: MoneyView;
  @ApiProperty({
    type: MoneyView,
    description: 'What the next payout run may pay (sales older than the holding period)',
  })
  available: MoneyView;
  @ApiProperty({ type: PayoutAccountView, nullable: true }) account: PayoutAccountView | null;
  @ApiProperty({ type: LedgerPageView, description: 'Newest first' }) entries: LedgerPageView;
  @ApiProperty({ type: [PayoutView], description: 'The latest 50, newest first' }) payouts: PayoutView[];
}

export class LedgerQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(200)
  limit?: number;
}

export class PayoutBatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['open', 'paid'] }) status: string;
  @ApiProperty() payouts: number;
  @ApiProperty({ type: MoneyView }) total: MoneyView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) downloadedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) paidAt: string | null;
}

export class PayoutRunView {
  @ApiProperty({ description: 'Payouts created by this run' }) created: number;
  @ApiProperty({ type: MoneyView }) total: MoneyView;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The bank-transfer batch, if any',
  })
  batchId: string | null;
  @ApiProperty({ description: 'Stripe transfers made (this run and retries)' }) transferred: number;
  @ApiProperty({ description: 'Payouts that failed and were credited back' }) failed: number;
}

export class PayoutFailureDto {
  @ApiProperty({ example: 'Returned by the bank: account closed' })
  @Transform(trimmed)
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  reason: string;
}
