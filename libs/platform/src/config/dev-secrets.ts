import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSecrets {
  jwtSecret: string;
  databasePassword: string;
  webhookSigningKey: string;
}

/**
 * Secrets for the embedded development default, generated once under DATA_DIR.
 * Production never comes here: it must be given its secrets through the environment.
 */
export function devSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'secrets.json');
  const known: Partial<DevSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  // Secrets added in later versions are generated into an existing file, keeping the others.
  const secrets: DevSecrets = {
    jwtSecret: known.jwtSecret ?? randomBytes(48).toString('base64url'),
    databasePassword: known.databasePassword ?? randomBytes(24).toString('base64url'),
    webhookSigningKey: known.webhookSigningKey ?? randomBytes(32).toString('base64url'),
  };
  if (Object.keys(known).length !== Object.keys(secrets).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
