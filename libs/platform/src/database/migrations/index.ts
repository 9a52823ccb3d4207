import { Foundation1764000000000 } from './1764000000000-Foundation';
import { MoneyAndOutbox1764050000000 } from './1764050000000-MoneyAndOutbox';
import { Payments1764200000000 } from './1764200000000-Payments';
import { Orders1764300000000 } from './1764300000000-Orders';
import { ListingSync1764400000000 } from './1764400000000-ListingSync';
import { PartnerWebhooks1764450000000 } from './1764450000000-PartnerWebhooks';
import { Shipping1764100000000 } from './1764100000000-Shipping';
import { Reviews1764500000000 } from './1764500000000-Reviews';
import { Insights1764510000000 } from './1764510000000-Insights';

/** Every migration, in order. New migrations are added here by hand so bundles and tests see the same list. */
export const MIGRATIONS = [
  Foundation1764000000000,
  MoneyAndOutbox1764050000000,
  Payments1764200000000,
  Orders1764300000000,
  ListingSync1764400000000,
  PartnerWebhooks1764450000000,
  Shipping1764100000000,
  Reviews1764500000000,
  Insights1764510000000,
];
