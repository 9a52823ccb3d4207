import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { toInt } from '../to-int';

/** Carts, checkout and reservations (libs/orders). */
export class OrdersSettings {
  /** Minutes an unpaid order holds its reserved stock before the worker releases it and cancels the order. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  ORDERS_RESERVATION_MINUTES = 30;

  /** Seconds between the worker's sweeps for expired reservations. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  ORDERS_EXPIRY_SWEEP_SECONDS = 60;

  /** Marketplace commission on a cooperative's goods, in basis points (1000 = 10%), unless an admin set its own. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000)
  ORDERS_COMMISSION_BP = 1000;
}
