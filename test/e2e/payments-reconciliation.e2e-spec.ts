import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { loadNative } from '../support/native';
import {
  openPayment,
  outboxEvents,
  paymentRow,
  payments,
  startPaymentsWorld,
  startSession,
  type PaymentsWorld,
} from '../support/payments-fixtures';
import { eventually } from '../support/wait';

// Runs on BullMQ's PostgreSQL backend without REDIS_URL, and on Redis with it.
const backend = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';

let w: PaymentsWorld;
let queue: Queue;
beforeAll(async () => {
  w = await startPaymentsWorld({
    withWorker: true,
    env: { PAYMENTS_RECONCILE_AFTER_SECONDS: '0', PAYMENTS_ABANDON_AFTER_MINUTES: '60' },
  });
  const { getQueueToken } = loadNative<typeof import('@nestjs/bullmq')>('@nestjs/bullmq');
  queue = w.t.app.get(getQueueToken(payments().PAYMENTS_QUEUE));
});
afterAll(async () => {
  await w?.close();
});

/** Runs one reconciliation through the queue, as the schedule does, and answers its summary. */
async function reconcile(): Promise<Record<string, number>> {
  const job = await queue.add(payments().RECONCILE_PAYMENTS, {});
  await eventually(
    async () => ['completed', 'failed'].includes(await queue.getJobState(job.id!)),
    20_000,
    'reconciliation',
  );
  const done = await queue.getJob(job.id!);
  expect(done?.failedReason).toBeUndefined();
  return done!.returnvalue;
}

const status = async (id: string) => (await paymentRow(w.t, id)).status;

describe(`payment reconciliation on ${backend}`, () => {
  it('schedules reconciliation every minute and payouts on their own period, once', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key).sort()).toEqual(['reconcile-payments', 'run-payouts']);
    expect(schedulers.find((s) => s.key === 'reconcile-payments')!.every).toBe(60_000);
    expect(schedulers.find((s) => s.key === 'run-payouts')!.every).toBe(24 * 3_600_000);
  });

  it('finds a payment whose notification never came, and gives up on one left unpaid', async () => {
    const paid = await openPayment(w.t, { provider: 'mastercard' });
    const session = (await startSession(w.t, paid.id)).session!.sessionId as string;
    w.sim.mastercard.sessions.get(session)!.order.notificationUrl = undefined; // the webhook is lost
    await w.sim.mastercard.pay(session, 'approve');
    const unpaid = await openPayment(w.t, { provider: 'stripe' });
    const intent = (await startSession(w.t, unpaid.id)).session!.paymentIntentId as string;
    await w.t.db.query(`UPDATE payment SET created_at = now() - interval '2 hours' WHERE id = $1`, [
      unpaid.id,
    ]);

    await reconcile();

    // The scheduled run may have been first: what counts is what the job left in our tables.
    await eventually(
      async () => (await status(paid.id)) === 'captured',
      10_000,
      'captured by reconciliation',
    );
    await eventually(
      async () => (await status(unpaid.id)) === 'failed',
      10_000,
      'abandoned by reconciliation',
    );
    expect(await outboxEvents(w.t, paid.id)).toEqual(['payment.captured']);
    expect(await paymentRow(w.t, unpaid.id)).toMatchObject({ status: 'failed', outcome: 'failed' });
    expect(w.sim.stripe.intents.get(intent)!.status).toBe('canceled');
    expect(await outboxEvents(w.t, unpaid.id)).toEqual(['payment.failed']);
  });

  it('gives the money back when a payment given up on is captured after all', async () => {
    const p = await openPayment(w.t, { provider: 'mastercard', amount: { amount: 64000, currency: 'MAD' } });
    const session = (await startSession(w.t, p.id)).session!.sessionId as string;
    await w.t.app.get(payments().PaymentsService).abandon(p.id);
    expect(await status(p.id)).toBe('failed');

    // The hosted page was still open: the buyer pays, the gateway notifies us.
    await w.sim.mastercard.pay(session, 'approve');

    await eventually(
      async () => w.sim.mastercard.orders.get(p.reference)!.status === 'REFUNDED',
      10_000,
      'late capture refunded',
    );
    await eventually(
      async () => (await paymentRow(w.t, p.id)).refunded_amount === '64000',
      5_000,
      'refund recorded',
    );
    expect(await status(p.id)).toBe('failed');
    expect(await outboxEvents(w.t, p.id)).toEqual([
      'payment.failed',
      'payment.late_capture',
      'payment.refunded',
    ]);
  });

  it('sends again a refund left pending by timeouts', async () => {
    const p = await openPayment(w.t, { provider: 'stripe', amount: { amount: 15000, currency: 'USD' } });
    const intent = (await startSession(w.t, p.id)).session!.paymentIntentId as string;
    await w.sim.stripe.pay(intent, 'approve');
    await eventually(async () => (await status(p.id)) === 'captured', 10_000, 'payment captured');
    w.sim.fail({ method: 'POST', path: '/v1/refunds', status: 503, times: 2 });

    const refund = await w.t.app.get(payments().PaymentsService).refund({
      paymentId: p.id,
      refundId: 'pending-then-sent',
      amount: { amount: 15000, currency: 'USD' },
      reason: 'never shipped',
    });
    expect(refund.status).toBe('pending');

    await reconcile();

    await eventually(
      async () =>
        (await w.t.db.query(`SELECT status FROM payment_refund WHERE id = $1`, [refund.id])).rows[0]
          .status === 'succeeded',
      10_000,
      'refund sent again',
    );
    expect(await status(p.id)).toBe('refunded');
    expect([...w.sim.stripe.refunds.values()].filter((r) => r.payment_intent === intent)).toHaveLength(1);
  });
});
