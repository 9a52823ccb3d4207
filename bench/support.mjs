// Helpers the bench scripts share: their databases, the servers they start, and autocannon runs.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** BENCH_DATABASE_URL, else the database `name` on DATABASE_URL's server (or on 127.0.0.1:5432). */
export function benchDatabaseUrl(name) {
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  return (
    process.env.BENCH_DATABASE_URL ?? Object.assign(new URL(server), { pathname: `/${name}` }).toString()
  );
}

/** The URL without its credentials, for printing. */
export const redacted = (url) => url.replace(/\/\/[^@]*@/, '//…@');

/** Runs `work` with a client on the server's `postgres` database, which always exists. */
async function asAdmin(url, work) {
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await work(admin, new URL(url).pathname.slice(1));
  await admin.end();
}

/** Creates the database if missing: benches that seed idempotently keep their data between runs. */
export async function ensureDatabase(url) {
  await asAdmin(url, async (admin, name) => {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  });
}

/** A fresh database each run: the bench owns it, and the schema is the migrations' of today. */
export async function freshDatabase(url) {
  await asAdmin(url, async (admin, name) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
}

/** This Node binary on `args`, with `env` over ours; stdout and stderr shown unless `stdio` says otherwise. */
export function startNode(args, env, stdio = ['ignore', 'inherit', 'inherit']) {
  return spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio });
}

/** SIGTERM for a graceful shutdown, SIGKILL if it takes longer than `graceMs`. */
export async function stop(child, graceMs = 10_000) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(graceMs).then(() => child.kill('SIGKILL'))]);
}

/**
 * Polls `url` every 100 ms until it answers 2xx, at most `tries` times. Given the `child` serving
 * it, gives up as soon as it exits rather than waiting out the tries.
 */
export async function waitUntilUp(url, { child, tries = 600 } = {}) {
  for (let i = 0; i < tries; i++) {
    if (child && child.exitCode !== null)
      throw new Error(`the API exited (${child.exitCode}) before answering ${url}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

/** autocannon on `options`, after 2 s of warm-up (JIT, pools, caches) so they do not count. */
export async function warmedAutocannon(options) {
  await autocannon({ ...options, duration: 2 });
  return autocannon(options);
}
