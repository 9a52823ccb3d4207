// npm run bench:insights — the export insights on BENCH_ORDERS (default 100,000) paid orders.
//
// Builds, migrates and seeds the demo catalogue into BENCH_DATABASE_URL (default: a database
// souk_insights_bench on DATABASE_URL's server, or on 127.0.0.1:5432), then seeds the orders with
// SQL generate_series: buyers in realistic markets (USA 44%, France 18%, Spain 6%, UK, Germany,
// Canada…), paid over the last two years, one sub-order per cooperative, some reviewed. Then it
// times the refresh of insight_sales (the worker's statements), the answer time of every insight
// through the API (one client, then BENCH_CONNECTIONS clients), and how long a new paid order
// takes to show in the insights through the outbox and the worker.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { benchDatabaseUrl, ensureDatabase, redacted, startNode, stop, waitUntilUp } from './support.mjs';

const orders = Number(process.env.BENCH_ORDERS ?? 100_000);
const buyers = Math.round(orders * 0.7);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const duration = Number(process.env.BENCH_SECONDS ?? 5);
const sequential = Number(process.env.BENCH_REQUESTS ?? 200);
const databaseUrl = benchDatabaseUrl('souk_insights_bench');
const port = 3212;
const base = `http://127.0.0.1:${port}`;
const appEnv = {
  DATABASE_URL: databaseUrl,
  TS_NODE_BASEURL: './dist',
  PORT: String(port),
  NODE_ENV: 'development',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  WEBHOOK_SIGNING_KEY: 'bench-webhook-key-bench-webhook-key-0000',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  REDIS_URL: '',
};

// Destinations of Moroccan handicraft exports (programme figures: USA 44%, France second, Spain 6%).
const MARKETS = [
  ['US', 44, 'New York'],
  ['FR', 18, 'Lyon'],
  ['ES', 6, 'Madrid'],
  ['GB', 6, 'London'],
  ['DE', 5, 'Berlin'],
  ['CA', 4, 'Montréal'],
  ['NL', 3, 'Amsterdam'],
  ['BE', 3, 'Bruxelles'],
  ['IT', 2.5, 'Milano'],
  ['CH', 2, 'Genève'],
  ['AE', 2, 'Dubai'],
  ['SA', 1.5, 'Riyadh'],
  ['SE', 1, 'Stockholm'],
  ['AU', 1, 'Sydney'],
  ['JP', 1, 'Tokyo'],
];

async function timed(label, work) {
  const started = Date.now();
  const result = await work();
  const ms = Date.now() - started;
  console.log(`  ${label.padEnd(52)} ${(ms / 1000).toFixed(1)} s`);
  return { result, ms };
}

/** The bench's orders, written the way checkout and settlement leave them (statuses, totals, lines). */
async function seedOrders(db) {
  await db.query('BEGIN');
  await db.query(
    `DELETE FROM review WHERE author_id IN (SELECT id FROM app_user WHERE email LIKE 'bench.buyer.%')`,
  );
  await db.query(`DELETE FROM customer_order WHERE reference LIKE 'BENCH-%'`);
  await db.query(`DELETE FROM app_user WHERE email LIKE 'bench.buyer.%'`);
  await db.query(`SELECT setseed(0.44)`);
  await db.query(
    `CREATE TEMP TABLE bench_market (country text, city text, lo float8, hi float8) ON COMMIT DROP`,
  );
  let lo = 0;
  for (const [country, weight, city] of MARKETS) {
    await db.query(`INSERT INTO bench_market VALUES ($1, $2, $3, $4)`, [
      country,
      city,
      lo / 100,
      (lo + weight) / 100,
    ]);
    lo += weight;
  }
  await db.query(
    `
    CREATE TEMP TABLE bench_buyer ON COMMIT DROP AS
    SELECT b.n, gen_random_uuid() AS id, 'bench.buyer.' || b.n || '@example.com' AS email,
           'Bench Buyer ' || b.n AS name, m.country, m.city
      FROM (SELECT n, random() AS r FROM generate_series(1, $1::int) n) b
      JOIN bench_market m ON b.r >= m.lo AND b.r < m.hi`,
    [buyers],
  );
  await db.query(
    `INSERT INTO app_user (id, email, password_hash, name) SELECT id, email, 'bench:no-login', name FROM bench_buyer`,
  );
  await db.query(`
    CREATE TEMP TABLE bench_variant ON COMMIT DROP AS
    SELECT row_number() OVER (ORDER BY v.id) AS n, v.id, v.product_id, v.cooperative_id, v.sku, v.options,
           v.price_amount, p.title
      FROM variant v JOIN product p ON p.id = v.product_id WHERE p.status = 'active'`);
  // Most buyers order once; a few come back often (the front of the list is drawn more).
  await db.query(
    `
    CREATE TEMP TABLE bench_order ON COMMIT DROP AS
    SELECT o.n, gen_random_uuid() AS id, b.id AS user_id, b.email, b.name, b.country, b.city, o.paid_at,
           CASE WHEN o.r < 0.03 THEN 'refunded' WHEN o.paid_at > now() - interval '20 days' THEN 'paid'
                ELSE 'completed' END AS status
      FROM (SELECT n, 1 + floor((SELECT count(*) FROM bench_buyer) * power(random(), 2.2))::int AS buyer_n,
                   now() - random() * interval '730 days' AS paid_at, random() AS r
              FROM generate_series(1, $1::int) n) o
      JOIN bench_buyer b ON b.n = o.buyer_n`,
    [orders],
  );
  await db.query(`
    CREATE TEMP TABLE bench_line ON COMMIT DROP AS
    SELECT o.n AS order_n, v.id AS variant_id, v.product_id, v.cooperative_id, v.sku, v.options, v.title,
           v.price_amount AS unit_price, l.quantity, l.position
      FROM bench_order o
     CROSS JOIN LATERAL (SELECT k AS position, 1 + floor(random() * random() * 3 + o.n * 0)::int AS quantity,
                                1 + floor(random() * (SELECT count(*) FROM bench_variant))::int AS variant_n
                           FROM generate_series(1, 1 + floor(random() * random() * 3 + o.n * 0)::int) k) l
      JOIN bench_variant v ON v.n = l.variant_n`);
  await db.query(`
    CREATE TEMP TABLE bench_sub ON COMMIT DROP AS
    SELECT order_n, cooperative_id, gen_random_uuid() AS id, sum(unit_price * quantity) AS goods,
           12000 + 3500 * sum(quantity) AS shipping
      FROM bench_line GROUP BY order_n, cooperative_id`);
  await db.query(`
    INSERT INTO customer_order (id, reference, user_id, buyer_email, buyer_name, locale, shipping_address, status,
           goods_mad, shipping_mad, total_mad, currency, total_amount, rate_mad_per_unit, rate_date, rate_source,
           payment_provider, created_at, updated_at, paid_at)
    SELECT o.id, 'BENCH-' || o.n, o.user_id, o.email, o.name, 'en',
           jsonb_build_object('name', o.name, 'line1', o.n || ' Market Street', 'city', o.city, 'country', o.country),
           o.status, s.goods, s.shipping, s.goods + s.shipping, 'MAD', s.goods + s.shipping, 1, current_date, 'bench',
           'cmi', o.paid_at - interval '12 minutes', o.paid_at, o.paid_at
      FROM bench_order o
      JOIN (SELECT order_n, sum(goods) AS goods, sum(shipping) AS shipping FROM bench_sub GROUP BY 1) s ON s.order_n = o.n`);
  await db.query(`
    INSERT INTO sub_order (id, order_id, cooperative_id, status, goods_mad, quote_id, quote_option_id, carrier, service,
           incoterm, transit_min, transit_max, shipping_mad, duties_mad, taxes_mad, fees_mad, shipping_charge_mad,
           total_mad, commission_bp, commission_mad, created_at, updated_at, delivered_at)
    SELECT s.id, o.id, s.cooperative_id, CASE WHEN o.status = 'paid' THEN 'paid' ELSE 'delivered' END, s.goods,
           gen_random_uuid(), gen_random_uuid(), 'dhl-express', 'EXPRESS WORLDWIDE', 'DAP', 3, 6, s.shipping, 0, 0, 0,
           s.shipping, s.goods + s.shipping, 1000, s.goods / 10, o.paid_at, o.paid_at,
           CASE WHEN o.status <> 'paid' THEN o.paid_at + interval '8 days' END
      FROM bench_sub s JOIN bench_order o ON o.n = s.order_n`);
  await db.query(`
    INSERT INTO order_line (sub_order_id, variant_id, product_id, sku, title, options, unit_price_mad, quantity,
           total_mad, position)
    SELECT s.id, l.variant_id, l.product_id, l.sku, l.title, l.options, l.unit_price, l.quantity,
           l.unit_price * l.quantity, l.position
      FROM bench_line l JOIN bench_sub s ON s.order_n = l.order_n AND s.cooperative_id = l.cooperative_id`);
  // One delivered line in eight is reviewed, mostly well (the rating trigger keeps the aggregates).
  await db.query(`
    INSERT INTO review (product_id, cooperative_id, order_line_id, author_id, author_name, rating, title, body, locale,
                        created_at)
    SELECT ol.product_id, s.cooperative_id, ol.id, o.user_id, 'Bench B.',
           (ARRAY[5,5,5,5,5,5,5,5,5,5,5,4,4,4,4,4,3,3,2,1])[1 + floor(random() * 20)::int], 'Bench review', 'Text',
           'en', s.delivered_at + interval '3 days'
      FROM order_line ol JOIN sub_order s ON s.id = ol.sub_order_id JOIN customer_order o ON o.id = s.order_id
     WHERE o.reference LIKE 'BENCH-%' AND s.status = 'delivered' AND random() < 0.125`);
  await db.query('COMMIT');
}

/** The refresher's statements (libs/insights/src/refresh/insights-refresher.ts). */
async function refresh(db) {
  await db.query('BEGIN');
  await db.query(`SET LOCAL work_mem = '128MB'`);
  await db.query(`SET LOCAL jit = off`);
  await db.query('REFRESH MATERIALIZED VIEW CONCURRENTLY insight_sales');
  await db.query(`
    INSERT INTO insight_refresh (refreshed_at, duration_ms, reason) VALUES (now(), 0, 'bench')
    ON CONFLICT (id) DO UPDATE SET refreshed_at = excluded.refreshed_at, refreshes = insight_refresh.refreshes + 1`);
  await db.query('COMMIT');
  await db.query('VACUUM (ANALYZE) insight_sales');
}

/** An API key as the platform stores it: souk_<prefix>_<secret>, only the secret's SHA-256 kept. */
async function apiKey(db, scopes, cooperativeId = null) {
  const prefix = randomBytes(16).toString('hex').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  await db.query(
    `INSERT INTO api_key (name, prefix, key_hash, scopes, cooperative_id) VALUES ('bench', $1, $2, $3, $4)`,
    [prefix, createHash('sha256').update(secret).digest('hex'), scopes, cooperativeId],
  );
  return `Bearer souk_${prefix}_${secret}`;
}

function start(script, args, env) {
  return startNode(['-r', 'tsconfig-paths/register', script, ...args], env);
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** One client after the other: the time each answer takes. */
async function latency(title, url, headers) {
  const times = [];
  for (let i = 0; i < sequential + 10; i++) {
    const started = process.hrtime.bigint();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${title}: ${res.status}`);
    if (i >= 10) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const loaded = await autocannon({ url, headers, connections, duration });
  const row = {
    title,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: Math.round(loaded.requests.average),
    loadedP99: loaded.latency.p99,
    errors: loaded.errors + loaded.non2xx,
  };
  console.log(
    `  ${title.padEnd(46)} p50 ${row.p50.toFixed(1).padStart(5)} ms  p95 ${row.p95.toFixed(1).padStart(5)} ms  ` +
      `p99 ${row.p99.toFixed(1).padStart(5)} ms | ${connections} clients: ${String(row.rps).padStart(5)} req/s, ` +
      `p99 ${row.loadedP99} ms, errors ${row.errors}`,
  );
  return row;
}

await ensureDatabase(databaseUrl);
console.log(`Insights bench: ${orders} orders into ${redacted(databaseUrl)}`);
try {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
} catch {
  // tsc still writes its output on type errors; while other libs are mid-change, run with it.
  console.warn('The build reported type errors (above); running with the JavaScript tsc emitted.');
}
execFileSync(
  process.execPath,
  ['-r', 'tsconfig-paths/register', 'dist/apps/api/src/cli/seed.js', '--products', '2000'],
  {
    stdio: 'inherit',
    env: { ...process.env, ...appEnv },
  },
);

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const {
  rows: [have],
} = await db.query(`SELECT count(*)::int AS n FROM customer_order WHERE reference LIKE 'BENCH-%'`);
if (have.n !== orders || process.env.BENCH_RESEED)
  await timed(`seed ${orders} orders (generate_series)`, () => seedOrders(db));
await db.query('ANALYZE');
const {
  rows: [shape],
} = await db.query(`
  SELECT (SELECT count(*) FROM customer_order WHERE paid_at IS NOT NULL)::int AS paid,
         (SELECT count(*) FROM sub_order)::int AS sub_orders, (SELECT count(*) FROM order_line)::int AS lines,
         (SELECT count(DISTINCT user_id) FROM customer_order)::int AS buyers, (SELECT count(*) FROM review)::int AS reviews`);
console.log(
  `  ${shape.paid} orders paid (3% since refunded), ${shape.sub_orders} sub-orders, ${shape.lines} lines, ${shape.buyers} buyers, ${shape.reviews} reviews`,
);
const refreshes = [];
for (let i = 0; i < 2; i++)
  refreshes.push((await timed(`refresh insight_sales (run ${i + 1})`, () => refresh(db))).ms);
const {
  rows: [mv],
} = await db.query(
  `SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('insight_sales')) AS size FROM insight_sales`,
);
console.log(`  insight_sales: ${mv.n} rows, ${mv.size} with its indexes`);
const marketKey = await apiKey(db, ['insights:read']);
const {
  rows: [top],
} = await db.query(`SELECT cooperative_id FROM sub_order GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
const coopKey = await apiKey(db, ['insights:read'], top.cooperative_id);
const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 7);
const thisMonth = new Date().toISOString().slice(0, 7);

const api = start('dist/apps/api/src/main.js', ['--api-only'], appEnv);
const results = [];
let shares = '';
try {
  await waitUntilUp(`${base}/health`, { tries: 300 });
  const market = { authorization: marketKey };
  const answer = await (await fetch(`${base}/v1/insights/exports`, { headers: market })).json();
  shares = answer.byCountry
    .slice(0, 5)
    .map((c) => `${c.name} ${(c.share * 100).toFixed(1)}%`)
    .join(', ');
  console.log(
    `\nThe insights' own reading: ${shares}; ${answer.totals.markets} markets, repeat-buyer rate ` +
      `${(answer.totals.repeatBuyerRate * 100).toFixed(1)}%, satisfaction ${(answer.totals.satisfaction.rate * 100).toFixed(1)}%`,
  );
  console.log(
    `\nAnswer times (${sequential} requests one after the other, then ${connections} clients for ${duration} s)`,
  );
  results.push(await latency('GET /v1/insights/exports (all time)', `${base}/v1/insights/exports`, market));
  results.push(
    await latency(
      'GET /v1/insights/exports (last 12 months)',
      `${base}/v1/insights/exports?from=${lastYear}&to=${thisMonth}`,
      market,
    ),
  );
  results.push(
    await latency(
      'GET /v1/insights/exports?craft&region',
      `${base}/v1/insights/exports?craft=carpet&region=marrakech-safi`,
      market,
    ),
  );
  results.push(
    await latency('GET /v1/insights/exports (text/csv)', `${base}/v1/insights/exports`, {
      ...market,
      accept: 'text/csv',
    }),
  );
  results.push(await latency('GET /v1/insights/buyers', `${base}/v1/insights/buyers`, market));
  results.push(
    await latency(
      'GET /v1/cooperatives/:id/insights (largest)',
      `${base}/v1/cooperatives/${top.cooperative_id}/insights`,
      { authorization: coopKey },
    ),
  );
} finally {
  await stop(api, 15_000);
}

// Freshness: a paid order, announced on the outbox as settlement does, until the worker's refresh shows it.
const refreshCount = async () =>
  Number((await db.query(`SELECT refreshes FROM insight_refresh`)).rows[0]?.refreshes ?? 0);
const beforeWorker = await refreshCount();
const worker = start('dist/apps/worker/src/main.js', [], appEnv);
try {
  // The schedule's first refresh runs as the worker starts: let it finish first.
  const booting = Date.now();
  while ((await refreshCount()) === beforeWorker && Date.now() - booting < 90_000) await sleep(250);
  const {
    rows: [{ id }],
  } = await db.query(
    `SELECT id FROM customer_order WHERE reference LIKE 'BENCH-%' AND status = 'paid' LIMIT 1`,
  );
  const started = Date.now();
  const {
    rows: [event],
  } = await db.query(
    `WITH e AS (INSERT INTO outbox_event (type, aggregate_type, aggregate_id, payload)
                VALUES ('order.paid', 'order', $1, '{}') RETURNING created_at)
     SELECT created_at, pg_notify('souk_outbox', '') FROM e`,
    [id],
  );
  // Fresh once a refresh has read the database after the event was written.
  let done;
  while (Date.now() - started < 180_000) {
    ({
      rows: [done],
    } = await db.query(`SELECT duration_ms FROM insight_refresh WHERE refreshed_at > $1`, [
      event.created_at,
    ]));
    if (done) break;
    await sleep(250);
  }
  console.log(
    done
      ? `\nA paid order shows in the insights ${((Date.now() - started) / 1000).toFixed(1)} s after its order.paid event ` +
          `(debounce window ${process.env.INSIGHTS_REFRESH_DEBOUNCE_SECONDS ?? 20} s, then the refresh: ${done.duration_ms} ms in its transaction)`
      : '\nA paid order did not show in the insights within 180 s',
  );
} finally {
  await stop(worker, 15_000);
  await db.end();
}

const worst = Math.max(...results.map((r) => r.p99));
console.log(
  `\nSummary: ${orders} orders; refresh ${(Math.min(...refreshes) / 1000).toFixed(1)} s; ` +
    `every insight answered with p99 ≤ ${worst.toFixed(1)} ms one client at a time (${worst < 100 ? 'under' : 'OVER'} 100 ms).`,
);
