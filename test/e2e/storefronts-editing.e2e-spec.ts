import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUp, type Actor } from '../support/actors';
import { addManager, apiKey, fieldsOf, openCooperative } from '../support/storefront-fixtures';
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

describe('editing a cooperative', () => {
  let owner: Actor;
  let manager: Actor;
  let coop: any;
  beforeAll(async () => {
    owner = await signUp(t, { name: 'Naima' });
    coop = await openCooperative(t, owner, {
      name: 'Tissage Aït Bouguemez',
      region: 'beni-mellal-khenifra',
      city: 'Azilal',
      crafts: ['carpet'],
    });
    manager = await addManager(t, owner, coop.id, 'Youssef');
  });

  it('lets the owner and a manager change the storefront, but not its slug', async () => {
    const byOwner = await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', owner.auth)
      .send({ name: 'Tissages du Haut Atlas', crafts: ['carpet', 'textile'] })
      .expect(200);
    expect(byOwner.body).toMatchObject({
      id: coop.id,
      slug: coop.slug,
      name: 'Tissages du Haut Atlas',
      crafts: ['carpet', 'textile'],
    });

    const description = { fr: 'Tapis noués main', en: 'Hand-knotted rugs', ar: 'زرابي معقودة يدويا' };
    const byManager = await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', manager.auth)
      .send({ city: 'Tabant', region: 'beni-mellal-khenifra', description, logoUrl: null })
      .expect(200);
    expect(byManager.body).toMatchObject({
      city: 'Tabant',
      description,
      logoUrl: null,
      name: 'Tissages du Haut Atlas',
    });

    const { rows } = await t.db.query(
      `SELECT name, city, crafts, description, logo_url, updated_at > created_at AS touched,
              search @@ to_tsquery('souk_simple', 'tabant') AS searchable
         FROM cooperative WHERE id = $1`,
      [coop.id],
    );
    expect(rows[0]).toEqual({
      name: 'Tissages du Haut Atlas',
      city: 'Tabant',
      crafts: ['carpet', 'textile'],
      description,
      logo_url: null,
      touched: true,
      searchable: true,
    });

    const slug = await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', owner.auth)
      .send({ slug: 'other' })
      .expect(400);
    expect(fieldsOf(slug.body)).toEqual(['slug']);
  });

  it('validates what is changed, and null is not a value', async () => {
    const res = await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', owner.auth)
      .send({
        name: null,
        region: 'atlas',
        crafts: [],
        description: { fr: 'x', en: 'y' },
        logoUrl: 'ftp://x.ma/l.png',
      })
      .expect(400);
    expect(new Set(fieldsOf(res.body))).toEqual(
      new Set(['name', 'region', 'crafts', 'description.ar', 'logoUrl']),
    );
    const { rows } = await t.db.query(`SELECT name FROM cooperative WHERE id = $1`, [coop.id]);
    expect(rows[0].name).not.toBeNull();
  });

  it('refuses everyone else', async () => {
    const stranger = await signUp(t, { name: 'Stranger' });
    const other = await openCooperative(t, stranger, { name: 'Dinanderie de Fès', crafts: ['metalwork'] });
    const path = `/v1/cooperatives/${coop.id}`;

    await t.http().patch(path).send({ city: 'Nowhere' }).expect(401);
    const foreign = await t
      .http()
      .patch(path)
      .set('authorization', stranger.auth)
      .send({ city: 'Nowhere' })
      .expect(403);
    expect(foreign.body).toMatchObject({ type: 'https://souk.dev/problems/forbidden', status: 403 });
    const buyer = await signUp(t, { name: 'Buyer' });
    await t.http().patch(path).set('authorization', buyer.auth).send({ city: 'Nowhere' }).expect(403);
    // and the stranger's own cooperative is not reachable by this cooperative's manager
    await t
      .http()
      .patch(`/v1/cooperatives/${other.id}`)
      .set('authorization', manager.auth)
      .send({ city: 'Nowhere' })
      .expect(403);

    await t
      .http()
      .patch('/v1/cooperatives/00000000-0000-4000-8000-000000000000')
      .set('authorization', owner.auth)
      .send({})
      .expect(404);
    const notUuid = await t
      .http()
      .patch('/v1/cooperatives/tissage')
      .set('authorization', owner.auth)
      .send({})
      .expect(400);
    expect(fieldsOf(notUuid.body)).toEqual(['id']);

    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM cooperative WHERE city = 'Nowhere'`);
    expect(rows[0].n).toBe(0);
  });

  it('lets an API key bound to the cooperative with storefronts:write edit it, and nothing else', async () => {
    const stranger = await signUp(t, { name: 'Stranger' });
    const other = await openCooperative(t, stranger, { name: 'Bois de thuya', crafts: ['woodwork'] });
    const bound = await apiKey(t, admin, { scopes: ['storefronts:write'], cooperativeId: coop.id });
    const readOnly = await apiKey(t, admin, { scopes: ['catalogue:write'], cooperativeId: coop.id });
    const unbound = await apiKey(t, admin, { scopes: ['storefronts:write'] });

    await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', bound)
      .send({ city: 'Azilal' })
      .expect(200);
    await t
      .http()
      .patch(`/v1/cooperatives/${other.id}`)
      .set('authorization', bound)
      .send({ city: 'Azilal' })
      .expect(403);
    await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', readOnly)
      .send({ city: 'Ouzoud' })
      .expect(403);
    await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', unbound)
      .send({ city: 'Ouzoud' })
      .expect(403);
    const { rows } = await t.db.query(`SELECT city FROM cooperative WHERE id = ANY($1)`, [
      [coop.id, other.id],
    ]);
    expect(rows.map((r) => r.city).sort()).toEqual(['Azilal', 'Fès']);
  });
});

describe("a cooperative's private view", () => {
  it('shows members and admins the running of the cooperative, and no one else', async () => {
    const owner = await signUp(t, { name: 'Rachida' });
    const coop = await openCooperative(t, owner, {
      name: 'Argan Tamanar',
      region: 'marrakech-safi',
      city: 'Tamanar',
      crafts: ['cosmetics'],
    });
    const manager = await addManager(t, owner, coop.id, 'Said');
    await t
      .http()
      .post(`/v1/cooperatives/${coop.id}/invitations`)
      .set('authorization', owner.auth)
      .send({ email: 'pending@example.com' })
      .expect(201);

    for (const who of [owner, manager, admin]) {
      const res = await t
        .http()
        .get(`/v1/cooperatives/${coop.id}`)
        .set('authorization', who.auth)
        .expect(200);
      expect(res.body).toMatchObject({
        id: coop.id,
        counts: { products: 0, members: 2, pendingInvitations: 1 },
        verified: false,
      });
    }

    const stranger = await signUp(t, { name: 'Stranger' });
    await openCooperative(t, stranger, { name: 'Cuir de Marrakech', crafts: ['leather'] });
    await t.http().get(`/v1/cooperatives/${coop.id}`).set('authorization', stranger.auth).expect(403);
    await t.http().get(`/v1/cooperatives/${coop.id}`).expect(401);
    await t
      .http()
      .get('/v1/cooperatives/00000000-0000-4000-8000-000000000000')
      .set('authorization', admin.auth)
      .expect(404);
  });
});

describe('verification by the marketplace', () => {
  it('lets an admin verify a cooperative and withdraw it, recording who and when', async () => {
    const owner = await signUp(t, { name: 'Fatima' });
    const coop = await openCooperative(t, owner, {
      name: 'Poterie de Safi',
      region: 'marrakech-safi',
      city: 'Safi',
    });

    const verified = await t
      .http()
      .post(`/v1/cooperatives/${coop.id}/verification`)
      .set('authorization', admin.auth)
      .send({ verified: true })
      .expect(200);
    expect(verified.body).toMatchObject({ verified: true, verifiedBy: admin.id });
    let { rows } = await t.db.query(`SELECT verified_at, verified_by FROM cooperative WHERE id = $1`, [
      coop.id,
    ]);
    expect(rows[0].verified_by).toBe(admin.id);
    expect(rows[0].verified_at).toBeInstanceOf(Date);
    expect(verified.body.verifiedAt).toBe(rows[0].verified_at.toISOString());

    const page = await t.http().get(`/v1/storefronts/${coop.slug}`).expect(200);
    expect(page.body).toMatchObject({ verified: true, verifiedAt: verified.body.verifiedAt });

    // verifying again keeps the first record
    const again = await t
      .http()
      .post(`/v1/cooperatives/${coop.id}/verification`)
      .set('authorization', admin.auth)
      .send({ verified: true })
      .expect(200);
    expect(again.body.verifiedAt).toBe(verified.body.verifiedAt);

    const withdrawn = await t
      .http()
      .post(`/v1/cooperatives/${coop.id}/verification`)
      .set('authorization', admin.auth)
      .send({ verified: false })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ verified: false, verifiedAt: null, verifiedBy: null });
    ({ rows } = await t.db.query(`SELECT verified_at, verified_by FROM cooperative WHERE id = $1`, [
      coop.id,
    ]));
    expect(rows[0]).toEqual({ verified_at: null, verified_by: null });
  });

  it('is for admins only', async () => {
    const owner = await signUp(t, { name: 'Omar' });
    const coop = await openCooperative(t, owner, { name: 'Marqueterie Essaouira', crafts: ['woodwork'] });
    const path = `/v1/cooperatives/${coop.id}/verification`;
    const buyer = await signUp(t, { name: 'Buyer' });
    const key = await apiKey(t, admin, { scopes: ['storefronts:write'], cooperativeId: coop.id });

    await t.http().post(path).send({ verified: true }).expect(401);
    const byBuyer = await t
      .http()
      .post(path)
      .set('authorization', buyer.auth)
      .send({ verified: true })
      .expect(403);
    expect(byBuyer.body).toMatchObject({ status: 403, type: 'https://souk.dev/problems/forbidden' });
    await t.http().post(path).set('authorization', owner.auth).send({ verified: true }).expect(403);
    await t.http().post(path).set('authorization', key).send({ verified: true }).expect(403);
    const { rows } = await t.db.query(`SELECT verified_at FROM cooperative WHERE id = $1`, [coop.id]);
    expect(rows[0].verified_at).toBeNull();

    const bad = await t
      .http()
      .post(path)
      .set('authorization', admin.auth)
      .send({ verified: 'yes' })
      .expect(400);
    expect(fieldsOf(bad.body)).toEqual(['verified']);
    await t
      .http()
      .post('/v1/cooperatives/00000000-0000-4000-8000-000000000000/verification')
      .set('authorization', admin.auth)
      .send({ verified: true })
      .expect(404);
  });
});
