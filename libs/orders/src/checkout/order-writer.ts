import type { ExchangeRate, SqlRunner } from '@souk/platform';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../orders/states';
import type { ShippingAddressDto } from './dto/checkout.dto';
import type { OrderPlan } from './plan';

export interface NewOrder {
  /** Chosen by the caller, so the payment can be opened for it first. */
  id: string;
  paymentId: string;
  reference: string;
  cartId: string;
  userId: string | null;
  buyerTokenHash: string | null;
  buyer: { email: string; name: string; locale: 'fr' | 'en' | 'ar' };
  address: ShippingAddressDto;
  plan: OrderPlan;
  rate: ExchangeRate;
  provider: string;
  reservationMinutes: number;
  actor: Actor;
}

export interface WrittenOrder {
  id: string;
  subOrderIds: string[];
}

/**
 * The order, its sub-orders, their lines, the first entry of each one's history, and the cart
 * closed on it: one statement (data-modifying CTEs), whatever the cart's size. Checkout is a hot
 * path and every round trip holds the transaction open a little longer.
 */
export async function writeOrder(tx: SqlRunner, o: NewOrder): Promise<WrittenOrder> {
  const { id, plan } = o;
  const subOrders = plan.subOrders.map((s) => ({ ...s, id: randomUUID() }));
  await tx.rows(
    `WITH o AS (
       INSERT INTO customer_order (id, reference, cart_id, user_id, buyer_token_hash, buyer_email, buyer_name, locale,
                                   shipping_address, status, goods_mad, shipping_mad, total_mad, currency, total_amount,
                                   rate_mad_per_unit, rate_date, rate_source, payment_provider, reserved_until, payment_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, 'pending_payment', $10, $11, $12, $13, $14, $15, $16, $17,
               $18, now() + $19 * interval '1 minute', $20)
       RETURNING id),
     s AS (
       INSERT INTO sub_order (id, order_id, cooperative_id, status, goods_mad, quote_id, quote_option_id, carrier,
                              service, incoterm, transit_min, transit_max, shipping_mad, duties_mad, taxes_mad, fees_mad,
                              shipping_charge_mad, total_mad, commission_bp, commission_mad)
       SELECT s.id, (SELECT id FROM o), s.cooperative_id, 'pending_payment', s.goods_mad, s.quote_id, s.quote_option_id,
              s.carrier, s.service, s.incoterm, s.transit_min, s.transit_max, s.shipping_mad, s.duties_mad, s.taxes_mad,
              s.fees_mad, s.shipping_charge_mad, s.total_mad, s.commission_bp, s.commission_mad
         FROM jsonb_to_recordset($21::jsonb) AS s(id uuid, cooperative_id uuid, goods_mad bigint, quote_id uuid,
              quote_option_id uuid, carrier text, service text, incoterm text, transit_min int, transit_max int,
              shipping_mad bigint, duties_mad bigint, taxes_mad bigint, fees_mad bigint, shipping_charge_mad bigint,
              total_mad bigint, commission_bp int, commission_mad bigint)
       RETURNING id),
     l AS (
       INSERT INTO order_line (sub_order_id, variant_id, product_id, sku, title, options, unit_price_mad, quantity,
                               total_mad, position)
       SELECT l.sub_order_id, l.variant_id, l.product_id, l.sku, l.title, l.options, l.unit_price_mad, l.quantity,
              l.unit_price_mad * l.quantity, l.position
         FROM jsonb_to_recordset($22::jsonb) AS l(sub_order_id uuid, variant_id uuid, product_id uuid, sku text,
              title jsonb, options jsonb, unit_price_mad bigint, quantity int, position int)
        WHERE l.sub_order_id IN (SELECT id FROM s)),
     e AS (
       INSERT INTO order_event (order_id, sub_order_id, to_status, actor_kind, actor_id)
       SELECT (SELECT id FROM o), h.id, 'pending_payment', $23, $24
         FROM unnest(ARRAY[NULL]::uuid[] || $25::uuid[]) WITH ORDINALITY AS h(id, n) ORDER BY h.n)
     UPDATE cart SET order_id = (SELECT id FROM o), updated_at = now() WHERE id = $3`,
    [
      id,
      o.reference,
      o.cartId,
      o.userId,
      o.buyerTokenHash,
      o.buyer.email,
      o.buyer.name,
      o.buyer.locale,
      JSON.stringify(o.address),
      plan.goodsMad,
      plan.shippingMad,
      plan.totalMad,
      plan.amount.currency,
      plan.amount.amount,
      o.rate.madPerUnit,
      o.rate.effectiveDate,
      o.rate.source,
      o.provider,
      o.reservationMinutes,
      o.paymentId,
      JSON.stringify(
        subOrders.map((s) => ({
          id: s.id,
          cooperative_id: s.cooperativeId,
          goods_mad: s.goodsMad,
          quote_id: s.option.quoteId,
          quote_option_id: s.option.optionId,
          carrier: s.option.carrier,
          service: s.option.service,
          incoterm: s.option.incoterm,
          transit_min: s.option.transitDays.min,
          transit_max: s.option.transitDays.max,
          shipping_mad: s.option.shippingMad.amount,
          duties_mad: s.option.dutiesMad.amount,
          taxes_mad: s.option.taxesMad.amount,
          fees_mad: s.option.feesMad.amount,
          shipping_charge_mad: s.shippingChargeMad,
          total_mad: s.totalMad,
          commission_bp: s.commissionBp,
          commission_mad: s.commissionMad,
        })),
      ),
      JSON.stringify(
        subOrders.flatMap((s) =>
          s.lines.map((l, position) => ({
            sub_order_id: s.id,
            variant_id: l.variantId,
            product_id: l.productId,
            sku: l.sku,
            title: l.title,
            options: l.options,
            unit_price_mad: l.unitPriceMad,
            quantity: l.quantity,
            position,
          })),
        ),
      ),
      o.actor.kind,
      o.actor.id,
      subOrders.map((s) => s.id),
    ],
  );
  return { id, subOrderIds: subOrders.map((s) => s.id) };
}
