/** The events partners can subscribe to; each is written to the outbox by the lib that owns the change. */
export const WEBHOOK_EVENTS = [
  'order.paid',
  'sub_order.shipped',
  'product.updated',
  'listing.synced',
  'listing.failed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_QUEUE = 'partner-webhooks';
