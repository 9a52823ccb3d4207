import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadNative } from './support/native';

type Insights = typeof import('../libs/insights/src/csv');
const { dirhams, toCsv } = loadNative<Insights>('libs/insights/src/csv.ts');

/** A small RFC 4180 reader, to check that what toCsv writes reads back as it was. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('insight CSV', () => {
  it('writes dirhams from minor units exactly', () => {
    expect(dirhams(4512050)).toBe('45120.50');
    expect(dirhams(5)).toBe('0.05');
    expect(dirhams(0)).toBe('0.00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (minor) => {
        expect(BigInt(dirhams(minor).replace('.', ''))).toBe(BigInt(minor));
        expect(dirhams(minor)).toMatch(/^\d+\.\d{2}$/);
      }),
    );
  });

  it('reads back every field as written, quotes and line breaks included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 3, maxLength: 3 }), {
          maxLength: 5,
        }),
        (rows) => {
          const back = readCsv(toCsv(['a', 'b', 'c'], rows));
          const expected = rows.map((r) =>
            r.map((v) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v))),
          );
          expect(back).toEqual([['a', 'b', 'c'], ...expected]);
        },
      ),
    );
  });

  it('defuses fields a spreadsheet would run as formulas', () => {
    expect(toCsv(['name'], [['=HYPERLINK("http://x")'], ['+1'], ['@SUM(A1)'], ['-2']])).toBe(
      'name\r\n"\'=HYPERLINK(""http://x"")"\r\n\'+1\r\n\'@SUM(A1)\r\n\'-2\r\n',
    );
    expect(toCsv(['n'], [[-2]])).toBe('n\r\n-2\r\n');
  });
});
