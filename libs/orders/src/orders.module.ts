import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { PaymentsCoreModule } from '@souk/payments';
import { ShippingModule } from '@souk/shipping';
import { CartsController } from './carts/carts.controller';
import { CartsService } from './carts/carts.service';
import { CheckoutController } from './checkout/checkout.controller';
import { CheckoutService } from './checkout/checkout.service';
import { CommissionController } from './commission/commission.controller';
import { CommissionService } from './commission/commission.service';
import {
  ORDERS_QUEUE,
  ReservationExpiryProcessor,
  ReservationExpirySchedule,
} from './expiry/reservation-expiry';
import { Idempotency } from './idempotency/idempotency';
import {
  CooperativeOrdersController,
  OrdersController,
  SubOrdersController,
} from './orders/orders.controller';
import { OrdersQuery } from './orders/orders.query';
import { OrdersService } from './orders/orders.service';
import { SubOrdersService } from './orders/sub-orders.service';
import { RefundCompletion } from './refunds/refund-completion';
import { RefundsController } from './refunds/refunds.controller';
import { RefundsQuery } from './refunds/refunds.query';
import { RefundsService } from './refunds/refunds.service';
import { LateCaptureRefunds } from './settlement/late-capture-refunds';
import { OrderSettlementModule } from './settlement/order-settlement.module';

/**
 * Carts, checkout, orders and their sub-orders, refunds. Composes @souk/catalogue's tables,
 * @souk/shipping's quotes and @souk/payments' payments and ledger; Sql, Outbox, ExchangeRates and
 * TenancyService come from the global PlatformModule.
 */
@Module({
  imports: [ShippingModule, PaymentsCoreModule, OrderSettlementModule],
  controllers: [
    CartsController,
    CheckoutController,
    OrdersController,
    CooperativeOrdersController,
    SubOrdersController,
    RefundsController,
    CommissionController,
  ],
  providers: [
    CartsService,
    CheckoutService,
    CommissionService,
    Idempotency,
    OrdersQuery,
    OrdersService,
    SubOrdersService,
    RefundCompletion,
    RefundsQuery,
    RefundsService,
  ],
})
export class OrdersModule {}

/**
 * The worker side: the sweep that releases reservations of orders left unpaid, and the refund of
 * payments captured after their order was cancelled.
 */
@Module({
  imports: [PaymentsCoreModule, OrderSettlementModule, BullModule.registerQueue({ name: ORDERS_QUEUE })],
  providers: [
    ReservationExpiryProcessor,
    ReservationExpirySchedule,
    LateCaptureRefunds,
    RefundsService,
    RefundCompletion,
    RefundsQuery,
  ],
})
export class OrdersWorkerModule {}
