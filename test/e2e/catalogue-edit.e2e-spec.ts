import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  givenProduct,
  givenSeller,
  productRow,
  type Seller,
  sku,
  variantBody,
  variantRow,
} from '../support/catalogue-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let seller: Seller;
beforeAll(async () => {
  t = await startTestApp();
  seller = await givenSeller(t, { name: 'Khadija', role: 'manager' });
});
afterAll(async () => {
  await t?.close();
});

const patch = (id: string, body: Record<string, unknown>) =>
  t.http().patch(`/v1/products/${id}`).set('authorization', seller.auth).send(body);
const stock = (id: string, body: Record<string, unknown>) =>
  t.http().post(`/v1/products/${id}/stock`).set('authorization', seller.auth).send(body);
const fieldsOf = (body: { errors?: { field: string; message: string }[] }) =>
  (body.errors ?? []).map((e) => `${e.field}: ${e.message}`);
const reserve = (variantId: string, units: number) =>
  t.db.query(`UPDATE variant SET reserved = $2 WHERE id = $1`, [variantId, units]);

/** A product with two variants, A at 400.00 MAD and B at 300.00 MAD. */
async function twoVariantProduct(): Promise<{ id: string; a: string; b: string; body: any }> {
  const body = await givenProduct(t, seller, {
    variants: [
      variantBody({ sku: sku('A'), price: { amount: 40000 } }),
      variantBody({ sku: sku('B'), price: { amount: 30000 } }),
    ],
  });
  return { id: body.id, a: body.variants[0].id, b: body.variants[1].id, body };
}

describe('editing a product', () => {
  it('changes only the fields given, and search follows the new title', async () => {
    const { id, body: before } = await twoVariantProduct();
    const res = await patch(id, {
      title: { fr: 'Grand plat de Safi', en: 'Large Safi platter' },
      materials: ['terracotta'],
      originCity: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: { fr: 'Grand plat de Safi', en: 'Large Safi platter', ar: null },
      materials: ['terracotta'],
      originCity: null,
      description: before.description,
      hsCode: before.hsCode,
      variants: before.variants,
    });
    expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThan(new Date(before.updatedAt).getTime());
    const row = await productRow(t, id);
    expect(row.title).toEqual({ fr: 'Grand plat de Safi', en: 'Large Safi platter' });
    expect(row.origin_city).toBeNull();
    const found = await t.http().get('/v1/products').query({ q: 'platter' }).expect(200);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('updates, adds and removes variants in one request, and reprices the product', async () => {
    const { id, a, b } = await twoVariantProduct();
    const newSku = sku('C');
    const res = await patch(id, {
      variants: [
        { id: a, price: { amount: 25000 }, options: { size: 'XL' } },
        { id: b, remove: true },
        variantBody({ sku: newSku, price: { amount: 60000 }, stock: 4 }),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.variants.map((v: any) => [v.sku.slice(0, 1), v.price.amount, v.options])).toEqual([
      ['A', 25000, { size: 'XL' }],
      ['C', 60000, { size: '24 cm', colour: 'blue' }],
    ]);
    expect(res.body.variants[0].stock).toBe(10); // untouched fields stay
    expect(res.body.price).toEqual({ amount: 25000, currency: 'MAD' });
    expect((await productRow(t, id)).price_amount).toBe('25000');
    expect(await variantRow(t, b)).toBeUndefined();
    const rows = await t.db.query(`SELECT sku, stock FROM variant WHERE product_id = $1 ORDER BY position`, [
      id,
    ]);
    expect(rows.rows.map((r) => r.stock)).toEqual([10, 4]);
    expect(rows.rows[1].sku).toBe(newSku);
  });

  it('refuses variant changes that do not make sense, changing nothing', async () => {
    const { id, a, b } = await twoVariantProduct();
    const other = await twoVariantProduct();
    const cases: [Record<string, unknown>[], number, string][] = [
      [
        [{ sku: sku('X') }],
        400,
        'variants[0].price: is required when adding a variant (a change without id)',
      ],
      [[{ id: other.a, price: { amount: 100 } }], 400, 'variants[0].id: is not a variant of this product'],
      [
        [
          { id: a, remove: true },
          { id: b, remove: true },
        ],
        400,
        'variants: must leave the product at least one variant',
      ],
      [
        [{ id: a, price: { amount: 0 } }],
        400,
        'variants[0].price.amount: must be a positive integer (minor units)',
      ],
      [[{ remove: true }], 400, 'variants[0].id: must be the UUID of a variant of this product'],
      [[{ id: a, remove: false }], 400, 'variants[0].remove: must be true (or left out)'],
      [
        [
          { id: a, price: { amount: 1 } },
          { id: a, stock: 1 },
        ],
        400,
        'variants[1].id: is changed twice in one request',
      ],
    ];
    for (const [variants, status, expected] of cases) {
      const res = await patch(id, { title: { fr: 'Changé', en: 'Changed' }, variants });
      expect([res.status, fieldsOf(res.body)]).toEqual([status, expect.arrayContaining([expected])]);
    }
    const row = await productRow(t, id);
    expect(row.title.en).not.toBe('Changed');
    expect(row.price_amount).toBe('30000');
  });

  it('refuses a SKU the cooperative already uses (409 naming it), rolling back the whole change', async () => {
    const { id, a, b } = await twoVariantProduct();
    const other = await twoVariantProduct();
    const taken = (await variantRow(t, other.a)).sku;
    const res = await patch(id, {
      title: { fr: 'Changé', en: 'Changed' },
      variants: [
        { id: a, price: { amount: 100 } },
        { id: b, sku: taken },
      ],
    });
    expect(res.status).toBe(409);
    expect(fieldsOf(res.body)).toEqual([
      `variants[1].sku: ${taken} is already used by another variant of this cooperative`,
    ]);
    expect((await productRow(t, id)).title.en).not.toBe('Changed');
    expect((await variantRow(t, a)).price_amount).toBe('40000');

    const ownSku = (await variantRow(t, a)).sku;
    const added = await patch(id, { variants: [variantBody({ sku: ownSku })] });
    expect(added.status).toBe(409);
    expect(fieldsOf(added.body)).toEqual([
      `variants[0].sku: ${ownSku} is already used by another variant of this cooperative`,
    ]);
  });

  it('lets a removed variant give its SKU to a new one in the same request', async () => {
    const { id, b } = await twoVariantProduct();
    const bSku = (await variantRow(t, b)).sku;
    const res = await patch(id, {
      variants: [{ id: b, remove: true }, variantBody({ sku: bSku, price: { amount: 12345 } })],
    });
    expect(res.status).toBe(200);
    expect(res.body.variants.find((v: any) => v.sku === bSku).price.amount).toBe(12345);
  });

  it('refuses to remove a variant with reserved units, or to set its stock below them (409)', async () => {
    const { id, a } = await twoVariantProduct();
    await reserve(a, 3);
    const removal = await patch(id, { variants: [{ id: a, remove: true }] });
    expect(removal.status).toBe(409);
    expect(fieldsOf(removal.body)).toEqual([
      'variants[0].remove: is refused while units of this variant are reserved',
    ]);
    const below = await patch(id, { materials: ['changed'], variants: [{ id: a, stock: 2 }] });
    expect(below.status).toBe(409);
    expect(fieldsOf(below.body)).toEqual(['variants[0].stock: must not be below the units reserved']);
    expect(await variantRow(t, a)).toMatchObject({ stock: 10, reserved: 3 });
    expect((await productRow(t, id)).materials).not.toEqual(['changed']);
  });

  it('archives and restores through status, stamping archived_at', async () => {
    const { id } = await twoVariantProduct();
    expect((await patch(id, { status: 'archived' })).body.status).toBe('archived');
    expect((await productRow(t, id)).archived_at).toBeInstanceOf(Date);
    expect((await patch(id, { status: 'active' })).body.status).toBe('active');
    expect((await productRow(t, id)).archived_at).toBeNull();
  });

  it('refuses null for fields that cannot be cleared, unknown fields, and bad ids', async () => {
    const { id } = await twoVariantProduct();
    const nulled = await patch(id, { title: null, craft: 'glass', sale: true });
    expect(nulled.status).toBe(400);
    expect(fieldsOf(nulled.body)).toEqual(
      expect.arrayContaining([
        'title: must not be null',
        'craft: must be one of pottery, zellige, carpet, leather, woodwork, metalwork, textile, stone, basketry, jewellery, cosmetics',
        'sale: property sale should not exist',
      ]),
    );
    const badId = await t.http().patch('/v1/products/not-a-uuid').set('authorization', seller.auth).send({});
    expect(badId.status).toBe(400);
    expect(fieldsOf(badId.body)).toEqual(['id: must be a UUID']);
    await t
      .http()
      .patch('/v1/products/00000000-0000-4000-8000-000000000000')
      .set('authorization', seller.auth)
      .send({})
      .expect(404);
  });
});

describe('archiving a product', () => {
  it('archives it: gone from the public catalogue, kept in the cooperative view', async () => {
    const { id } = await twoVariantProduct();
    const res = await t.http().delete(`/v1/products/${id}`).set('authorization', seller.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'archived' });
    const row = await productRow(t, id);
    expect(row.status).toBe('archived');
    expect(row.archived_at).toBeInstanceOf(Date);

    await t.http().get(`/v1/products/${id}`).expect(404);
    const publicList = await t
      .http()
      .get('/v1/products')
      .query({ cooperative: seller.coop.id, limit: 100 })
      .expect(200);
    expect(publicList.body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    const own = await t
      .http()
      .get(`/v1/cooperatives/${seller.coop.id}/products`)
      .query({ status: 'archived' })
      .set('authorization', seller.auth)
      .expect(200);
    expect(own.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect(own.body.items.every((p: { status: string }) => p.status === 'archived')).toBe(true);
  });

  it('archiving twice keeps the first archived_at', async () => {
    const { id } = await twoVariantProduct();
    await t.http().delete(`/v1/products/${id}`).set('authorization', seller.auth).expect(200);
    const first = (await productRow(t, id)).archived_at;
    await t.http().delete(`/v1/products/${id}`).set('authorization', seller.auth).expect(200);
    expect((await productRow(t, id)).archived_at).toEqual(first);
  });
});

describe('adjusting stock', () => {
  it('adds, takes away and sets stock, answering the variant', async () => {
    const { id, a } = await twoVariantProduct();
    const added = await stock(id, { variantId: a, delta: 5 });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: a, stock: 15, available: 15 });
    expect((await stock(id, { variantId: a, delta: -4 })).body.stock).toBe(11);
    expect((await stock(id, { variantId: a, set: 3 })).body).toMatchObject({ stock: 3, available: 3 });
    expect(await variantRow(t, a)).toMatchObject({ stock: 3, reserved: 0 });
  });

  it('never goes below the reserved units or zero (409), and says by how much', async () => {
    const { id, a, b } = await twoVariantProduct();
    await reserve(a, 4);
    const below = await stock(id, { variantId: a, delta: -7 });
    expect(below.status).toBe(409);
    expect(below.body).toMatchObject({ status: 409, stock: 10, reserved: 4 });
    expect(fieldsOf(below.body)).toEqual(['delta: would make the stock 3, below the 4 units reserved']);
    expect((await stock(id, { variantId: a, set: 3 })).status).toBe(409);
    expect((await stock(id, { variantId: b, delta: -11 })).status).toBe(409);
    expect(await variantRow(t, a)).toMatchObject({ stock: 10, reserved: 4 });
    expect((await stock(id, { variantId: a, set: 4 })).body).toMatchObject({ stock: 4, available: 0 });
  });

  it('sells the last units exactly once when many take at the same time', async () => {
    const { id, a } = await twoVariantProduct();
    await stock(id, { variantId: a, set: 5 }).expect(200);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => stock(id, { variantId: a, delta: -1 })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(7);
    expect((await variantRow(t, a)).stock).toBe(0);
  });

  it('refuses a change that is not exactly one of delta or set, and a variant of another product', async () => {
    const { id, a } = await twoVariantProduct();
    const other = await twoVariantProduct();
    expect(fieldsOf((await stock(id, { variantId: a, delta: 1, set: 2 })).body)).toEqual([
      'set: cannot be given together with delta',
    ]);
    expect(fieldsOf((await stock(id, { variantId: a })).body)).toEqual(['delta: is required (or set)']);
    expect(fieldsOf((await stock(id, { variantId: a, delta: 1.5 })).body)).toEqual([
      'delta: must be an integer from -1000000 to 1000000',
    ]);
    expect(fieldsOf((await stock(id, { variantId: a, set: -1 })).body)).toEqual([
      'set: must be an integer of 0 or more',
    ]);
    const foreign = await stock(id, { variantId: other.a, delta: 1 });
    expect(foreign.status).toBe(400);
    expect(fieldsOf(foreign.body)).toEqual(['variantId: is not a variant of this product']);
    expect((await variantRow(t, other.a)).stock).toBe(10);
  });
});
