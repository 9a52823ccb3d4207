// npm run bench:quotes — POST /v1/shipping/quotes under load, and the quote engine in-process.
//
// Seeds a realistic cart into BENCH_DATABASE_URL (default: a database souk_bench_quotes on
// DATABASE_URL's server, or on 127.0.0.1:5432): three cooperatives (Safi pottery, Azilal carpets,
// Fès leather) and five cart lines (bowls ×2, a tagine, a rolled 9 kg carpet, a bag, babouches ×2),
// to Chicago in dollars, the marketplace's first market. Then:
//   1. HTTP: autocannon against Souk's API (card rates, DHL_API_URL unset): every request packs three
//      consignments, rates 3 carriers × up to 2 incoterms, reads the cart (one SQL statement) and
//      writes the quote with its options (one INSERT statement).
//   For scale, GET /health (the same Nest stack and one SELECT 1) is measured the same way first.
//   2. In-process: the same three consignments through the quote engine alone (no HTTP, no SQL),
//      with the rules and rates the API would hold in its caches.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
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

const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const engineSeconds = Number(process.env.BENCH_ENGINE_SECONDS ?? 5);
const databaseUrl = benchDatabaseUrl('souk_bench_quotes');
const port = 3212;

const COOPERATIVES = [
  { slug: 'bench-quotes-safi', name: 'Coopérative Poterie de Safi', region: 'marrakech-safi', city: 'Safi' },
  {
    slug: 'bench-quotes-azilal',
    name: 'Coopérative Tapis Azilal',
    region: 'beni-mellal-khenifra',
    city: 'Azilal',
  },
  { slug: 'bench-quotes-fes', name: 'Coopérative Cuir de Fès', region: 'fes-meknes', city: 'Fès' },
];
// [cooperative, title, craft, HS, price MAD centimes, grams, mm, quantity in the cart]
const GOODS = [
  [0, 'Safi serving bowls', 'pottery', '691200', 45000, 1200, [240, 240, 80], 2],
  [0, 'Safi tagine', 'pottery', '691200', 38000, 2600, [320, 320, 260], 1],
  [1, 'Azilal wool carpet', 'carpet', '570110', 1200000, 9000, [1500, 300, 300], 1],
  [2, 'Fès leather bag', 'leather', '420221', 95000, 800, [350, 300, 150], 1],
  [2, 'Leather babouches', 'leather', '640359', 32000, 600, [300, 120, 100], 2],
];

/** The cooperatives and products, again from scratch; returns the cart and what the engine needs. */
async function seed(db) {
  await db.query(`DELETE FROM product WHERE slug LIKE 'bench-quotes-%'`);
  await db.query(`DELETE FROM cooperative WHERE slug LIKE 'bench-quotes-%'`);
  const coops = [];
  for (const c of COOPERATIVES) {
    const { rows } = await db.query(
      `INSERT INTO cooperative (slug, name, legal_form, region, city, verified_at) VALUES ($1, $2, 'cooperative', $3, $4, now()) RETURNING id`,
      [c.slug, c.name, c.region, c.city],
    );
    coops.push(rows[0].id);
  }
  const items = [];
  for (const [n, [coop, title, craft, hs, price, grams, [l, w, h], quantity]] of GOODS.entries()) {
    const slug = `bench-quotes-${n}`;
    const p = await db.query(
      `INSERT INTO product (slug, cooperative_id, status, title, description, craft, hs_code, price_amount)
       VALUES ($1, $2, 'active', $3, '{}', $4, $5, $6) RETURNING id`,
      [slug, coops[coop], JSON.stringify({ en: title, fr: title }), craft, hs, price],
    );
    const v = await db.query(
      `INSERT INTO variant (product_id, cooperative_id, sku, price_amount, stock, weight_grams, length_mm, width_mm, height_mm)
       VALUES ($1, $2, $3, $4, 1000, $5, $6, $7, $8) RETURNING id`,
      [p.rows[0].id, coops[coop], slug.toUpperCase(), price, grams, l, w, h],
    );
    items.push({
      variantId: v.rows[0].id,
      quantity,
      coop,
      title,
      hs,
      price,
      grams,
      dims: [l, w, h],
      city: COOPERATIVES[coop].city,
    });
  }
  return { coops, items };
}

/** The engine alone, from the compiled lib, with the rule sets and rates the API caches. */
async function engineFigure(db, cart) {
  const require = createRequire(import.meta.url);
  const dist = resolve('dist');
  const tsconfigPaths = require('tsconfig-paths');
  const { paths } = tsconfigPaths.loadConfig(process.cwd());
  tsconfigPaths.register({ baseUrl: dist, paths });
  const shipping = require(resolve(dist, 'libs/shipping/src/index.js'));
  const sets = (
    await db.query(
      `SELECT version, kind, subject, to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
              to_char(effective_to, 'YYYY-MM-DD') AS "effectiveTo", source, data FROM shipping_rule_set`,
    )
  ).rows;
  const usd = (
    await db.query(
      `SELECT currency, mad_per_unit::text AS "madPerUnit", to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate", source
         FROM exchange_rate WHERE currency = 'USD' AND effective_date <= now()::date ORDER BY effective_date DESC LIMIT 1`,
    )
  ).rows[0];
  const engine = shipping.standaloneQuoteEngine();
  const on = new Date();
  const ctx = {
    book: new shipping.RuleBook(sets),
    on,
    day: shipping.dayOf(on),
    destination: { country: 'US', postalCode: '60614', city: 'Chicago' },
    currency: 'USD',
    fx: { rate: () => usd },
    incoterm: null,
  };
  const consignments = cart.coops.map((coopId, k) => {
    const mine = cart.items.filter((i) => i.coop === k);
    return {
      cooperativeId: coopId,
      originCity: mine[0].city,
      items: mine.map((i) => ({ variantId: i.variantId, quantity: i.quantity })),
      units: mine.flatMap((i) => {
        const [length, width, height] = [...i.dims].sort((a, b) => b - a);
        return Array.from({ length: i.quantity }, () => ({
          variantId: i.variantId,
          weightGrams: i.grams,
          dims: { length, width, height },
        }));
      }),
      parcels: null,
      customs: mine.map((i) => ({
        hsCode: i.hs,
        heading: i.hs.slice(0, 6),
        description: i.title,
        quantity: i.quantity,
        valueMad: i.price * i.quantity,
        origin: 'MA',
        preferential: true,
      })),
    };
  });
  const once = () => Promise.all(consignments.map((c) => engine.quote(c, ctx)));
  const sample = await once();
  for (let i = 0; i < 2000; i++) await once(); // warm-up
  let n = 0;
  const started = process.hrtime.bigint();
  const until = Date.now() + engineSeconds * 1000;
  while (Date.now() < until) {
    for (let i = 0; i < 500; i++) await once();
    n += 500;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: Math.round(n / seconds), options: sample.reduce((s, q) => s + q.options.length, 0) };
}

await ensureDatabase(databaseUrl);
console.log(`Building; database ${redacted(databaseUrl)}`);
try {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
} catch {
  // tsc still emits JavaScript for files with errors; another lib mid-edit must not stop the bench
  console.warn('The build reported errors (above); benchmarking what it emitted.');
}

const souk = startNode(['-r', 'tsconfig-paths/register', 'dist/apps/api/src/main.js', '--api-only'], {
  DATABASE_URL: databaseUrl,
  TS_NODE_BASEURL: './dist',
  PORT: String(port),
  // production would demand every payment gateway's real credentials; development with explicit
  // secrets and LOG_LEVEL=warn serves requests the same way (payments run their local simulators)
  NODE_ENV: 'development',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
  WEBHOOK_SIGNING_KEY: 'bench-webhook-key-bench-webhook-key-0000',
  CHANNEL_CREDENTIALS_KEY: 'YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmU=',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000000',
  DHL_API_URL: '',
  REDIS_URL: '',
});
const db = new pg.Client({ connectionString: databaseUrl });
try {
  await waitUntilUp(`http://127.0.0.1:${port}/health`, { child: souk });
  await db.connect();
  const cart = await seed(db);
  const body = JSON.stringify({
    destination: { country: 'US', postalCode: '60614', city: 'Chicago' },
    items: cart.items.map((i) => ({ variantId: i.variantId, quantity: i.quantity })),
  });
  const url = `http://127.0.0.1:${port}/v1/shipping/quotes`;
  const first = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const answer = await first.json();
  if (first.status !== 201) throw new Error(`quote: ${first.status} ${JSON.stringify(answer)}`);
  const options = answer.quotes.reduce((s, q) => s + q.options.length, 0);
  console.log(
    `\nCart: ${cart.items.length} lines from ${answer.quotes.length} cooperatives to US 60614 → ${options} options, ` +
      `${Buffer.byteLength(JSON.stringify(answer))} bytes of answer`,
  );
  // The same stack's ceiling on this machine: GET /health runs one trivial SQL query (SELECT 1).
  const floor = await warmedAutocannon({ url: `http://127.0.0.1:${port}/health`, connections, duration });
  console.log(
    `  HTTP  GET /health, the stack with one SELECT 1 (for scale): ${Math.round(floor.requests.average)} req/s, p50 ${floor.latency.p50} ms`,
  );
  const before = Number((await db.query('SELECT count(*) FROM shipping_quote')).rows[0].count);
  const request = { url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections };
  const r = await warmedAutocannon({ ...request, duration });
  const stored = Number((await db.query('SELECT count(*) FROM shipping_quote')).rows[0].count) - before;
  console.log(
    `  HTTP  POST /v1/shipping/quotes (${connections} connections, ${duration} s): ${Math.round(r.requests.average)} quotes/s, ` +
      `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}; ${stored} quotes stored`,
  );
  const engine = await engineFigure(db, cart);
  const load = loadavg().map((l) => l.toFixed(1));
  console.log(
    `  In-process quote engine (same cart, ${engineSeconds} s, one core): ${engine.perSecond} quotes/s ` +
      `(${engine.options} options each; no HTTP, no SQL)`,
  );
  console.log(
    `  Machine: ${cpus().length} cores, load average ${load.join(' ')} (API, PostgreSQL and autocannon share them)`,
  );
} finally {
  await db.end().catch(() => undefined);
  await stop(souk);
}
