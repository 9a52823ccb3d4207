import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document; the service answers plain objects of these shapes. */
export class AmountView {
  @ApiProperty({ example: 45000, description: 'Minor units' }) amount: number;
  @ApiProperty({ example: 'USD' }) currency: string;
}

export class DimensionsView {
  @ApiProperty() length: number;
  @ApiProperty() width: number;
  @ApiProperty() height: number;
}

export class ParcelView {
  @ApiProperty() weightGrams: number;
  @ApiProperty({ type: DimensionsView, description: 'Outer dimensions, longest first (mm)' })
  dimensionsMm: DimensionsView;
  @ApiProperty() volumetricWeightGrams: number;
  @ApiProperty({ description: 'Greater of actual and volumetric, rounded up to 0.5 kg' })
  chargeableWeightGrams: number;
}

export class BreakdownLineView {
  @ApiProperty({ enum: ['shipping', 'duty', 'tax', 'fee', 'notice'] }) kind: string;
  @ApiProperty({ example: 'fuel' }) code: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ example: '0.275', description: 'Exact decimal fraction' }) rate?: string;
  @ApiPropertyOptional({
    type: AmountView,
    description: 'What the rate applies to, in the currency it was computed in',
  })
  base?: AmountView;
  @ApiProperty({ type: AmountView, description: "In the quote's currency" }) amount: AmountView;
  @ApiPropertyOptional({ type: AmountView, description: 'As computed, when not in the quote currency' })
  original?: AmountView;
  @ApiProperty({ enum: ['checkout', 'delivery'] }) payable: string;
  @ApiProperty({ example: 'US/2026-07-24', description: 'Version of the rule set behind the line' })
  rule: string;
}

export class TransitDaysView {
  @ApiProperty() min: number;
  @ApiProperty() max: number;
}

export class OptionView {
  @ApiProperty({ format: 'uuid', description: 'Give it at checkout until expiresAt' }) id: string;
  @ApiProperty({ enum: ['dhl-express', 'aramex', 'amana-ems'] }) carrier: string;
  @ApiProperty({ example: 'express-worldwide' }) service: string;
  @ApiProperty() serviceLabel: string;
  @ApiProperty({ type: TransitDaysView }) transitDays: TransitDaysView;
  @ApiProperty({ enum: ['DDP', 'DAP'] }) incoterm: string;
  @ApiProperty({ enum: ['card', 'live'] }) rateSource: string;
  @ApiProperty() chargeableWeightGrams: number;
  @ApiProperty({ type: [ParcelView], description: 'The pieces as this carrier takes them, at its divisor' })
  parcels: ParcelView[];
  @ApiProperty({ type: AmountView }) shipping: AmountView;
  @ApiProperty({ type: AmountView, description: 'DAP: owed on delivery' }) duties: AmountView;
  @ApiProperty({ type: AmountView, description: 'DAP: owed on delivery' }) taxes: AmountView;
  @ApiProperty({ type: AmountView, description: 'Fees collected at checkout' }) fees: AmountView;
  @ApiProperty({ type: AmountView, description: 'Paid at checkout: DDP includes duties, taxes and fees' })
  total: AmountView;
  @ApiProperty({ type: AmountView, description: 'Duties, taxes and fees the buyer pays on delivery (DAP)' })
  owedOnDelivery: AmountView;
  @ApiProperty({ type: AmountView }) totalMad: AmountView;
  @ApiProperty({ type: [BreakdownLineView] }) breakdown: BreakdownLineView[];
}

export class UnavailableView {
  @ApiProperty() carrier: string;
  @ApiProperty() reason: string;
}

export class QuoteItemView {
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty() quantity: number;
}

export class RulesView {
  @ApiProperty({ example: 'packing/2026-01-01' }) packing: string;
  @ApiProperty({ example: 'US/2026-07-24' }) duties: string;
}

export class CooperativeQuoteView {
  @ApiProperty({ format: 'uuid', nullable: true, description: "null for partners' explicit parcels" })
  cooperativeId: string | null;
  @ApiProperty({ type: [QuoteItemView] }) items: QuoteItemView[];
  @ApiProperty({ type: [ParcelView], description: 'As packed, at 5000 cm³/kg' }) parcels: ParcelView[];
  @ApiProperty({ type: [OptionView] }) options: OptionView[];
  @ApiProperty({ type: [UnavailableView], description: 'Carriers that cannot take it, and why' })
  unavailable: UnavailableView[];
  @ApiProperty({ type: [String] }) notices: string[];
  @ApiProperty({ type: RulesView }) rules: RulesView;
}

export class ExchangeRateView {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '9.27000000', description: 'MAD per unit' }) madPerUnit: string;
  @ApiProperty({ example: '2026-11-02' }) effectiveDate: string;
  @ApiProperty() source: string;
}

export class QuoteDestinationView {
  @ApiProperty() country: string;
  @ApiProperty({ nullable: true }) postalCode: string | null;
  @ApiProperty({ nullable: true }) city: string | null;
}

export class QuoteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() quotedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: QuoteDestinationView }) destination: QuoteDestinationView;
  @ApiProperty({
    type: [ExchangeRateView],
    description: "The quote currency's rate first, then any other used",
  })
  exchangeRates: ExchangeRateView[];
  @ApiProperty({ type: [CooperativeQuoteView] }) quotes: CooperativeQuoteView[];
}
