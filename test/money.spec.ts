import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadNative } from './support/native';

type Platform = typeof import('@souk/platform');
const { money, toMajorString, fromMajorString, basisPoints, divRound, fromMad, toMad, sum } =
  loadNative<Platform>('@souk/platform');

const rate = (currency: string, madPerUnit: string) => ({
  currency,
  madPerUnit,
  effectiveDate: '2026-11-02',
  source: 'test',
});

describe('money', () => {
  it('writes and reads major-unit strings exactly', () => {
    expect(toMajorString(money(45000, 'MAD'))).toBe('450.00');
    expect(toMajorString(money(5, 'EUR'))).toBe('0.05');
    expect(toMajorString(money(-1234, 'USD'))).toBe('-12.34');
    expect(toMajorString(money(1500, 'JPY'))).toBe('1500');
    expect(toMajorString(money(1, 'KWD'))).toBe('0.001');
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('MAD', 'EUR', 'JPY', 'KWD'),
        (amount, currency) => {
          expect(fromMajorString(toMajorString(money(amount, currency)), currency)).toEqual(
            money(amount, currency),
          );
        },
      ),
    );
    expect(() => fromMajorString('1.234', 'MAD')).toThrow(/not an amount/);
  });

  it('refuses fractions of a minor unit and unknown currencies', () => {
    // (errors come from Node's realm, not jest's: match on messages)
    expect(() => money(1.5, 'MAD')).toThrow(/integer of minor units/);
    expect(() => money(1, 'XXX')).toThrow(/unknown currency/);
  });

  it('rounds half away from zero', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, q) => {
          const r = divRound(n, q);
          // |n/q - r| <= 1/2
          const diff = n * 2n - r * 2n * q;
          expect(diff <= q && diff >= -q).toBe(true);
        },
      ),
    );
  });

  it('takes basis-point shares to the nearest minor unit', () => {
    expect(basisPoints(money(10000, 'MAD'), 1250)).toEqual(money(1250, 'MAD'));
    expect(basisPoints(money(333, 'MAD'), 1500)).toEqual(money(50, 'MAD')); // 49.95 → 50
    expect(sum('MAD', [money(1, 'MAD'), money(2, 'MAD')])).toEqual(money(3, 'MAD'));
  });

  it('converts from and to dirhams at a dated rate, losing at most one minor unit on the way back', () => {
    const eur = rate('EUR', '10.81000000');
    expect(fromMad(108100, eur)).toEqual(money(10000, 'EUR')); // 1,081.00 MAD = 100.00 EUR
    expect(toMad(10000, eur)).toEqual(money(108100, 'MAD'));
    expect(fromMad(100, rate('JPY', '0.06100000'))).toEqual(money(16, 'JPY')); // 1 MAD = 16.39 JPY → 16
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 1e6, max: 5e9 }), (mad, scaled) => {
        const r = rate('USD', (scaled / 1e8).toFixed(8));
        const back = toMad(fromMad(mad, r).amount, r).amount;
        // one USD cent is worth madPerUnit MAD cents: the round trip is off by at most half of that, plus one
        expect(Math.abs(back - mad)).toBeLessThanOrEqual(Math.ceil(Number(r.madPerUnit) / 2) + 1);
      }),
    );
  });
});
