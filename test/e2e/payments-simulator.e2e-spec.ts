import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openPayment, paymentRow, payments, startSession } from '../support/payments-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A development machine with no gateway credentials: the app starts the gateway simulator itself
 * (the same fakes the tests use) and marks what it answers as simulated.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const simulatorUrl = () => t.app.get(payments().PAYMENTS_RUNTIME).simulator!.url;

describe('the gateway simulator', () => {
  it('starts with the app on a local port when no provider has credentials', () => {
    const runtime = t.app.get(payments().PAYMENTS_RUNTIME);
    expect(runtime.simulator).not.toBeNull();
    expect(runtime.settings.mastercard).toMatchObject({ simulated: true, baseUrl: simulatorUrl() });
    expect(runtime.settings.cmi).toMatchObject({
      simulated: true,
      gatewayUrl: `${simulatorUrl()}/fim/est3Dgate`,
    });
    expect(runtime.settings.stripe).toMatchObject({ simulated: true, apiUrl: simulatorUrl() });
    expect(simulatorUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lets a buyer approve on a plain hosted page, and the payment says it was simulated', async () => {
    const p = await openPayment(t, { provider: 'mastercard', amount: { amount: 45000, currency: 'MAD' } });
    const view = await startSession(t, p.id);
    expect(view.session).toMatchObject({ provider: 'mastercard', simulated: true });
    expect((await paymentRow(t, p.id)).simulated).toBe(true);

    const page = await fetch(view.session!.paymentPageUrl as string);
    const html = await page.text();
    expect(html).toContain('Simulated payment');
    expect(html).toContain('450.00 MAD');
    expect(html).toContain('Approve payment');

    const decided = await fetch(view.session!.paymentPageUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=approve',
      redirect: 'manual',
    });
    const back = new URL(decided.headers.get('location')!);
    expect(back.pathname).toBe(`/v1/payments/${p.id}/return`);

    // The app is not listening here, so no notification arrived: coming back retrieves the payment.
    const returned = await t.http().get(back.pathname + back.search);
    expect(returned.text).toContain('Payment captured');
    expect(returned.text).toContain('Simulated payment: no card was charged');
    expect((await paymentRow(t, p.id)).status).toBe('captured');
  });

  it('hands out a CMI form and a Stripe page on the simulator too', async () => {
    const cmi = await startSession(t, (await openPayment(t, { provider: 'cmi' })).id);
    const stripe = await startSession(
      t,
      (await openPayment(t, { provider: 'stripe', amount: { amount: 5000, currency: 'EUR' } })).id,
    );

    expect(cmi.session).toMatchObject({ simulated: true, action: `${simulatorUrl()}/fim/est3Dgate` });
    const gate = await fetch(cmi.session!.action as string, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(cmi.session!.fields as Record<string, string>).toString(),
    });
    expect(await gate.text()).toContain('Simulated payment');
    expect(stripe.session).toMatchObject({ simulated: true, publishableKey: 'pk_test_simulator' });
    expect(await (await fetch(stripe.session!.paymentPageUrl as string)).text()).toContain('50.00 EUR');
  });

  it('describes the payment routes in the OpenAPI document', async () => {
    const doc = await t.http().get('/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/payments/webhooks/{provider}',
        '/v1/cooperatives/{id}/payouts',
        '/v1/cooperatives/{id}/payout-account',
        '/v1/admin/payout-batches/{id}/file',
      ]),
    );
  });
});
