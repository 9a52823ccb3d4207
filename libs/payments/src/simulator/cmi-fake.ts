import { fromMajorString, toMajorString } from '@souk/platform';
import { randomBytes } from 'node:crypto';
import { cmiHash, cmiHashMatches } from '../providers/cmi-hash';
import type { SimulatorContext } from './gateway-simulator';
import { autoPostPage, formFields, html, paymentPage, type SimRequest, type SimResponse } from './http-kit';

export interface CmiFakeOptions {
  clientId: string;
  storeKey: string;
  apiUser: string;
  apiPassword: string;
}

/** TRANS_STAT as the fake reports it: A authorised (pre-auth), C captured, V voided, D declined, PN nothing yet. */
export interface CmiOrder {
  oid: string;
  amount: number;
  status: 'PN' | 'A' | 'C' | 'V' | 'D';
  captured: number;
  refunded: number;
  tranType: string;
  transactions: { transId: string; type: string; procReturnCode: string; amount: number }[];
  /** What our callback answered, each time. */
  callbackAnswers: string[];
}

const REQUIRED = [
  'clientid',
  'storetype',
  'TranType',
  'amount',
  'currency',
  'oid',
  'okUrl',
  'failUrl',
  'callbackUrl',
  'rnd',
  'hashAlgorithm',
  'HASH',
];

const tag = (xml: string, name: string) =>
  new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'i').exec(xml)?.[1]?.trim() ?? '';
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** CMI's 3D_PAY_HOSTING gate (form POST, signed callback) and its merchant XML API. */
export class CmiFake {
  readonly orders = new Map<string, CmiOrder>();
  private readonly pages = new Map<string, Record<string, string>>();

  constructor(
    private readonly ctx: SimulatorContext,
    private readonly opts: CmiFakeOptions,
  ) {}

  async handle(req: SimRequest): Promise<SimResponse | undefined> {
    if (req.path === '/fim/est3Dgate' && req.method === 'POST') return this.gate(formFields(req.text));
    const decision = /^\/fim\/est3Dgate\/([a-f0-9]+)$/.exec(req.path);
    if (decision && req.method === 'POST')
      return this.decide(decision[1], formFields(req.text).decision === 'approve' ? 'approve' : 'decline');
    if (req.path === '/fim/api' && req.method === 'POST') return this.api(req);
    return undefined;
  }

  /** The buyer's decision, as if taken on the page (tests use it directly); answers the browser's next page. */
  async decide(token: string, decision: 'approve' | 'decline'): Promise<SimResponse> {
    const fields = this.pages.get(token);
    if (!fields) return html(404, '<p>Unknown or expired payment page.</p>');
    this.pages.delete(token);
    const order = this.orderFor(fields);
    const approved = decision === 'approve';
    const transId = `${Date.now().toString().slice(-8)}${randomBytes(3).toString('hex')}`;
    const code = approved ? '00' : '05';
    order.transactions.push({ transId, type: fields.TranType, procReturnCode: code, amount: order.amount });
    if (approved) order.status = 'A';
    else if (order.status === 'PN') order.status = 'D';
    const callback = this.signedCallback(fields, {
      Response: approved ? 'Approved' : 'Declined',
      ProcReturnCode: code,
      AuthCode: approved ? randomBytes(3).toString('hex').toUpperCase() : '',
      TransId: transId,
      mdStatus: '1',
      ErrMsg: approved ? '' : 'Refusée, contactez votre banque',
      'EXTRA.TRXDATE': new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14),
    });
    const delivery = await this.ctx.deliver(
      'cmi',
      fields.callbackUrl,
      { 'content-type': 'application/x-www-form-urlencoded' },
      new URLSearchParams(callback).toString(),
    );
    order.callbackAnswers.push(delivery.answer);
    if (approved && /ACTION=POSTAUTH/i.test(delivery.answer) && fields.TranType === 'PreAuth') {
      order.status = 'C';
      order.captured = order.amount;
    } else if (approved && fields.TranType === 'Auth') {
      order.status = 'C';
      order.captured = order.amount;
    }
    return html(200, autoPostPage(approved ? fields.okUrl : fields.failUrl, callback));
  }

  /** Signs callback fields the way CMI does (tests use it to forge or replay notifications). */
  signedCallback(request: Record<string, string>, result: Record<string, string>): Record<string, string> {
    const fields: Record<string, string> = { ...request, ...result };
    delete fields.HASH;
    delete fields.encoding;
    fields.HASH = cmiHash(fields, this.opts.storeKey);
    return fields;
  }

  /** The open payment pages, by token (tests pick one to decide on). */
  pageFor(oid: string): string | undefined {
    return [...this.pages.entries()].find(([, f]) => f.oid === oid)?.[0];
  }

  private gate(fields: Record<string, string>): SimResponse {
    const missing = REQUIRED.filter((k) => !fields[k]);
    if (missing.length > 0) return html(400, `<p>Missing fields: ${missing.join(', ')}</p>`);
    if (fields.clientid !== this.opts.clientId) return html(400, '<p>Unknown merchant (clientid).</p>');
    if (fields.storetype !== '3D_PAY_HOSTING' || fields.hashAlgorithm !== 'ver3')
      return html(400, '<p>Unsupported store type or hash algorithm.</p>');
    if (fields.currency !== '504') return html(400, '<p>Only MAD (504) is accepted.</p>');
    if (!cmiHashMatches(fields, this.opts.storeKey))
      return html(400, '<p>Hash mismatch: the request was not signed with this store key.</p>');
    try {
      fromMajorString(fields.amount, 'MAD');
    } catch {
      return html(400, '<p>Invalid amount.</p>');
    }
    const token = randomBytes(12).toString('hex');
    this.pages.set(token, fields);
    return html(
      200,
      paymentPage({
        gateway: 'CMI',
        merchant: fields.shopurl || 'Merchant',
        reference: fields.oid,
        amount: `${fields.amount} MAD`,
        action: `/fim/est3Dgate/${token}`,
      }),
    );
  }

  private orderFor(fields: Record<string, string>): CmiOrder {
    let order = this.orders.get(fields.oid);
    if (!order) {
      order = {
        oid: fields.oid,
        amount: fromMajorString(fields.amount, 'MAD').amount,
        status: 'PN',
        captured: 0,
        refunded: 0,
        tranType: fields.TranType,
        transactions: [],
        callbackAnswers: [],
      };
      this.orders.set(order.oid, order);
    }
    return order;
  }

  private api(req: SimRequest): SimResponse {
    const xml = req.text.startsWith('DATA=') ? (formFields(req.text).DATA ?? '') : req.text;
    const oid = tag(xml, 'OrderId');
    const respond = (r: {
      response: string;
      code: string;
      err?: string;
      transId?: string;
      extra?: Record<string, string>;
    }) => ({
      status: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body:
        `<?xml version="1.0" encoding="UTF-8"?><CC5Response><OrderId>${xmlEscape(oid)}</OrderId>` +
        `<Response>${r.response}</Response><ProcReturnCode>${r.code}</ProcReturnCode>` +
        `<ErrMsg>${xmlEscape(r.err ?? '')}</ErrMsg><TransId>${r.transId ?? ''}</TransId><Extra>` +
        Object.entries(r.extra ?? {})
          .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
          .join('') +
        `</Extra></CC5Response>`,
    });
    if (
      tag(xml, 'Name') !== this.opts.apiUser ||
      tag(xml, 'Password') !== this.opts.apiPassword ||
      tag(xml, 'ClientId') !== this.opts.clientId
    )
      return respond({ response: 'Error', code: '99', err: 'Authentication failed' });
    const order = this.orders.get(oid);
    if (!order) return respond({ response: 'Error', code: '99', err: 'No record found for the order' });
    const major = (n: number) => toMajorString({ amount: n, currency: 'MAD' });
    const transId = randomBytes(6).toString('hex');
    if (/<ORDERSTATUS>\s*QUERY\s*<\/ORDERSTATUS>/i.test(xml)) {
      return respond({
        response: 'Approved',
        code: '00',
        extra: {
          ORDERSTATUS: `ORD_ID:${order.oid}\tTRANS_STAT:${order.status}`,
          TRANS_STAT: order.status,
          ORIG_TRANS_AMT: major(order.amount),
          CAPTURE_AMT: major(order.captured),
          REFUND_AMT: major(order.refunded),
          TRXCOUNT: String(order.transactions.length),
        },
      });
    }
    const type = tag(xml, 'Type');
    const total = tag(xml, 'Total') ? fromMajorString(tag(xml, 'Total'), 'MAD').amount : NaN;
    if (type === 'PostAuth') {
      if (order.status !== 'A')
        return respond({ response: 'Declined', code: '99', err: 'No pre-authorisation to capture' });
      order.status = 'C';
      order.captured = Number.isFinite(total) ? total : order.amount;
    } else if (type === 'Void') {
      if (order.status !== 'A') return respond({ response: 'Declined', code: '99', err: 'Nothing to void' });
      order.status = 'V';
    } else if (type === 'Credit') {
      if (!(total > 0) || total > order.captured - order.refunded)
        return respond({
          response: 'Declined',
          code: '99',
          err: 'Credit amount exceeds the captured amount',
        });
      order.refunded += total;
    } else {
      return respond({ response: 'Error', code: '99', err: `Unsupported type ${type}` });
    }
    order.transactions.push({
      transId,
      type,
      procReturnCode: '00',
      amount: Number.isFinite(total) ? total : order.amount,
    });
    return respond({ response: 'Approved', code: '00', transId });
  }
}
