import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUp, type Actor } from '../support/actors';
import { apiKey, cooperativeInput, fieldsOf, openCooperative } from '../support/storefront-fixtures';
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

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  Number((await t.db.query(sql, params)).rows[0].count);

describe('opening a cooperative', () => {
  it('creates the cooperative and makes its founder the owner, in the database', async () => {
    const abdellah = await signUp(t, { name: 'Abdellah' });
    const res = await t
      .http()
      .post('/v1/cooperatives')
      .set('authorization', abdellah.auth)
      .send(cooperativeInput({ slug: 'poterie-bleue-fes' }))
      .expect(201);

    expect(res.body).toMatchObject({
      slug: 'poterie-bleue-fes',
      name: 'Coopérative Poterie Bleue de Fès',
      legalForm: 'cooperative',
      region: { code: 'fes-meknes', name: { fr: 'Fès-Meknès', en: 'Fez-Meknes', ar: 'فاس مكناس' } },
      city: 'Fès',
      crafts: ['pottery'],
      description: cooperativeInput().description as object,
      logoUrl: 'https://cdn.souk.dev/logos/poterie-bleue-fes.png',
      verified: false,
      verifiedAt: null,
      verifiedBy: null,
      rating: { average: null, count: 0 },
      counts: { products: 0, members: 1, pendingInvitations: 0 },
    });
    const { rows: members } = await t.db.query(
      `SELECT user_id, role FROM cooperative_member WHERE cooperative_id = $1`,
      [res.body.id],
    );
    expect(members).toEqual([{ user_id: abdellah.id, role: 'owner' }]);
    const { rows: stored } = await t.db.query(
      `SELECT slug, region, crafts, description FROM cooperative WHERE id = $1`,
      [res.body.id],
    );
    expect(stored[0]).toEqual({
      slug: 'poterie-bleue-fes',
      region: 'fes-meknes',
      crafts: ['pottery'],
      description: cooperativeInput().description,
    });

    const me = await t.http().get('/v1/auth/me').set('authorization', abdellah.auth).expect(200);
    expect(me.body.cooperatives).toEqual([{ cooperativeId: res.body.id, role: 'owner' }]);
  });

  it('makes the slug from the name without accents, and suffixes it when it is taken', async () => {
    const owner = await signUp(t, { name: 'Mohammed' });
    const name = 'Zellige Fassi Aïn Nokbi';
    const first = await openCooperative(t, owner, { name });
    const second = await openCooperative(t, owner, { name });
    const third = await openCooperative(t, owner, { name: '  Zellige fassi — AÏN NOKBI ' });
    expect([first.slug, second.slug, third.slug]).toEqual([
      'zellige-fassi-ain-nokbi',
      'zellige-fassi-ain-nokbi-2',
      'zellige-fassi-ain-nokbi-3',
    ]);
    expect(third.name).toBe('Zellige fassi — AÏN NOKBI');

    const arabic = await openCooperative(t, owner, { name: 'تعاونية النسيج' });
    expect(arabic.slug).toMatch(/^cooperative(-\d+)?$/);
  });

  it('refuses an explicit slug that is taken with a 409 naming slug, and writes nothing', async () => {
    const owner = await signUp(t, { name: 'Khadija' });
    await openCooperative(t, owner, { slug: 'tapis-azilal' });
    const before = await count(`SELECT count(*) FROM cooperative`);

    const res = await t
      .http()
      .post('/v1/cooperatives')
      .set('authorization', owner.auth)
      .send(cooperativeInput({ name: 'Autre coopérative', slug: 'tapis-azilal' }))
      .expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, errors: [{ field: 'slug' }] });
    expect(await count(`SELECT count(*) FROM cooperative`)).toBe(before);
    expect(await count(`SELECT count(*) FROM cooperative_member WHERE user_id = $1`, [owner.id])).toBe(1);
  });

  it.each([
    ['an unknown region', { region: 'tanger' }, ['region']],
    ['no crafts', { crafts: [] }, ['crafts']],
    ['an unknown craft', { crafts: ['pottery', 'plastic'] }, ['crafts']],
    ['a logo over plain http', { logoUrl: 'http://cdn.souk.dev/logo.png' }, ['logoUrl']],
    ['a logo that is no URL', { logoUrl: 'logo.png' }, ['logoUrl']],
    ['an unknown field', { commission: 0 }, ['commission']],
    ['a slug with capitals', { slug: 'Poterie-Fes' }, ['slug']],
    ['a slug too short', { slug: 'ab' }, ['slug']],
    ['an unknown legal form', { legalForm: 'association' }, ['legalForm']],
    ['a description without Arabic', { description: { fr: 'Poterie', en: 'Pottery' } }, ['description.ar']],
    ['a description that is text', { description: 'Poterie' }, ['description']],
    ['a blank name', { name: '   ' }, ['name']],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_what, overrides, fields) => {
    const owner = await signUp(t, { name: 'Hassan' });
    const res = await t
      .http()
      .post('/v1/cooperatives')
      .set('authorization', owner.auth)
      .send(cooperativeInput(overrides))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://souk.dev/problems/validation', status: 400 });
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(fields));
    expect(new Set(fieldsOf(res.body))).toEqual(new Set(fields));
    expect(await count(`SELECT count(*) FROM cooperative_member WHERE user_id = $1`, [owner.id])).toBe(0);
  });

  it('names every invalid field at once', async () => {
    const owner = await signUp(t, { name: 'Hassan' });
    const res = await t.http().post('/v1/cooperatives').set('authorization', owner.auth).send({}).expect(400);
    expect(new Set(fieldsOf(res.body))).toEqual(
      new Set(['name', 'legalForm', 'region', 'city', 'crafts', 'description']),
    );
  });

  it('is for signed-in people: anonymous callers get 401 and API keys 403', async () => {
    const byPartner = cooperativeInput({ name: 'Ouverte par un partenaire' });
    await t.http().post('/v1/cooperatives').send(byPartner).expect(401);

    const owner = await signUp(t, { name: 'Owner' });
    const coop = await openCooperative(t, owner);
    const key = await apiKey(t, admin, {
      scopes: ['storefronts:write', 'catalogue:write'],
      cooperativeId: coop.id,
    });
    const res = await t.http().post('/v1/cooperatives').set('authorization', key).send(byPartner).expect(403);
    expect(res.body).toMatchObject({ type: 'https://souk.dev/problems/forbidden', status: 403 });
    expect(await count(`SELECT count(*) FROM cooperative WHERE name = $1`, [byPartner.name])).toBe(0);
  });
});
