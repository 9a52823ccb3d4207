import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

export const CHANNEL_NAME = /^[a-z0-9-]{2,40}$/;

export class ConnectChannelDto {
  @ApiProperty({ example: 'etsy', description: 'etsy or anou' })
  @IsString()
  @Matches(CHANNEL_NAME, { message: 'must be a channel name such as etsy or anou' })
  channel: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'Stored encrypted, never returned. Etsy: keystring, sharedSecret, refreshToken, accessToken?, shopId, ' +
      "taxonomyId, shippingProfileId?, currency? (the shop's, default USD), whoMade?, whenMade?. " +
      'Anou: token, shopId, currency? (default MAD).',
    example: { token: 'anou-partner-token-0123456789', shopId: 'cooperative-tafoukt' },
  })
  @IsObject()
  credentials: Record<string, string>;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'The products to sync; absent: every active product, new ones included',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true, message: 'must hold product ids (UUIDs)' })
  products?: string[];
}

export class ListingCountsView {
  @ApiProperty() total: number;
  @ApiProperty() synced: number;
  @ApiProperty() pending: number;
  @ApiProperty() failed: number;
}

export class ChannelConnectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cooperativeId: string;
  @ApiProperty({ example: 'etsy' }) channel: string;
  @ApiProperty({ description: 'Every active product, new ones included' }) allProducts: boolean;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ type: ListingCountsView, description: 'Listings chosen for this channel, by sync status' })
  listings: ListingCountsView;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ChannelConnectionListView {
  @ApiProperty({ type: [ChannelConnectionView] }) items: ChannelConnectionView[];
}

export class ResyncView {
  @ApiProperty({ description: 'Listings that will be pushed again, even where nothing changed' })
  listings: number;
}
