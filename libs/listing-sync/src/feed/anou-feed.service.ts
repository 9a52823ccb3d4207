import { Injectable } from '@nestjs/common';
import { ExchangeRates, Sql } from '@souk/platform';
import { ListingChannels } from '../channels';
import { ANOU_CONTRACT_VERSION, anouListing } from '../channels/anou.channel';
import { CredentialVault } from '../credentials/credential-vault';
import { renderDraft, type ProductSnapshot } from '../sync/listing-draft';
import { DRAFT_PRODUCT } from '../sync/listing-snapshots';

export type AnouFeedItem = ReturnType<typeof anouListing>;

export interface AnouFeed {
  contractVersion: number;
  cooperativeId: string;
  generatedAt: string;
  items: AnouFeedItem[];
}

const CSV_COLUMNS = [
  'reference',
  'slug',
  'status',
  'sku',
  'options',
  'price_amount',
  'price_currency',
  'quantity',
  'title_fr',
  'title_en',
  'title_ar',
  'description_fr',
  'description_en',
  'description_ar',
  'craft',
  'materials',
  'origin_city',
  'hs_code',
  'images',
  'content_hash',
] as const;

/** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The cooperative's listings in the Anou contract's shape, for platforms that import files: its
 * active products (those chosen for Anou once Anou is connected), as JSON or one CSV row per variant.
 */
@Injectable()
export class AnouFeedService {
  constructor(
    private readonly sql: Sql,
    private readonly rates: ExchangeRates,
    private readonly vault: CredentialVault,
    private readonly channels: ListingChannels,
  ) {}

  async feed(cooperativeId: string): Promise<AnouFeed> {
    const anou = this.channels.get('anou');
    const connection = await this.sql.one<{ credentials: Buffer }>(
      `SELECT credentials FROM channel_connection WHERE cooperative_id = $1 AND channel = 'anou'`,
      [cooperativeId],
    );
    const currency = connection
      ? anou.currency(this.vault.open(connection.credentials, cooperativeId, 'anou'))
      : anou.currency({});
    const rate = await this.rates.rateOn(currency);
    const products = await this.sql.rows<ProductSnapshot>(
      `SELECT ${DRAFT_PRODUCT} FROM product p
        WHERE p.cooperative_id = $1 AND p.status = 'active'
          AND (NOT $2 OR EXISTS (SELECT 1 FROM channel_listing l
                                  WHERE l.product_id = p.id AND l.channel = 'anou' AND l.selected))
        ORDER BY p.created_at, p.id`,
      [cooperativeId, !!connection],
    );
    return {
      contractVersion: ANOU_CONTRACT_VERSION,
      cooperativeId,
      generatedAt: new Date().toISOString(),
      items: products.map((p) => anouListing(renderDraft(p, true, rate))),
    };
  }

  csv(feed: AnouFeed): string {
    const lines = [CSV_COLUMNS.join(',')];
    for (const item of feed.items) {
      for (const v of item.variants) {
        lines.push(
          [
            item.reference,
            item.slug,
            item.status,
            v.sku,
            Object.entries(v.options)
              .map(([k, o]) => `${k}=${o}`)
              .join(';'),
            v.price.amount,
            v.price.currency,
            v.quantity,
            item.title.fr,
            item.title.en,
            item.title.ar,
            item.description.fr,
            item.description.en,
            item.description.ar,
            item.craft,
            item.materials.join('|'),
            item.originCity,
            item.hsCode,
            item.images.join('|'),
            item.contentHash,
          ]
            .map(cell)
            .join(','),
        );
      }
    }
    return lines.join('\r\n') + '\r\n';
  }
}
