import { Injectable } from '@nestjs/common';
import { PaymentsService } from '@souk/payments';
import { isAdmin, type Page, type Principal, Problem, Sql, TenancyService } from '@souk/platform';
import { tokenMatches } from '../shared/secrets';
import type { OrderView, SubOrderView } from './order.view';
import { OrdersQuery, type SubOrderListFilters } from './orders.query';

const READ = { scope: 'orders:read' } as const;

/** A buyer sees none of the marketplace's share; only cooperatives and admins do. */
function forBuyer(order: OrderView): OrderView {
  return {
    ...order,
    subOrders: order.subOrders.map(({ commission: _c, shipTo: _s, ...sub }) => sub),
  };
}

/**
 * Who reads what: the buyer (or the guest holding the cart's token) the whole order, admins any
 * order, a cooperative's members only its own sub-orders. Everyone else gets a 404: an order id
 * alone reveals nothing.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly sql: Sql,
    private readonly tenancy: TenancyService,
    private readonly query: OrdersQuery,
    private readonly payments: PaymentsService,
  ) {}

  async buyerView(principal: Principal | undefined, id: string, cartToken?: string): Promise<OrderView> {
    const found = await this.query.order(id);
    if (!found) throw Problem.notFound('Order', id);
    const { owner, ...order } = found;
    const mine = owner.userId
      ? principal?.kind === 'user' && principal.userId === owner.userId
      : tokenMatches(cartToken, owner.buyerTokenHash);
    if (!mine && !isAdmin(principal)) throw Problem.notFound('Order', id);
    // Where the payment stands, and the session to come back to while it is open.
    if (order.payment.id) {
      const payment = await this.payments.view(order.payment.id);
      order.payment = { ...order.payment, status: payment.status, session: payment.session };
    }
    return mine ? forBuyer(order) : order;
  }

  async mine(principal: Principal, limit: number, cursor?: string): Promise<Page<OrderView>> {
    if (principal.kind !== 'user') throw Problem.forbidden('Only signed-in buyers have orders of their own');
    const page = await this.query.forBuyer(principal.userId, limit, cursor);
    return { ...page, items: page.items.map(forBuyer) };
  }

  async forCooperative(
    principal: Principal,
    cooperativeId: string,
    filters: SubOrderListFilters,
  ): Promise<Page<SubOrderView>> {
    if (!(await this.sql.one(`SELECT 1 FROM cooperative WHERE id = $1`, [cooperativeId])))
      throw Problem.notFound('Cooperative', cooperativeId);
    await this.tenancy.assertCanManage(principal, cooperativeId, READ);
    return this.query.forCooperative(cooperativeId, filters);
  }

  /** One sub-order, for its cooperative's members and admins; a 404 for anyone else. */
  async subOrder(principal: Principal, id: string): Promise<SubOrderView> {
    const sub = await this.query.subOrder(id);
    if (!sub || !(await this.tenancy.canManage(principal, sub.cooperativeId, READ)))
      throw Problem.notFound('Sub-order', id);
    return sub;
  }
}
