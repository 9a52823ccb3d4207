import { toMajorString } from '@souk/platform';

/** The gateway's book of orders and transactions, as the Mastercard fake keeps and reports it. */
export interface McTransaction {
  id: string;
  type: 'PAYMENT' | 'AUTHORIZATION' | 'CAPTURE' | 'REFUND' | 'VOID_AUTHORIZATION';
  result: 'SUCCESS' | 'FAILURE' | 'PENDING';
  gatewayCode: string;
  amount: number;
  currency: string;
  apiOperation?: string;
  timeOfRecord: string;
}

export interface McOrder {
  id: string;
  amount: number;
  currency: string;
  status: string;
  notificationUrl?: string;
  transactions: McTransaction[];
}

export type NewTransaction = Omit<McTransaction, 'id' | 'currency' | 'timeOfRecord'> & { id?: string };

export function recordTransaction(order: McOrder, t: NewTransaction): McTransaction {
  const txn: McTransaction = {
    ...t,
    id: t.id ?? String(order.transactions.length + 1),
    currency: order.currency,
    timeOfRecord: new Date().toISOString(),
  };
  order.transactions.push(txn);
  return txn;
}

/** Sums of the successful transactions of these types, in minor units. */
export function total(order: McOrder, ...types: McTransaction['type'][]): number {
  return order.transactions
    .filter((t) => t.result === 'SUCCESS' && types.includes(t.type))
    .reduce((s, t) => s + t.amount, 0);
}

/** order.status as the gateway derives it from the transactions. */
export function restate(order: McOrder): void {
  const captured = total(order, 'PAYMENT', 'CAPTURE');
  const refunded = total(order, 'REFUND');
  if (total(order, 'VOID_AUTHORIZATION') > 0) order.status = 'CANCELLED';
  else if (captured > 0 && refunded >= captured) order.status = 'REFUNDED';
  else if (refunded > 0) order.status = 'PARTIALLY_REFUNDED';
  else if (captured > 0) order.status = 'CAPTURED';
  else if (total(order, 'AUTHORIZATION') > 0) order.status = 'AUTHORIZED';
  else if (order.transactions.some((t) => t.result === 'FAILURE')) order.status = 'FAILED';
}

/** The Retrieve Order answer (amounts as decimal strings in major units). */
export function orderBody(order: McOrder) {
  const major = (amount: number) => toMajorString({ amount, currency: order.currency });
  return {
    id: order.id,
    amount: major(order.amount),
    currency: order.currency,
    status: order.status,
    totalAuthorizedAmount: major(total(order, 'PAYMENT', 'AUTHORIZATION')),
    totalCapturedAmount: major(total(order, 'PAYMENT', 'CAPTURE')),
    totalRefundedAmount: major(total(order, 'REFUND')),
    transaction: order.transactions.map((t) => ({
      transaction: { id: t.id, type: t.type, amount: major(t.amount), currency: t.currency },
      result: t.result,
      response: { gatewayCode: t.gatewayCode },
      timeOfRecord: t.timeOfRecord,
    })),
  };
}

/** A transaction's answer, which is also the body of its notification. */
export function transactionBody(merchantId: string, order: McOrder, txn: McTransaction) {
  const major = (amount: number) => toMajorString({ amount, currency: order.currency });
  const { transaction: _all, ...orderFields } = orderBody(order);
  return {
    merchant: merchantId,
    order: orderFields,
    result: txn.result,
    response: { gatewayCode: txn.gatewayCode },
    transaction: { id: txn.id, type: txn.type, amount: major(txn.amount), currency: txn.currency },
    timeOfRecord: txn.timeOfRecord,
  };
}
