import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { CHANNEL_NAME } from '../../connections/dto/channel.dto';

export const LISTING_STATUSES = ['synced', 'pending', 'failed'] as const;

export class ListingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ example: 'etsy' }) channel: string;
  @ApiProperty({ nullable: true, type: String, description: "The channel's id for the listing" })
  externalId: string | null;
  @ApiProperty({ enum: LISTING_STATUSES }) status: string;
  @ApiProperty({ description: 'False once the cooperative stopped syncing it (it is withdrawn)' })
  selected: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Content hash the channel last accepted' })
  syncedHash: string | null;
  @ApiProperty({ nullable: true, type: String }) syncedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ description: 'Attempts of the latest sync' }) attempts: number;
  @ApiProperty() updatedAt: string;
}

export class ListingListView {
  @ApiProperty({ type: [ListingView] }) items: ListingView[];
}

export class ResyncDto {
  @ApiPropertyOptional({ example: 'etsy', description: 'Only this channel; absent: every channel' })
  @IsOptional()
  @IsString()
  @Matches(CHANNEL_NAME, { message: 'must be a channel name such as etsy or anou' })
  channel?: string;
}

export class FailureView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) listingId: string;
  @ApiProperty({ format: 'uuid' }) productId: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty() channel: string;
  @ApiProperty({ description: 'The BullMQ job that gave up' }) jobId: string;
  @ApiProperty({ nullable: true, type: String }) contentHash: string | null;
  @ApiProperty() error: string;
  @ApiProperty() attempts: number;
  @ApiProperty() failedAt: string;
}

export class FailurePageView {
  @ApiProperty({ type: [FailureView] }) items: FailureView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ListFailuresQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ example: 'etsy' })
  @IsOptional()
  @IsString()
  @Matches(CHANNEL_NAME, { message: 'must be a channel name such as etsy or anou' })
  channel?: string;
}

export class AdminListFailuresQueryDto extends ListFailuresQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() cooperativeId?: string;
}
