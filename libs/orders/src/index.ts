export { OrdersModule, OrdersWorkerModule } from './orders.module';
export { OrderSettlementModule } from './settlement/order-settlement.module';
export { OrderSettlement } from './settlement/order-settlement';
export { ORDERS_QUEUE, RELEASE_EXPIRED_RESERVATIONS } from './expiry/reservation-expiry';
export {
  ORDER_STATUSES,
  SUB_ORDER_STATUSES,
  ORDER_TRANSITIONS,
  SUB_ORDER_TRANSITIONS,
  canMoveOrder,
  canMoveSubOrder,
  type OrderStatus,
  type SubOrderStatus,
} from './orders/states';
export { OrderView, SubOrderView } from './orders/order.view';
export { CartView } from './carts/cart.view';
export { planOrder, type OrderPlan, type SubOrderPlan } from './checkout/plan';
export { planRefund, paymentAmount, type RefundableSubOrder, type RefundPart } from './refunds/refund-plan';
export { canonicalJson } from './shared/secrets';
