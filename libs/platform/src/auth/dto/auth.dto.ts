import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @ApiProperty({ example: 'amina@example.com' })
  @Transform(trimmed)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, example: 'a long passphrase' })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Amina El Idrissi' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(120)
  name: string;
}

export class LoginDto {
  @ApiProperty({ example: 'amina@example.com' })
  @Transform(trimmed)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class TokensDto {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer …`' })
  accessToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn: number;

  @ApiProperty({ description: 'Single-use token for POST /v1/auth/refresh' })
  refreshToken: string;
}

export class RegisteredDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['buyer', 'admin'] }) role: string;
  @ApiProperty({ description: 'Cooperatives this user is a member of, with the role held' })
  cooperatives: { cooperativeId: string; role: 'owner' | 'manager' }[];
}
