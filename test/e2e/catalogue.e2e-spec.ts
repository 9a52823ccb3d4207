import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, signUp } from '../support/actors';
import {
  givenProduct,
  givenSeller,
  productBody,
  productRow,
  type Seller,
  sku,
  variantBody,
} from '../support/catalogue-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let seller: Seller;
let admin: Actor;
beforeAll(async () => {
  t = await startTestApp();
  seller = await givenSeller(t, { name: 'Fatima' });
  admin = await signUp(t, { name: 'Admin', admin: true });
});
afterAll(async () => {
  await t?.close();
});

const create = (body: Record<string, unknown>, as: { auth: string } = seller, coopId = seller.coop.id) =>
  t.http().post(`/v1/cooperatives/${coopId}/products`).set('authorization', as.auth).send(body);
const productCount = async () => Number((await t.db.query(`SELECT count(*) FROM product`)).rows[0].count);

/** The problem's field errors, as `field: message` lines. */
const fieldsOf = (body: { errors?: { field: string; message: string }[] }) =>
  (body.errors ?? []).map((e) => `${e.field}: ${e.message}`);

describe('creating a product', () => {
  it('lists a product with its variants, priced at its lowest variant', async () => {
    const res = await create(
      productBody({
        variants: [
          variantBody({ sku: 'SAFI-BOWL-L', price: { amount: 52000 }, options: { size: 'large' } }),
          variantBody({
            sku: 'SAFI-BOWL-S',
            price: { amount: 31000, currency: 'MAD' },
            stock: 3,
            options: { size: 'small' },
          }),
        ],
      }),
    );

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      cooperativeId: seller.coop.id,
      status: 'active',
      title: { fr: 'Bol de service bleu', en: 'Blue serving bowl', ar: 'زلافة زرقاء' },
      description: {
        fr: 'Tourné à la main et émaillé au cobalt.',
        en: 'Hand-thrown, cobalt glaze.',
        ar: null,
      },
      craft: 'pottery',
      materials: ['clay', 'cobalt glaze'],
      originCity: 'Safi',
      hsCode: '691200',
      hsHeading: { code: '691200', label: 'Ceramic tableware and kitchenware, other than porcelain' },
      categoryId: null,
      images: ['https://cdn.souk.dev/p/bowl-1.jpg'],
      rating: { average: null, count: 0 },
      price: { amount: 31000, currency: 'MAD' },
    });
    expect(res.body.variants).toEqual([
      {
        id: expect.any(String),
        sku: 'SAFI-BOWL-L',
        options: { size: 'large' },
        price: { amount: 52000, currency: 'MAD' },
        stock: 10,
        available: 10,
        weightGrams: 1200,
        dimensionsMm: { length: 240, width: 240, height: 80 },
      },
      expect.objectContaining({
        sku: 'SAFI-BOWL-S',
        price: { amount: 31000, currency: 'MAD' },
        stock: 3,
        available: 3,
      }),
    ]);
    const row = await productRow(t, res.body.id);
    expect(row).toMatchObject({
      status: 'active',
      hs_code: '691200',
      price_amount: '31000',
      cooperative_id: seller.coop.id,
    });
    const variants = await t.db.query(
      `SELECT sku, cooperative_id FROM variant WHERE product_id = $1 ORDER BY position`,
      [res.body.id],
    );
    expect(variants.rows).toEqual([
      { sku: 'SAFI-BOWL-L', cooperative_id: seller.coop.id },
      { sku: 'SAFI-BOWL-S', cooperative_id: seller.coop.id },
    ]);
  });

  it('makes a slug from the English title, accents stripped, and a new one for the same title', async () => {
    const title = { fr: 'Plat à tajine de Fès', en: 'Fès Tajine Dish — Café', ar: 'طاجين' };
    const first = await givenProduct(t, seller, { title });
    const second = await givenProduct(t, seller, { title });
    expect(first.slug).toBe('fes-tajine-dish-cafe');
    expect(second.slug).toBe('fes-tajine-dish-cafe-2');
  });

  it('falls back to the French title when the English one gives no slug', async () => {
    const product = await givenProduct(t, seller, { title: { fr: 'Théière de Tétouan', en: '—' } });
    expect(product.slug).toBe('theiere-de-tetouan');
  });

  it('keeps an explicit slug, and refuses one another product holds (409 naming slug)', async () => {
    const product = await givenProduct(t, seller, {
      slug: 'azilal-beni-ourain-rug',
      craft: 'carpet',
      hsCode: '570110',
    });
    expect(product.slug).toBe('azilal-beni-ourain-rug');
    const again = await create(productBody({ slug: 'azilal-beni-ourain-rug' }));
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['slug: is already used by another product']);
  });

  it('is a draft unless told otherwise, and Arabic may be left out', async () => {
    const product = await givenProduct(t, seller, {
      status: undefined,
      title: { fr: 'Pouf en cuir', en: 'Leather pouf' },
      craft: 'leather',
      hsCode: '4202.21',
    });
    expect(product).toMatchObject({
      status: 'draft',
      title: { fr: 'Pouf en cuir', en: 'Leather pouf', ar: null },
      hsCode: '420221',
    });
  });

  it('files a product under a category', async () => {
    const category = await t
      .http()
      .post('/v1/categories')
      .set('authorization', admin.auth)
      .send({ slug: 'tableware-e2e', name: { fr: 'Art de la table', en: 'Tableware' } });
    const product = await givenProduct(t, seller, { categoryId: category.body.id });
    expect(product.categoryId).toBe(category.body.id);
    expect((await productRow(t, product.id)).category_id).toBe(category.body.id);
  });

  it('answers 404 for a cooperative that does not exist', async () => {
    const res = await create(productBody(), admin, '00000000-0000-4000-8000-000000000000');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('accepts the same SKU in another cooperative', async () => {
    const other = await givenSeller(t, { name: 'Youssef' });
    const shared = sku('SHARED');
    await givenProduct(t, seller, { variants: [variantBody({ sku: shared })] });
    const res = await create(productBody({ variants: [variantBody({ sku: shared })] }), other, other.coop.id);
    expect(res.status).toBe(201);
  });
});

describe('refusing bad products', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'an HS heading artisan goods do not use',
      { hsCode: '691299' },
      'hsCode: 691299 is not a heading artisan goods use',
    ],
    [
      'an HS code that is not 6 to 10 digits',
      { hsCode: '69-12' },
      'hsCode: must be 6 to 10 digits (dots allowed, e.g. 6912.00)',
    ],
    [
      'a negative price',
      { variants: [variantBody({ price: { amount: -100 } })] },
      'variants[0].price.amount: must be a positive integer (minor units)',
    ],
    [
      'a price in major units',
      { variants: [variantBody({ price: { amount: 450.5 } })] },
      'variants[0].price.amount: must be a positive integer (minor units)',
    ],
    [
      'a price in another currency',
      { variants: [variantBody({ price: { amount: 100, currency: 'EUR' } })] },
      'variants[0].price.currency: must be MAD: prices are listed in MAD only for now',
    ],
    [
      'an unknown craft',
      { craft: 'glassblowing' },
      'craft: must be one of pottery, zellige, carpet, leather, woodwork, metalwork, textile, stone, basketry, jewellery, cosmetics',
    ],
    ['an unknown field', { colour: 'blue' }, 'colour: property colour should not exist'],
    [
      'an unknown field in a variant',
      { variants: [variantBody(), variantBody({ colour: 'blue' })] },
      'variants[1].colour: property colour should not exist',
    ],
    ['a title without English', { title: { fr: 'Bol' } }, 'title.en: must be a string'],
    [
      'an image that is not https',
      { images: ['http://cdn.example.com/a.jpg'] },
      'images: must all be https URLs',
    ],
    [
      'a slug with capitals',
      { slug: 'Blue-Bowl' },
      'slug: must be lowercase letters and digits separated by single hyphens',
    ],
    [
      'a slug shaped like a UUID',
      { slug: '0b7e2a5c-1d3f-4a6b-8c9d-0e1f2a3b4c5d' },
      'slug: must not look like a UUID (ids and slugs share one path)',
    ],
    ['no variants', { variants: [] }, 'variants: must have at least one variant'],
    [
      'a weightless variant',
      { variants: [variantBody({ weightGrams: 0 })] },
      'variants[0].weightGrams: must be a positive integer (grams)',
    ],
    [
      'a variant without dimensions',
      { variants: [variantBody({ dimensionsMm: undefined })] },
      'variants[0].dimensionsMm: is required',
    ],
    [
      'negative stock',
      { variants: [variantBody({ stock: -1 })] },
      'variants[0].stock: must be an integer of 0 or more',
    ],
    [
      'a bad SKU',
      { variants: [variantBody({ sku: 'has space' })] },
      'variants[0].sku: must be 1 to 64 letters, digits, dots, dashes or underscores',
    ],
  ];

  it.each(cases)('refuses %s with a 400 naming the field', async (_what, overrides, expected) => {
    const before = await productCount();
    const res = await create(productBody(overrides));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://souk.dev/problems/validation', status: 400 });
    expect(fieldsOf(res.body)).toContain(expected);
    expect(await productCount()).toBe(before);
  });

  it('refuses an unknown category (400 naming categoryId)', async () => {
    const res = await create(productBody({ categoryId: '00000000-0000-4000-8000-000000000000' }));
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['categoryId: is not a category']);
  });

  it('refuses two variants with one SKU (409 naming the second)', async () => {
    const twice = sku('TWICE');
    const res = await create(
      productBody({ variants: [variantBody({ sku: twice }), variantBody({ sku: twice })] }),
    );
    expect(res.status).toBe(409);
    expect(fieldsOf(res.body)).toEqual([
      `variants[1].sku: ${twice} is already used by another variant of this cooperative`,
    ]);
  });

  it('refuses a SKU another product of the cooperative holds (409), writing nothing', async () => {
    const taken = sku('TAKEN');
    await givenProduct(t, seller, { variants: [variantBody({ sku: taken })] });
    const before = await productCount();
    const res = await create(productBody({ variants: [variantBody(), variantBody({ sku: taken })] }));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'https://souk.dev/problems/conflict', status: 409 });
    expect(fieldsOf(res.body)).toEqual([
      `variants[1].sku: ${taken} is already used by another variant of this cooperative`,
    ]);
    expect(await productCount()).toBe(before);
  });
});

describe('the product page', () => {
  it('answers an active product by id and by slug, to anyone', async () => {
    const product = await givenProduct(t, seller, { slug: 'safi-cobalt-plate' });
    const byId = await t.http().get(`/v1/products/${product.id}`).expect(200);
    const bySlug = await t.http().get('/v1/products/safi-cobalt-plate').expect(200);
    expect(byId.body).toEqual(product);
    expect(bySlug.body).toEqual(product);
  });

  it('answers 404 for an unknown id, an unknown slug and a path that is neither', async () => {
    for (const path of ['00000000-0000-4000-8000-000000000000', 'no-such-product', 'Not A Slug!', '%00']) {
      const res = await t.http().get(`/v1/products/${encodeURIComponent(path)}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('shows a draft to its cooperative and to admins only', async () => {
    const draft = await givenProduct(t, seller, { status: 'draft' });
    await t.http().get(`/v1/products/${draft.id}`).expect(404);
    await t.http().get(`/v1/products/${draft.slug}`).expect(404);
    const member = await t
      .http()
      .get(`/v1/products/${draft.slug}`)
      .set('authorization', seller.auth)
      .expect(200);
    expect(member.body).toMatchObject({ id: draft.id, status: 'draft' });
    await t.http().get(`/v1/products/${draft.id}`).set('authorization', admin.auth).expect(200);
  });
});
