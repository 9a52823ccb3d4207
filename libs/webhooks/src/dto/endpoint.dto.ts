import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { WEBHOOK_EVENTS, type WebhookEventType } from '../events';

export class CreateEndpointDto {
  @ApiProperty({ example: 'https://partner.example.com/souk/webhooks' })
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, require_tld: false },
    { message: 'must be an http(s) URL' },
  )
  @MaxLength(2000)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `each value must be one of ${WEBHOOK_EVENTS.join(', ')}` })
  events: WebhookEventType[];

  @ApiPropertyOptional({ example: 'Order feed for our logistics desk' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class EndpointDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: WebhookEventType[];
  @ApiProperty({ nullable: true }) description: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'Only this cooperative’s events' })
  cooperativeId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true }) disabledAt: Date | null;
}

export class CreatedEndpointDto extends EndpointDto {
  @ApiProperty({ description: 'The signing secret (whsec_…). It is shown this once.' })
  secret: string;
}

export class DeliveryAttemptDto {
  @ApiProperty() attemptedAt: Date;
  @ApiProperty({ nullable: true }) statusCode: number | null;
  @ApiProperty({ nullable: true }) error: string | null;
  @ApiProperty() durationMs: number;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'evt_42' }) eventId: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) eventType: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true }) lastStatusCode: number | null;
  @ApiProperty({ nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true }) deliveredAt: Date | null;
  @ApiProperty({ type: DeliveryAttemptDto, isArray: true }) log: DeliveryAttemptDto[];
}
