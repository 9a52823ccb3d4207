import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { toInt } from '../to-int';

/** Shipping quotes and carriers (libs/shipping). */
export class ShippingSettings {
  /** Minutes a shipping quote's options can be chosen at checkout. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  SHIPPING_QUOTE_TTL_MINUTES = 30;

  /** MyDHL API base URL (e.g. https://express.api.dhl.com/mydhlapi); unset: DHL Express is priced from its rate card. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  DHL_API_URL?: string = undefined;

  /** MyDHL API key and secret (basic auth) and the shipper's DHL account; required in production when DHL_API_URL is set. */
  @IsOptional()
  @IsString()
  DHL_API_KEY?: string = undefined;

  @IsOptional()
  @IsString()
  DHL_API_SECRET?: string = undefined;

  @IsOptional()
  @Matches(/^[0-9]{6,12}$/, { message: 'must be 6 to 12 digits' })
  DHL_ACCOUNT_NUMBER?: string = undefined;

  /** Time a live DHL rate request has before the quote falls back to the rate card. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(30_000)
  DHL_TIMEOUT_MS = 2_000;

  /** Volumetric divisor (cm³ per kg) of the Aramex contract; unset: the rate card's. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(10_000)
  ARAMEX_VOLUMETRIC_DIVISOR?: number = undefined;

  /** Volumetric divisor (cm³ per kg) agreed with Barid Al-Maghrib for Amana EMS; unset: the rate card's. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(10_000)
  AMANA_VOLUMETRIC_DIVISOR?: number = undefined;
}
