import { US_RULE_SETS } from './duties/us';
import { EU_RULE_SETS } from './duties/eu';
import { GB_RULE_SETS } from './duties/gb';
import { CA_RULE_SETS } from './duties/ca';
import { GCC_RULE_SETS } from './duties/gcc';
import { ROW_RULE_SETS } from './duties/row';
import { PACKING_RULE_SETS } from './packing';
import { AMANA_EMS_2026 } from './rate-cards/amana-ems';
import { ARAMEX_2026 } from './rate-cards/aramex';
import { DHL_EXPRESS_2026 } from './rate-cards/dhl-express';
import type { RuleSet } from './types';

export * from './types';
export { COUNTRIES, isCountry, defaultCurrencyOf } from './countries';

/** Every rule set Souk ships with; the Shipping migration loads them into shipping_rule_set. */
export const SHIPPING_RULE_SETS: readonly RuleSet[] = [
  DHL_EXPRESS_2026,
  ARAMEX_2026,
  AMANA_EMS_2026,
  ...PACKING_RULE_SETS,
  ...US_RULE_SETS,
  ...EU_RULE_SETS,
  ...GB_RULE_SETS,
  ...CA_RULE_SETS,
  ...GCC_RULE_SETS,
  ...ROW_RULE_SETS,
];
