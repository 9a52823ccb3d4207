import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUp, type Actor } from '../support/actors';
import { addManager, apiKey, fieldsOf, openCooperative, roleIn } from '../support/storefront-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: Actor;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signUp(t, { name: 'Admin', admin: true });
});
afterAll(async () => {
  await t?.close();
});

const roleOf = (cooperativeId: string, userId: string) => roleIn(t.db, cooperativeId, userId);

describe('the member list', () => {
  it('shows owners then managers to the members, and to no one else', async () => {
    const owner = await signUp(t, { name: 'Naima' });
    const coop = await openCooperative(t, owner, {
      name: 'Tissage de Midelt',
      region: 'draa-tafilalet',
      crafts: ['carpet'],
    });
    const first = await addManager(t, owner, coop.id, 'Hamid');
    const second = await addManager(t, owner, coop.id, 'Zineb');

    for (const who of [owner, first, admin]) {
      const res = await t
        .http()
        .get(`/v1/cooperatives/${coop.id}/members`)
        .set('authorization', who.auth)
        .expect(200);
      expect(res.body.items).toEqual([
        { userId: owner.id, name: 'Naima', email: owner.email, role: 'owner', joinedAt: expect.any(String) },
        {
          userId: first.id,
          name: 'Hamid',
          email: first.email,
          role: 'manager',
          joinedAt: expect.any(String),
        },
        {
          userId: second.id,
          name: 'Zineb',
          email: second.email,
          role: 'manager',
          joinedAt: expect.any(String),
        },
      ]);
    }

    const stranger = await signUp(t, { name: 'Stranger' });
    await openCooperative(t, stranger, { name: 'Autre coopérative' });
    const buyer = await signUp(t, { name: 'Buyer' });
    const key = await apiKey(t, admin, { scopes: ['storefronts:write'], cooperativeId: coop.id });
    await t.http().get(`/v1/cooperatives/${coop.id}/members`).expect(401);
    await t.http().get(`/v1/cooperatives/${coop.id}/members`).set('authorization', stranger.auth).expect(403);
    await t.http().get(`/v1/cooperatives/${coop.id}/members`).set('authorization', buyer.auth).expect(403);
    await t.http().get(`/v1/cooperatives/${coop.id}/members`).set('authorization', key).expect(403);
    await t
      .http()
      .get(`/v1/cooperatives/00000000-0000-4000-8000-000000000000/members`)
      .set('authorization', owner.auth)
      .expect(404);
  });
});

describe('removing a member', () => {
  let owner: Actor;
  let coop: any;
  beforeAll(async () => {
    owner = await signUp(t, { name: 'Owner' });
    coop = await openCooperative(t, owner, { name: 'Poterie de Tamegroute', region: 'draa-tafilalet' });
  });
  const remove = (userId: string, who?: Actor) => {
    const req = t.http().delete(`/v1/cooperatives/${coop.id}/members/${userId}`);
    return who ? req.set('authorization', who.auth) : req;
  };

  it('lets the owner remove a manager, who then loses access', async () => {
    const manager = await addManager(t, owner, coop.id);
    await remove(manager.id, owner).expect(204);
    expect(await roleOf(coop.id, manager.id)).toBeUndefined();
    await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', manager.auth)
      .send({ city: 'Zagora' })
      .expect(403);
  });

  it('never removes the last owner', async () => {
    const res = await remove(owner.id, owner).expect(409);
    expect(res.body).toMatchObject({ status: 409, type: 'https://souk.dev/problems/conflict' });
    expect(await roleOf(coop.id, owner.id)).toBe('owner');
    await remove(owner.id, admin).expect(409);
    expect(await roleOf(coop.id, owner.id)).toBe('owner');
  });

  it('removes an owner while another owner remains', async () => {
    const partner = await signUp(t, { name: 'Partner' });
    await t.db.query(
      `INSERT INTO cooperative_member (cooperative_id, user_id, role) VALUES ($1, $2, 'owner')`,
      [coop.id, partner.id],
    );
    await remove(partner.id, owner).expect(204);
    expect(await roleOf(coop.id, partner.id)).toBeUndefined();
    expect(await roleOf(coop.id, owner.id)).toBe('owner');
  });

  it('answers 404 for someone who is not a member, and 400 for an id that is no UUID', async () => {
    const buyer = await signUp(t, { name: 'Buyer' });
    await remove(buyer.id, owner).expect(404);
    const res = await t
      .http()
      .delete(`/v1/cooperatives/${coop.id}/members/me`)
      .set('authorization', owner.auth)
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['userId']);
  });

  it('is for the owner only: managers, other cooperatives, anonymous callers and API keys are refused', async () => {
    const manager = await addManager(t, owner, coop.id, 'Manager');
    const colleague = await addManager(t, owner, coop.id, 'Colleague');
    const stranger = await signUp(t, { name: 'Stranger' });
    await openCooperative(t, stranger, { name: 'Atelier voisin' });
    const key = await apiKey(t, admin, { scopes: ['storefronts:write'], cooperativeId: coop.id });

    await remove(colleague.id).expect(401);
    const byManager = await remove(colleague.id, manager).expect(403);
    expect(byManager.body.detail).toMatch(/owner/);
    await remove(owner.id, manager).expect(403);
    await remove(manager.id, manager).expect(403);
    await remove(colleague.id, stranger).expect(403);
    await t
      .http()
      .delete(`/v1/cooperatives/${coop.id}/members/${colleague.id}`)
      .set('authorization', key)
      .expect(403);
    for (const who of [owner, manager, colleague]) expect(await roleOf(coop.id, who.id)).toBeDefined();
  });
});
