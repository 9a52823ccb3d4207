import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadNative } from './support/native';

type States = typeof import('../libs/orders/src/orders/states');
type Plan = typeof import('../libs/orders/src/checkout/plan');
type RefundPlan = typeof import('../libs/orders/src/refunds/refund-plan');
type Secrets = typeof import('../libs/orders/src/shared/secrets');

const states = loadNative<States>('libs/orders/src/orders/states.ts');
const { planOrder } = loadNative<Plan>('libs/orders/src/checkout/plan.ts');
const { planRefund, paymentAmount } = loadNative<RefundPlan>('libs/orders/src/refunds/refund-plan.ts');
const { canonicalJson, newOrderReference } = loadNative<Secrets>('libs/orders/src/shared/secrets.ts');

const EUR = { currency: 'EUR', madPerUnit: '10.81000000', effectiveDate: '2026-11-02', source: 'test' };
const MAD = { currency: 'MAD', madPerUnit: '1', effectiveDate: '2026-11-02', source: 'identity' };
const m = (amount: number, currency = 'MAD') => ({ amount, currency });

/** The problem+json detail a function throws (a Problem's message is only its class name). */
function detailOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { body: { detail: string } }).body.detail;
  }
  throw new Error('did not throw');
}

describe('the order state machine', () => {
  it('goes pending_payment → paid → completed | refunded | partially_refunded, or is cancelled unpaid', () => {
    expect(states.canMoveOrder('pending_payment', 'paid')).toBe(true);
    expect(states.canMoveOrder('pending_payment', 'cancelled')).toBe(true);
    expect(states.canMoveOrder('paid', 'completed')).toBe(true);
    expect(states.canMoveOrder('paid', 'partially_refunded')).toBe(true);
    expect(states.canMoveOrder('paid', 'refunded')).toBe(true);
    expect(states.canMoveOrder('completed', 'refunded')).toBe(true);
    // never backwards, never out of an end
    expect(states.canMoveOrder('paid', 'pending_payment')).toBe(false);
    expect(states.canMoveOrder('paid', 'cancelled')).toBe(false);
    expect(states.canMoveOrder('pending_payment', 'completed')).toBe(false);
    for (const end of ['cancelled', 'refunded'] as const) {
      for (const to of states.ORDER_STATUSES) expect(states.canMoveOrder(end, to)).toBe(false);
    }
  });

  it('moves a sub-order paid → accepted → shipped → delivered, cancellable only before it ships', () => {
    const path = ['pending_payment', 'paid', 'accepted', 'shipped', 'delivered'] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(states.canMoveSubOrder(path[i], path[i + 1])).toBe(true);
    expect(states.canMoveSubOrder('paid', 'shipped')).toBe(false);
    expect(states.canMoveSubOrder('pending_payment', 'accepted')).toBe(false);
    expect(states.canMoveSubOrder('accepted', 'cancelled')).toBe(true);
    expect(states.canMoveSubOrder('shipped', 'cancelled')).toBe(false);
    expect(states.canMoveSubOrder('delivered', 'cancelled')).toBe(false);
  });

  it('explains a refused transition with where the thing is and where it can go', () => {
    const problem = states.illegalTransition('sub-order', 'abc', 'paid', 'shipped');
    expect(problem.body).toMatchObject({
      status: 409,
      currentStatus: 'paid',
      requestedStatus: 'shipped',
      detail: 'The sub-order abc is paid and cannot become shipped (it can become accepted, cancelled)',
    });
  });

  it('never reaches a status outside the machine on any walk', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...states.SUB_ORDER_STATUSES), { maxLength: 20 }), (wishes) => {
        type Status = (typeof states.SUB_ORDER_STATUSES)[number];
        let at: Status = 'pending_payment' as Status;
        const seen: Status[] = [at];
        for (const to of wishes) if (states.canMoveSubOrder(at, to)) seen.push((at = to));
        // statuses only ever advance along the path (cancelled ends it)
        const order = ['pending_payment', 'paid', 'accepted', 'shipped', 'delivered'];
        const ranks = seen.filter((s) => s !== 'cancelled').map((s) => order.indexOf(s));
        expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
        if (seen.includes('cancelled')) expect(seen[seen.length - 1]).toBe('cancelled');
      }),
    );
  });
});

const line = (variantId: string, unitPriceMad: number, quantity: number) =>
  ({ variantId, unitPriceMad, quantity }) as any;
const option = (totalMad: number) => ({ totalMad: m(totalMad) }) as any;

describe('planning an order', () => {
  it('adds goods and delivery per cooperative, takes commission on goods only, converts the total once', () => {
    const plan = planOrder(
      [
        {
          cooperativeId: 'fes',
          name: 'Fès',
          slug: 'fes',
          goodsMad: 0,
          lines: [line('a', 45000, 2), line('b', 1999, 1)],
        },
        {
          cooperativeId: 'azilal',
          name: 'Azilal',
          slug: 'azilal',
          goodsMad: 0,
          lines: [line('c', 380000, 1)],
        },
      ],
      new Map([
        ['fes', option(31050)],
        ['azilal', option(99999)],
      ]),
      new Map([
        ['fes', 1000],
        ['azilal', 1250],
      ]),
      EUR,
    );
    expect(plan.subOrders.map((s) => [s.goodsMad, s.shippingChargeMad, s.totalMad, s.commissionMad])).toEqual(
      [
        [91999, 31050, 123049, 9200], // 10% of 919.99 = 91.999 → 92.00
        [380000, 99999, 479999, 47500],
      ],
    );
    expect(plan).toMatchObject({ goodsMad: 471999, shippingMad: 131049, totalMad: 603048 });
    // 6030.48 MAD at 10.81 MAD/EUR = 557.86 EUR (557.8612…)
    expect(plan.amount).toEqual(m(55786, 'EUR'));
  });
});

const sub = (id: string, lines: [number, number][], commissionBp = 1000, shipping = 5000) => {
  const goods = lines.reduce((n, [p, q]) => n + p * q, 0);
  return {
    id,
    cooperativeId: `coop-${id}`,
    status: 'paid' as const,
    commissionBp,
    commissionMad: Math.round((goods * commissionBp) / 10000),
    shippingChargeMad: shipping,
    shippingRefunded: 0,
    commissionRefunded: 0,
    lines: lines.map(([unitPriceMad, quantity], i) => ({
      id: `${id}-l${i}`,
      unitPriceMad,
      quantity,
      refunded: 0,
    })),
  };
};

describe('planning a refund', () => {
  it('refunds the whole order: every unit left, every delivery charge, every centime of commission', () => {
    const parts = planRefund([sub('s1', [[45000, 2]]), sub('s2', [[1999, 3]], 1250, 0)], { reason: 'x' });
    expect(parts).toEqual([
      expect.objectContaining({
        subOrderId: 's1',
        goodsMad: 90000,
        shippingMad: 5000,
        commissionMad: 9000,
        closesSubOrder: true,
      }),
      expect.objectContaining({
        subOrderId: 's2',
        goodsMad: 5997,
        shippingMad: 0,
        commissionMad: 750,
        closesSubOrder: true,
      }),
    ]);
  });

  it('refunds chosen units of one sub-order, delivery only when asked', () => {
    const s = sub('s1', [
      [45000, 2],
      [1999, 1],
    ]);
    const [part] = planRefund([s], {
      reason: 'x',
      subOrderId: 's1',
      lines: [{ lineId: 's1-l0', quantity: 1 }],
    });
    expect(part).toMatchObject({
      goodsMad: 45000,
      shippingMad: 0,
      commissionMad: 4500,
      closesSubOrder: false,
    });
    const [withShipping] = planRefund([s], {
      reason: 'x',
      subOrderId: 's1',
      lines: [{ lineId: 's1-l1', quantity: 1 }],
      includeShipping: true,
    });
    expect(withShipping).toMatchObject({ goodsMad: 1999, shippingMad: 5000, commissionMad: 200 });
  });

  it('refuses more units than are left, unknown lines, and lines without a sub-order', () => {
    const s = sub('s1', [[45000, 2]]);
    s.lines[0].refunded = 1;
    const tooMany = () =>
      planRefund([s], { reason: 'x', subOrderId: 's1', lines: [{ lineId: 's1-l0', quantity: 2 }] });
    expect(detailOf(tooMany)).toBe('Only 1 unit of line s1-l0 can still be refunded');
    expect(
      detailOf(() =>
        planRefund([s], { reason: 'x', subOrderId: 's1', lines: [{ lineId: 'nope', quantity: 1 }] }),
      ),
    ).toBe('lines[0].lineId is not a line of this sub-order');
    expect(detailOf(() => planRefund([s], { reason: 'x', lines: [{ lineId: 's1-l0', quantity: 1 }] }))).toBe(
      'subOrderId is required when lines are chosen',
    );
    s.lines[0].refunded = 2;
    s.shippingRefunded = 5000;
    expect(detailOf(() => planRefund([s], { reason: 'x' }))).toBe('Nothing is left to refund here');
  });

  it('balances to the last centime whatever the sequence of partial refunds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: 1, max: 5 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 80_000 }),
        fc.constantFrom(EUR, MAD, { ...EUR, currency: 'USD', madPerUnit: '9.27000000' }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        (lines, bp, shipping, rate, picks) => {
          const s = sub('s', lines, bp, shipping);
          const totalMad = lines.reduce((n, [p, q]) => n + p * q, 0) + shipping;
          const order = {
            totalMad,
            totalAmount: planTotal(totalMad, rate),
            refundedMad: 0,
            refundedAmount: 0,
            rate,
          };
          let commissionBack = 0;
          // refund one unit of a picked line at a time, then whatever is left
          for (const pick of picks) {
            const open = s.lines.filter((l) => l.quantity > l.refunded);
            if (open.length === 0) break;
            const l = open[pick % open.length];
            const [part] = planRefund([s], {
              reason: 'x',
              subOrderId: 's',
              lines: [{ lineId: l.id, quantity: 1 }],
            });
            apply(s, part, order, rate);
            commissionBack += part.commissionMad;
          }
          if (s.lines.some((l) => l.quantity > l.refunded) || s.shippingRefunded < shipping) {
            const [rest] = planRefund([s], { reason: 'x' });
            apply(s, rest, order, rate);
            commissionBack += rest.commissionMad;
          }
          expect(commissionBack).toBe(s.commissionMad);
          expect(order.refundedMad).toBe(totalMad);
          expect(order.refundedAmount).toBe(order.totalAmount);
        },
      ),
    );

    function planTotal(totalMad: number, rate: typeof EUR): number {
      return loadNative<typeof import('@souk/platform')>('@souk/platform').fromMad(totalMad, rate).amount;
    }
    function apply(s: ReturnType<typeof sub>, part: any, order: any, rate: typeof EUR) {
      const amountMad = part.goodsMad + part.shippingMad;
      const amount = paymentAmount(amountMad, order);
      expect(amount.currency).toBe(rate.currency);
      expect(amount.amount).toBeGreaterThanOrEqual(0);
      order.refundedMad += amountMad;
      order.refundedAmount += amount.amount;
      s.commissionRefunded += part.commissionMad;
      s.shippingRefunded += part.shippingMad;
      for (const l of part.lines) s.lines.find((x) => x.id === l.lineId)!.refunded += l.quantity;
    }
  });
});

describe('idempotency and references', () => {
  it('hashes the same body the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });

  it('makes order references a gateway accepts (≤ 40 chars of [A-Z0-9-])', () => {
    const refs = new Set(
      Array.from({ length: 500 }, () => newOrderReference(new Date('2026-11-23T10:00:00Z'))),
    );
    expect(refs.size).toBe(500);
    for (const r of refs) expect(r).toMatch(/^SK261123-[2-9A-HJ-NP-Z]{8}$/);
  });
});
