import type { Principal } from '@souk/platform';
import { Problem, problemType } from '@souk/platform';

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'completed',
  'cancelled',
  'refunded',
  'partially_refunded',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const SUB_ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'accepted',
  'shipped',
  'delivered',
  'cancelled',
] as const;
export type SubOrderStatus = (typeof SUB_ORDER_STATUSES)[number];

/**
 * The order's own life. A paid order ends completed once every part is delivered, or refunded;
 * further partial refunds keep it partially_refunded, and goods can be refunded after delivery.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['completed', 'partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded', 'completed'],
  completed: ['partially_refunded', 'refunded'],
  cancelled: [],
  refunded: [],
};

/** One cooperative's part: it accepts, ships and delivers it; it can be cancelled until it ships. */
export const SUB_ORDER_TRANSITIONS: Readonly<Record<SubOrderStatus, readonly SubOrderStatus[]>> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['accepted', 'cancelled'],
  accepted: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

export const canMoveOrder = (from: OrderStatus, to: OrderStatus): boolean =>
  ORDER_TRANSITIONS[from].includes(to);
export const canMoveSubOrder = (from: SubOrderStatus, to: SubOrderStatus): boolean =>
  SUB_ORDER_TRANSITIONS[from].includes(to);

/** A transition the machine does not allow: 409, naming where the thing is and where it can go. */
export function illegalTransition(
  what: 'order' | 'sub-order',
  id: string,
  from: string,
  to: string,
): Problem {
  const next = (
    what === 'order' ? ORDER_TRANSITIONS[from as OrderStatus] : SUB_ORDER_TRANSITIONS[from as SubOrderStatus]
  ).filter((s) => s !== from);
  return new Problem({
    type: problemType('invalid-transition'),
    title: 'Not allowed in this state',
    status: 409,
    detail: `The ${what} ${id} is ${from} and cannot become ${to}${next.length ? ` (it can become ${next.join(', ')})` : ''}`,
    currentStatus: from,
    requestedStatus: to,
  });
}

/** Who made a transition, as recorded in order_event. */
export interface Actor {
  kind: 'user' | 'guest' | 'api-key' | 'system' | 'payment';
  id: string | null;
}

export const SYSTEM: Actor = { kind: 'system', id: null };

export function actorOf(principal: Principal | undefined): Actor {
  if (!principal) return { kind: 'guest', id: null };
  return principal.kind === 'user'
    ? { kind: 'user', id: principal.userId }
    : { kind: 'api-key', id: principal.keyId };
}
