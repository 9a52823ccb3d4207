import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { UuidParam } from '../errors/uuid-param';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { Auth, CurrentPrincipal, type Principal } from './principal';

/** Integration partners' keys, managed by marketplace admins. */
@ApiTags('admin')
@ApiBearerAuth()
@Auth({ roles: ['admin'] })
@Controller('v1/admin/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The `key` field is shown this once.' })
  create(
    @Body() dto: CreateApiKeyDto,
    @CurrentPrincipal() admin: Principal & { kind: 'user' },
  ): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(dto, admin.userId);
  }

  @Get()
  @ApiOkResponse({ type: ApiKeyDto, isArray: true })
  async list(): Promise<{ items: ApiKeyDto[] }> {
    return { items: await this.apiKeys.list() };
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@UuidParam('id') id: string): Promise<void> {
    return this.apiKeys.revoke(id);
  }
}
