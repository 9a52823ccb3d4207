import { randomBytes } from 'node:crypto';
import { json } from './http-kit';

/** Stripe's objects as the fake builds them: only the fields Souk reads, shaped like the API's. */
export type Obj = Record<string, any>;

export const stripeId = (prefix: string) => `${prefix}_sim${randomBytes(10).toString('hex')}`;
export const now = () => Math.floor(Date.now() / 1000);
export const CURRENCIES = ['mad', 'eur', 'usd'];

export const stripeError = (status: number, type: string, message: string, extra: Obj = {}) =>
  json(status, { error: { type, message, ...extra } }, { 'request-id': stripeId('req') });

export function newIntent(p: Obj, amount: number): Obj {
  const id = stripeId('pi');
  return {
    id,
    object: 'payment_intent',
    amount,
    amount_received: 0,
    currency: p.currency,
    status: 'requires_payment_method',
    capture_method: p.capture_method ?? 'automatic_async',
    client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
    description: p.description ?? null,
    metadata: p.metadata ?? {},
    receipt_email: p.receipt_email ?? null,
    transfer_group: p.transfer_group ?? null,
    latest_charge: null,
    last_payment_error: null,
    created: now(),
    livemode: false,
  };
}

export function newCharge(pi: Obj): Obj {
  return {
    id: stripeId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: pi.capture_method === 'manual' ? 0 : pi.amount,
    amount_refunded: 0,
    currency: pi.currency,
    payment_intent: pi.id,
    transfer_group: pi.transfer_group ?? null,
    status: 'succeeded',
    refunded: false,
    created: now(),
  };
}

export function newRefund(p: Obj, pi: Obj, charge: Obj, amount: number): Obj {
  return {
    id: stripeId('re'),
    object: 'refund',
    amount,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: pi.id,
    status: 'succeeded',
    metadata: p.metadata ?? {},
    reason: p.reason ?? null,
    created: now(),
  };
}

export function newTransfer(p: Obj, amount: number): Obj {
  return {
    id: stripeId('tr'),
    object: 'transfer',
    amount,
    currency: p.currency,
    destination: p.destination,
    transfer_group: p.transfer_group ?? null,
    metadata: p.metadata ?? {},
    reversed: false,
    created: now(),
  };
}
