import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { InsightsController } from './insights.controller';
import { InsightsRefresher } from './refresh/insights-refresher';
import { INSIGHTS_QUEUE, InsightsRefreshProcessor, InsightsSchedule } from './refresh/refresh.processor';
import { SalesChangedSubscriber } from './refresh/sales-changed.subscriber';
import { InsightsQuery } from './sales/insights.query';
import { InsightsService } from './sales/insights.service';

/** The API side: the insights, read from insight_sales. Sql and TenancyService come from PlatformModule. */
@Module({
  controllers: [InsightsController],
  providers: [InsightsQuery, InsightsService, InsightsRefresher],
  exports: [InsightsService, InsightsRefresher],
})
export class InsightsModule {}

/** The worker side: the scheduled refresh, and the debounced one after each paid order. */
@Module({
  imports: [BullModule.registerQueue({ name: INSIGHTS_QUEUE })],
  providers: [InsightsRefresher, InsightsRefreshProcessor, InsightsSchedule, SalesChangedSubscriber],
})
export class InsightsWorkerModule {}
