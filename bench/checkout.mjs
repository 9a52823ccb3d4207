// npm run bench:checkout — POST /v1/checkout under load: checkouts per second, p50 and p99.
//
// Seeds two cooperatives (Fès zellige, Azilal carpets) with BENCH_PRODUCTS products each (default
// 100, stock one million apiece) into BENCH_DATABASE_URL (default: a database souk_bench_checkout
// on DATABASE_URL's server, or on 127.0.0.1:5432, dropped and created afresh), starts the built API (payments on the in-process
// gateway simulator, as `npm start` without credentials) and, untimed, creates the carts and quotes
// through the HTTP API. Then, timed, BENCH_CONNECTIONS clients (default 32) check carts out for
// BENCH_SECONDS (default 10), each with its own Idempotency-Key, in two scenarios:
//   spread: each cart holds one panel from Fès and one carpet from Azilal, among BENCH_PRODUCTS
//           pairs: two sub-orders, two reservations, the payment opened and its session started;
//   hot:    every cart holds the same single variant: every checkout queues on one row's lock.
// Each checkout is one transaction (cart, quote options, order, sub-orders, lines, payment, outbox,
// reservations), then the provider session (an HTTP call to the simulator) after the commit.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { benchDatabaseUrl, freshDatabase, redacted, startNode, stop, waitUntilUp } from './support.mjs';

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const pairs = Number(process.env.BENCH_PRODUCTS ?? 100);
const databaseUrl = benchDatabaseUrl('souk_bench_checkout');
const port = 3213;
const base = `http://127.0.0.1:${port}`;

/** Two cooperatives with `pairs` products each; answers [[fesVariant, azilalVariant], …]. */
async function seed(db) {
  await db.query(
    `DELETE FROM cart_item WHERE variant_id IN (SELECT v.id FROM variant v JOIN product p ON p.id = v.product_id WHERE p.slug LIKE 'bench-checkout-%')`,
  );
  const coops = [];
  for (const [slug, name, region, city, craft] of [
    ['bench-checkout-fes', 'Coopérative Zellige de Fès', 'fes-meknes', 'Fès', 'zellige'],
    ['bench-checkout-azilal', 'Coopérative Tapis Azilal', 'beni-mellal-khenifra', 'Azilal', 'carpet'],
  ]) {
    const { rows } = await db.query(
      `INSERT INTO cooperative (slug, name, legal_form, region, city, crafts, verified_at)
       VALUES ($1, $2, 'cooperative', $3, $4, ARRAY[$5], now())
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [slug, name, region, city, craft],
    );
    coops.push(rows[0].id);
  }
  const goods = `SELECT n, c.coop, c.craft, c.hs, c.price, c.grams, c.l, c.w, c.h
      FROM generate_series(1, $3::int) n,
           (VALUES ($1::uuid, 'zellige', '690730', 45000, 1200, 300, 300, 60),
                   ($2::uuid, 'carpet', '570110', 380000, 9000, 1500, 300, 300)) AS c(coop, craft, hs, price, grams, l, w, h)`;
  await db.query(
    `INSERT INTO product (slug, cooperative_id, status, title, craft, hs_code, price_amount)
     SELECT 'bench-checkout-' || g.craft || '-' || g.n, g.coop, 'active',
            jsonb_build_object('en', 'Bench ' || g.craft || ' ' || g.n, 'fr', 'Banc ' || g.craft || ' ' || g.n),
            g.craft, g.hs, g.price
       FROM (${goods}) g
     ON CONFLICT (slug) DO UPDATE SET status = 'active'`,
    [coops[0], coops[1], pairs],
  );
  const { rows } = await db.query(
    `INSERT INTO variant (product_id, cooperative_id, sku, price_amount, stock, weight_grams, length_mm, width_mm, height_mm)
     SELECT p.id, p.cooperative_id, upper(p.slug), g.price, 1000000, g.grams, g.l, g.w, g.h
       FROM (${goods}) g JOIN product p ON p.slug = 'bench-checkout-' || g.craft || '-' || g.n
     ON CONFLICT (cooperative_id, sku) DO UPDATE SET stock = 1000000, reserved = 0
     RETURNING id, lower(sku) AS slug`,
    [coops[0], coops[1], pairs],
  );
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  return Array.from({ length: pairs }, (_, i) => [
    bySlug.get(`bench-checkout-zellige-${i + 1}`),
    bySlug.get(`bench-checkout-carpet-${i + 1}`),
  ]);
}

async function post(path, body, headers = {}) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Runs `work` over `items`, `width` at a time. */
async function pool(items, width, work) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i], i);
      }
    }),
  );
  return out;
}

const ADDRESS = {
  name: 'John Carter',
  email: 'john@example.com',
  line1: '350 Fifth Avenue',
  city: 'New York',
  postalCode: '10118',
  country: 'US',
};

/** Untimed: one quote per distinct cart composition, then `count` carts cycling through them. */
async function prepare(compositions, count) {
  const quotes = await pool(compositions, 8, async (items) => {
    const q = await post('/v1/shipping/quotes', {
      destination: { country: 'US', postalCode: '10118' },
      items,
      currency: 'MAD',
    });
    if (q.status !== 201) throw new Error(`quote: ${q.status} ${JSON.stringify(q.body)}`);
    return q.body.quotes.map((part) => ({
      cooperativeId: part.cooperativeId,
      quoteOptionId: part.options
        .filter((o) => o.incoterm === 'DDP')
        .sort((a, b) => a.total.amount - b.total.amount)[0].id,
    }));
  });
  return pool(
    Array.from({ length: count }, (_, i) => i),
    32,
    async (i) => {
      const k = i % compositions.length;
      const cart = await post('/v1/carts', { items: compositions[k] });
      if (cart.status !== 201) throw new Error(`cart: ${cart.status} ${JSON.stringify(cart.body)}`);
      return { id: cart.body.id, token: cart.body.token, shipping: quotes[k] };
    },
  );
}

/** Timed: `connections` clients checking carts out until the time is up or the carts run out. */
async function run(title, carts) {
  const latencies = [];
  const statuses = {};
  let next = 0;
  const until = Date.now() + duration * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until && next < carts.length) {
        const cart = carts[next++];
        const t0 = performance.now();
        const res = await post(
          '/v1/checkout',
          {
            cartId: cart.id,
            shippingAddress: ADDRESS,
            shipping: cart.shipping,
            paymentProvider: 'mastercard',
            currency: 'USD',
          },
          { 'idempotency-key': randomUUID(), 'x-cart-token': cart.token },
        );
        latencies.push(performance.now() - t0);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(0);
  const ok = statuses[201] ?? 0;
  console.log(
    `  ${title.padEnd(44)} ${(ok / seconds).toFixed(0).padStart(6)} checkouts/s   p50 ${at(0.5)} ms   p99 ${at(0.99)} ms   ` +
      `(${ok} in ${seconds.toFixed(1)} s; answers ${JSON.stringify(statuses)})`,
  );
  if (carts.length === next && Date.now() < until)
    console.log('    (ran out of carts: raise BENCH_CHECKOUTS for a longer run)');
}

await freshDatabase(databaseUrl);
console.log(`Building, then starting the API on ${redacted(databaseUrl)}`);
execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
const api = startNode(['-r', 'tsconfig-paths/register', 'dist/apps/api/src/main.js', '--api-only'], {
  DATABASE_URL: databaseUrl,
  TS_NODE_BASEURL: './dist',
  PORT: String(port),
  NODE_ENV: 'development', // the gateway simulator: production refuses it
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  WEBHOOK_SIGNING_KEY: 'bench-webhook-key-bench-webhook-key-0000',
  PAYMENTS_PUBLIC_URL: base,
  LOG_LEVEL: 'error',
  RATE_LIMIT_PER_MINUTE: '100000000',
  REDIS_URL: '',
});
try {
  await waitUntilUp(`${base}/health`, { child: api });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const variants = await seed(db);
  await db.query('ANALYZE');
  await db.end();

  const count = Number(process.env.BENCH_CHECKOUTS ?? 3000);
  console.log(`\nPreparing ${count} carts per scenario (untimed)…`);
  const spread = await prepare(
    variants.map(([fes, azilal]) => [
      { variantId: fes, quantity: 1 },
      { variantId: azilal, quantity: 1 },
    ]),
    count,
  );
  const hot = await prepare([[{ variantId: variants[0][0], quantity: 1 }]], count);

  console.log(`\nPOST /v1/checkout (${connections} clients, up to ${duration} s each)`);
  await run('spread: 2 cooperatives, 2 reservations', spread);
  await run('hot: every buyer on the same variant', hot);
} finally {
  await stop(api);
}
