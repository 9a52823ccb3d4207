import { type Principal, Problem, type SqlRunner } from '@souk/platform';
import { tokenMatches } from '../shared/secrets';

export const CART_TOKEN_HEADER = 'x-cart-token';

export interface CartRow {
  id: string;
  user_id: string | null;
  token_hash: string | null;
  currency: string;
  order_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who may open a cart: a signed-in buyer's cart only that buyer; a guest cart whoever holds its token
 * (X-Cart-Token). Anything else is a 404, so a cart id alone reveals nothing and opens nothing.
 */
export async function openCart(
  runner: SqlRunner,
  id: string,
  principal: Principal | undefined,
  token: string | undefined,
  opts: { lock?: boolean; field?: string } = {},
): Promise<CartRow> {
  const cart = UUID.test(id)
    ? await runner.one<CartRow>(
        `SELECT id, user_id, token_hash, currency, order_id, created_at, updated_at
           FROM cart WHERE id = $1 ${opts.lock ? 'FOR UPDATE' : ''}`,
        [id],
      )
    : undefined;
  const allowed =
    cart &&
    (cart.user_id
      ? principal?.kind === 'user' && principal.userId === cart.user_id
      : tokenMatches(token, cart.token_hash));
  if (!allowed) {
    const problem = Problem.notFound('Cart', id);
    problem.body.detail += ' (or it is not yours: guest carts need their X-Cart-Token header)';
    if (opts.field) problem.body.errors = [{ field: opts.field, message: 'is not a cart you can open' }];
    throw problem;
  }
  return cart;
}

/** A cart that was checked out is closed: its order is where things happen now. */
export function assertOpen(cart: CartRow): void {
  if (cart.order_id) {
    throw Problem.conflict(`This cart was checked out as order ${cart.order_id}; start a new cart`, {
      orderId: cart.order_id,
    });
  }
}
