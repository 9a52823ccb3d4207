import { fromMajorString, toMajorString } from '@souk/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import type { SimulatorContext } from './gateway-simulator';
import {
  orderBody,
  recordTransaction,
  restate,
  total,
  transactionBody,
  type McOrder,
  type McTransaction,
} from './mastercard-orders';
import {
  formFields,
  header,
  html,
  json,
  paymentPage,
  redirect,
  type SimRequest,
  type SimResponse,
} from './http-kit';

export interface MastercardFakeOptions {
  merchantId: string;
  apiPassword: string;
  notificationSecret: string;
  currencies?: string[];
}

interface McSession {
  id: string;
  successIndicator: string;
  operation: 'PURCHASE' | 'AUTHORIZE';
  merchantName: string;
  returnUrl: string;
  order: { id: string; amount: number; currency: string; notificationUrl?: string };
}

const API = /^\/api\/rest\/version\/(\d+)\/merchant\/([^/]+)(\/.*)$/;
const ID = /^[A-Za-z0-9_.-]{1,40}$/;

const error = (status: number, cause: string, explanation: string, field?: string) =>
  json(status, {
    error: { cause, explanation, field, validationType: field ? 'INVALID' : undefined },
    result: 'ERROR',
  });

/** The Mastercard Gateway's REST API (version 100) as Souk uses it, with a hosted payment page. */
export class MastercardFake {
  readonly sessions = new Map<string, McSession>();
  readonly orders = new Map<string, McOrder>();

  constructor(
    private readonly ctx: SimulatorContext,
    private readonly opts: MastercardFakeOptions,
  ) {}

  async handle(req: SimRequest): Promise<SimResponse | undefined> {
    const page = /^\/checkout\/pay\/([A-Za-z0-9]+)$/.exec(req.path);
    if (page && req.method === 'GET') return this.showPage(page[1]);
    if (page && req.method === 'POST') {
      const decision = formFields(req.text).decision === 'approve' ? 'approve' : 'decline';
      return redirect(await this.pay(page[1], decision));
    }
    const api = API.exec(req.path);
    if (!api) return undefined;
    const [, version, merchant, rest] = api;
    if (version !== '100') return error(400, 'INVALID_REQUEST', `Unsupported API version ${version}`);
    if (!this.authorized(req, merchant)) return error(401, 'INVALID_REQUEST', 'Invalid credentials.');
    if (rest === '/session' && req.method === 'POST') return this.initiateCheckout(req);
    const order = /^\/order\/([^/]+)$/.exec(rest);
    if (order && req.method === 'GET') return this.retrieveOrder(decodeURIComponent(order[1]));
    const txn = /^\/order\/([^/]+)\/transaction\/([^/]+)$/.exec(rest);
    if (txn && req.method === 'PUT')
      return this.transaction(decodeURIComponent(txn[1]), decodeURIComponent(txn[2]), req);
    return error(404, 'INVALID_REQUEST', 'Unknown operation');
  }

  /** The buyer's decision on the hosted page; answers where the browser goes next. */
  async pay(sessionId: string, decision: 'approve' | 'decline'): Promise<string> {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const order = this.orderFor(session);
    const approved = decision === 'approve';
    const purchase = session.operation === 'PURCHASE';
    const txn = recordTransaction(order, {
      type: purchase ? 'PAYMENT' : 'AUTHORIZATION',
      result: approved ? 'SUCCESS' : 'FAILURE',
      gatewayCode: approved ? 'APPROVED' : 'DECLINED',
      amount: order.amount,
    });
    restate(order);
    void this.notify(order, txn);
    const indicator = approved ? session.successIndicator : randomBytes(8).toString('hex');
    const back = new URL(session.returnUrl);
    back.searchParams.set('resultIndicator', indicator);
    back.searchParams.set('sessionVersion', '1');
    return back.toString();
  }

  /** Sends (again) the notification of one transaction, as the gateway does. */
  notify(order: McOrder, txn: McTransaction) {
    const url = order.notificationUrl;
    if (!url) return Promise.resolve(undefined);
    return this.ctx.deliver(
      'mastercard',
      url,
      {
        'content-type': 'application/json',
        'x-notification-secret': this.opts.notificationSecret,
        'x-notification-id': randomUUID(),
      },
      JSON.stringify(transactionBody(this.opts.merchantId, order, txn)),
    );
  }

  private authorized(req: SimRequest, merchant: string): boolean {
    const auth = header(req, 'authorization') ?? '';
    const expected = Buffer.from(`merchant.${this.opts.merchantId}:${this.opts.apiPassword}`).toString(
      'base64',
    );
    return merchant === this.opts.merchantId && auth === `Basic ${expected}`;
  }

  private initiateCheckout(req: SimRequest): SimResponse {
    let body: any;
    try {
      body = JSON.parse(req.text);
    } catch {
      return error(400, 'INVALID_REQUEST', 'Request body is not valid JSON');
    }
    if (body.apiOperation !== 'INITIATE_CHECKOUT')
      return error(400, 'INVALID_REQUEST', 'Value must be INITIATE_CHECKOUT', 'apiOperation');
    const operation = body.interaction?.operation;
    if (operation !== 'PURCHASE' && operation !== 'AUTHORIZE')
      return error(400, 'INVALID_REQUEST', 'Value must be PURCHASE or AUTHORIZE', 'interaction.operation');
    if (!body.interaction?.merchant?.name)
      return error(400, 'INVALID_REQUEST', 'Missing parameter', 'interaction.merchant.name');
    if (!/^https?:\/\//.test(body.interaction?.returnUrl ?? ''))
      return error(400, 'INVALID_REQUEST', 'Invalid URL', 'interaction.returnUrl');
    if (!ID.test(body.order?.id ?? '')) return error(400, 'INVALID_REQUEST', 'Invalid value', 'order.id');
    const currency = body.order?.currency;
    if (!(this.opts.currencies ?? ['MAD', 'EUR', 'USD']).includes(currency))
      return error(400, 'INVALID_REQUEST', 'Currency not supported by merchant', 'order.currency');
    let amount: number;
    try {
      amount = fromMajorString(String(body.order.amount), currency).amount;
    } catch {
      return error(400, 'INVALID_REQUEST', 'Invalid decimal value', 'order.amount');
    }
    if (amount <= 0) return error(400, 'INVALID_REQUEST', 'Value must be positive', 'order.amount');
    const existing = this.orders.get(body.order.id);
    if (existing && ['CAPTURED', 'AUTHORIZED', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(existing.status))
      return error(400, 'INVALID_REQUEST', 'Order already paid', 'order.id');
    const id = `SESSION0002${randomBytes(10).toString('hex').toUpperCase()}`;
    const session: McSession = {
      id,
      successIndicator: randomBytes(8).toString('hex'),
      operation,
      merchantName: body.interaction.merchant.name,
      returnUrl: body.interaction.returnUrl,
      order: { id: body.order.id, amount, currency, notificationUrl: body.order.notificationUrl },
    };
    this.sessions.set(id, session);
    return json(201, {
      checkoutMode: 'WEBSITE',
      merchant: this.opts.merchantId,
      result: 'SUCCESS',
      session: { id, updateStatus: 'SUCCESS', version: randomBytes(5).toString('hex') },
      successIndicator: session.successIndicator,
    });
  }

  private showPage(sessionId: string): SimResponse {
    const s = this.sessions.get(sessionId);
    if (!s) return html(404, '<p>This checkout session does not exist or has expired.</p>');
    return html(
      200,
      paymentPage({
        gateway: 'Mastercard Gateway',
        merchant: s.merchantName,
        reference: s.order.id,
        amount: `${toMajorString({ amount: s.order.amount, currency: s.order.currency })} ${s.order.currency}`,
        action: `/checkout/pay/${sessionId}`,
      }),
    );
  }

  private retrieveOrder(orderId: string): SimResponse {
    const order = this.orders.get(orderId);
    if (!order) return error(400, 'INVALID_REQUEST', 'Unable to find order', 'orderId');
    return json(200, { ...orderBody(order), merchant: this.opts.merchantId, result: 'SUCCESS' });
  }

  private transaction(orderId: string, txnId: string, req: SimRequest): SimResponse {
    if (!ID.test(txnId)) return error(400, 'INVALID_REQUEST', 'Invalid value', 'transactionId');
    const order = this.orders.get(orderId);
    if (!order) return error(400, 'INVALID_REQUEST', 'Unable to find order', 'orderId');
    let body: any;
    try {
      body = JSON.parse(req.text);
    } catch {
      return error(400, 'INVALID_REQUEST', 'Request body is not valid JSON');
    }
    const op = body.apiOperation;
    // The merchant's transaction id makes the operation idempotent: a repeat answers the first result.
    const done = order.transactions.find((t) => t.id === txnId);
    if (done) {
      if (done.apiOperation !== op)
        return error(
          400,
          'INVALID_REQUEST',
          'Transaction id already used for another operation',
          'transactionId',
        );
      return json(200, transactionBody(this.opts.merchantId, order, done));
    }
    const captured = total(order, 'PAYMENT', 'CAPTURE');
    const refunded = total(order, 'REFUND');
    const amountOf = () => {
      try {
        return fromMajorString(String(body.transaction?.amount), order.currency).amount;
      } catch {
        return NaN;
      }
    };
    let txn: McTransaction;
    if (op === 'REFUND') {
      const amount = amountOf();
      if (!(amount > 0) || body.transaction?.currency !== order.currency)
        return error(400, 'INVALID_REQUEST', 'Invalid amount or currency', 'transaction.amount');
      if (amount > captured - refunded)
        return error(
          400,
          'INVALID_REQUEST',
          'Requested refund amount exceeds the amount captured',
          'transaction.amount',
        );
      txn = recordTransaction(order, {
        id: txnId,
        type: 'REFUND',
        result: 'SUCCESS',
        gatewayCode: 'APPROVED',
        amount,
        apiOperation: op,
      });
    } else if (op === 'CAPTURE') {
      const amount = amountOf();
      if (order.status !== 'AUTHORIZED') return error(400, 'INVALID_REQUEST', 'Order is not authorized');
      if (!(amount > 0) || amount > order.amount)
        return error(400, 'INVALID_REQUEST', 'Invalid amount', 'transaction.amount');
      txn = recordTransaction(order, {
        id: txnId,
        type: 'CAPTURE',
        result: 'SUCCESS',
        gatewayCode: 'APPROVED',
        amount,
        apiOperation: op,
      });
    } else if (op === 'VOID') {
      const target = order.transactions.find((t) => t.id === body.transaction?.targetTransactionId);
      if (!target || order.status !== 'AUTHORIZED')
        return error(400, 'INVALID_REQUEST', 'Nothing to void', 'transaction.targetTransactionId');
      txn = recordTransaction(order, {
        id: txnId,
        type: 'VOID_AUTHORIZATION',
        result: 'SUCCESS',
        gatewayCode: 'APPROVED',
        amount: target.amount,
        apiOperation: op,
      });
    } else {
      return error(400, 'INVALID_REQUEST', 'Unsupported operation', 'apiOperation');
    }
    restate(order);
    void this.notify(order, txn);
    return json(200, transactionBody(this.opts.merchantId, order, txn));
  }

  private orderFor(session: McSession): McOrder {
    let order = this.orders.get(session.order.id);
    if (!order) {
      order = { ...session.order, status: 'INITIATED', transactions: [] };
      this.orders.set(order.id, order);
    }
    order.notificationUrl = session.order.notificationUrl ?? order.notificationUrl;
    return order;
  }
}
