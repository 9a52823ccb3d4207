import { ConfigError, type SoukConfig } from '@souk/platform';
import { PAYMENT_PROVIDERS, type PaymentProviderCode } from '../payment';

export const SIMULATOR = 'simulator';

/** Fixed development credentials of the in-process simulator; production refuses to run with it. */
export const SIMULATOR_CREDENTIALS = {
  mastercardPassword: 'simulator-api-password',
  mastercardNotificationSecret: 'simulator-notification-secret',
  cmiStoreKey: 'SimulatorStoreKey1',
  cmiApiUser: 'simulator',
  cmiApiPassword: 'simulator-api-password',
  stripeSecretKey: 'sk_test_simulator',
  stripePublishableKey: 'pk_test_simulator',
  stripeWebhookSecret: 'whsec_simulator',
} as const;

export interface MastercardSettings {
  simulated: boolean;
  baseUrl: string;
  merchantId: string;
  apiPassword: string;
  notificationSecret: string;
  currencies: string[];
}

export interface CmiSettings {
  simulated: boolean;
  gatewayUrl: string;
  apiUrl: string;
  clientId: string;
  storeKey: string;
  apiUser: string;
  apiPassword: string;
}

export interface StripeSettings {
  simulated: boolean;
  apiUrl: string;
  secretKey: string;
  publishableKey: string | null;
  webhookSecret: string;
  currencies: string[];
}

/** Everything the payments lib reads from the configuration, resolved once at start-up. */
export interface PaymentsSettings {
  enabled: PaymentProviderCode[];
  publicUrl: string;
  timeoutMs: number;
  reconcileAfterSeconds: number;
  abandonAfterMinutes: number;
  simulatorPort: number;
  mastercard: MastercardSettings;
  cmi: CmiSettings;
  stripe: StripeSettings;
  payouts: { holdDays: number; minimumAmount: number; everyHours: number };
}

export const PAYMENTS_SETTINGS = Symbol('PAYMENTS_SETTINGS');

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Reads the payment settings. Outside production a provider without credentials (or pointed at
 * `simulator`) runs against the in-process simulator; in production every enabled provider needs
 * a real URL and its secrets, or the process refuses to start.
 */
export function resolvePaymentsSettings(config: SoukConfig): PaymentsSettings {
  const enabled = [...new Set(list(config.PAYMENTS_PROVIDERS))].filter((p): p is PaymentProviderCode =>
    (PAYMENT_PROVIDERS as readonly string[]).includes(p),
  );
  const production = config.NODE_ENV === 'production';
  const problems: string[] = [];
  const needs = (provider: PaymentProviderCode, urls: [string, string][], secrets: [string, unknown][]) => {
    const onSimulator = urls.some(([, url]) => url === SIMULATOR);
    const missing = secrets.filter(([, value]) => !value).map(([name]) => name);
    if (production && enabled.includes(provider)) {
      for (const [name, url] of urls)
        if (url === SIMULATOR)
          problems.push(`${name} must point at the real gateway in production, not the simulator`);
      for (const name of missing)
        problems.push(`${name} is required in production while ${provider} is enabled`);
    }
    return onSimulator || missing.length > 0;
  };

  const mcSimulated = needs(
    'mastercard',
    [['MASTERCARD_GATEWAY_URL', config.MASTERCARD_GATEWAY_URL]],
    [
      ['MASTERCARD_API_PASSWORD', config.MASTERCARD_API_PASSWORD],
      ['MASTERCARD_NOTIFICATION_SECRET', config.MASTERCARD_NOTIFICATION_SECRET],
    ],
  );
  const cmiSimulated = needs(
    'cmi',
    [
      ['CMI_GATEWAY_URL', config.CMI_GATEWAY_URL],
      ['CMI_API_URL', config.CMI_API_URL],
    ],
    [
      ['CMI_STORE_KEY', config.CMI_STORE_KEY],
      ['CMI_API_USER', config.CMI_API_USER],
      ['CMI_API_PASSWORD', config.CMI_API_PASSWORD],
    ],
  );
  const stripeSimulated = needs(
    'stripe',
    [['STRIPE_API_URL', config.STRIPE_API_URL]],
    [
      ['STRIPE_SECRET_KEY', config.STRIPE_SECRET_KEY],
      ['STRIPE_WEBHOOK_SECRET', config.STRIPE_WEBHOOK_SECRET],
    ],
  );
  if (problems.length > 0) throw new ConfigError(problems);

  const sim = SIMULATOR_CREDENTIALS;
  return {
    enabled,
    publicUrl: (config.PAYMENTS_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
    timeoutMs: config.PAYMENTS_HTTP_TIMEOUT_MS,
    reconcileAfterSeconds: config.PAYMENTS_RECONCILE_AFTER_SECONDS,
    abandonAfterMinutes: config.PAYMENTS_ABANDON_AFTER_MINUTES,
    simulatorPort: config.PAYMENTS_SIMULATOR_PORT,
    // A simulated provider gets its URLs when the simulator is listening.
    mastercard: mcSimulated
      ? {
          simulated: true,
          baseUrl: SIMULATOR,
          merchantId: config.MASTERCARD_MERCHANT_ID,
          apiPassword: sim.mastercardPassword,
          notificationSecret: sim.mastercardNotificationSecret,
          currencies: list(config.MASTERCARD_CURRENCIES),
        }
      : {
          simulated: false,
          baseUrl: config.MASTERCARD_GATEWAY_URL.replace(/\/+$/, ''),
          merchantId: config.MASTERCARD_MERCHANT_ID,
          apiPassword: config.MASTERCARD_API_PASSWORD!,
          notificationSecret: config.MASTERCARD_NOTIFICATION_SECRET!,
          currencies: list(config.MASTERCARD_CURRENCIES),
        },
    cmi: cmiSimulated
      ? {
          simulated: true,
          gatewayUrl: SIMULATOR,
          apiUrl: SIMULATOR,
          clientId: config.CMI_CLIENT_ID,
          storeKey: sim.cmiStoreKey,
          apiUser: sim.cmiApiUser,
          apiPassword: sim.cmiApiPassword,
        }
      : {
          simulated: false,
          gatewayUrl: config.CMI_GATEWAY_URL,
          apiUrl: config.CMI_API_URL,
          clientId: config.CMI_CLIENT_ID,
          storeKey: config.CMI_STORE_KEY!,
          apiUser: config.CMI_API_USER!,
          apiPassword: config.CMI_API_PASSWORD!,
        },
    stripe: stripeSimulated
      ? {
          simulated: true,
          apiUrl: SIMULATOR,
          secretKey: sim.stripeSecretKey,
          publishableKey: sim.stripePublishableKey,
          webhookSecret: sim.stripeWebhookSecret,
          currencies: list(config.STRIPE_CURRENCIES),
        }
      : {
          simulated: false,
          apiUrl: config.STRIPE_API_URL.replace(/\/+$/, ''),
          secretKey: config.STRIPE_SECRET_KEY!,
          publishableKey: config.STRIPE_PUBLISHABLE_KEY ?? null,
          webhookSecret: config.STRIPE_WEBHOOK_SECRET!,
          currencies: list(config.STRIPE_CURRENCIES),
        },
    payouts: {
      holdDays: config.PAYOUT_HOLD_DAYS,
      minimumAmount: config.PAYOUT_MINIMUM_AMOUNT,
      everyHours: config.PAYOUT_EVERY_HOURS,
    },
  };
}

export const anySimulated = (s: PaymentsSettings): boolean =>
  s.mastercard.simulated || s.cmi.simulated || s.stripe.simulated;
