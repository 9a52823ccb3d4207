import type { DutiesData, PackingData, RateCardData, RuleSet, RuleSetKind } from '../data/types';

/** The ISO day (UTC) of an instant: rule sets take effect on dates. */
export const dayOf = (on: Date): string => on.toISOString().slice(0, 10);

/** Which destinations a duties rule set covers. */
function covers(set: RuleSet<DutiesData>, country: string): boolean {
  const d = set.data;
  switch (d.regime) {
    case 'US':
    case 'GB':
    case 'CA':
      return d.countries.includes(country);
    case 'EU':
      return country in d.memberStates;
    case 'GCC':
      return country in d.countries;
    case 'ROW':
      return false;
  }
}

/**
 * Every rule set, with the one in force on a day: among the versions of a subject whose
 * [effectiveFrom, effectiveTo) holds the day, the latest effectiveFrom wins, so a new version
 * supersedes the previous one from its date without editing it.
 */
export class RuleBook {
  private readonly bySubject = new Map<string, RuleSet[]>();
  private readonly regimes: string[];
  /** country and day → rule set: the book never changes, so answers can be kept */
  private readonly dutiesSeen = new Map<string, RuleSet<DutiesData> | undefined>();

  constructor(readonly sets: readonly RuleSet[]) {
    for (const set of sets) {
      const key = `${set.kind}:${set.subject}`;
      const list = this.bySubject.get(key) ?? [];
      list.push(set);
      this.bySubject.set(key, list);
    }
    for (const list of this.bySubject.values())
      list.sort((a, b) =>
        a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0,
      );
    this.regimes = [
      ...new Set(sets.filter((s) => s.kind === 'duties' && s.subject !== 'ROW').map((s) => s.subject)),
    ];
  }

  inForce<D>(kind: RuleSetKind, subject: string, day: string): RuleSet<D> | undefined {
    return this.bySubject
      .get(`${kind}:${subject}`)
      ?.find((s) => s.effectiveFrom <= day && (s.effectiveTo === null || day < s.effectiveTo)) as
      RuleSet<D> | undefined;
  }

  card(carrier: string, day: string): RuleSet<RateCardData> | undefined {
    return this.inForce<RateCardData>('rate-card', carrier, day);
  }

  packing(day: string): RuleSet<PackingData> | undefined {
    return this.inForce<PackingData>('packing', 'packing', day);
  }

  /** The duties rule set covering the country on the day, or the rest-of-world one. */
  duties(country: string, day: string): RuleSet<DutiesData> | undefined {
    const key = `${country}${day}`;
    if (this.dutiesSeen.has(key)) return this.dutiesSeen.get(key);
    let found: RuleSet<DutiesData> | undefined;
    for (const subject of this.regimes) {
      const set = this.inForce<DutiesData>('duties', subject, day);
      if (set && covers(set, country)) {
        found = set;
        break;
      }
    }
    found ??= this.inForce<DutiesData>('duties', 'ROW', day);
    if (this.dutiesSeen.size < 10_000) this.dutiesSeen.set(key, found);
    return found;
  }
}
