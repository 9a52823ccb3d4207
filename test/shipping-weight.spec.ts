import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadNative } from './support/native';

type Shipping = typeof import('@souk/shipping');
type Data = typeof import('@souk/shipping/data');
type RateCard = typeof import('../libs/shipping/src/carriers/rate-card');
type MyDhl = typeof import('../libs/shipping/src/carriers/mydhl.client');
type Packer = typeof import('../libs/shipping/src/packing/packer');

const { chargeableGrams, volumetricGrams, roundUpTo, applyRate, allocate } =
  loadNative<Shipping>('@souk/shipping');
const { pack, breaksLimits } = loadNative<Packer>('libs/shipping/src/packing/packer.ts');
const { priceAt, zoneOf } = loadNative<RateCard>('libs/shipping/src/carriers/rate-card.ts');
const { decimalToMinor } = loadNative<MyDhl>('libs/shipping/src/carriers/mydhl.client.ts');
const { SHIPPING_RULE_SETS } = loadNative<Data>('@souk/shipping/data');

const side = fc.integer({ min: 1, max: 3000 });
const dims = fc.tuple(side, side, side).map(([a, b, c]) => {
  const [length, width, height] = [a, b, c].sort((x, y) => y - x);
  return { length, width, height };
});
const divisor = fc.constantFrom(3000, 4000, 5000, 6000);

describe('volumetric and chargeable weight', () => {
  it('works the examples of the destination table', () => {
    expect(volumetricGrams({ length: 280, width: 280, height: 120 }, 5000)).toBe(1882); // 1881.6 up
    expect(volumetricGrams({ length: 280, width: 280, height: 120 }, 6000)).toBe(1568); // exact
    expect(volumetricGrams({ length: 1540, width: 340, height: 340 }, 5000)).toBe(35605);
    expect(chargeableGrams(1500, { length: 280, width: 280, height: 120 }, 5000)).toBe(2000);
    expect(chargeableGrams(9300, { length: 1540, width: 340, height: 340 }, 5000)).toBe(36000);
    // heavy and small: actual weight wins
    expect(chargeableGrams(4100, { length: 200, width: 200, height: 100 }, 5000)).toBe(4500);
  });

  it('is L×W×H / divisor rounded up to the gram, exactly', () => {
    fc.assert(
      fc.property(dims, divisor, (d, div) => {
        const v = BigInt(volumetricGrams(d, div));
        const volume = BigInt(d.length) * BigInt(d.width) * BigInt(d.height);
        expect(v * BigInt(div) >= volume).toBe(true);
        expect((v - 1n) * BigInt(div) < volume).toBe(true);
      }),
    );
  });

  it('is the greater of actual and volumetric, rounded up to the next 0.5 kg', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300_000 }), dims, divisor, (weight, d, div) => {
        const c = chargeableGrams(weight, d, div);
        const heavier = Math.max(weight, volumetricGrams(d, div));
        expect(c % 500).toBe(0);
        expect(c >= heavier).toBe(true);
        expect(c - heavier < 500).toBe(true);
        // more weight never costs less
        expect(chargeableGrams(weight + 1, d, div) >= c).toBe(true);
      }),
    );
  });

  it('rounds up to a step, leaving exact multiples alone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(100, 250, 500, 1000),
        (g, step) => {
          const r = roundUpTo(g, step);
          expect(r % step).toBe(0);
          expect(r >= g && r - g < step).toBe(true);
          expect(roundUpTo(r, step)).toBe(r);
        },
      ),
    );
    expect(() => roundUpTo(1.5, 500)).toThrow(/whole number/);
  });
});

describe('rates and shares in minor units', () => {
  it('applies a decimal rate exactly, half away from zero', () => {
    expect(applyRate(76300, '0.275')).toBe(20983); // 20982.5
    expect(applyRate(323625, '0.003464')).toBe(1121); // 1121.037
    expect(applyRate(32362, '0.10')).toBe(3236); // 3236.2
    expect(applyRate(5, '0.5')).toBe(3); // 2.5
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 999_999 }),
        (amount, millionths) => {
          const rate = `0.${String(millionths).padStart(6, '0')}`;
          const r = BigInt(applyRate(amount, rate));
          // |amount × rate − r| ≤ 1/2, in millionths
          const diff = BigInt(amount) * BigInt(millionths) - r * 1_000_000n;
          expect(diff <= 500_000n && diff >= -500_000n).toBe(true);
        },
      ),
    );
  });

  it('shares a total in proportion, whole and never negative, adding up exactly', () => {
    expect(allocate(6499, [23127])).toEqual([6499]);
    expect(allocate(100, [1, 1, 1])).toEqual([33, 34, 33]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const shares = allocate(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          expect(shares.every((s) => Number.isInteger(s) && s >= 0)).toBe(true);
          const sum = weights.reduce((a, b) => a + b, 0);
          if (sum > 0)
            shares.forEach((s, i) => expect(Math.abs(s * sum - total * weights[i]) <= sum).toBe(true));
        },
      ),
    );
  });

  it("reads MyDHL's decimal prices into minor units without floats", () => {
    expect(decimalToMinor(1234.5, 'MAD')).toBe(123450);
    expect(decimalToMinor('89.25', 'EUR')).toBe(8925);
    expect(decimalToMinor(0.125, 'EUR')).toBe(13);
    expect(decimalToMinor('12.3449', 'USD')).toBe(1234);
    expect(() => decimalToMinor('1e3', 'MAD')).toThrow(/not a decimal amount/);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), (cents) => {
        expect(decimalToMinor(cents / 100, 'MAD')).toBe(cents);
      }),
    );
  });
});

describe('rate cards', () => {
  const cards = SHIPPING_RULE_SETS.filter((s) => s.kind === 'rate-card') as any[];

  it('price each 0.5 kg break, then per kg beyond the last, never cheaper for more weight', () => {
    const dhl = cards.find((c) => c.subject === 'dhl-express').data;
    const us = zoneOf(dhl, 'US')!;
    expect(priceAt(dhl, us, 500)).toBe(52000);
    expect(priceAt(dhl, us, 10_000)).toBe(192400);
    expect(priceAt(dhl, us, 10_500)).toBe(192400 + 6400); // half a kg at 128.00 per kg
    expect(priceAt(dhl, us, 36_000)).toBe(192400 + 26 * 12800);
    fc.assert(
      fc.property(fc.constantFrom(...cards), fc.integer({ min: 1, max: 200 }), (card, halfKilos) => {
        for (const zone of card.data.zones) {
          expect(
            priceAt(card.data, zone, (halfKilos + 1) * 500) >= priceAt(card.data, zone, halfKilos * 500),
          ).toBe(true);
        }
      }),
    );
  });

  it('are plausible: Aramex 161 to 383 MAD for 0.5 kg and 1,141 to 5,135 MAD for 20 kg', () => {
    const aramex = cards.find((c) => c.subject === 'aramex').data;
    const half = aramex.zones.map((z: any) => priceAt(aramex, z, 500));
    const twenty = aramex.zones.map((z: any) => priceAt(aramex, z, 20_000));
    expect([Math.min(...half), Math.max(...half)]).toEqual([16100, 38300]);
    expect([Math.min(...twenty), Math.max(...twenty)]).toEqual([114100, 513500]);
    expect(aramex.zones).toHaveLength(7);
  });

  it('name a zone for every served country and none for the embargoed', () => {
    for (const card of cards) {
      expect(zoneOf(card.data, 'KP')).toBeUndefined();
      expect(card.version).toMatch(new RegExp(`^${card.subject}/\\d{4}-\\d{2}-\\d{2}$`));
      expect(card.source.length).toBeGreaterThan(20);
    }
  });
});

describe('packing', () => {
  const policy = {
    paddingMm: 40,
    boxGrams: 300,
    consolidate: { maxWeightGrams: 30_000, maxLengthMm: 1200, maxLengthPlusGirthMm: null },
  };
  const unit = fc.record({
    variantId: fc.constantFrom('a', 'b', 'c', 'd'),
    weightGrams: fc.integer({ min: 50, max: 40_000 }),
    dims: fc
      .tuple(
        fc.integer({ min: 10, max: 1600 }),
        fc.integer({ min: 10, max: 800 }),
        fc.integer({ min: 5, max: 400 }),
      )
      .map(([a, b, c]) => {
        const [length, width, height] = [a, b, c].sort((x, y) => y - x);
        return { length, width, height };
      }),
  });

  it('packs every unit once, adds the box to each parcel, and keeps shared boxes within the limits', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 25 }), (units) => {
        const parcels = pack(units, policy);
        const packed = parcels.flatMap((p) => p.contents).reduce((s, c) => s + c.quantity, 0);
        expect(packed).toBe(units.length);
        const unitWeight = units.reduce((s, u) => s + u.weightGrams, 0);
        expect(parcels.reduce((s, p) => s + p.weightGrams, 0)).toBe(unitWeight + 300 * parcels.length);
        for (const p of parcels) {
          const count = p.contents.reduce((s, c) => s + c.quantity, 0);
          if (count > 1) expect(breaksLimits(p, policy.consolidate)).toBeNull();
          expect(
            p.dimensionsMm.length >= p.dimensionsMm.width && p.dimensionsMm.width >= p.dimensionsMm.height,
          ).toBe(true);
        }
      }),
    );
  });

  it("splits where the carrier's piece limits are tighter: three poufs in one box, or two for EMS's 300 cm length and girth", () => {
    const pouf = { variantId: 'pouf', weightGrams: 2000, dims: { length: 500, width: 500, height: 300 } };
    const together = pack([pouf, pouf, pouf], policy);
    // 500×500×900 + 40 → 940×540×540: length and girth 940 + 2 × 1080 = 3100 mm
    expect(together.map((p) => p.dimensionsMm)).toEqual([{ length: 940, width: 540, height: 540 }]);
    const ems = { maxWeightGrams: 30_000, maxLengthMm: 1500, maxLengthPlusGirthMm: 3000 };
    expect(breaksLimits(together[0], ems)).toBe(
      'a piece of 310 cm length and girth is above its 300 cm limit',
    );
    expect(pack([pouf, pouf, pouf], policy, ems).map((p) => [p.dimensionsMm, p.weightGrams])).toEqual([
      [{ length: 640, width: 540, height: 540 }, 4300],
      [{ length: 540, width: 540, height: 340 }, 2300],
    ]);
  });
});
