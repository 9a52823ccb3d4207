import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, signUp } from '../support/actors';
import { givenSeller, type Seller } from '../support/catalogue-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let seller: Seller;
let admin: Actor;
beforeAll(async () => {
  t = await startTestApp();
  seller = await givenSeller(t, { name: 'Said' });
  admin = await signUp(t, { name: 'Admin', admin: true });
});
afterAll(async () => {
  await t?.close();
});

/** The problem's field errors, as `field: message` lines. */
const fieldsOf = (body: { errors?: { field: string; message: string }[] }) =>
  (body.errors ?? []).map((e) => `${e.field}: ${e.message}`);

describe('categories', () => {
  it('lets an admin grow the tree, and answers it nested with names per locale', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http().post('/v1/categories').set('authorization', admin.auth).send(body);
    const decor = await post({ slug: 'decor-e2e', name: { fr: 'Décoration', en: 'Decor', ar: 'الديكور' } });
    expect(decor.status).toBe(201);
    expect(decor.body).toMatchObject({
      slug: 'decor-e2e',
      parentId: null,
      name: { fr: 'Décoration', en: 'Decor', ar: 'الديكور' },
    });
    const lighting = await post({
      slug: 'lighting-e2e',
      name: { fr: 'Luminaires', en: 'Lighting' },
      parentId: decor.body.id,
      position: 2,
    });
    const vases = await post({
      slug: 'vases-e2e',
      name: { fr: 'Vases', en: 'Vases' },
      parentId: decor.body.id,
      position: 1,
    });
    expect(lighting.status).toBe(201);
    expect(vases.status).toBe(201);

    const tree = await t.http().get('/v1/categories').expect(200);
    const node = tree.body.items.find((c: { slug: string }) => c.slug === 'decor-e2e');
    expect(node.children.map((c: { slug: string }) => c.slug)).toEqual(['vases-e2e', 'lighting-e2e']);
    expect(node.children[1]).toMatchObject({
      id: lighting.body.id,
      parentId: decor.body.id,
      name: { fr: 'Luminaires', en: 'Lighting', ar: null },
      children: [],
    });
    // Children are not repeated at the top level.
    expect(tree.body.items.some((c: { slug: string }) => c.slug === 'lighting-e2e')).toBe(false);
  });

  it('refuses a taken slug (409), an unknown parent (400) and a bad name (400)', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http().post('/v1/categories').set('authorization', admin.auth).send(body);
    await post({ slug: 'rugs-e2e', name: { fr: 'Tapis', en: 'Rugs' } }).expect(201);
    const taken = await post({ slug: 'rugs-e2e', name: { fr: 'Tapis', en: 'Rugs' } });
    expect(taken.status).toBe(409);
    expect(fieldsOf(taken.body)).toEqual(['slug: is already used by another category']);
    const orphan = await post({
      slug: 'orphan-e2e',
      name: { fr: 'x', en: 'x' },
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(orphan.status).toBe(400);
    expect(fieldsOf(orphan.body)).toEqual(['parentId: is not a category']);
    const unnamed = await post({ slug: 'unnamed-e2e', name: { fr: 'x' } });
    expect(unnamed.status).toBe(400);
    expect(fieldsOf(unnamed.body)).toContain('name.en: must be a string');
    expect(
      (await t.db.query(`SELECT count(*) FROM category WHERE slug IN ('orphan-e2e', 'unnamed-e2e')`)).rows[0]
        .count,
    ).toBe('0');
  });

  it('lets only admins add categories', async () => {
    const buyer = await signUp(t, { name: 'Buyer' });
    const body = { slug: 'nope-e2e', name: { fr: 'Non', en: 'No' } };
    await t.http().post('/v1/categories').send(body).expect(401);
    await t.http().post('/v1/categories').set('authorization', buyer.auth).send(body).expect(403);
    await t.http().post('/v1/categories').set('authorization', seller.auth).send(body).expect(403);
    expect((await t.db.query(`SELECT count(*) FROM category WHERE slug = 'nope-e2e'`)).rows[0].count).toBe(
      '0',
    );
  });
});

describe('the OpenAPI document', () => {
  it('documents the catalogue routes and the variant changes of PATCH', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    for (const path of [
      '/v1/products',
      '/v1/products/{idOrSlug}',
      '/v1/products/{id}',
      '/v1/products/{id}/stock',
      '/v1/cooperatives/{id}/products',
      '/v1/categories',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.components.schemas.UpdateProductDto.properties.variants.description).toMatch(
      /without `id` adds a variant/,
    );
    expect(doc.components.schemas.ProductView.required).toEqual(
      expect.arrayContaining(['hsHeading', 'variants', 'price']),
    );
  });
});
