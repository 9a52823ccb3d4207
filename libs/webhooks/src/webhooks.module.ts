import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WebhookDeliveryProcessor } from './delivery.processor';
import { EndpointsController } from './endpoints.controller';
import { EndpointsService } from './endpoints.service';
import { WEBHOOK_QUEUE } from './events';
import { WebhookFanOut } from './fan-out.subscriber';

const queue = BullModule.registerQueue({ name: WEBHOOK_QUEUE });

/** The API side: partners manage endpoints, read the delivery log and replay. */
@Module({ imports: [queue], controllers: [EndpointsController], providers: [EndpointsService] })
export class WebhooksModule {}

/** The worker side: the outbox subscriber that fans events out, and the signed deliveries. */
@Module({ imports: [queue], providers: [WebhookFanOut, WebhookDeliveryProcessor] })
export class WebhooksWorkerModule {}
