import { describe, expect, it } from '@jest/globals';
import { loadNative } from './support/native';

type Payments = typeof import('@souk/payments');
type Platform = typeof import('@souk/platform');
const { resolvePaymentsSettings } = loadNative<Payments>('@souk/payments');
const { readEnv, ConfigError } = loadNative<Platform>('@souk/platform');

const config = (env: Record<string, string>) =>
  ({ ...readEnv(env), DATABASE_URL: 'postgres://x@127.0.0.1/x', JWT_SECRET: 'x'.repeat(40) }) as never;

const REAL = {
  MASTERCARD_GATEWAY_URL: 'https://ap-gateway.mastercard.com',
  MASTERCARD_MERCHANT_ID: 'BPMAROC0042',
  MASTERCARD_API_PASSWORD: 'a-real-api-password',
  MASTERCARD_NOTIFICATION_SECRET: 'a-real-notification-secret',
  CMI_GATEWAY_URL: 'https://payment.cmi.co.ma/fim/est3Dgate',
  CMI_API_URL: 'https://payment.cmi.co.ma/fim/api',
  CMI_CLIENT_ID: '600001234',
  CMI_STORE_KEY: 'a-real-store-key',
  CMI_API_USER: 'souk',
  CMI_API_PASSWORD: 'a-real-cmi-password',
  STRIPE_API_URL: 'https://api.stripe.com',
  STRIPE_SECRET_KEY: 'sk_live_abc123',
  STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
};

function problems(env: Record<string, string>): string[] {
  try {
    resolvePaymentsSettings(config(env));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as { problems: string[] }).problems;
  }
  return [];
}

describe('payment settings', () => {
  it('runs every provider on the simulator by default outside production', () => {
    const s = resolvePaymentsSettings(config({}));
    expect(s.enabled).toEqual(['mastercard', 'cmi', 'stripe']);
    expect([s.mastercard.simulated, s.cmi.simulated, s.stripe.simulated]).toEqual([true, true, true]);
    expect(s.publicUrl).toBe('http://localhost:3000');
    expect(s.payouts).toEqual({ holdDays: 7, minimumAmount: 10_000, everyHours: 24 });
  });

  it('uses a provider for real once its URL and secrets are given', () => {
    const s = resolvePaymentsSettings(config({ ...REAL, NODE_ENV: 'production' }));
    expect(s.mastercard).toMatchObject({
      simulated: false,
      baseUrl: 'https://ap-gateway.mastercard.com',
      merchantId: 'BPMAROC0042',
    });
    expect(s.cmi).toMatchObject({ simulated: false, storeKey: 'a-real-store-key' });
    expect(s.stripe).toMatchObject({ simulated: false, secretKey: 'sk_live_abc123' });
  });

  it('refuses to start in production while an enabled provider points at the simulator or lacks a secret', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual(
      expect.arrayContaining([
        'MASTERCARD_GATEWAY_URL must point at the real gateway in production, not the simulator',
        'MASTERCARD_API_PASSWORD is required in production while mastercard is enabled',
        'CMI_STORE_KEY is required in production while cmi is enabled',
        'STRIPE_WEBHOOK_SECRET is required in production while stripe is enabled',
      ]),
    );
    const { STRIPE_WEBHOOK_SECRET: _, ...withoutStripeSecret } = REAL;
    expect(problems({ ...withoutStripeSecret, NODE_ENV: 'production' })).toEqual([
      'STRIPE_WEBHOOK_SECRET is required in production while stripe is enabled',
    ]);
    expect(problems({ ...REAL, CMI_API_URL: 'simulator', NODE_ENV: 'production' })).toEqual([
      'CMI_API_URL must point at the real gateway in production, not the simulator',
    ]);
  });

  it('lets production run with only the providers it enables', () => {
    const { MASTERCARD_GATEWAY_URL, MASTERCARD_API_PASSWORD, MASTERCARD_NOTIFICATION_SECRET } = REAL;
    const env = {
      NODE_ENV: 'production',
      PAYMENTS_PROVIDERS: 'mastercard',
      MASTERCARD_GATEWAY_URL,
      MASTERCARD_API_PASSWORD,
      MASTERCARD_NOTIFICATION_SECRET,
    };
    expect(problems(env)).toEqual([]);
    expect(resolvePaymentsSettings(config(env)).enabled).toEqual(['mastercard']);
  });

  it('names each bad payment variable', () => {
    let message = '';
    try {
      readEnv({
        PAYMENTS_PROVIDERS: 'mastercard,paypal',
        STRIPE_SECRET_KEY: 'pk_test_x',
        CMI_GATEWAY_URL: 'ftp://cmi',
        PAYOUT_HOLD_DAYS: '-1',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of ['PAYMENTS_PROVIDERS', 'STRIPE_SECRET_KEY', 'CMI_GATEWAY_URL', 'PAYOUT_HOLD_DAYS'])
      expect(message).toContain(name);
  });
});
