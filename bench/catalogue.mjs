// npm run bench:catalogue — GET /v1/products under load, Souk against its floor.
//
// Seeds a catalogue of BENCH_PRODUCTS (default 20,000) into BENCH_DATABASE_URL (default: a
// database souk_bench on DATABASE_URL's server, or on 127.0.0.1:5432), then runs autocannon
// against Souk's API and, one after the other on the same machine, against bench/floor (bare
// Fastify + pg, same SQL for the first page). Prints requests/s, p99 and the Souk/floor ratio.
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import {
  benchDatabaseUrl,
  ensureDatabase,
  redacted,
  startNode,
  stop,
  waitUntilUp,
  warmedAutocannon,
} from './support.mjs';

const products = Number(process.env.BENCH_PRODUCTS ?? 20_000);
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const databaseUrl = benchDatabaseUrl('souk_bench');
const soukPort = 3210;
const floorPort = 3211;

async function load(title, url) {
  const r = await warmedAutocannon({ url, connections, duration });
  const row = {
    title,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
  };
  console.log(
    `  ${title.padEnd(44)} ${String(row.rps).padStart(7)} req/s   p50 ${row.p50} ms   p99 ${row.p99} ms   errors ${row.errors}`,
  );
  return row;
}

await ensureDatabase(databaseUrl);
console.log(`Building and seeding ${products} products into ${redacted(databaseUrl)}`);
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
execFileSync(
  process.execPath,
  ['-r', 'tsconfig-paths/register', 'dist/apps/api/src/cli/seed.js', '--products', String(products)],
  {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl, TS_NODE_BASEURL: './dist' },
  },
);
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const {
  rows: [sample],
} = await db.query(
  `SELECT cooperative_id FROM product WHERE status = 'active' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
);
await db.query('ANALYZE');
await db.end();

const souk = startNode(['-r', 'tsconfig-paths/register', 'dist/apps/api/src/main.js', '--api-only'], {
  DATABASE_URL: databaseUrl,
  TS_NODE_BASEURL: './dist',
  PORT: String(soukPort),
  // development: production would demand real payment gateways and channel keys this bench has no use for
  NODE_ENV: 'development',
  DATA_DIR: '.data/bench',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  WEBHOOK_SIGNING_KEY: 'bench-webhook-key-bench-webhook-key-0000',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  REDIS_URL: '',
});
const results = {};
try {
  await waitUntilUp(`http://127.0.0.1:${soukPort}/health`, { tries: 200 });
  console.log(`\nSouk (${connections} connections, ${duration} s each)`);
  const base = `http://127.0.0.1:${soukPort}/v1/products`;
  results.first = await load('GET /v1/products (first page)', base);
  await load('GET /v1/products?craft=carpet', `${base}?craft=carpet`);
  await load('GET /v1/products?q=tapis', `${base}?q=tapis`);
  await load('GET /v1/products?minPrice=50000&maxPrice=200000', `${base}?minPrice=50000&maxPrice=200000`);
  await load('GET /v1/products?cooperative=<id>', `${base}?cooperative=${sample.cooperative_id}`);
} finally {
  await stop(souk);
}

const floor = startNode(['bench/floor/server.mjs'], {
  DATABASE_URL: databaseUrl,
  PORT: String(floorPort),
});
try {
  await waitUntilUp(`http://127.0.0.1:${floorPort}/v1/products?limit=1`, { tries: 200 });
  console.log('\nFloor: bare Fastify + pg, same SQL');
  results.floor = await load('GET /v1/products (first page)', `http://127.0.0.1:${floorPort}/v1/products`);
} finally {
  await stop(floor);
}

const ratio = results.first.rps / results.floor.rps;
console.log(
  `\nSouk/floor on the first page: ${(ratio * 100).toFixed(0)}% of the floor's requests/s ` +
    `(p99 ${results.first.p99} ms against ${results.floor.p99} ms)`,
);
