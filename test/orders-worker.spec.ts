import { expect, it } from '@jest/globals';
import { createTestDatabase } from './support/database';
import { loadNative } from './support/native';
import { testConfig } from './support/test-app';

type Payments = typeof import('@souk/payments');
type Platform = typeof import('@souk/platform');

// The worker runs on its own in production (npm run start:worker): its payment reconciliation must
// settle orders too, so the orders' outcome handler has to be there without the API's modules.
it('gives the payments lib the orders outcome handler in a worker-only process', async () => {
  const db = await createTestDatabase();
  const config = testConfig(db.url, { REDIS_URL: '' }); // the PostgreSQL queue backend: nothing left in Redis
  loadNative<Platform>('@souk/platform').configureQueueBackend(config);
  const { NestFactory } = loadNative<typeof import('@nestjs/core')>('@nestjs/core');
  const { WorkerAppModule } = loadNative<typeof import('../apps/worker/src/worker.module')>(
    'apps/worker/src/worker.module.ts',
  );
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config), { logger: false });
  try {
    const { PAYMENT_OUTCOME_HANDLER } = loadNative<Payments>('@souk/payments');
    const { PaymentTransitions } = loadNative<typeof import('../libs/payments/src/payment-transitions')>(
      'libs/payments/src/payment-transitions.ts',
    );
    expect(app.get(PAYMENT_OUTCOME_HANDLER, { strict: false }).constructor.name).toBe('PaymentOutcomes');
    const transitions = app.get(PaymentTransitions, { strict: false }) as unknown as { handler?: object };
    expect(transitions.handler?.constructor.name).toBe('PaymentOutcomes');
  } finally {
    await app.close();
    await db.drop();
  }
});
