import { toMajorString } from '@souk/platform';

export interface BankTransferLine {
  payoutId: string;
  cooperativeId: string;
  cooperativeName: string;
  accountHolder: string;
  rib: string;
  amount: number;
}

/** Quotes a CSV field, and defuses values a spreadsheet would run as a formula. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The batch file an admin hands to the bank: one transfer per line, amounts in MAD with two
 * decimals, the RIB as 24 digits, and a reference the cooperative will see on its statement.
 */
export function bankTransferCsv(batchId: string, lines: BankTransferLine[]): string {
  const header = [
    'payout_id',
    'cooperative_id',
    'cooperative',
    'account_holder',
    'rib',
    'amount',
    'currency',
    'reference',
  ];
  const rows = lines.map((l) =>
    [
      l.payoutId,
      l.cooperativeId,
      l.cooperativeName,
      l.accountHolder,
      l.rib,
      toMajorString({ amount: l.amount, currency: 'MAD' }),
      'MAD',
      `SOUK ${batchId.slice(0, 8).toUpperCase()} ${l.payoutId.slice(0, 8).toUpperCase()}`,
    ]
      .map(field)
      .join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}
