import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { signUp, type Actor } from '../support/actors';
import {
  addManager,
  apiKey,
  fieldsOf,
  invite,
  openCooperative,
  roleIn,
  signUpAs,
  uniqueEmail,
} from '../support/storefront-fixtures';
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
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const accept = (token: string, who?: Actor) => {
  const req = t.http().post(`/v1/invitations/${token}/accept`);
  return who ? req.set('authorization', who.auth) : req;
};

describe('inviting a manager', () => {
  it('runs end to end: the owner invites, the invitee signs up with that email and becomes a manager', async () => {
    const owner = await signUp(t, { name: 'Abdellah' });
    const coop = await openCooperative(t, owner, { name: 'Poterie de Fès' });
    const email = uniqueEmail('fatima');

    const before = Date.now();
    const invited = await t
      .http()
      .post(`/v1/cooperatives/${coop.id}/invitations`)
      .set('authorization', owner.auth)
      .send({ email })
      .expect(201);
    expect(invited.body).toEqual({
      id: expect.any(String),
      email,
      role: 'manager',
      expiresAt: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const week = 7 * 24 * 3600 * 1000;
    expect(Date.parse(invited.body.expiresAt) - before).toBeGreaterThan(week - 60_000);
    expect(Date.parse(invited.body.expiresAt) - before).toBeLessThan(week + 60_000);

    // only the hash of the token is kept
    const { rows: stored } = await t.db.query(`SELECT * FROM cooperative_invitation WHERE id = $1`, [
      invited.body.id,
    ]);
    expect(stored[0]).toMatchObject({
      cooperative_id: coop.id,
      email,
      role: 'manager',
      token_hash: sha256(invited.body.token),
      invited_by: owner.id,
      accepted_at: null,
    });
    expect(JSON.stringify(stored[0])).not.toContain(invited.body.token);

    const fatima = await signUpAs(t, email, 'Fatima');
    const accepted = await accept(invited.body.token, fatima).expect(201);
    expect(accepted.body).toEqual({
      cooperativeId: coop.id,
      userId: fatima.id,
      role: 'manager',
      joinedAt: expect.any(String),
    });
    expect(await roleOf(coop.id, fatima.id)).toBe('manager');
    const { rows: spent } = await t.db.query(
      `SELECT accepted_at, accepted_by FROM cooperative_invitation WHERE id = $1`,
      [invited.body.id],
    );
    expect(spent[0].accepted_by).toBe(fatima.id);
    expect(spent[0].accepted_at).toBeInstanceOf(Date);

    // the new manager can now edit the storefront
    await t
      .http()
      .patch(`/v1/cooperatives/${coop.id}`)
      .set('authorization', fatima.auth)
      .send({ city: 'Fès' })
      .expect(200);
    // and the token works once
    const again = await accept(invited.body.token, fatima).expect(404);
    expect(again.body).toMatchObject({ status: 404, type: 'https://souk.dev/problems/not-found' });
  });

  it('matches the invited email whatever its case', async () => {
    const owner = await signUp(t, { name: 'Owner' });
    const coop = await openCooperative(t, owner, { name: 'Cuir de Fès' });
    const email = uniqueEmail('karim');
    const { token } = await invite(t, owner, coop.id, email.toUpperCase());
    const karim = await signUpAs(t, email, 'Karim');
    await accept(token, karim).expect(201);
    expect(await roleOf(coop.id, karim.id)).toBe('manager');
  });

  it('refuses someone signed in with another email with 403, and keeps the invitation for the right one', async () => {
    const owner = await signUp(t, { name: 'Owner' });
    const coop = await openCooperative(t, owner, {
      name: 'Tapis de Taznakht',
      region: 'draa-tafilalet',
      crafts: ['carpet'],
    });
    const email = uniqueEmail('aicha');
    const { token } = await invite(t, owner, coop.id, email);

    const intruder = await signUp(t, { name: 'Intruder' });
    const res = await accept(token, intruder).expect(403);
    expect(res.body).toMatchObject({ status: 403, type: 'https://souk.dev/problems/forbidden' });
    expect(await roleOf(coop.id, intruder.id)).toBeUndefined();

    await accept(token).expect(401);

    const aicha = await signUpAs(t, email, 'Aicha');
    await accept(token, aicha).expect(201);
    expect(await roleOf(coop.id, aicha.id)).toBe('manager');
  });

  it('answers 404 to an unknown or expired token', async () => {
    const owner = await signUp(t, { name: 'Owner' });
    const coop = await openCooperative(t, owner, {
      name: 'Vannerie de Salé',
      region: 'rabat-sale-kenitra',
      crafts: ['basketry'],
    });
    const email = uniqueEmail('late');
    const late = await signUpAs(t, email, 'Late');
    const invited = await invite(t, owner, coop.id, email);
    await t.db.query(
      `UPDATE cooperative_invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [invited.id],
    );

    await accept(invited.token, late).expect(404);
    await accept('not-a-token-we-gave-out', late).expect(404);
    expect(await roleOf(coop.id, late.id)).toBeUndefined();
  });

  it('answers 409 to someone who is already a member, and leaves that invitation unused', async () => {
    const owner = await signUp(t, { name: 'Owner' });
    const coop = await openCooperative(t, owner, {
      name: 'Bijoux de Tiznit',
      region: 'souss-massa',
      crafts: ['jewellery'],
    });
    const email = uniqueEmail('twice');
    const first = await invite(t, owner, coop.id, email);
    const second = await invite(t, owner, coop.id, email);
    const invitee = await signUpAs(t, email, 'Twice');
    await accept(first.token, invitee).expect(201);

    const res = await accept(second.token, invitee).expect(409);
    expect(res.body).toMatchObject({ status: 409, type: 'https://souk.dev/problems/conflict' });
    const { rows } = await t.db.query(`SELECT accepted_at FROM cooperative_invitation WHERE id = $1`, [
      second.id,
    ]);
    expect(rows[0].accepted_at).toBeNull();

    // and inviting a current member again is a 409 at once
    const invitedAgain = await t
      .http()
      .post(`/v1/cooperatives/${coop.id}/invitations`)
      .set('authorization', owner.auth)
      .send({ email })
      .expect(409);
    expect(fieldsOf(invitedAgain.body)).toEqual(['email']);
  });

  it('names a bad email', async () => {
    const owner = await signUp(t, { name: 'Owner' });
    const coop = await openCooperative(t, owner, { name: 'Zellige de Meknès' });
    const res = await t
      .http()
      .post(`/v1/cooperatives/${coop.id}/invitations`)
      .set('authorization', owner.auth)
      .send({ email: 'not an email' })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['email']);
  });

  it('is for the owner only', async () => {
    const owner = await signUp(t, { name: 'Owner' });
    const coop = await openCooperative(t, owner, {
      name: 'Dinanderie de Marrakech',
      region: 'marrakech-safi',
      crafts: ['metalwork'],
    });
    const manager = await addManager(t, owner, coop.id);
    const stranger = await signUp(t, { name: 'Stranger' });
    await openCooperative(t, stranger, { name: 'Autre atelier' });
    const key = await apiKey(t, admin, { scopes: ['storefronts:write'], cooperativeId: coop.id });
    const path = `/v1/cooperatives/${coop.id}/invitations`;
    const body = { email: uniqueEmail('nobody') };

    await t.http().post(path).send(body).expect(401);
    const byManager = await t.http().post(path).set('authorization', manager.auth).send(body).expect(403);
    expect(byManager.body.detail).toMatch(/owner/);
    await t.http().post(path).set('authorization', stranger.auth).send(body).expect(403);
    await t.http().post(path).set('authorization', key).send(body).expect(403);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM cooperative_invitation WHERE email = $1`,
      [body.email],
    );
    expect(rows[0].n).toBe(0);
  });
});
