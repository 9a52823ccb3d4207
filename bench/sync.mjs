// npm run bench:sync — 2,000 product updates synced to a fake Anou limited to 200 requests/s.
//
// Starts the API and the worker as two processes (as in docker/compose.yaml) on a fresh database
// BENCH_DATABASE_URL (default: souk_bench_sync on DATABASE_URL's server, or on 127.0.0.1:5432),
// queues on REDIS_URL when set (else BullMQ's PostgreSQL backend), and the fake channel in this
// process. Seeds BENCH_PRODUCTS (2,000) active products, connects Anou (the first sync, measured
// too), stops the worker, edits every product through the API, starts the worker again and
// measures how fast the edits reach the channel from the outbox: achieved requests/s as a
// fraction of the limit, with lost and duplicated pushes counted.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { benchDatabaseUrl, freshDatabase, startNode, stop } from './support.mjs';

const require = createRequire(import.meta.url);
require('ts-node').register({ transpileOnly: true, project: 'tsconfig.json' });
const { FakeAnou } = require('../test/fakes/anou.ts');

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 2_000);
const LIMIT = Number(process.env.BENCH_CHANNEL_LIMIT ?? 200);
const EDIT_CONCURRENCY = Number(process.env.BENCH_CONNECTIONS ?? 32);
const databaseUrl = benchDatabaseUrl('souk_bench_sync');
const port = Number(process.env.BENCH_PORT ?? 3230);
const api = `http://127.0.0.1:${port}`;

function start(label, entry, env) {
  const child = startNode(
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      entry,
      ...(label === 'api' ? ['--api-only'] : []),
    ],
    env,
    ['ignore', 'ignore', 'inherit'],
  );
  child.label = label;
  return child;
}

async function until(check, ms, what) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(100);
  }
}

async function call(method, path, body, token) {
  const res = await fetch(api + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Requests/s the channel accepted between the first and the last accepted push, and that window. */
function rateOf(pushes) {
  if (pushes.length < 2) return { rps: 0, seconds: 0 };
  const seconds = (pushes[pushes.length - 1].at - pushes[0].at) / 1000;
  return { rps: (pushes.length - 1) / seconds, seconds };
}

const anou = await FakeAnou.start({ perSecond: LIMIT });
const env = {
  NODE_ENV: 'development',
  DATABASE_URL: databaseUrl,
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0001',
  CHANNEL_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
  PORT: String(port),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '10000000',
  AUTH_RATE_LIMIT_PER_MINUTE: '10000',
  DATABASE_POOL_SIZE: '20',
  QUEUE_PREFIX: `bench${randomBytes(3).toString('hex')}`,
  ANOU_API_URL: anou.url,
  LISTING_SYNC_RATE_LIMITS: `anou=${LIMIT}`,
};
const backend = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';
console.log(
  `bench:sync — ${PRODUCTS} products, fake Anou limited to ${LIMIT} requests/s, queues on ${backend}, ` +
    `load average ${loadavg()[0].toFixed(1)} on this machine`,
);
await freshDatabase(databaseUrl);

const children = [];
const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
try {
  children.push(start('api', 'apps/api/src/main.ts', env));
  await until(async () => (await fetch(`${api}/health`).catch(() => null))?.ok, 120_000, 'api up');
  children.push(start('worker', 'apps/worker/src/main.ts', env));

  // A cooperative with its owner, through the API; its products straight into the tables.
  const email = `bench.${randomBytes(4).toString('hex')}@example.com`;
  await call('POST', '/v1/auth/register', { email, password: 'correct horse battery staple', name: 'Bench' });
  const { accessToken } = await call('POST', '/v1/auth/login', {
    email,
    password: 'correct horse battery staple',
  });
  const coop = await call(
    'POST',
    '/v1/cooperatives',
    {
      name: 'Coopérative Bench de Safi',
      legalForm: 'cooperative',
      region: 'marrakech-safi',
      city: 'Safi',
      crafts: ['pottery'],
      description: { fr: 'Poterie de Safi.', en: 'Safi pottery.', ar: 'فخار آسفي.' },
    },
    accessToken,
  );
  const { rows: products } = await db.query(
    `WITH p AS (
       INSERT INTO product (slug, cooperative_id, status, title, description, craft, hs_code, images, price_amount)
       SELECT 'bench-bowl-' || i, $1, 'active',
              jsonb_build_object('fr', 'Bol de Safi ' || i, 'en', 'Safi bowl ' || i), '{"en": "Hand-thrown."}',
              'pottery', '691200', '["https://cdn.souk.dev/p/bowl.jpg"]', 45000
         FROM generate_series(1, $2) AS i
       RETURNING id, slug)
     INSERT INTO variant (product_id, cooperative_id, sku, price_amount, stock, weight_grams, length_mm, width_mm, height_mm)
     SELECT id, $1, upper(slug), 45000, 10, 800, 240, 240, 90 FROM p
     RETURNING product_id AS id`,
    [coop.id, PRODUCTS],
  );
  const ids = products.map((p) => p.id);

  const synced = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM channel_listing WHERE status = 'synced'`)).rows[0].n ===
    PRODUCTS;

  // The first sync: connecting Anou lists every active product.
  await call(
    'POST',
    `/v1/cooperatives/${coop.id}/channels`,
    { channel: 'anou', credentials: { token: 'anou-bench-token-0123456789', shopId: 'bench' } },
    accessToken,
  );
  await until(synced, 300_000, 'first sync');
  const first = rateOf(anou.pushes);
  console.log(
    `  first sync      ${PRODUCTS} listings in ${first.seconds.toFixed(1)} s: ${first.rps.toFixed(1)} requests/s = ${(first.rps / LIMIT).toFixed(3)} of the limit`,
  );

  // The benchmark proper: every product edited once through the API while the worker is stopped
  // (a deploy, say), so the sync then runs with a backlog and only the channel's limit holds it back.
  await stop(children.pop());
  const pushedBefore = anou.pushes.length;
  const overLimitBefore = anou.server.overLimit;
  const editsStarted = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: EDIT_CONCURRENCY }, async () => {
      while (next < ids.length) {
        const i = next++;
        await call(
          'PATCH',
          `/v1/products/${ids[i]}`,
          { title: { fr: `Bol de Safi ${i + 1}, v2`, en: `Safi bowl ${i + 1}, v2` } },
          accessToken,
        );
      }
    }),
  );
  const editSeconds = (Date.now() - editsStarted) / 1000;
  children.push(start('worker', 'apps/worker/src/main.ts', env));
  await until(
    async () => (await synced()) && ids.every((id) => anou.listing(id)?.body.title.en.endsWith(', v2')),
    300_000,
    'updates synced',
  );
  const pushes = anou.pushes.slice(pushedBefore);
  if (process.env.BENCH_VERBOSE) {
    const perSecond = new Map();
    for (const p of pushes)
      perSecond.set(
        Math.floor((p.at - pushes[0].at) / 1000),
        (perSecond.get(Math.floor((p.at - pushes[0].at) / 1000)) ?? 0) + 1,
      );
    console.log('  pushes per second:', [...perSecond.values()].join(' '));
  }
  const updates = rateOf(pushes);
  const lost = ids.filter((id) => !anou.listing(id)?.body.title.en.endsWith(', v2')).length;
  const seen = new Set();
  let duplicated = 0;
  for (const p of pushes) {
    const key = `${p.reference}/${p.contentHash}`;
    if (seen.has(key)) duplicated++;
    seen.add(key);
  }
  const { rows: hashes } = await db.query(`SELECT product_id, synced_hash FROM channel_listing`);
  const mismatched = hashes.filter((h) => anou.listing(h.product_id)?.contentHash !== h.synced_hash).length;

  console.log(
    `  edits           ${PRODUCTS} PATCH in ${editSeconds.toFixed(1)} s (${(PRODUCTS / editSeconds).toFixed(0)} edits/s through the API, worker stopped)`,
  );
  console.log(
    `  update sync     ${pushes.length} requests in ${updates.seconds.toFixed(1)} s: ${updates.rps.toFixed(1)} requests/s = ${(updates.rps / LIMIT).toFixed(3)} of the limit`,
  );
  console.log(
    `  lost ${lost}, duplicated ${duplicated}, hash mismatches ${mismatched}, 429s from the channel ${anou.server.overLimit - overLimitBefore}`,
  );
  console.log(
    JSON.stringify({
      products: PRODUCTS,
      limit: LIMIT,
      backend,
      firstSyncFraction: +(first.rps / LIMIT).toFixed(3),
      updateFraction: +(updates.rps / LIMIT).toFixed(3),
      lost,
      duplicated,
    }),
  );
  if (lost || duplicated || mismatched) process.exitCode = 1;
} finally {
  await db.end();
  for (const child of children.reverse()) await stop(child);
  await anou.close();
}
