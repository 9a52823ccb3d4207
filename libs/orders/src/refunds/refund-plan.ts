import {
  basisPoints,
  type ExchangeRate,
  fromMad,
  money,
  type Money,
  Problem,
  type SqlRunner,
} from '@souk/platform';
import type { SubOrderStatus } from '../orders/states';
import type { CreateRefundDto } from './dto/refund.dto';

export interface RefundableLine {
  id: string;
  unitPriceMad: number;
  quantity: number;
  /** Units refunded or being refunded (failed refunds do not count). */
  refunded: number;
}

export interface RefundableSubOrder {
  id: string;
  cooperativeId: string;
  status: SubOrderStatus;
  commissionBp: number;
  commissionMad: number;
  shippingChargeMad: number;
  shippingRefunded: number;
  commissionRefunded: number;
  lines: RefundableLine[];
}

export interface RefundPart {
  subOrderId: string;
  cooperativeId: string;
  lines: { lineId: string; quantity: number; goodsMad: number }[];
  goodsMad: number;
  shippingMad: number;
  commissionMad: number;
  /** Every unit of the sub-order is refunded once this one goes through. */
  closesSubOrder: boolean;
}

/** An order's sub-orders with what is left to refund, in one statement (under the order's lock). */
export async function refundable(tx: SqlRunner, orderId: string): Promise<RefundableSubOrder[]> {
  return tx.rows<RefundableSubOrder>(
    `SELECT s.id, s.cooperative_id AS "cooperativeId", s.status, s.commission_bp AS "commissionBp",
            s.commission_mad::float8 AS "commissionMad", s.shipping_charge_mad::float8 AS "shippingChargeMad",
            coalesce(p.shipping, 0)::float8 AS "shippingRefunded", coalesce(p.commission, 0)::float8 AS "commissionRefunded",
            (SELECT json_agg(json_build_object('id', l.id, 'unitPriceMad', l.unit_price_mad, 'quantity', l.quantity,
                    'refunded', (SELECT coalesce(sum(rp.quantity), 0) FROM refund_part rp JOIN refund r ON r.id = rp.refund_id
                                  WHERE rp.order_line_id = l.id AND r.status <> 'failed'))
                    ORDER BY l.position, l.id)
               FROM order_line l WHERE l.sub_order_id = s.id) AS lines
       FROM sub_order s
       LEFT JOIN LATERAL (SELECT sum(rp.shipping_mad) AS shipping, sum(rp.commission_mad) AS commission
                            FROM refund_part rp JOIN refund r ON r.id = rp.refund_id
                           WHERE rp.sub_order_id = s.id AND r.status <> 'failed') p ON true
      WHERE s.order_id = $1 ORDER BY s.id`,
    [orderId],
  );
}

/** What a refund request gives back, per sub-order; a request for more than is left is refused. */
export function planRefund(subs: readonly RefundableSubOrder[], dto: CreateRefundDto): RefundPart[] {
  if (dto.lines && !dto.subOrderId) throw Problem.field('subOrderId', 'is required when lines are chosen');
  if (dto.includeShipping !== undefined && !dto.lines)
    throw Problem.field('includeShipping', 'only applies with lines (a whole refund includes delivery)');
  const wanted = dto.subOrderId?.toLowerCase();
  const target = wanted ? subs.find((s) => s.id === wanted) : undefined;
  if (wanted && !target) throw Problem.field('subOrderId', 'is not a sub-order of this order');

  const parts = (target ? [target] : subs).map((sub) => (dto.lines ? chosenLines(sub, dto) : whole(sub)));
  const kept = parts.filter((p) => p.goodsMad + p.shippingMad > 0);
  if (kept.length === 0) throw Problem.conflict('Nothing is left to refund here');
  return kept;
}

function whole(sub: RefundableSubOrder): RefundPart {
  const lines = sub.lines
    .filter((l) => l.quantity > l.refunded)
    .map((l) => ({
      lineId: l.id,
      quantity: l.quantity - l.refunded,
      goodsMad: (l.quantity - l.refunded) * l.unitPriceMad,
    }));
  return part(sub, lines, true);
}

function chosenLines(sub: RefundableSubOrder, dto: CreateRefundDto): RefundPart {
  const seen = new Set<string>();
  const lines = dto.lines!.map((chosen, i) => {
    const line = sub.lines.find((l) => l.id === chosen.lineId.toLowerCase());
    if (!line) throw Problem.field(`lines[${i}].lineId`, 'is not a line of this sub-order');
    if (seen.has(line.id)) throw Problem.field(`lines[${i}].lineId`, 'is listed twice');
    seen.add(line.id);
    const left = line.quantity - line.refunded;
    if (chosen.quantity > left) {
      throw Problem.conflict(
        `Only ${left} unit${left === 1 ? '' : 's'} of line ${line.id} can still be refunded`,
        {
          errors: [{ field: `lines[${i}].quantity`, message: `exceeds the ${left} units left to refund` }],
        },
      );
    }
    return { lineId: line.id, quantity: chosen.quantity, goodsMad: chosen.quantity * line.unitPriceMad };
  });
  return part(sub, lines, dto.includeShipping === true);
}

function part(sub: RefundableSubOrder, lines: RefundPart['lines'], withShipping: boolean): RefundPart {
  const goodsMad = lines.reduce((n, l) => n + l.goodsMad, 0);
  const left = new Map(sub.lines.map((l) => [l.id, l.quantity - l.refunded]));
  for (const l of lines) left.set(l.lineId, left.get(l.lineId)! - l.quantity);
  const closesSubOrder = [...left.values()].every((n) => n === 0);
  const commissionLeft = sub.commissionMad - sub.commissionRefunded;
  // The last refund of a sub-order gives back exactly what is left, so the shares balance to the centime.
  const commissionMad = closesSubOrder
    ? commissionLeft
    : Math.min(commissionLeft, basisPoints(money(goodsMad, 'MAD'), sub.commissionBp).amount);
  return {
    subOrderId: sub.id,
    cooperativeId: sub.cooperativeId,
    lines,
    goodsMad,
    shippingMad: withShipping ? sub.shippingChargeMad - sub.shippingRefunded : 0,
    commissionMad,
    closesSubOrder,
  };
}

/**
 * The refund in the payment currency: the MAD amount at the order's own rate, except that the
 * refund that completes the order gives back exactly what is left of the payment.
 */
export function paymentAmount(
  amountMad: number,
  order: {
    totalMad: number;
    totalAmount: number;
    refundedMad: number;
    refundedAmount: number;
    rate: ExchangeRate;
  },
): Money {
  const left = order.totalAmount - order.refundedAmount;
  if (order.refundedMad + amountMad >= order.totalMad) return money(left, order.rate.currency);
  return money(Math.min(left, fromMad(amountMad, order.rate).amount), order.rate.currency);
}
