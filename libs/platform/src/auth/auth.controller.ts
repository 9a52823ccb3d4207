import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, RefreshDto, RegisterDto, RegisteredDto, TokensDto } from './dto/auth.dto';
import { Auth, CurrentPrincipal, type Principal } from './principal';
import { AUTH_THROTTLE } from './throttle';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Throttle(AUTH_THROTTLE)
  @ApiCreatedResponse({ type: RegisteredDto })
  register(@Body() dto: RegisterDto): Promise<RegisteredDto> {
    return this.auth.register(dto);
  }

  @Post('login')
  @HttpCode(200)
  @Throttle(AUTH_THROTTLE)
  @ApiOkResponse({ type: TokensDto })
  login(@Body() dto: LoginDto): Promise<TokensDto> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @HttpCode(200)
  @Throttle(AUTH_THROTTLE)
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() dto: RefreshDto): Promise<TokensDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Auth({ roles: ['buyer'] })
  @ApiBearerAuth()
  async logout(@CurrentPrincipal() principal: Principal & { kind: 'user' }): Promise<void> {
    await this.auth.logout(principal.userId);
  }

  @Get('me')
  @Auth({ roles: ['buyer'] })
  @ApiBearerAuth()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentPrincipal() principal: Principal & { kind: 'user' }): Promise<MeDto> {
    return this.auth.me(principal.userId);
  }
}
