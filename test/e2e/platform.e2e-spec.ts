import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUp, TEST_PASSWORD } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const problemOf = (res: { status: number; headers: Record<string, string>; body: any }) => {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.status).toBe(res.status);
  return res.body;
};

describe('operations', () => {
  it('answers health with the database up', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
  });

  it('serves the OpenAPI document generated from the DTOs', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/auth/register', '/v1/auth/login']),
    );
    expect(res.body.components.schemas.RegisterDto.required).toEqual(
      expect.arrayContaining(['email', 'password', 'name']),
    );
    await t.http().get('/docs').expect(200).expect('content-type', /html/);
  });

  it('exposes request latency by route pattern in /metrics', async () => {
    await t.http().get('/health').expect(200);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/,
    );
  });

  it('sets security headers and echoes a sane request id', async () => {
    const res = await t.http().get('/health').set('x-request-id', 'trace-abc.123');
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    const odd = await t.http().get('/health').set('x-request-id', 'not a sane id <script>');
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with a problem', async () => {
    const res = await t.http().get('/v1/nowhere').expect(404);
    expect(problemOf(res).title).toBe('Not found');
  });
});

describe('registration and sign-in', () => {
  it('registers, signs in and tells the buyer who they are', async () => {
    const amina = await signUp(t, { name: 'Amina' });
    const me = await t.http().get('/v1/auth/me').set('authorization', amina.auth).expect(200);
    expect(me.body).toMatchObject({ id: amina.id, email: amina.email, role: 'buyer', cooperatives: [] });
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const john = await signUp(t, { name: 'John' });
    const { rows } = await t.db.query(`SELECT password_hash FROM app_user WHERE id = $1`, [john.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(TEST_PASSWORD);
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const first = await signUp(t, { name: 'Salma' });
    const res = await t
      .http()
      .post('/v1/auth/register')
      .send({ email: first.email.toUpperCase(), password: TEST_PASSWORD, name: 'Other' });
    expect(res.status).toBe(409);
    expect(problemOf(res).errors).toEqual([{ field: 'email', message: 'is already registered' }]);
  });

  it('names every invalid field of a registration, and writes nothing', async () => {
    const res = await t
      .http()
      .post('/v1/auth/register')
      .send({ email: 'not-an-email', password: 'short', name: '', role: 'admin' });
    expect(res.status).toBe(400);
    const body = problemOf(res);
    expect(body.type).toBe('https://souk.dev/problems/validation');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'name', 'password', 'role']);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = 'not-an-email'`);
    expect(rows[0].n).toBe(0);
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const res = await t
      .http()
      .post('/v1/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": ');
    expect(res.status).toBe(400);
    problemOf(res);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const user = await signUp(t, { name: 'Youssef' });
    const wrong = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: 'wrong password!' });
    const unknown = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: 'nobody@example.com', password: 'wrong password!' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(problemOf(wrong).detail).toBe(problemOf(unknown).detail);
  });

  it('trades a refresh token once for new tokens', async () => {
    const user = await signUp(t, { name: 'Refresh' });
    const login = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    const refreshed = await t
      .http()
      .post('/v1/auth/refresh')
      .send({ refreshToken: login.body.refreshToken })
      .expect(200);
    await t
      .http()
      .get('/v1/auth/me')
      .set('authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);
    const again = await t.http().post('/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(again.status).toBe(401);
  });

  it('revokes refresh tokens on logout', async () => {
    const user = await signUp(t, { name: 'Logout' });
    const login = await t
      .http()
      .post('/v1/auth/login')
      .send({ email: user.email, password: TEST_PASSWORD })
      .expect(200);
    await t.http().post('/v1/auth/logout').set('authorization', user.auth).expect(204);
    await t.http().post('/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
  });

  it('refuses a tampered or foreign token, even on a public route', async () => {
    const user = await signUp(t, { name: 'Tamper' });
    const [h, p] = user.token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' }),
    ).toString('base64url');
    await t
      .http()
      .get('/v1/auth/me')
      .set('authorization', `Bearer ${h}.${forged}.${user.token.split('.')[2]}`)
      .expect(401);
    await t.http().get('/health').set('authorization', 'Bearer nonsense').expect(401);
    await t.http().get('/v1/auth/me').set('authorization', `Basic ${user.token}`).expect(401);
    await t.http().get('/v1/auth/me').expect(401);
  });
});

describe('integration partners’ API keys', () => {
  it('lets an admin create a key that is shown once and stored hashed', async () => {
    const admin = await signUp(t, { name: 'Admin', admin: true });
    const created = await t
      .http()
      .post('/v1/admin/api-keys')
      .set('authorization', admin.auth)
      .send({ name: 'Anou sync', scopes: ['catalogue:read'] })
      .expect(201);
    expect(created.body.key).toMatch(/^souk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const { rows } = await t.db.query(`SELECT key_hash, prefix FROM api_key WHERE id = $1`, [
      created.body.id,
    ]);
    expect(created.body.key).not.toContain(rows[0].key_hash);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await t.http().get('/v1/admin/api-keys').set('authorization', admin.auth).expect(200);
    const shown = listed.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(shown).toMatchObject({ name: 'Anou sync', scopes: ['catalogue:read'], prefix: rows[0].prefix });
    expect(shown.key).toBeUndefined();
    expect(JSON.stringify(listed.body)).not.toContain(rows[0].key_hash);
  });

  it('authenticates a key, records its use, and refuses it once revoked', async () => {
    const admin = await signUp(t, { name: 'Admin', admin: true });
    const created = await t
      .http()
      .post('/v1/admin/api-keys')
      .set('authorization', admin.auth)
      .send({ name: 'Export body', scopes: ['insights:read'] })
      .expect(201);
    await t.http().get('/health').set('authorization', `Bearer ${created.body.key}`).expect(200);
    await eventually(async () => {
      const { rows } = await t.db.query(`SELECT last_used_at FROM api_key WHERE id = $1`, [created.body.id]);
      return rows[0].last_used_at !== null;
    });
    await t
      .http()
      .delete(`/v1/admin/api-keys/${created.body.id}`)
      .set('authorization', admin.auth)
      .expect(204);
    await t.http().get('/health').set('authorization', `Bearer ${created.body.key}`).expect(401);
  });

  it('refuses a key whose secret part is wrong', async () => {
    const admin = await signUp(t, { name: 'Admin', admin: true });
    const created = await t
      .http()
      .post('/v1/admin/api-keys')
      .set('authorization', admin.auth)
      .send({ name: 'Guess', scopes: ['catalogue:read'] })
      .expect(201);
    const guessed = created.body.key.slice(0, -4) + 'AAAA';
    await t.http().get('/health').set('authorization', `Bearer ${guessed}`).expect(401);
  });

  it('keeps key management to admins, and keys out of user routes', async () => {
    const buyer = await signUp(t, { name: 'Buyer' });
    const res = await t
      .http()
      .post('/v1/admin/api-keys')
      .set('authorization', buyer.auth)
      .send({ name: 'x', scopes: ['catalogue:read'] });
    expect(res.status).toBe(403);
    problemOf(res);
    await t.http().get('/v1/admin/api-keys').expect(401);
    const admin = await signUp(t, { name: 'Admin', admin: true });
    const created = await t
      .http()
      .post('/v1/admin/api-keys')
      .set('authorization', admin.auth)
      .send({ name: 'Partner', scopes: ['catalogue:write'] })
      .expect(201);
    await t.http().get('/v1/admin/api-keys').set('authorization', `Bearer ${created.body.key}`).expect(403);
    await t.http().get('/v1/auth/me').set('authorization', `Bearer ${created.body.key}`).expect(403);
  });

  it('validates scopes and path ids', async () => {
    const admin = await signUp(t, { name: 'Admin', admin: true });
    const bad = await t
      .http()
      .post('/v1/admin/api-keys')
      .set('authorization', admin.auth)
      .send({ name: 'x', scopes: ['everything'] });
    expect(bad.status).toBe(400);
    expect(problemOf(bad).errors[0].field).toBe('scopes');
    const badId = await t.http().delete('/v1/admin/api-keys/123').set('authorization', admin.auth);
    expect(badId.status).toBe(400);
    expect(problemOf(badId).errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    await t
      .http()
      .delete('/v1/admin/api-keys/6f1c1a52-8f4c-4c55-9d43-0e7c3c7a0b11')
      .set('authorization', admin.auth)
      .expect(404);
  });
});
