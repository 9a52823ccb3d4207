import { Inject, Injectable } from '@nestjs/common';
import { Problem } from '@souk/platform';
import { PAYMENTS_SETTINGS, type PaymentsSettings } from '../config/payments-settings';
import type { PaymentProviderCode } from '../payment';
import { CmiProvider } from './cmi.provider';
import { MastercardProvider } from './mastercard.provider';
import type { PaymentProvider } from './payment-provider';
import { StripeProvider } from './stripe.provider';

/** The enabled adapters, by code, built from the resolved settings (simulator URLs included). */
@Injectable()
export class PaymentProviders {
  private readonly byCode = new Map<PaymentProviderCode, PaymentProvider>();

  constructor(@Inject(PAYMENTS_SETTINGS) settings: PaymentsSettings) {
    const make: Record<PaymentProviderCode, () => PaymentProvider> = {
      mastercard: () => new MastercardProvider(settings.mastercard, settings.timeoutMs),
      cmi: () => new CmiProvider(settings.cmi, settings.timeoutMs, settings.publicUrl),
      stripe: () => new StripeProvider(settings.stripe, settings.timeoutMs),
    };
    for (const code of settings.enabled) this.byCode.set(code, make[code]());
  }

  get codes(): PaymentProviderCode[] {
    return [...this.byCode.keys()];
  }

  get(code: string): PaymentProvider | undefined {
    return this.byCode.get(code as PaymentProviderCode);
  }

  /** The adapter for a buyer's choice; a 400 naming `field` when it is not offered. */
  require(code: string, field = 'paymentProvider'): PaymentProvider {
    const provider = this.get(code);
    if (!provider) throw Problem.field(field, `must be one of ${this.codes.join(', ')}`);
    return provider;
  }

  stripe(): StripeProvider | undefined {
    const p = this.byCode.get('stripe');
    return p instanceof StripeProvider ? p : undefined;
  }
}
