import { afterAll, beforeAll } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { GatewaySimulator, OpenPaymentInput, PaymentView } from '@souk/payments';
import { loadNative } from './native';
import { startTestApp, type TestApp } from './test-app';

/**
 * Arranging payments: the gateway simulator started by the test on 127.0.0.1 (the same fakes the
 * app runs in development), an app pointed at it with test credentials and listening on a real
 * port (so the fakes' notifications reach it), and payments opened through PaymentsService as the
 * orders lib does. Errors from the app come from another realm: match them by message.
 */
type Payments = typeof import('@souk/payments');
type Platform = typeof import('@souk/platform');

export const payments = (): Payments => loadNative<Payments>('@souk/payments');
export const platform = (): Platform => loadNative<Platform>('@souk/platform');

export const TEST_GATEWAY = {
  merchantId: 'SOUKTEST01',
  mastercardPassword: 'test-mastercard-password',
  notificationSecret: 'test-notification-secret-0123456789',
  cmiClientId: '600000042',
  cmiStoreKey: 'TestStoreKey-42',
  cmiApiUser: 'souk-api',
  cmiApiPassword: 'test-cmi-api-password',
  stripeSecretKey: 'sk_test_souktests',
  stripeWebhookSecret: 'whsec_souktests',
} as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface PaymentsWorld {
  t: TestApp;
  sim: GatewaySimulator;
  /** Where the app listens, as the gateways reach it. */
  publicUrl: string;
  close(): Promise<void>;
}

/** The simulator, then an app pointed at it; `env` adds or overrides settings. */
export async function startPaymentsWorld(
  opts: { env?: Record<string, string>; withWorker?: boolean } = {},
): Promise<PaymentsWorld> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const g = TEST_GATEWAY;
  const sim = await payments().GatewaySimulator.start({
    notificationAttempts: 2,
    mastercard: {
      merchantId: g.merchantId,
      apiPassword: g.mastercardPassword,
      notificationSecret: g.notificationSecret,
    },
    cmi: {
      clientId: g.cmiClientId,
      storeKey: g.cmiStoreKey,
      apiUser: g.cmiApiUser,
      apiPassword: g.cmiApiPassword,
    },
    stripe: {
      secretKey: g.stripeSecretKey,
      webhookSecret: g.stripeWebhookSecret,
      webhookUrl: `${publicUrl}/v1/payments/webhooks/stripe`,
    },
  });
  const t = await startTestApp({
    withWorker: opts.withWorker,
    env: {
      PAYMENTS_PUBLIC_URL: publicUrl,
      PAYMENTS_HTTP_TIMEOUT_MS: '1500',
      MASTERCARD_GATEWAY_URL: sim.url,
      MASTERCARD_MERCHANT_ID: g.merchantId,
      MASTERCARD_API_PASSWORD: g.mastercardPassword,
      MASTERCARD_NOTIFICATION_SECRET: g.notificationSecret,
      CMI_GATEWAY_URL: `${sim.url}/fim/est3Dgate`,
      CMI_API_URL: `${sim.url}/fim/api`,
      CMI_CLIENT_ID: g.cmiClientId,
      CMI_STORE_KEY: g.cmiStoreKey,
      CMI_API_USER: g.cmiApiUser,
      CMI_API_PASSWORD: g.cmiApiPassword,
      STRIPE_API_URL: sim.url,
      STRIPE_SECRET_KEY: g.stripeSecretKey,
      STRIPE_WEBHOOK_SECRET: g.stripeWebhookSecret,
      ...opts.env,
    },
  });
  await t.app.listen(port, '127.0.0.1');
  return {
    t,
    sim,
    publicUrl,
    close: async () => {
      await sim.idle();
      await t.close();
      await sim.close();
    },
  };
}

/**
 * The payments specs' common setup: a world started before the file's tests and closed after them,
 * the app's PaymentsService, and a payment's status. Call it at the top of the spec file; `w` is
 * filled in place by beforeAll, so the spec can destructure it at once.
 */
export function usePaymentsWorld() {
  const w = {} as PaymentsWorld;
  let started = false;
  beforeAll(async () => {
    Object.assign(w, await startPaymentsWorld());
    started = true;
  });
  afterAll(async () => {
    if (started) await w.close();
  });
  return {
    w,
    service: () => w.t.app.get(payments().PaymentsService),
    status: async (id: string) => (await paymentRow(w.t, id)).status,
  };
}

let referenceCounter = 0;
export const newReference = (prefix = 'SK') =>
  `${prefix}-${Date.now().toString(36).toUpperCase()}-${++referenceCounter}${randomBytes(2).toString('hex')}`;

export interface OpenedPayment {
  id: string;
  orderId: string;
  reference: string;
}

/** Opens a payment the way checkout does: in a transaction, for an order that need not exist here. */
export async function openPayment(
  t: TestApp,
  input: Partial<OpenPaymentInput> & { provider: OpenPaymentInput['provider'] },
): Promise<OpenedPayment> {
  const { PaymentsService } = payments();
  const { Sql } = platform();
  const amount = input.amount ?? { amount: 90000, currency: 'MAD' };
  const full: OpenPaymentInput = {
    orderId: randomUUID(),
    reference: newReference(),
    amountMad: amount.currency === 'MAD' ? amount : { amount: amount.amount * 10, currency: 'MAD' },
    rate: {
      currency: amount.currency,
      madPerUnit: amount.currency === 'MAD' ? '1' : '10.81',
      effectiveDate: '2026-11-02',
      source: 'test',
    },
    buyer: { email: 'amina@example.com', name: 'Amina Test', locale: 'fr' },
    cooperatives: [],
    ...input,
    amount,
  };
  const { id } = await t.app.get(Sql).transaction((tx) => t.app.get(PaymentsService).open(tx, full));
  return { id, orderId: full.orderId, reference: full.reference };
}

export async function startSession(t: TestApp, paymentId: string): Promise<PaymentView> {
  const { PaymentsService } = payments();
  return t.app.get(PaymentsService).startSession(paymentId);
}

export async function paymentRow(t: TestApp, id: string): Promise<Record<string, any>> {
  const { rows } = await t.db.query(`SELECT * FROM payment WHERE id = $1`, [id]);
  return rows[0];
}

export async function paymentEvents(t: TestApp, id: string): Promise<Record<string, any>[]> {
  const { rows } = await t.db.query(`SELECT * FROM payment_event WHERE payment_id = $1 ORDER BY id`, [id]);
  return rows;
}

export async function outboxEvents(t: TestApp, aggregateId: string): Promise<string[]> {
  const { rows } = await t.db.query(`SELECT type FROM outbox_event WHERE aggregate_id = $1 ORDER BY id`, [
    aggregateId,
  ]);
  return rows.map((r) => r.type);
}

/** The problem+json body a service call failed with (Problems come from another realm: read, not matched by class). */
export async function problemOf(
  work: Promise<unknown>,
): Promise<{ status: number; detail: string; errors?: { field: string; message: string }[] }> {
  try {
    await work;
  } catch (err) {
    const body = (err as { body?: unknown }).body;
    if (body) return body as never;
    throw err;
  }
  throw new Error('expected the call to fail with a problem');
}
