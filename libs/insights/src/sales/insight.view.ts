import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CRAFTS, type Craft } from '@souk/catalogue';

export class MadView {
  @ApiProperty({ description: 'Integer amount in minor units (45000 is 450.00 MAD)', example: 4512000 })
  amount: number;
  @ApiProperty({ enum: ['MAD'], example: 'MAD' }) currency: 'MAD';
}

export class SatisfactionView {
  @ApiProperty({ description: 'Visible reviews of the sales counted here' }) reviews: number;
  @ApiProperty({ description: 'Of which rated 4 or 5 stars' }) positive: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'positive / reviews, 0 to 1; null without reviews',
    example: 0.92,
  })
  rate: number | null;
}

/** The figures every insight row carries. Sales are goods as sold (order lines), shipping aside. */
export class SalesFiguresView {
  @ApiProperty({ type: MadView }) revenue: MadView;
  @ApiProperty({ description: 'Paid orders' }) orders: number;
  @ApiProperty({ type: MadView, nullable: true, description: 'revenue / orders, rounded to the unit' })
  averageOrderValue: MadView | null;
  @ApiProperty({ description: 'Units sold' }) units: number;
  @ApiProperty({ description: 'Distinct buyers' }) buyers: number;
  @ApiProperty({ description: 'Buyers with two paid orders or more in the period' }) repeatBuyers: number;
  @ApiProperty({ nullable: true, type: Number, description: 'repeatBuyers / buyers, 0 to 1', example: 0.21 })
  repeatBuyerRate: number | null;
  @ApiProperty({ type: SatisfactionView }) satisfaction: SatisfactionView;
}

export class TotalsView extends SalesFiguresView {
  @ApiProperty({ description: 'Distinct destination countries reached' }) markets: number;
}

export class CountrySalesView extends SalesFiguresView {
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2' }) country: string;
  @ApiProperty({ example: 'United States' }) name: string;
  @ApiProperty({ description: "The country's share of the period's revenue, 0 to 1", example: 0.44 })
  share: number;
}

export class CraftSalesView extends SalesFiguresView {
  @ApiProperty({ enum: CRAFTS }) craft: Craft;
  @ApiProperty({ description: "The craft's share of the period's revenue, 0 to 1", example: 0.36 })
  share: number;
}

export class MonthSalesView extends SalesFiguresView {
  @ApiProperty({ example: '2026-03' }) month: string;
}

export class PeriodView {
  @ApiProperty({ nullable: true, type: String, example: '2026-01' }) from: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12' }) to: string | null;
}

export class FiltersView {
  @ApiProperty({ enum: CRAFTS, nullable: true }) craft: Craft | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'fes-meknes' }) region?: string | null;
}

/** Sales by destination, craft and month, for the marketplace or one cooperative. */
export class SalesInsightsView {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: the whole marketplace' })
  cooperativeId: string | null;
  @ApiProperty({ type: PeriodView }) period: PeriodView;
  @ApiProperty({ type: FiltersView }) filters: FiltersView;
  @ApiProperty({ type: TotalsView }) totals: TotalsView;
  @ApiProperty({ type: [CountrySalesView], description: 'By revenue, largest first' })
  byCountry: CountrySalesView[];
  @ApiProperty({ type: [CraftSalesView], description: 'By revenue, largest first' })
  byCraft: CraftSalesView[];
  @ApiProperty({ type: [MonthSalesView], description: 'Every month of the period, oldest first' })
  byMonth: MonthSalesView[];
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'When the figures were computed',
  })
  refreshedAt: string | null;
}

export class BuyerCountryView {
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2, as map libraries key countries' })
  country: string;
  @ApiProperty({ example: 'United States' }) name: string;
  @ApiProperty() buyers: number;
  @ApiProperty() orders: number;
  @ApiProperty({ type: MadView }) revenue: MadView;
  @ApiProperty({ description: "Share of the period's revenue, 0 to 1" }) share: number;
}

export class BuyerTotalsView {
  @ApiProperty() buyers: number;
  @ApiProperty() orders: number;
  @ApiProperty({ type: MadView }) revenue: MadView;
}

/** Where the buyers are: one entry per destination country, ready for a choropleth map. */
export class BuyersMapView {
  @ApiProperty({ type: PeriodView }) period: PeriodView;
  @ApiProperty({ type: FiltersView }) filters: FiltersView;
  @ApiProperty({ description: 'Distinct destination countries reached' }) markets: number;
  @ApiProperty({ type: BuyerTotalsView }) totals: BuyerTotalsView;
  @ApiProperty({ type: [BuyerCountryView], description: 'By buyers, most first' })
  countries: BuyerCountryView[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) refreshedAt: string | null;
}
