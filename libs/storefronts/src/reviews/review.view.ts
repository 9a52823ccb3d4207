import { ApiProperty } from '@nestjs/swagger';
import { REVIEW_LOCALES, type ReviewLocale } from './dto/review.dto';

export class ReviewReplyView {
  @ApiProperty({ example: 'Merci ! Chaque bol est tourné par Si Mohammed.' }) text: string;
  @ApiProperty({ format: 'date-time' }) repliedAt: string;
}

export class ReviewModerationView {
  @ApiProperty() hidden: boolean;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) hiddenBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) hiddenAt: string | null;
  @ApiProperty({ description: 'People who reported it' }) reports: number;
}

/** A review as readers see it; `moderation` only in admins' answers. */
export class ReviewView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Plain text' }) text: string;
  @ApiProperty({ enum: REVIEW_LOCALES }) locale: ReviewLocale;
  @ApiProperty({ type: [String] }) images: string[];
  @ApiProperty({ example: 'Claire M.' }) authorName: string;
  @ApiProperty({ description: 'Always true: only buyers of a delivered order can review' })
  verifiedPurchase: boolean;
  @ApiProperty({ type: ReviewReplyView, nullable: true }) reply: ReviewReplyView | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: ReviewModerationView, required: false }) moderation?: ReviewModerationView;
}

export class ReviewPageView {
  @ApiProperty({ type: [ReviewView] }) items: ReviewView[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next page; null on the last one',
  })
  nextCursor: string | null;
}

export interface ReviewRow {
  id: string;
  product_id: string;
  cooperative_id: string;
  rating: number;
  title: string;
  body: string;
  locale: ReviewLocale;
  images: string[];
  author_name: string;
  reply_body: string | null;
  replied_at: Date | null;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: string | null;
  report_count: number;
  created_at: Date;
}

/** The columns a ReviewRow needs, from `review r`. */
export const REVIEW_COLUMNS = `r.id, r.product_id, r.cooperative_id, r.rating, r.title, r.body, r.locale, r.images,
  r.author_name, r.reply_body, r.replied_at, r.hidden_at, r.hidden_by, r.hidden_reason, r.report_count, r.created_at`;

export function toReviewView(row: ReviewRow, opts: { moderation?: boolean } = {}): ReviewView {
  return {
    id: row.id,
    productId: row.product_id,
    cooperativeId: row.cooperative_id,
    rating: row.rating,
    title: row.title,
    text: row.body,
    locale: row.locale,
    images: row.images,
    authorName: row.author_name,
    verifiedPurchase: true,
    reply:
      row.reply_body === null ? null : { text: row.reply_body, repliedAt: row.replied_at!.toISOString() },
    createdAt: row.created_at.toISOString(),
    ...(opts.moderation
      ? {
          moderation: {
            hidden: row.hidden_at !== null,
            reason: row.hidden_reason,
            hiddenBy: row.hidden_by,
            hiddenAt: row.hidden_at?.toISOString() ?? null,
            reports: row.report_count,
          },
        }
      : {}),
  };
}

/** "Claire Martin" → "Claire M.": enough for trust, not a full name on a public page. */
export function publicName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'A buyer';
  if (words.length === 1) return words[0].slice(0, 40);
  return `${words[0].slice(0, 40)} ${[...words[words.length - 1]][0].toUpperCase()}.`;
}
