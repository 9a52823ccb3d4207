import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { REGIONS } from './regions';
import { RegionView } from './storefronts/storefront.view';

export class RegionListView {
  @ApiProperty({ type: [RegionView] }) items: RegionView[];
}

@ApiTags('storefronts')
@Controller('v1/regions')
export class RegionsController {
  /** Morocco's 12 regions, the values the storefront `region` filter takes. */
  @Get()
  @ApiOkResponse({ type: RegionListView })
  list(): RegionListView {
    return { items: REGIONS.map((r) => ({ code: r.code, name: { ...r.name } })) };
  }
}
