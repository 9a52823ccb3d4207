import { Injectable, Logger } from '@nestjs/common';
import { type OutboxHandler, OutboxSubscriber, type RelayedEvent } from '@souk/platform';
import { RefundsService } from '../refunds/refunds.service';

/**
 * Money captured for an order already cancelled (the buyer paid after the reservation ran out,
 * before the payment could be abandoned) goes back to the buyer on its own. The relay hands the
 * event over at least once; the refund's fixed key makes a second delivery finish the same refund.
 * A refund the provider has not confirmed yet throws, so the relay brings the event back later.
 */
@Injectable()
@OutboxSubscriber({ name: 'orders-late-capture-refunds', types: ['order.captured_after_cancellation'] })
export class LateCaptureRefunds implements OutboxHandler {
  private readonly log = new Logger(LateCaptureRefunds.name);

  constructor(private readonly refunds: RefundsService) {}

  async deliver(events: RelayedEvent[]): Promise<void> {
    for (const event of events) {
      const answer = await this.refunds.refundCaptureAfterCancellation(event.aggregateId);
      if (answer.body.status !== 'succeeded')
        throw new Error(
          `refund ${answer.body.id} of order ${event.aggregateId} is still ${answer.body.status}`,
        );
      this.log.log(
        { orderId: event.aggregateId, refundId: answer.body.id },
        'returned a capture after cancellation',
      );
    }
  }
}
