import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { signUp, type Actor } from '../support/actors';
import { givenMember, givenSeller, type Seller } from '../support/catalogue-fixtures';
import { payments, platform, startPaymentsWorld, type PaymentsWorld } from '../support/payments-fixtures';

let w: PaymentsWorld;
let admin: Actor;
beforeAll(async () => {
  w = await startPaymentsWorld({ env: { PAYOUT_HOLD_DAYS: '7', PAYOUT_MINIMUM_AMOUNT: '10000' } });
  admin = await signUp(w.t, { name: 'Admin', admin: true });
});
afterAll(async () => {
  await w?.close();
});

const mad = (amount: number) => ({ amount, currency: 'MAD' });

function rib(bankAndAccount: string): string {
  return bankAndAccount + payments().ribKey(bankAndAccount);
}

/** Entries through LedgerService, in one transaction, as the order side records them (dated now). */
async function record(entries: { cooperativeId: string; kind: string; amount: number; orderId?: string }[]) {
  const { LedgerService } = payments();
  const { Sql } = platform();
  await w.t.app.get(Sql).transaction((tx) =>
    w.t.app.get(LedgerService).record(
      tx,
      entries.map((e) => ({ ...e, kind: e.kind as never, amount: mad(e.amount) })),
    ),
  );
}

/** A sale (and its commission) recorded `days` ago: both lines of each journal in one statement. */
async function oldSale(cooperativeId: string, amount: number, commission: number, days: number) {
  const orderId = randomUUID();
  const journal = (kind: string, contra: string, coopAmount: number) =>
    w.t.db.query(
      `INSERT INTO ledger_entry (journal_id, kind, account, cooperative_id, amount, order_id, created_at) VALUES
         ($1, $2, 'cooperative', $4, $5::bigint, $6, now() - make_interval(days => $7)),
         ($1, $2, $3, $4, -$5::bigint, $6, now() - make_interval(days => $7))`,
      [randomUUID(), kind, contra, cooperativeId, coopAmount, orderId, days],
    );
  await journal('sale', 'platform_cash', amount);
  if (commission > 0) await journal('commission', 'platform_commission', -commission);
}

async function setAccount(seller: Seller, body: Record<string, unknown>) {
  return w.t
    .http()
    .put(`/v1/cooperatives/${seller.coop.id}/payout-account`)
    .set('authorization', seller.auth)
    .send(body);
}

const overview = (coopId: string, who: Actor) =>
  w.t.http().get(`/v1/cooperatives/${coopId}/payouts`).set('authorization', who.auth);

describe('the cooperatives ledger', () => {
  it('keeps every journal balanced and every entry as written', async () => {
    const seller = await givenSeller(w.t, { name: 'Ledger' });
    await record([
      { cooperativeId: seller.coop.id, kind: 'sale', amount: 45000 },
      { cooperativeId: seller.coop.id, kind: 'commission', amount: -5400 },
    ]);

    const { rows } = await w.t.db.query(
      `SELECT journal_id, sum(amount)::int AS total, count(*)::int AS lines FROM ledger_entry
        WHERE cooperative_id = $1 GROUP BY journal_id`,
      [seller.coop.id],
    );
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.total === 0 && r.lines === 2)).toBe(true);
    await expect(
      w.t.db.query(
        `INSERT INTO ledger_entry (journal_id, kind, account, cooperative_id, amount) VALUES ($1, 'sale', 'cooperative', $2, 100)`,
        [randomUUID(), seller.coop.id],
      ),
    ).rejects.toThrow(/does not balance/);
    await expect(
      w.t.db.query(`UPDATE ledger_entry SET amount = amount + 1 WHERE cooperative_id = $1`, [seller.coop.id]),
    ).rejects.toThrow(/never changed/);
    await expect(
      w.t.db.query(`DELETE FROM ledger_entry WHERE cooperative_id = $1`, [seller.coop.id]),
    ).rejects.toThrow(/never changed/);
  });

  it('refuses entries in another currency or with the wrong sign', async () => {
    const seller = await givenSeller(w.t, { name: 'Signs' });
    await expect(
      record([{ cooperativeId: seller.coop.id, kind: 'commission', amount: 5400 }]),
    ).rejects.toThrow(/commission entry is a debit/);
    const { LedgerService } = payments();
    const { Sql } = platform();
    await expect(
      w.t.app
        .get(Sql)
        .transaction((tx) =>
          w.t.app
            .get(LedgerService)
            .record(tx, [
              { cooperativeId: seller.coop.id, kind: 'sale', amount: { amount: 100, currency: 'EUR' } },
            ]),
        ),
    ).rejects.toThrow(/ledger entries are in MAD/);
  });

  it('gives the balance as the sum of entries and holds recent sales back from what is available', async () => {
    const seller = await givenSeller(w.t, { name: 'Balance' });
    await oldSale(seller.coop.id, 100000, 12000, 10);
    await record([
      { cooperativeId: seller.coop.id, kind: 'sale', amount: 30000 },
      { cooperativeId: seller.coop.id, kind: 'commission', amount: -3600 },
      { cooperativeId: seller.coop.id, kind: 'refund', amount: -10001 },
      { cooperativeId: seller.coop.id, kind: 'commission_refund', amount: 1200 },
    ]);

    const res = await overview(seller.coop.id, seller);

    expect(res.status).toBe(200);
    // 100000 − 12000 + 30000 − 3600 − 10001 + 1200
    expect(res.body.balance).toEqual(mad(105599));
    // held back: the recent sale; refunds and commissions count at once
    expect(res.body.available).toEqual(mad(105599 - 30000));
    expect(res.body.entries.items.map((e: any) => e.kind)).toEqual([
      'commission_refund',
      'refund',
      'commission',
      'sale',
      'commission',
      'sale',
    ]);
    expect(res.body.entries.items.reduce((s: number, e: any) => s + e.amount.amount, 0)).toBe(105599);
    const page1 = await w.t
      .http()
      .get(`/v1/cooperatives/${seller.coop.id}/payouts?limit=4`)
      .set('authorization', seller.auth);
    const page2 = await w.t
      .http()
      .get(`/v1/cooperatives/${seller.coop.id}/payouts?limit=4&cursor=${page1.body.entries.nextCursor}`)
      .set('authorization', seller.auth);
    expect(page1.body.entries.items).toHaveLength(4);
    expect(page2.body.entries).toMatchObject({ nextCursor: null });
    expect(page2.body.entries.items.map((e: any) => e.kind)).toEqual(['commission', 'sale']);
  });

  it('shows a cooperative its own payouts only', async () => {
    const seller = await givenSeller(w.t, { name: 'Mine' });
    const other = await givenSeller(w.t, { name: 'Other' });
    const manager = await signUp(w.t, { name: 'Manager' });
    await givenMember(w.t, seller.coop, manager, 'manager');

    expect((await overview(seller.coop.id, other)).status).toBe(403);
    expect((await overview(seller.coop.id, manager)).status).toBe(200);
    expect((await overview(seller.coop.id, admin)).status).toBe(200);
    expect((await w.t.http().get(`/v1/cooperatives/${seller.coop.id}/payouts`)).status).toBe(401);
    expect((await overview(randomUUID(), admin)).status).toBe(404);
    expect(
      (
        await setAccount(
          { ...seller, auth: manager.auth },
          { method: 'stripe', accountHolder: 'x y', stripeAccountId: 'acct_1234567' },
        )
      ).status,
    ).toBe(403);
  });
});

describe('payout accounts', () => {
  it('takes a RIB whose key matches, masks it, and names the field when it does not', async () => {
    const seller = await givenSeller(w.t, { name: 'Rib' });
    const good = rib('1810000000012345678901');
    const bad = good.slice(0, 22) + String((Number(good.slice(22)) + 1) % 100).padStart(2, '0');

    const refused = await setAccount(seller, {
      method: 'bank_transfer',
      accountHolder: 'Coopérative Rib',
      rib: bad,
    });
    const missing = await setAccount(seller, { method: 'stripe', accountHolder: 'Coopérative Rib' });
    const saved = await setAccount(seller, {
      method: 'bank_transfer',
      accountHolder: 'Coopérative Rib',
      rib: good.replace(/(\d{3})/g, '$1 ').trim(),
      bankName: 'Banque Populaire',
    });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'rib', message: 'must be a Moroccan RIB: 24 digits whose check key matches' },
    ]);
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: any) => e.field)).toEqual(['stripeAccountId']);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      method: 'bank_transfer',
      rib: `${'•'.repeat(20)}${good.slice(-4)}`,
      bankName: 'Banque Populaire',
    });
    const { rows } = await w.t.db.query(
      `SELECT rib FROM cooperative_payout_account WHERE cooperative_id = $1`,
      [seller.coop.id],
    );
    expect(rows[0].rib).toBe(good);
  });
});

describe('payout runs', () => {
  it('pays each cooperative its available balance to the centime, by bank file or Stripe transfer, once', async () => {
    const bank = await givenSeller(w.t, { name: 'Bank' });
    const connected = await givenSeller(w.t, { name: 'Connected' });
    const noAccount = await givenSeller(w.t, { name: 'Unset' });
    const small = await givenSeller(w.t, { name: 'Small' });
    const bankRib = rib('0077800001234567890123');
    expect(
      (
        await setAccount(bank, {
          method: 'bank_transfer',
          accountHolder: 'Coopérative Tafilalet, "Rissani"',
          rib: bankRib,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await setAccount(connected, {
          method: 'stripe',
          accountHolder: 'Atelier Zellige Fès',
          stripeAccountId: 'acct_1FesZellige01',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await setAccount(small, {
          method: 'stripe',
          accountHolder: 'Small',
          stripeAccountId: 'acct_1Small0001',
        })
      ).status,
    ).toBe(200);
    await oldSale(bank.coop.id, 970821, 116500, 9);
    await record([{ cooperativeId: bank.coop.id, kind: 'refund', amount: -10000 }]);
    await oldSale(connected.coop.id, 250001, 30000, 8);
    await record([{ cooperativeId: connected.coop.id, kind: 'sale', amount: 44400 }]); // still held
    await oldSale(noAccount.coop.id, 50000, 6000, 20);
    await oldSale(small.coop.id, 9999, 0, 20);

    const run = await w.t.http().post('/v1/admin/payouts/run').set('authorization', admin.auth);

    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ created: 2, total: mad(844321 + 220001), transferred: 1, failed: 0 });
    const bankView = (await overview(bank.coop.id, bank)).body;
    expect(bankView.balance).toEqual(mad(0));
    expect(bankView.payouts).toMatchObject([
      { method: 'bank_transfer', status: 'pending', amount: mad(844321), batchId: run.body.batchId },
    ]);
    const connectedView = (await overview(connected.coop.id, connected)).body;
    expect(connectedView.balance).toEqual(mad(44400));
    expect(connectedView.available).toEqual(mad(0));
    expect(connectedView.payouts[0]).toMatchObject({ method: 'stripe', status: 'paid', amount: mad(220001) });
    const transfer = [...w.sim.stripe.transfers.values()].find(
      (t) => t.destination === 'acct_1FesZellige01',
    )!;
    expect(transfer).toMatchObject({
      amount: 220001,
      currency: 'mad',
      transfer_group: `payout-${connectedView.payouts[0].id}`,
    });
    expect(connectedView.payouts[0].stripeTransferId).toBe(transfer.id);
    expect((await overview(noAccount.coop.id, noAccount)).body.balance).toEqual(mad(44000));
    expect((await overview(small.coop.id, small)).body.payouts).toEqual([]);

    const file = await w.t
      .http()
      .get(`/v1/admin/payout-batches/${run.body.batchId}/file`)
      .set('authorization', admin.auth);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    const lines = file.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'payout_id,cooperative_id,cooperative,account_holder,rib,amount,currency,reference',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,"Coopérative Tafilalet, ""Rissani""",${bankRib},8443.21,MAD,SOUK `);

    const again = await w.t.http().post('/v1/admin/payouts/run').set('authorization', admin.auth);
    expect(again.body).toMatchObject({ created: 0, transferred: 0 });

    const paid = await w.t
      .http()
      .post(`/v1/admin/payout-batches/${run.body.batchId}/paid`)
      .set('authorization', admin.auth);
    expect(paid.body).toMatchObject({ status: 'paid', payouts: 1, total: mad(844321) });
    expect((await overview(bank.coop.id, bank)).body.payouts[0].status).toBe('paid');
    const notAdmin = await w.t
      .http()
      .get(`/v1/admin/payout-batches/${run.body.batchId}/file`)
      .set('authorization', bank.auth);
    expect(notAdmin.status).toBe(403);

    // Every line of every journal in this file's ledger still sums to zero.
    const { rows } = await w.t.db.query(`SELECT coalesce(sum(amount), 0)::bigint AS total FROM ledger_entry`);
    expect(rows[0].total).toBe('0');
  });

  it('credits back a transfer Stripe refuses, and retries one whose answer was lost without paying twice', async () => {
    const gone = await givenSeller(w.t, { name: 'Gone' });
    const slow = await givenSeller(w.t, { name: 'Slow' });
    await setAccount(gone, { method: 'stripe', accountHolder: 'Gone', stripeAccountId: 'acct_1Closed00001' });
    await setAccount(slow, { method: 'stripe', accountHolder: 'Slow', stripeAccountId: 'acct_1SlowAnswer1' });
    w.sim.stripe.missingAccounts.add('acct_1Closed00001');
    await oldSale(gone.coop.id, 60000, 0, 30);
    await oldSale(slow.coop.id, 70000, 0, 30);
    w.sim.fail({
      method: 'POST',
      path: '/v1/transfers',
      requestBody: 'acct_1SlowAnswer1',
      delayMs: 2_000,
      afterProcessing: true,
      times: 2,
    });
    const { PayoutsService } = payments();

    const first = await w.t.app.get(PayoutsService).run();
    const goneView = (await overview(gone.coop.id, gone)).body;
    const slowBefore = (await overview(slow.coop.id, slow)).body;
    const second = await w.t.app.get(PayoutsService).run();

    expect(first.created).toBe(2);
    expect(goneView.payouts[0]).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('No such destination'),
    });
    expect(goneView.balance).toEqual(mad(60000));
    expect(goneView.entries.items.map((e: any) => e.kind).slice(0, 2)).toEqual(['payout_reversal', 'payout']);
    expect(slowBefore.payouts[0].status).toBe('pending');
    expect(second).toMatchObject({ created: 0, transferred: 1 });
    expect(
      [...w.sim.stripe.transfers.values()].filter((t) => t.destination === 'acct_1SlowAnswer1'),
    ).toHaveLength(1);
    expect((await overview(slow.coop.id, slow)).body.payouts[0].status).toBe('paid');

    // A new account lets the balance go out again.
    await setAccount(gone, { method: 'stripe', accountHolder: 'Gone', stripeAccountId: 'acct_1Reopened001' });
    expect(await w.t.app.get(PayoutsService).run()).toMatchObject({ created: 1, transferred: 1, failed: 0 });
    expect((await overview(gone.coop.id, gone)).body.balance).toEqual(mad(0));
  });

  it('credits back a bank payout the bank returned', async () => {
    const coop = await givenSeller(w.t, { name: 'Returned' });
    await setAccount(coop, {
      method: 'bank_transfer',
      accountHolder: 'Returned',
      rib: rib('2250000000000000000042'),
    });
    await oldSale(coop.coop.id, 33333, 3333, 15);
    const { PayoutsService } = payments();
    await w.t.app.get(PayoutsService).run();
    const payout = (await overview(coop.coop.id, coop)).body.payouts[0];

    const failed = await w.t
      .http()
      .post(`/v1/admin/payouts/${payout.id}/failed`)
      .set('authorization', admin.auth)
      .send({ reason: 'Account closed' });
    const twice = await w.t
      .http()
      .post(`/v1/admin/payouts/${payout.id}/failed`)
      .set('authorization', admin.auth)
      .send({ reason: 'Account closed' });

    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', lastError: 'Account closed' });
    expect(twice.status).toBe(409);
    expect((await overview(coop.coop.id, coop)).body.balance).toEqual(mad(30000));
  });
});
