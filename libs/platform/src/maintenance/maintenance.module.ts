import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import {
  MaintenanceSchedule,
  MAINTENANCE_QUEUE,
  PurgeExpiredSessionsProcessor,
} from './purge-expired-sessions.processor';

/** The worker side of the platform: housekeeping jobs and their schedules. */
@Module({
  imports: [BullModule.registerQueue({ name: MAINTENANCE_QUEUE })],
  providers: [PurgeExpiredSessionsProcessor, MaintenanceSchedule],
})
export class MaintenanceWorkerModule {}
