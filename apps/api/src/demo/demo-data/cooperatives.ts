import type { Craft } from '@souk/catalogue';
import { NORTH_AND_CENTRE } from './cooperatives-north';
import { SOUTH } from './cooperatives-south';
import type { RegionCode } from '@souk/storefronts';
import { Localized } from './types';

export type LegalForm = 'cooperative' | 'enterprise' | 'individual_artisan';

export interface DemoCooperative {
  readonly slug: string;
  /** Short, unique handle used inside product slugs. */
  readonly short: string;
  /** Unique prefix of the cooperative's SKUs. */
  readonly skuPrefix: string;
  readonly name: string;
  readonly legalForm: LegalForm;
  readonly region: RegionCode;
  readonly city: string;
  /** The city in Arabic script, for the Arabic product descriptions. */
  readonly cityAr: string;
  readonly crafts: readonly Craft[];
  readonly description: Localized;
  readonly logoUrl: string;
  readonly verified: boolean;
  /** Display name of the owner account created with the cooperative. */
  readonly ownerName: string;
}

/** A cooperative as written in the data files; the logo address is derived from the slug. */
export type CooperativeEntry = Omit<DemoCooperative, 'logoUrl'>;

// Names and people are invented; places, crafts and techniques are real.
const ENTRIES: readonly CooperativeEntry[] = [...NORTH_AND_CENTRE, ...SOUTH];

export const DEMO_COOPERATIVES: readonly DemoCooperative[] = ENTRIES.map((entry) => ({
  ...entry,
  logoUrl: `https://cdn.souk.dev/logos/${entry.slug}.png`,
}));

export const DEMO_COOPERATIVE_SLUGS: readonly string[] = DEMO_COOPERATIVES.map((c) => c.slug);

/** The owner account of a demo cooperative; `.local` so no mail can ever leave for it. */
export function demoOwnerEmail(cooperative: Pick<DemoCooperative, 'slug'>): string {
  return `owner@${cooperative.slug}.souk.local`;
}
