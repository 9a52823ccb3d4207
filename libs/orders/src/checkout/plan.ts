import { basisPoints, type ExchangeRate, fromMad, money, type Money } from '@souk/platform';
import type { CheckoutShippingOption } from '@souk/shipping';
import type { CartLine, CooperativeGroup } from '../carts/cart-lines';

export interface SubOrderPlan {
  cooperativeId: string;
  lines: CartLine[];
  goodsMad: number;
  option: CheckoutShippingOption;
  /** What the buyer pays for delivery: the option's total (duties and taxes included when DDP). */
  shippingChargeMad: number;
  /** goods + shipping charge: the cooperative's sale, and its share of the payment. */
  totalMad: number;
  commissionBp: number;
  commissionMad: number;
}

export interface OrderPlan {
  subOrders: SubOrderPlan[];
  goodsMad: number;
  shippingMad: number;
  totalMad: number;
  /** The total in the payment currency, converted once from the MAD total. */
  amount: Money;
}

/**
 * An order's figures, all integers of minor units. Commission is on goods only, rounded half away
 * from zero per cooperative; the payment amount is the MAD total converted once at the recorded rate.
 */
export function planOrder(
  groups: readonly CooperativeGroup[],
  options: ReadonlyMap<string, CheckoutShippingOption>,
  commission: ReadonlyMap<string, number>,
  rate: ExchangeRate,
): OrderPlan {
  const subOrders = groups.map((g): SubOrderPlan => {
    const option = options.get(g.cooperativeId)!;
    const goodsMad = g.lines.reduce((n, l) => n + l.unitPriceMad * l.quantity, 0);
    const shippingChargeMad = option.totalMad.amount;
    const commissionBp = commission.get(g.cooperativeId)!;
    return {
      cooperativeId: g.cooperativeId,
      lines: g.lines,
      goodsMad,
      option,
      shippingChargeMad,
      totalMad: goodsMad + shippingChargeMad,
      commissionBp,
      commissionMad: basisPoints(money(goodsMad, 'MAD'), commissionBp).amount,
    };
  });
  const goodsMad = subOrders.reduce((n, s) => n + s.goodsMad, 0);
  const shippingMad = subOrders.reduce((n, s) => n + s.shippingChargeMad, 0);
  const totalMad = goodsMad + shippingMad;
  return { subOrders, goodsMad, shippingMad, totalMad, amount: fromMad(totalMad, rate) };
}
