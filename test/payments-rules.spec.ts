import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { loadNative } from './support/native';

type Payments = typeof import('@souk/payments');
const p = loadNative<Payments>('@souk/payments');

const STATUSES = [
  'pending',
  'requires_action',
  'authorized',
  'captured',
  'partially_refunded',
  'refunded',
  'voided',
  'failed',
  'unknown',
] as const;
const SOURCES = ['notification', 'retrieve', 'operation'] as const;
const RANK: Record<string, number> = {
  pending: 0,
  requires_action: 1,
  authorized: 2,
  captured: 3,
  partially_refunded: 4,
  refunded: 5,
};

describe('CMI ver3 HASH', () => {
  it('matches a hash worked out by hand from the documented steps', () => {
    const fields = {
      oid: 'SK-1',
      amount: '450.00',
      clientid: '600000001',
      BillToName: ' Amina | B\\',
      encoding: 'UTF-8',
      HASH: 'ignored',
    };
    // sorted case-insensitively: amount, BillToName, clientid, oid; hash and encoding left out
    const plain = '450.00|Amina \\| B\\\\|600000001|SK-1|store\\|key';
    expect(p.cmiHashPlaintext(fields, 'store|key')).toBe(plain);
    expect(p.cmiHash(fields, 'store|key')).toBe(createHash('sha512').update(plain).digest('base64'));
  });

  it('verifies what it signs and refuses any changed value, key or escaping trick', () => {
    const fieldName = fc
      .stringMatching(/^[A-Za-z][A-Za-z0-9]{0,12}$/)
      .filter((n) => !['hash', 'encoding'].includes(n.toLowerCase()));
    fc.assert(
      fc.property(
        fc.dictionary(fieldName, fc.string({ maxLength: 20 }), { minKeys: 1, maxKeys: 8 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        (fields, key) => {
          const signed = { ...fields, HASH: p.cmiHash(fields, key) };
          expect(p.cmiHashMatches(signed, key)).toBe(true);
          expect(p.cmiHashMatches(signed, key + 'x')).toBe(false);
          const [name] = Object.keys(fields);
          const changed = { ...signed, [name]: fields[name].trim() + 'X' };
          expect(p.cmiHashMatches(changed, key)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps a pipe inside a value from passing for a field separator', () => {
    const a = p.cmiHash({ a: 'x|y', b: 'z' }, 'k');
    const b = p.cmiHash({ a: 'x', b: 'y|z' }, 'k');
    expect(a).not.toBe(b);
  });

  it('sorts names case-insensitively, with digit runs in numeric order', () => {
    const names = ['oid', 'Amount', 'amount2', 'amount10', 'BillToName', 'clientid'];
    expect([...names].sort(p.naturalCaseCompare)).toEqual([
      'Amount',
      'amount2',
      'amount10',
      'BillToName',
      'clientid',
      'oid',
    ]);
  });
});

describe('payment states', () => {
  it('only ever move forward, whatever is reported in whatever order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ status: fc.constantFrom(...STATUSES), source: fc.constantFrom(...SOURCES) }), {
          maxLength: 30,
        }),
        (reports) => {
          let current: (typeof STATUSES)[number] = 'pending';
          for (const r of reports) {
            const next = p.advance(current, r.status, r.source);
            if (['refunded', 'voided', 'failed'].includes(current)) expect(next).toBe(current);
            if (current in RANK && next in RANK) expect(RANK[next]).toBeGreaterThanOrEqual(RANK[current]);
            if (p.isPaid(current)) expect(['voided', 'failed', 'unknown', 'pending']).not.toContain(next);
            if (current === 'unknown' && r.source !== 'retrieve') expect(next).toBe('unknown');
            current = next;
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('tell the paid state from the amounts', () => {
    expect(p.paidStatus(10000, 0)).toBe('captured');
    expect(p.paidStatus(10000, 1)).toBe('partially_refunded');
    expect(p.paidStatus(10000, 10000)).toBe('refunded');
  });
});

describe('RIB and bank file', () => {
  it('accepts a RIB with its key and refuses any single changed digit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{22}$/),
        fc.nat(21),
        fc.integer({ min: 1, max: 9 }),
        (first22, at, delta) => {
          const rib = first22 + p.ribKey(first22);
          expect(p.isValidRib(rib)).toBe(true);
          const digit = (Number(rib[at]) + delta) % 10;
          expect(p.isValidRib(rib.slice(0, at) + digit + rib.slice(at + 1))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
    expect(p.isValidRib('0077800001234567890123')).toBe(false);
  });

  it('writes amounts to the centime and defuses spreadsheet formulas', () => {
    const csv = p.bankTransferCsv('b1b2b3b4-0000-0000-0000-000000000000', [
      {
        payoutId: 'p1',
        cooperativeId: 'c1',
        cooperativeName: '=HYPERLINK("x")',
        accountHolder: 'Tiwizi, Azilal',
        rib: '007780000123456789012347',
        amount: 100001,
      },
    ]);
    const [, line] = csv.split('\r\n');
    expect(line).toBe(
      `p1,c1,"'=HYPERLINK(""x"")","Tiwizi, Azilal",007780000123456789012347,1000.01,MAD,SOUK B1B2B3B4 P1`,
    );
  });

  it('keeps refund ids within the 40 characters the gateway allows', () => {
    expect(p.refundKey('3f1c2b9e-6a7d-4d2e-9b1f-0c8a7e6d5f4a')).toHaveLength(39);
  });
});
