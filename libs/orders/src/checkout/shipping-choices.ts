import { type FieldError, Problem, problemType, type SqlRunner } from '@souk/platform';
import type { CheckoutShippingOption, QuotesService } from '@souk/shipping';
import type { CooperativeGroup } from '../carts/cart-lines';
import type { ShippingAddressDto, ShippingChoiceDto } from './dto/checkout.dto';

const mismatch = (errors: FieldError[]): Problem =>
  new Problem({
    type: problemType('quote-mismatch'),
    title: 'The shipping choice does not fit the cart',
    status: 422,
    detail:
      errors.length === 1 ? `${errors[0].field} ${errors[0].message}` : `${errors.length} fields do not fit`,
    errors,
  });

const postal = (code: string | null | undefined) => (code ?? '').replace(/[\s-]/g, '').toUpperCase();

/** "variantId×quantity" lines, sorted, to compare a quote's items with the cart's. */
const itemsKey = (items: readonly { variantId: string; quantity: number }[]) =>
  items
    .map((i) => `${i.variantId.toLowerCase()}×${i.quantity}`)
    .sort()
    .join(',');

/**
 * The buyer's shipping choices, checked against the cart inside the checkout transaction: one per
 * cooperative in the cart and none other, each an unexpired option quoted for that cooperative, for
 * exactly its items and quantities, to the address's country (and postal code when quoted with one).
 */
export async function checkShippingChoices(
  tx: SqlRunner,
  quotes: QuotesService,
  groups: readonly CooperativeGroup[],
  choices: readonly ShippingChoiceDto[],
  address: ShippingAddressDto,
  now: Date,
): Promise<Map<string, CheckoutShippingOption>> {
  const inCart = new Map(groups.map((g) => [g.cooperativeId.toLowerCase(), g]));
  const chosen = new Map<string, number>();
  choices.forEach((c, i) => {
    const coop = c.cooperativeId.toLowerCase();
    if (chosen.has(coop))
      throw Problem.field(
        `shipping[${i}].cooperativeId`,
        'is given twice: choose one option per cooperative',
      );
    if (!inCart.has(coop))
      throw mismatch([{ field: `shipping[${i}].cooperativeId`, message: 'has nothing in this cart' }]);
    chosen.set(coop, i);
  });
  const missing = groups.filter((g) => !chosen.has(g.cooperativeId.toLowerCase()));
  if (missing.length > 0) {
    throw Problem.validation(
      missing.map((g) => ({
        field: 'shipping',
        message: `needs an option for cooperative ${g.cooperativeId} (${g.name})`,
      })),
    );
  }

  const options = new Map<string, CheckoutShippingOption>();
  for (const [i, choice] of choices.entries()) {
    const field = `shipping[${i}].quoteOptionId`;
    const group = inCart.get(choice.cooperativeId.toLowerCase())!;
    const option = await quotes.optionForCheckout(tx, choice.quoteOptionId);
    if (!option) throw Problem.field(field, 'is not a shipping option of any quote');
    if (option.cooperativeId.toLowerCase() !== group.cooperativeId.toLowerCase())
      throw mismatch([{ field, message: `is an option for another cooperative (${option.cooperativeId})` }]);
    if (option.expiresAt.getTime() <= now.getTime()) {
      throw new Problem({
        type: problemType('quote-expired'),
        title: 'The shipping quote expired',
        status: 409,
        detail: `The quote of option ${option.optionId} expired at ${option.expiresAt.toISOString()}; ask for a new quote`,
        errors: [{ field, message: `belongs to a quote that expired at ${option.expiresAt.toISOString()}` }],
        quoteId: option.quoteId,
      });
    }
    if (itemsKey(option.items) !== itemsKey(group.lines))
      throw mismatch([
        {
          field,
          message: 'was quoted for other items or quantities than the cart holds for this cooperative',
        },
      ]);
    if (option.destination.country !== address.country)
      throw mismatch([
        {
          field: 'shippingAddress.country',
          message: `is not the quoted destination (${option.destination.country}) of ${field}`,
        },
      ]);
    if (option.destination.postalCode && postal(option.destination.postalCode) !== postal(address.postalCode))
      throw mismatch([
        {
          field: 'shippingAddress.postalCode',
          message: `is not the quoted destination (${option.destination.postalCode}) of ${field}`,
        },
      ]);
    options.set(group.cooperativeId, option);
  }
  return options;
}
