import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { toInt } from '../to-int';

/** Reviews (libs/storefronts) and export insights (libs/insights). */
export class ReviewsAndInsightsSettings {
  /** Reviews one buyer may write per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  REVIEWS_PER_HOUR = 5;

  /** Longest review text, in characters, once HTML is removed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(20_000)
  REVIEW_TEXT_MAX_LENGTH = 2000;

  /** Minutes between the scheduled refreshes of the export insights' aggregates. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  INSIGHTS_REFRESH_EVERY_MINUTES = 15;

  /** Seconds a paid order waits for others before the insights refresh, so a burst costs one refresh. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  INSIGHTS_REFRESH_DEBOUNCE_SECONDS = 20;
}
