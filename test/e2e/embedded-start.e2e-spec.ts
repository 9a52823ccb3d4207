import { afterAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';

/**
 * What a new user gets from `npm start` with no DATABASE_URL: an embedded PostgreSQL under
 * DATA_DIR, the demo data on the first start, API and worker in one process, and a clean stop.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'souk-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

interface Started {
  child: ChildProcess;
  output: () => string;
  base: string;
}

async function startSouk(port: number, pgPort: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const until = Date.now() + 90_000;
  while (!out.includes('Souk is listening')) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`Souk did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, base: `http://127.0.0.1:${port}` };
}

async function stopSouk(s: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
  s.child.kill('SIGTERM');
  return exited;
}

const postgresRunningIn = (dir: string): boolean => {
  try {
    // '[-]D' keeps pgrep from matching the shell that runs it
    return (
      execSync(`pgrep -f -- '[-]D ${join(dir, 'pg')}' || true`)
        .toString()
        .trim().length > 0
    );
  } catch {
    return false;
  }
};

describe('the embedded default', () => {
  it('starts a database, loads the demo once, serves, and stops cleanly; data survives a restart', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];

    const first = await startSouk(port, pgPort);
    expect(first.output()).toContain('Demo data loaded. These passwords are shown once:');
    const admin = /admin@souk\.local \/ (\S+)/.exec(first.output())![1];
    const health = (await (await fetch(`${first.base}/health`)).json()) as {
      info: { database: { status: string } };
    };
    expect(health.info.database.status).toBe('up');
    const login = await fetch(`${first.base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@souk.local', password: admin }),
    });
    expect(login.status).toBe(200);
    expect(await stopSouk(first)).toBe(0);
    expect(postgresRunningIn(dataDir)).toBe(false);
    expect(first.output()).not.toMatch(/terminating connection|FATAL|unhandled error/);

    const second = await startSouk(port, pgPort);
    expect(second.output()).not.toContain('Demo data loaded');
    const again = await fetch(`${second.base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@souk.local', password: admin }),
    });
    expect(again.status).toBe(200);
    expect(await stopSouk(second)).toBe(0);
    expect(postgresRunningIn(dataDir)).toBe(false);
  }, 180_000);
});
