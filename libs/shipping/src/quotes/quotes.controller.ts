import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@souk/platform';
import { CreateQuoteDto } from './dto/create-quote.dto';
import { QuoteView } from './dto/quote.view';
import { QuotesService } from './quotes.service';

/** Public: buyers quote as guests, partners with their API key. */
@ApiTags('shipping')
@Controller('v1/shipping/quotes')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Post()
  @ApiOperation({
    summary:
      "Landed-cost quote per cooperative: parcels, carrier options, duties, taxes and fees, in the buyer's currency",
    description:
      'Give a cart (`items`) or, for integration partners, `parcels` and customs `lines`. Each option id can be chosen at checkout until `expiresAt`.',
  })
  @ApiCreatedResponse({ type: QuoteView })
  create(@Body() dto: CreateQuoteDto): Promise<QuoteView> {
    return this.quotes.quote(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A stored quote, as it was answered' })
  @ApiOkResponse({ type: QuoteView })
  get(@UuidParam('id') id: string): Promise<QuoteView> {
    return this.quotes.find(id);
  }
}
