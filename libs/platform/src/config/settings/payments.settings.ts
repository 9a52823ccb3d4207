import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { toInt } from '../to-int';

/** Payment providers, the gateway simulator and cooperative payouts (libs/payments). */
export class PaymentsSettings {
  /** Payment providers offered at checkout, comma-separated. */
  @Matches(/^(mastercard|cmi|stripe)(,(mastercard|cmi|stripe))*$/, {
    message: 'must be a comma-separated list of mastercard, cmi, stripe',
  })
  PAYMENTS_PROVIDERS = 'mastercard,cmi,stripe';

  /** Where browsers and gateways reach this API, for return and notification URLs (default http://localhost:PORT). */
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+(\/[^\s]*)?$/, { message: 'must be an http(s) URL' })
  PAYMENTS_PUBLIC_URL?: string = undefined;

  /** Port of the in-process gateway simulator used outside production when a provider has no credentials (0: any). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PAYMENTS_SIMULATOR_PORT = 0;

  /** Time allowed for one call to a payment provider; past it the outcome is unknown until retrieved. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  PAYMENTS_HTTP_TIMEOUT_MS = 15_000;

  /** Payments not final after this many seconds are retrieved from their provider by the reconciliation job. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PAYMENTS_RECONCILE_AFTER_SECONDS = 600;

  /** Payments still unpaid after this many minutes are voided and marked failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PAYMENTS_ABANDON_AFTER_MINUTES = 120;

  /** Mastercard Gateway base URL, e.g. https://ap-gateway.mastercard.com; `simulator` for the in-process fake. */
  @Matches(/^(simulator|https?:\/\/[^\s]+)$/, { message: 'must be an http(s) URL or simulator' })
  MASTERCARD_GATEWAY_URL = 'simulator';

  /** Merchant id at the Mastercard Gateway (basic auth user merchant.<id>). */
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1 to 40 letters, digits, _ or -' })
  MASTERCARD_MERCHANT_ID = 'SOUKSIM01';

  /** Mastercard Gateway API password (no default: without it, outside production, the simulator is used). */
  @IsOptional()
  @IsString()
  MASTERCARD_API_PASSWORD?: string = undefined;

  /** Secret the gateway sends in X-Notification-Secret with each webhook notification. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  MASTERCARD_NOTIFICATION_SECRET?: string = undefined;

  /** Currencies the Mastercard merchant account takes. */
  @Matches(/^(MAD|EUR|USD)(,(MAD|EUR|USD))*$/, { message: 'must list MAD, EUR or USD' })
  MASTERCARD_CURRENCIES = 'MAD,EUR,USD';

  /** CMI 3D_PAY_HOSTING form target (…/fim/est3Dgate); `simulator` for the in-process fake. */
  @Matches(/^(simulator|https?:\/\/[^\s]+)$/, { message: 'must be an http(s) URL or simulator' })
  CMI_GATEWAY_URL = 'simulator';

  /** CMI merchant API for status, capture, void and refunds (…/fim/api); `simulator` for the fake. */
  @Matches(/^(simulator|https?:\/\/[^\s]+)$/, { message: 'must be an http(s) URL or simulator' })
  CMI_API_URL = 'simulator';

  /** CMI merchant id (clientid). */
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'must be 1 to 20 letters or digits' })
  CMI_CLIENT_ID = '600000001';

  /** CMI store key, the secret of the HASH. */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  CMI_STORE_KEY?: string = undefined;

  /** CMI merchant API user and password. */
  @IsOptional()
  @IsString()
  CMI_API_USER?: string = undefined;

  @IsOptional()
  @IsString()
  CMI_API_PASSWORD?: string = undefined;

  /** Stripe API base URL (https://api.stripe.com); `simulator` for the in-process fake. */
  @Matches(/^(simulator|https?:\/\/[^\s]+)$/, { message: 'must be an http(s) URL or simulator' })
  STRIPE_API_URL = 'simulator';

  /** Stripe secret API key (sk_…). */
  @IsOptional()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, { message: 'must be a Stripe secret key (sk_…)' })
  STRIPE_SECRET_KEY?: string = undefined;

  /** Stripe publishable key (pk_…), handed to the buyer's browser. */
  @IsOptional()
  @Matches(/^pk_(test|live)_[A-Za-z0-9]+$/, { message: 'must be a Stripe publishable key (pk_…)' })
  STRIPE_PUBLISHABLE_KEY?: string = undefined;

  /** Stripe webhook signing secret (whsec_…). */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9]+$/, { message: 'must be a Stripe webhook secret (whsec_…)' })
  STRIPE_WEBHOOK_SECRET?: string = undefined;

  /** Currencies charged through Stripe. */
  @Matches(/^(MAD|EUR|USD)(,(MAD|EUR|USD))*$/, { message: 'must list MAD, EUR or USD' })
  STRIPE_CURRENCIES = 'MAD,EUR,USD';

  /** Days a sale is held before it can be paid out to its cooperative (refund window). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(90)
  PAYOUT_HOLD_DAYS = 7;

  /** Smallest payout, in MAD minor units; smaller balances wait for the next run. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PAYOUT_MINIMUM_AMOUNT = 10_000;

  /** Hours between payout runs. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  PAYOUT_EVERY_HOURS = 24;
}
