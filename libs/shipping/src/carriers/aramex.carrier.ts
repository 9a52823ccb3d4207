import { Inject, Injectable } from '@nestjs/common';
import { SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import type { Carrier, CarrierAnswer, RatingContext, Shipment } from './carrier';
import { rateOnCard } from './card-only';

/** Aramex: no live rating here; its card, with the contract's volumetric divisor when configured. */
@Injectable()
export class AramexCarrier implements Carrier {
  readonly code = 'aramex' as const;

  constructor(@Inject(SOUK_CONFIG) private readonly config: SoukConfig) {}

  async rate(shipment: Shipment, ctx: RatingContext): Promise<CarrierAnswer> {
    return rateOnCard(this.code, 'Aramex', shipment, ctx, this.config.ARAMEX_VOLUMETRIC_DIVISOR);
  }
}
