import type { PaymentStatus } from './payment';

/** Where a state change comes from: `unknown` is only ever left on the word of a retrieve. */
export type TransitionSource = 'notification' | 'retrieve' | 'operation';

const RANK: Record<PaymentStatus, number> = {
  pending: 0,
  requires_action: 1,
  authorized: 2,
  captured: 3,
  partially_refunded: 4,
  refunded: 5,
  voided: 9,
  failed: 9,
  unknown: -1,
};

export const FINAL_STATUSES: readonly PaymentStatus[] = ['refunded', 'voided', 'failed'];
export const OPEN_STATUSES: readonly PaymentStatus[] = [
  'pending',
  'requires_action',
  'authorized',
  'unknown',
];
export const PAID_STATUSES: readonly PaymentStatus[] = ['captured', 'partially_refunded', 'refunded'];

export const isFinal = (s: PaymentStatus) => FINAL_STATUSES.includes(s);
export const isPaid = (s: PaymentStatus) => PAID_STATUSES.includes(s);

/**
 * The state a payment moves to when `target` is reported: payments only move forward. A payment
 * that was paid can no longer fail or be voided (that is a refund); voided and failed end it.
 */
export function advance(
  current: PaymentStatus,
  target: PaymentStatus,
  source: TransitionSource,
): PaymentStatus {
  if (target === current || isFinal(current)) return current;
  if (current === 'unknown' && source !== 'retrieve') return current;
  if (target === 'unknown') return source === 'operation' && !isPaid(current) ? 'unknown' : current;
  if (target === 'voided' || target === 'failed') return isPaid(current) ? current : target;
  if (current === 'unknown') return target;
  return RANK[target] > RANK[current] ? target : current;
}

/** The paid state that amounts tell: what was captured, less what went back. */
export function paidStatus(captured: number, refunded: number): PaymentStatus {
  if (refunded <= 0) return 'captured';
  return refunded >= captured ? 'refunded' : 'partially_refunded';
}
