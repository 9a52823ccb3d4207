import { Injectable } from '@nestjs/common';
import {
  ExchangeRates,
  type Principal,
  Problem,
  Sql,
  type SqlRunner,
  type SqlTransaction,
} from '@souk/platform';
import { newCartToken, sha256 } from '../shared/secrets';
import { assertOpen, type CartRow, openCart } from './cart-access';
import { cartLines, cooperativeViews, price } from './cart-lines';
import type { CartView } from './cart.view';
import { type CartItemDto, type CreateCartDto, MAX_CART_LINES, MAX_QUANTITY } from './dto/cart.dto';

/** Carts: guests' (opened by a token) and signed-in buyers'. Every change runs in one transaction. */
@Injectable()
export class CartsService {
  constructor(
    private readonly sql: Sql,
    private readonly rates: ExchangeRates,
  ) {}

  async create(principal: Principal | undefined, dto: CreateCartDto): Promise<CartView> {
    const currency = dto.currency ?? 'MAD';
    await this.rates.rateOn(currency); // an unknown currency is a 400 naming `currency`
    const user = principal?.kind === 'user' ? principal.userId : null;
    const token = user ? undefined : newCartToken();
    const items = dto.items ?? [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.variantId)) throw Problem.field(`items[${i}].variantId`, 'is listed twice');
      seen.add(item.variantId);
    });
    const id = await this.sql.transaction(async (tx) => {
      const cart = (await tx.one<CartRow>(
        `INSERT INTO cart (user_id, token_hash, currency) VALUES ($1, $2, $3)
         RETURNING id, user_id, token_hash, currency, order_id, created_at, updated_at`,
        [user, token ? sha256(token) : null, currency],
      ))!;
      for (const [i, item] of items.entries()) await this.put(tx, cart, item, 'add', `items[${i}]`);
      return cart.id;
    });
    const view = await this.view(principal, id, token);
    return token ? { ...view, token } : view;
  }

  async view(
    principal: Principal | undefined,
    id: string,
    token: string | undefined,
    currency?: string,
  ): Promise<CartView> {
    const cart = await openCart(this.sql, id, principal, token);
    return this.render(this.sql, cart, currency);
  }

  async setCurrency(
    principal: Principal | undefined,
    id: string,
    token: string | undefined,
    currency: string,
  ): Promise<CartView> {
    await this.rates.rateOn(currency);
    return this.change(principal, id, token, async (tx, cart) => {
      await tx.rows(`UPDATE cart SET currency = $2 WHERE id = $1`, [cart.id, currency]);
    });
  }

  addItem(principal: Principal | undefined, id: string, token: string | undefined, item: CartItemDto) {
    return this.change(principal, id, token, (tx, cart) => this.put(tx, cart, item, 'add', ''));
  }

  setQuantity(
    principal: Principal | undefined,
    id: string,
    token: string | undefined,
    variantId: string,
    quantity: number,
  ) {
    return this.change(principal, id, token, async (tx, cart) => {
      const held = await tx.one(`SELECT 1 FROM cart_item WHERE cart_id = $1 AND variant_id = $2`, [
        cart.id,
        variantId,
      ]);
      if (!held) throw Problem.notFound('Cart item', variantId);
      await this.put(tx, cart, { variantId, quantity }, 'set', '');
    });
  }

  removeItem(principal: Principal | undefined, id: string, token: string | undefined, variantId: string) {
    return this.change(principal, id, token, async (tx, cart) => {
      const gone = await tx.rows(
        `DELETE FROM cart_item WHERE cart_id = $1 AND variant_id = $2 RETURNING variant_id`,
        [cart.id, variantId],
      );
      if (gone.length === 0) throw Problem.notFound('Cart item', variantId);
    });
  }

  /** Locks the cart, refuses a checked-out one, applies `work`, answers the cart as it now is. */
  private async change(
    principal: Principal | undefined,
    id: string,
    token: string | undefined,
    work: (tx: SqlTransaction, cart: CartRow) => Promise<void>,
  ): Promise<CartView> {
    return this.sql.transaction(async (tx) => {
      const cart = await openCart(tx, id, principal, token, { lock: true });
      assertOpen(cart);
      await work(tx, cart);
      const updated = (await tx.one<CartRow>(
        `UPDATE cart SET updated_at = now() WHERE id = $1
         RETURNING id, user_id, token_hash, currency, order_id, created_at, updated_at`,
        [cart.id],
      ))!;
      return this.render(tx, updated);
    });
  }

  /**
   * Adds to (or sets) a line. Only active products can go in, and never more than is available now;
   * checkout reserves for real, this only spares the buyer a surprise there.
   */
  private async put(
    tx: SqlTransaction,
    cart: CartRow,
    item: CartItemDto,
    mode: 'add' | 'set',
    prefix: string,
  ): Promise<void> {
    const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
    const variant = await tx.one<{ available: number; status: string; held: number; lines: string }>(
      `SELECT v.stock - v.reserved AS available, p.status,
              coalesce((SELECT quantity FROM cart_item WHERE cart_id = $2 AND variant_id = v.id), 0) AS held,
              (SELECT count(*) FROM cart_item WHERE cart_id = $2) AS lines
         FROM variant v JOIN product p ON p.id = v.product_id WHERE v.id = $1`,
      [item.variantId, cart.id],
    );
    if (!variant || variant.status !== 'active')
      throw Problem.field(field('variantId'), 'is not a variant of a product on sale');
    if (variant.held === 0 && Number(variant.lines) >= MAX_CART_LINES)
      throw Problem.field(
        field('variantId'),
        `cannot be added: a cart holds at most ${MAX_CART_LINES} lines`,
      );
    const quantity = mode === 'add' ? variant.held + item.quantity : item.quantity;
    if (quantity > MAX_QUANTITY)
      throw Problem.field(field('quantity'), `would make ${quantity}, above ${MAX_QUANTITY} per line`);
    if (quantity > variant.available) {
      throw Problem.conflict(
        `Only ${Math.max(0, variant.available)} of variant ${item.variantId} can be sold now; the cart would hold ${quantity}`,
        {
          errors: [{ field: field('quantity'), message: `exceeds the ${variant.available} units available` }],
          variantId: item.variantId,
          available: Math.max(0, variant.available),
        },
      );
    }
    await tx.rows(
      `INSERT INTO cart_item (cart_id, variant_id, quantity) VALUES ($1, $2, $3)
       ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity`,
      [cart.id, item.variantId, quantity],
    );
  }

  private async render(runner: SqlRunner, cart: CartRow, currency?: string): Promise<CartView> {
    const rate = await this.rates.rateOn(currency ?? cart.currency.trim());
    const lines = await cartLines(runner, cart.id);
    const cooperatives = cooperativeViews(lines, rate);
    const goods = lines.reduce((n, l) => n + l.unitPriceMad * l.quantity, 0);
    return {
      id: cart.id,
      owner: cart.user_id ? 'user' : 'guest',
      currency: rate.currency,
      rate: {
        currency: rate.currency,
        madPerUnit: rate.madPerUnit,
        effectiveDate: rate.effectiveDate,
        source: rate.source,
      },
      cooperatives,
      total: price(goods, rate),
      itemCount: lines.reduce((n, l) => n + l.quantity, 0),
      orderId: cart.order_id,
      createdAt: cart.created_at.toISOString(),
      updatedAt: cart.updated_at.toISOString(),
    };
  }
}
