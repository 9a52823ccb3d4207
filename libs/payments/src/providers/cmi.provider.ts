import { fromMajorString, toMajorString, type Money } from '@souk/platform';
import { randomBytes } from 'node:crypto';
import type { CmiSettings } from '../config/payments-settings';
import type { PaymentStatus } from '../payment';
import { isPaid, paidStatus } from '../payment-states';
import { cmiHash, cmiHashMatches } from './cmi-hash';
import { gatewayCall, GatewayError } from './gateway-http';
import type {
  CheckoutStart,
  IncomingWebhook,
  PaymentProvider,
  ProviderPayment,
  ProviderRefund,
  ProviderRefundResult,
  ProviderState,
  WebhookAnswer,
  WebhookNotice,
  WebhookOutcome,
} from './payment-provider';
import { WebhookRejected } from './payment-provider';

const MAD_NUMERIC = '504';

interface CmiAnswer {
  response: string;
  code: string;
  error: string;
  transId: string;
  extra: Record<string, string>;
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const tag = (xml: string, name: string) =>
  new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'i').exec(xml)?.[1]?.trim() ?? '';

/**
 * CMI in 3D_PAY_HOSTING mode: the checkout is a signed form the browser posts to the gateway; the
 * result comes back as a signed server-to-server callback that we answer ACTION=POSTAUTH to capture
 * the pre-authorisation. Status, capture, void and refunds go through the merchant XML API.
 */
export class CmiProvider implements PaymentProvider {
  readonly code = 'cmi' as const;
  /** The XML API takes no refund id: refunds are sent one at a time and checked against the totals. */
  readonly serialRefunds = true;

  constructor(
    private readonly s: CmiSettings,
    private readonly timeoutMs: number,
    private readonly shopUrl: string,
  ) {}

  get simulated(): boolean {
    return this.s.simulated;
  }

  supports(currency: string): boolean {
    return currency === 'MAD';
  }

  /** No network: the form is signed here and posted by the buyer's browser. */
  async startCheckout(p: ProviderPayment): Promise<CheckoutStart> {
    const fields: Record<string, string> = {
      clientid: this.s.clientId,
      storetype: '3D_PAY_HOSTING',
      TranType: 'PreAuth',
      amount: toMajorString(p.amount),
      currency: MAD_NUMERIC,
      oid: p.reference,
      okUrl: p.returnUrl,
      failUrl: p.returnUrl,
      callbackUrl: p.notificationUrl,
      shopurl: this.shopUrl,
      lang: p.buyer.locale,
      email: p.buyer.email,
      BillToName: p.buyer.name,
      rnd: randomBytes(10).toString('hex'),
      hashAlgorithm: 'ver3',
      encoding: 'UTF-8',
    };
    fields.HASH = cmiHash(fields, this.s.storeKey);
    return {
      session: {
        provider: this.code,
        simulated: this.simulated,
        kind: 'form-post',
        method: 'POST',
        action: this.s.gatewayUrl,
        fields,
      },
    };
  }

  async retrieve(p: ProviderPayment): Promise<ProviderState> {
    const a = await this.api(
      `<OrderId>${xmlEscape(p.reference)}</OrderId><Extra><ORDERSTATUS>QUERY</ORDERSTATUS></Extra>`,
      2,
    );
    if (a.code !== '00' && /no record/i.test(a.error))
      return { status: 'pending', captured: mad(0), refunded: mad(0), detail: { order: 'not at CMI yet' } };
    if (a.code !== '00') throw new GatewayError('rejected', `CMI status query: ${a.error || a.response}`);
    const amount = (v?: string) => (v ? fromMajorString(v, 'MAD') : mad(0));
    const captured = amount(a.extra.CAPTURE_AMT);
    const refunded = amount(a.extra.REFUND_AMT);
    const stat = a.extra.TRANS_STAT;
    const status: PaymentStatus =
      stat === 'C' || stat === 'S'
        ? paidStatus(captured.amount, refunded.amount)
        : stat === 'A'
          ? 'authorized'
          : stat === 'V'
            ? 'voided'
            : 'pending';
    return {
      status,
      captured,
      refunded,
      declined: stat === 'D' ? 'declined' : undefined,
      detail: { transStat: stat },
    };
  }

  async capture(p: ProviderPayment, amount: Money): Promise<ProviderState> {
    const a = await this.api(
      `<Type>PostAuth</Type><OrderId>${xmlEscape(p.reference)}</OrderId><Total>${toMajorString(amount)}</Total><Currency>${MAD_NUMERIC}</Currency>`,
      0,
    );
    if (a.code !== '00') throw new GatewayError('rejected', `CMI PostAuth: ${a.error || a.response}`);
    return this.retrieve(p);
  }

  async void(p: ProviderPayment): Promise<ProviderState> {
    const state = await this.retrieve(p);
    if (state.status !== 'authorized')
      return state.status === 'pending' ? { ...state, status: 'voided' } : state;
    const a = await this.api(`<Type>Void</Type><OrderId>${xmlEscape(p.reference)}</OrderId>`, 0);
    if (a.code !== '00') throw new GatewayError('rejected', `CMI Void: ${a.error || a.response}`);
    return this.retrieve(p);
  }

  /** Looks at CMI's refunded total first, so a retry after a lost answer never credits twice. */
  async refund(p: ProviderPayment, r: ProviderRefund): Promise<ProviderRefundResult> {
    const before = await this.retrieve(p);
    if (before.refunded.amount >= r.refundedBefore.amount + r.amount.amount)
      return { status: 'succeeded', providerRef: r.key };
    const a = await this.api(
      `<Type>Credit</Type><OrderId>${xmlEscape(p.reference)}</OrderId><Total>${toMajorString(r.amount)}</Total><Currency>${MAD_NUMERIC}</Currency>`,
      0,
    );
    if (a.code === '00') return { status: 'succeeded', providerRef: a.transId || r.key };
    return { status: 'failed', error: a.error || a.response };
  }

  parseWebhook(w: IncomingWebhook): WebhookNotice {
    const fields = Object.fromEntries(new URLSearchParams(w.rawBody.toString('utf8')));
    if (!cmiHashMatches(fields, this.s.storeKey)) throw new WebhookRejected('the HASH does not match');
    if (fields.clientid !== this.s.clientId)
      throw new WebhookRejected('the callback is for another merchant');
    if (!fields.oid || !fields.ProcReturnCode)
      throw new WebhookRejected('the callback names no oid or return code');
    let amount: Money | undefined;
    try {
      amount = fromMajorString(fields.amount ?? '', 'MAD');
    } catch {
      throw new WebhookRejected('the callback amount is not an amount');
    }
    const approved = fields.ProcReturnCode === '00';
    return {
      dedupKey: `${fields.oid}:${fields.TransId || '-'}:${fields.ProcReturnCode}`,
      reference: fields.oid,
      amount,
      // Answering POSTAUTH captures the pre-authorisation: the approved callback is the capture.
      state: approved
        ? { status: 'captured', captured: amount, refunded: mad(0), detail: { transId: fields.TransId } }
        : {
            status: 'pending',
            captured: mad(0),
            refunded: mad(0),
            declined: fields.ErrMsg || `ProcReturnCode ${fields.ProcReturnCode}`,
            detail: { transId: fields.TransId, procReturnCode: fields.ProcReturnCode },
          },
      detail: { transId: fields.TransId, procReturnCode: fields.ProcReturnCode, response: fields.Response },
    };
  }

  answerWebhook(outcome: WebhookOutcome): WebhookAnswer {
    const text = (body: string, status = 200) => ({ status, contentType: 'text/plain; charset=utf-8', body });
    if (outcome.kind === 'processed' || outcome.kind === 'duplicate') {
      // Capture only what we recorded as paid; a decline (or a payment already given up) is acknowledged.
      const approved = outcome.notice.state?.status === 'captured' && isPaid(outcome.status);
      return text(approved ? 'ACTION=POSTAUTH' : 'APPROVED');
    }
    return text('FAILURE');
  }

  private async api(inner: string, retries: number): Promise<CmiAnswer> {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?><CC5Request><Name>${xmlEscape(this.s.apiUser)}</Name>` +
      `<Password>${xmlEscape(this.s.apiPassword)}</Password><ClientId>${xmlEscape(this.s.clientId)}</ClientId>` +
      `${inner}</CC5Request>`;
    const res = await gatewayCall({
      method: 'POST',
      url: this.s.apiUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ DATA: xml }).toString(),
      timeoutMs: this.timeoutMs,
      retries,
    });
    if (!/<CC5Response>/i.test(res.text))
      throw new GatewayError(
        'rejected',
        'CMI answered something that is not a CC5Response',
        res.status,
        res.text,
      );
    const extraXml = tag(res.text, 'Extra');
    const extra: Record<string, string> = {};
    for (const m of extraXml.matchAll(/<([A-Za-z_]+)>([\s\S]*?)<\/\1>/g)) extra[m[1]] = m[2].trim();
    return {
      response: tag(res.text, 'Response'),
      code: tag(res.text, 'ProcReturnCode'),
      error: tag(res.text, 'ErrMsg'),
      transId: tag(res.text, 'TransId'),
      extra,
    };
  }
}

const mad = (amount: number): Money => ({ amount, currency: 'MAD' });
