import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, givenApiKey, signUp } from '../support/actors';
import { givenMember } from '../support/catalogue-fixtures';
import { givenExportWorld, refreshInsights, type ExportWorld } from '../support/insights-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: Actor;
let world: ExportWorld;
let ownerOfA: Actor;
let managerOfB: Actor;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUp(t, { name: 'Admin', admin: true });
  world = await givenExportWorld(t);
  ownerOfA = await signUp(t, { name: 'Owner of A' });
  await givenMember(t, world.a, ownerOfA, 'owner');
  managerOfB = await signUp(t, { name: 'Manager of B' });
  await givenMember(t, world.b, managerOfB, 'manager');
  await refreshInsights(t);
});
afterAll(async () => {
  await t?.close();
});

const get = (path: string, auth?: string, query: Record<string, string> = {}) => {
  const req = t.http().get(path).query(query);
  return auth ? req.set('authorization', auth) : req;
};
const cooperativeInsights = (id: string) => `/v1/cooperatives/${id}/insights`;

describe("a cooperative's insights", () => {
  it('are open to its own members and to admins', async () => {
    const own = await get(cooperativeInsights(world.a.id), ownerOfA.auth).expect(200);
    expect(own.body.totals.revenue.amount).toBe(140000); // O8 200 + O1 400 + O2 200 + O5 600, all time
    expect((await get(cooperativeInsights(world.b.id), managerOfB.auth)).status).toBe(200);
    expect((await get(cooperativeInsights(world.a.id), admin.auth)).status).toBe(200);
  });

  it('are closed to a member of another cooperative and to buyers (403), and to the anonymous (401)', async () => {
    const other = await get(cooperativeInsights(world.a.id), managerOfB.auth);
    expect(other.status).toBe(403);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.body).not.toHaveProperty('totals');
    expect((await get(cooperativeInsights(world.b.id), ownerOfA.auth)).status).toBe(403);
    expect((await get(cooperativeInsights(world.a.id), world.buyers.b1.auth)).status).toBe(403);
    expect((await get(cooperativeInsights(world.a.id))).status).toBe(401);
    const csv = await get(cooperativeInsights(world.a.id), managerOfB.auth).set('accept', 'text/csv');
    expect(csv.status).toBe(403);
  });

  it("open to the cooperative's own key with insights:read, to no other key", async () => {
    const ownKey = await givenApiKey(t, admin, { scopes: ['insights:read'], cooperativeId: world.a.id });
    const ownKeyWithoutScope = await givenApiKey(t, admin, {
      scopes: ['catalogue:write'],
      cooperativeId: world.a.id,
    });
    expect((await get(cooperativeInsights(world.a.id), ownKey)).status).toBe(200);
    expect((await get(cooperativeInsights(world.b.id), ownKey)).status).toBe(403);
    expect((await get(cooperativeInsights(world.a.id), ownKeyWithoutScope)).status).toBe(403);
  });

  it('answer 404 for an unknown cooperative and 400 for a bad id or filter', async () => {
    expect((await get(cooperativeInsights('00000000-0000-4000-8000-000000000000'), admin.auth)).status).toBe(
      404,
    );
    expect((await get('/v1/cooperatives/not-a-uuid/insights', admin.auth)).status).toBe(400);
    const region = await get(cooperativeInsights(world.a.id), ownerOfA.auth, { region: 'fes-meknes' });
    expect(region.status).toBe(400);
    expect(region.body.errors.map((e: { field: string }) => e.field)).toEqual(['region']);
  });
});

describe('the marketplace insights and the buyer map', () => {
  const paths = ['/v1/insights/exports', '/v1/insights/buyers'];

  it.each(paths)('%s: admins and keys with insights:read are let in', async (path) => {
    expect((await get(path, admin.auth)).status).toBe(200);
    const partner = await givenApiKey(t, admin, { scopes: ['insights:read'] });
    expect((await get(path, partner)).status).toBe(200);
  });

  it.each(paths)('%s: buyers, cooperative members and keys without insights:read get 403', async (path) => {
    for (const who of [world.buyers.b1.auth, ownerOfA.auth]) {
      const res = await get(path, who);
      expect(res.status).toBe(403);
      expect(res.body.detail).toBe('This needs the role admin');
    }
    const catalogueKey = await givenApiKey(t, admin, { scopes: ['catalogue:read', 'orders:read'] });
    const res = await get(path, catalogueKey);
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('This API key needs the scope insights:read');
    expect((await get(path)).status).toBe(401);
  });

  it.each([
    [{ from: '2026-1' }, ['from']],
    [{ from: '2026-01-15' }, ['from']],
    [{ to: '2026-13' }, ['to']],
    [{ from: '2026-03', to: '2026-01' }, ['to']],
    [{ from: '2000-01', to: '2026-01' }, ['to']],
    [{ craft: 'plastic' }, ['craft']],
    [{ region: 'paris' }, ['region']],
    [{ locale: 'de' }, ['locale']],
    [{ format: 'xml' }, ['format']],
    [{ country: 'US' }, ['country']],
  ])('refuses %j naming the field (400)', async (query, expected) => {
    const res = await get('/v1/insights/exports', admin.auth, query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expected);
  });
});
