import { Inject, Injectable } from '@nestjs/common';
import { SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import type { Carrier, CarrierAnswer, RatingContext, Shipment } from './carrier';
import { rateOnCard } from './card-only';

/**
 * Amana International Express (Barid Al-Maghrib's EMS). Barid Al-Maghrib publishes no rating API
 * and no volumetric divisor: its card, with the divisor agreed when configured.
 */
@Injectable()
export class AmanaEmsCarrier implements Carrier {
  readonly code = 'amana-ems' as const;

  constructor(@Inject(SOUK_CONFIG) private readonly config: SoukConfig) {}

  async rate(shipment: Shipment, ctx: RatingContext): Promise<CarrierAnswer> {
    return rateOnCard(
      this.code,
      'Amana International Express',
      shipment,
      ctx,
      this.config.AMANA_VOLUMETRIC_DIVISOR,
    );
  }
}
