import { Inject, Injectable } from '@nestjs/common';
import { ConfigError, SOUK_CONFIG, type SoukConfig } from '@souk/platform';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The key sealing channel credentials: CHANNEL_CREDENTIALS_KEY, required in production; outside
 * it, a fixed key for tests (so a worker child process can open what the test app sealed) and a
 * key generated once under DATA_DIR for development.
 */
export function channelCredentialsKey(
  config: Pick<SoukConfig, 'CHANNEL_CREDENTIALS_KEY' | 'NODE_ENV' | 'DATA_DIR'>,
): Buffer {
  if (config.CHANNEL_CREDENTIALS_KEY) return Buffer.from(config.CHANNEL_CREDENTIALS_KEY, 'base64');
  if (config.NODE_ENV === 'production') {
    throw new ConfigError([
      'CHANNEL_CREDENTIALS_KEY is required in production (32 bytes in base64: openssl rand -base64 32)',
    ]);
  }
  if (config.NODE_ENV === 'test')
    return createHash('sha256').update('souk test channel credentials').digest();
  const file = join(config.DATA_DIR, 'channel-credentials.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(config.DATA_DIR, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/**
 * Credentials at rest: AES-256-GCM, a fresh IV each time, bound to the cooperative and channel
 * (as additional data) so a sealed blob cannot be moved to another connection.
 */
@Injectable()
export class CredentialVault {
  private readonly key: Buffer;

  constructor(@Inject(SOUK_CONFIG) config: SoukConfig) {
    this.key = channelCredentialsKey(config);
  }

  seal(credentials: Record<string, string>, cooperativeId: string, channel: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(`${cooperativeId}/${channel}`));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), sealed]);
  }

  open(blob: Buffer, cooperativeId: string, channel: string): Record<string, string> {
    if (blob[0] !== VERSION) throw new Error(`unknown credentials format ${blob[0]}`);
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(`${cooperativeId}/${channel}`));
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(text.toString('utf8')) as Record<string, string>;
  }
}
