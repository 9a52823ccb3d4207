import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Test } from 'supertest';
import { type Actor, signUp } from '../support/actors';
import {
  givenApiKey,
  givenProduct,
  givenSeller,
  productBody,
  productRow,
  type Seller,
  variantRow,
} from '../support/catalogue-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/** Who may do what with a cooperative's catalogue, proved by the refusals as much as by the grants. */
let t: TestApp;
let owner: Seller;
let manager: Seller;
let rival: Seller;
let buyer: Actor;
let admin: Actor;
const keys: Record<string, string> = {};
let active: any;
let draft: any;

type Caller = { name: string; auth?: () => string | undefined };
const anonymous: Caller = { name: 'anonymous', auth: () => undefined };

beforeAll(async () => {
  t = await startTestApp();
  owner = await givenSeller(t, { name: 'Owner' });
  manager = await givenSeller(t, { name: 'Manager', role: 'manager', coop: owner.coop });
  rival = await givenSeller(t, { name: 'Rival' });
  buyer = await signUp(t, { name: 'Buyer' });
  admin = await signUp(t, { name: 'Admin', admin: true });
  keys.writeOwn = await givenApiKey(t, admin, { scopes: ['catalogue:write'], cooperativeId: owner.coop.id });
  keys.readOwn = await givenApiKey(t, admin, { scopes: ['catalogue:read'], cooperativeId: owner.coop.id });
  keys.writeRival = await givenApiKey(t, admin, {
    scopes: ['catalogue:write', 'catalogue:read'],
    cooperativeId: rival.coop.id,
  });
  keys.writeUnbound = await givenApiKey(t, admin, { scopes: ['catalogue:write', 'catalogue:read'] });
  keys.ordersOwn = await givenApiKey(t, admin, { scopes: ['orders:read'], cooperativeId: owner.coop.id });
  active = await givenProduct(t, owner, { status: 'active' });
  draft = await givenProduct(t, owner, { status: 'draft', title: { fr: 'Brouillon', en: 'Secret draft' } });
});
afterAll(async () => {
  await t?.close();
});

const as = (name: string, auth: () => string | undefined): Caller => ({ name, auth });
const send = (caller: Caller, req: Test) => {
  const auth = caller.auth?.();
  return auth ? req.set('authorization', auth) : req;
};

/** Callers who may not write the owner's catalogue, with the status and detail they get. */
const REFUSED_WRITERS: [string, () => string | undefined, number, RegExp][] = [
  ['anonymous', () => undefined, 401, /Sign in or give an API key/],
  ['a buyer', () => buyer.auth, 403, /Only members of this cooperative/],
  ["another cooperative's owner", () => rival.auth, 403, /Only members of this cooperative/],
  ['an API key with only catalogue:read', () => keys.readOwn, 403, /needs the scope catalogue:write/],
  ['an API key without catalogue scopes', () => keys.ordersOwn, 403, /needs the scope catalogue:write/],
  ['an API key bound to another cooperative', () => keys.writeRival, 403, /Only members of this cooperative/],
  ['an API key bound to no cooperative', () => keys.writeUnbound, 403, /Only members of this cooperative/],
];

describe('writing a cooperative catalogue', () => {
  it.each(REFUSED_WRITERS)('refuses creating a product to %s', async (name, auth, status, detail) => {
    const before = (await t.db.query(`SELECT count(*) FROM product`)).rows[0].count;
    const res = await send(as(name, auth), t.http().post(`/v1/cooperatives/${owner.coop.id}/products`)).send(
      productBody(),
    );
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(detail);
    expect((await t.db.query(`SELECT count(*) FROM product`)).rows[0].count).toBe(before);
  });

  it.each(REFUSED_WRITERS)(
    'refuses editing, archiving and stock to %s, changing nothing',
    async (name, auth, status) => {
      const caller = as(name, auth);
      const edit = await send(caller, t.http().patch(`/v1/products/${active.id}`)).send({
        title: { fr: 'Piraté', en: 'Hijacked' },
      });
      const archive = await send(caller, t.http().delete(`/v1/products/${active.id}`));
      const stock = await send(caller, t.http().post(`/v1/products/${active.id}/stock`)).send({
        variantId: active.variants[0].id,
        set: 0,
      });
      expect([edit.status, archive.status, stock.status]).toEqual([status, status, status]);
      const row = await productRow(t, active.id);
      expect(row).toMatchObject({ status: 'active', archived_at: null });
      expect(row.title.en).toBe(active.title.en);
      expect((await variantRow(t, active.variants[0].id)).stock).toBe(active.variants[0].stock);
    },
  );

  it('lets the owner, a manager, an admin and a bound API key with catalogue:write create and edit', async () => {
    const writers: [string, string][] = [
      ['owner', owner.auth],
      ['manager', manager.auth],
      ['admin', admin.auth],
      ['bound key', keys.writeOwn],
    ];
    for (const [name, auth] of writers) {
      const created = await t
        .http()
        .post(`/v1/cooperatives/${owner.coop.id}/products`)
        .set('authorization', auth)
        .send(productBody());
      expect([name, created.status]).toEqual([name, 201]);
      expect(created.body.cooperativeId).toBe(owner.coop.id);
      const edited = await t
        .http()
        .patch(`/v1/products/${created.body.id}`)
        .set('authorization', auth)
        .send({ materials: [name] });
      expect([name, edited.status, edited.body.materials]).toEqual([name, 200, [name]]);
      const stocked = await t
        .http()
        .post(`/v1/products/${created.body.id}/stock`)
        .set('authorization', auth)
        .send({ variantId: created.body.variants[0].id, delta: 1 });
      expect([name, stocked.status]).toEqual([name, 200]);
      const archived = await t.http().delete(`/v1/products/${created.body.id}`).set('authorization', auth);
      expect([name, archived.status]).toEqual([name, 200]);
    }
  });

  it("refuses a member's product creation in a cooperative they do not belong to", async () => {
    const res = await t
      .http()
      .post(`/v1/cooperatives/${rival.coop.id}/products`)
      .set('authorization', owner.auth)
      .send(productBody());
    expect(res.status).toBe(403);
  });
});

describe("reading a cooperative's drafts", () => {
  const hidden = (): Caller[] => [
    anonymous,
    as('a buyer', () => buyer.auth),
    as("another cooperative's owner", () => rival.auth),
    as('an API key bound to another cooperative', () => keys.writeRival),
    as('an API key bound to no cooperative', () => keys.writeUnbound),
    as('an API key without catalogue:read', () => keys.writeOwn),
  ];

  it('answers 404 for a draft to anyone outside its cooperative, by id and by slug', async () => {
    for (const caller of hidden()) {
      for (const key of [draft.id, draft.slug]) {
        const res = await send(caller, t.http().get(`/v1/products/${key}`));
        expect([caller.name, res.status]).toEqual([caller.name, 404]);
        expect(JSON.stringify(res.body)).not.toContain('Secret draft');
      }
    }
  });

  it('shows a draft to its members, admins and a bound API key with catalogue:read', async () => {
    for (const auth of [owner.auth, manager.auth, admin.auth, keys.readOwn]) {
      const res = await t.http().get(`/v1/products/${draft.id}`).set('authorization', auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: draft.id, status: 'draft', title: { en: 'Secret draft' } });
    }
  });

  it('keeps drafts out of the public list and search, even for members', async () => {
    for (const query of [{}, { q: 'secret draft' }, { cooperative: owner.coop.id }]) {
      const res = await t
        .http()
        .get('/v1/products')
        .query(query)
        .set('authorization', owner.auth)
        .expect(200);
      expect(res.body.items.map((p: { id: string }) => p.id)).not.toContain(draft.id);
    }
  });
});

describe("a cooperative's own catalogue", () => {
  const own = (auth: string | undefined, query: Record<string, string> = {}, coopId = owner.coop.id) => {
    const req = t.http().get(`/v1/cooperatives/${coopId}/products`).query(query);
    return auth ? req.set('authorization', auth) : req;
  };

  it('lists drafts, active and archived products to members, admins and a bound key with catalogue:read', async () => {
    for (const auth of [owner.auth, manager.auth, admin.auth, keys.readOwn]) {
      const res = await own(auth, { limit: '100' });
      expect(res.status).toBe(200);
      const statuses = new Set(res.body.items.map((p: { status: string }) => p.status));
      expect(statuses).toEqual(new Set(['draft', 'active', 'archived']));
      expect(res.body.items.every((p: { cooperativeId: string }) => p.cooperativeId === owner.coop.id)).toBe(
        true,
      );
    }
  });

  it('filters by status, one or several', async () => {
    const drafts = await own(owner.auth, { status: 'draft' }).expect(200);
    expect(drafts.body.items.map((p: { id: string }) => p.id)).toEqual([draft.id]);
    const some = await own(owner.auth, { status: 'draft,active', limit: '100' }).expect(200);
    expect(new Set(some.body.items.map((p: { status: string }) => p.status))).toEqual(
      new Set(['draft', 'active']),
    );
    const bad = await own(owner.auth, { status: 'deleted' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('status');
  });

  it('refuses everyone else', async () => {
    expect((await own(undefined)).status).toBe(401);
    for (const auth of [buyer.auth, rival.auth, keys.writeRival, keys.writeUnbound]) {
      const res = await own(auth);
      expect(res.status).toBe(403);
      expect(res.body.items).toBeUndefined();
    }
    const writeOnly = await own(keys.writeOwn);
    expect(writeOnly.status).toBe(403);
    expect(writeOnly.body.detail).toMatch(/needs the scope catalogue:read/);
  });

  it('answers 404 to an admin for a cooperative that does not exist', async () => {
    expect((await own(admin.auth, {}, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
