import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ExchangeRates,
  money,
  Outbox,
  type Principal,
  Problem,
  SOUK_CONFIG,
  type SoukConfig,
  Sql,
  type SqlTransaction,
} from '@souk/platform';
import { PaymentsService } from '@souk/payments';
import { QuotesService } from '@souk/shipping';
import { assertOpen, openCart } from '../carts/cart-access';
import { cartLines, groupByCooperative } from '../carts/cart-lines';
import { CommissionService } from '../commission/commission.service';
import { type Answer, Idempotency } from '../idempotency/idempotency';
import type { OrderView } from '../orders/order.view';
import { OrdersQuery } from '../orders/orders.query';
import { actorOf } from '../orders/states';
import { reserve, stockChanged } from '../settlement/stock';
import { canonicalJson, newOrderReference, sha256 } from '../shared/secrets';
import { type CheckoutDto, PAYMENT_CURRENCIES } from './dto/checkout.dto';
import { writeOrder } from './order-writer';
import { planOrder } from './plan';
import { checkShippingChoices } from './shipping-choices';

/**
 * POST /v1/checkout. One transaction checks the cart and the shipping choices, writes the order,
 * its sub-orders and lines, opens the payment, writes the outbox events and reserves the stock
 * (last, so the hot variant rows stay locked as briefly as possible). After the commit, and never
 * inside it, the provider's session is started. The whole runs under the caller's Idempotency-Key.
 */
@Injectable()
export class CheckoutService {
  constructor(
    private readonly sql: Sql,
    private readonly rates: ExchangeRates,
    private readonly outbox: Outbox,
    private readonly quotes: QuotesService,
    private readonly payments: PaymentsService,
    private readonly commission: CommissionService,
    private readonly idempotency: Idempotency,
    private readonly orders: OrdersQuery,
    @Inject(SOUK_CONFIG) private readonly config: SoukConfig,
  ) {}

  checkout(
    principal: Principal | undefined,
    cartToken: string | undefined,
    key: string,
    dto: CheckoutDto,
  ): Promise<Answer<OrderView>> {
    // The key is the caller's: a signed-in buyer's, or a guest's (whose identity is the cart token).
    const scope =
      principal?.kind === 'user'
        ? `user:${principal.userId}`
        : principal?.kind === 'api-key'
          ? `key:${principal.keyId}`
          : `guest:${sha256(cartToken ?? '')}`;
    return this.idempotency.run(
      scope,
      key,
      sha256(canonicalJson(dto)),
      async (claim) => {
        const orderId = await this.place(principal, cartToken, dto, (tx, id) => claim.committed(tx, id));
        return this.answer(orderId);
      },
      (orderId) => this.answer(orderId),
    );
  }

  private async place(
    principal: Principal | undefined,
    cartToken: string | undefined,
    dto: CheckoutDto,
    committed: (tx: SqlTransaction, orderId: string) => Promise<void>,
  ): Promise<string> {
    const buyer = await this.buyer(principal, dto);
    return this.sql.transaction(async (tx) => {
      const cart = await openCart(tx, dto.cartId, principal, cartToken, { lock: true, field: 'cartId' });
      assertOpen(cart);
      const lines = await cartLines(tx, cart.id);
      if (lines.length === 0) throw Problem.field('cartId', 'is an empty cart');
      const gone = lines.find((l) => l.productStatus !== 'active');
      if (gone) {
        throw Problem.conflict(`${gone.sku} is no longer on sale; remove it from the cart`, {
          variantId: gone.variantId,
        });
      }
      // rates are cached in memory: no statement here once warm
      const rate = await this.rates.rateOn(dto.currency ?? paymentCurrency(cart.currency));
      const groups = groupByCooperative(lines);
      const options = await checkShippingChoices(
        tx,
        this.quotes,
        groups,
        dto.shipping,
        dto.shippingAddress,
        new Date(),
      );
      const commission = await this.commission.rates(
        tx,
        groups.map((g) => g.cooperativeId),
      );
      const plan = planOrder(groups, options, commission, rate);
      const reference = newOrderReference();
      const orderId = randomUUID();

      const payment = await this.payments.open(tx, {
        orderId,
        reference,
        provider: dto.paymentProvider,
        amount: plan.amount,
        amountMad: money(plan.totalMad, 'MAD'),
        rate,
        buyer,
        cooperatives: plan.subOrders.map((s) => ({
          cooperativeId: s.cooperativeId,
          amountMad: money(s.totalMad, 'MAD'),
        })),
      });
      const order = await writeOrder(tx, {
        id: orderId,
        paymentId: payment.id,
        reference,
        cartId: cart.id,
        userId: cart.user_id ?? (principal?.kind === 'user' ? principal.userId : null),
        buyerTokenHash: cart.token_hash,
        buyer,
        address: dto.shippingAddress,
        plan,
        rate,
        provider: dto.paymentProvider,
        reservationMinutes: this.config.ORDERS_RESERVATION_MINUTES,
        actor: actorOf(principal),
      });
      await this.outbox.add(
        tx,
        {
          type: 'order.placed',
          aggregateType: 'order',
          aggregateId: order.id,
          payload: {
            orderId: order.id,
            reference,
            totalMad: plan.totalMad,
            cooperatives: plan.subOrders.map((s, i) => ({
              cooperativeId: s.cooperativeId,
              subOrderId: order.subOrderIds[i],
              totalMad: s.totalMad,
            })),
          },
        },
        // what channels may sell drops with the reservation (same statement, no extra round trip)
        ...stockChanged(lines),
      );
      await committed(tx, order.id);
      // Last, so the variant rows stay locked for as short a time as possible.
      await reserve(
        tx,
        lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, sku: l.sku })),
      );
      return order.id;
    });
  }

  /** The checkout's answer: the order as its buyer sees it, with the payment session to continue. */
  private async answer(orderId: string): Promise<Answer<OrderView>> {
    const found = (await this.orders.order(orderId))!;
    const { owner: _owner, ...order } = found;
    const payment = await this.payments.startSession(order.payment.id!);
    return {
      status: 201,
      body: {
        ...order,
        subOrders: order.subOrders.map(({ commission: _c, shipTo: _s, ...sub }) => sub),
        payment: {
          id: payment.id,
          provider: payment.provider,
          status: payment.status,
          session: payment.session,
        },
      },
    };
  }

  private async buyer(
    principal: Principal | undefined,
    dto: CheckoutDto,
  ): Promise<{ email: string; name: string; locale: 'fr' | 'en' | 'ar' }> {
    const locale = dto.locale ?? 'en';
    if (principal?.kind === 'user') {
      const user = (await this.sql.one<{ email: string; name: string }>(
        `SELECT email, name FROM app_user WHERE id = $1`,
        [principal.userId],
      ))!;
      return { email: dto.shippingAddress.email ?? user.email, name: dto.shippingAddress.name, locale };
    }
    if (!dto.shippingAddress.email)
      throw Problem.field('shippingAddress.email', 'is required when checking out as a guest');
    return { email: dto.shippingAddress.email, name: dto.shippingAddress.name, locale };
  }
}

/** The cart's display currency when the buyer can pay in it, else MAD. */
const paymentCurrency = (cartCurrency: string): string =>
  (PAYMENT_CURRENCIES as readonly string[]).find((c) => c === cartCurrency.trim()) ?? 'MAD';
