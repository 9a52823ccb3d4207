import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface Actor {
  id: string;
  email: string;
  token: string;
  /** `Authorization` header value */
  auth: string;
}

const PASSWORD = 'correct horse battery staple';

/** Registers a person through the API and signs them in; `admin` is granted in the database. */
export async function signUp(
  t: TestApp,
  opts: { name?: string; admin?: boolean; email?: string } = {},
): Promise<Actor> {
  const email =
    opts.email ??
    `${opts.name?.toLowerCase().replace(/\W+/g, '.') ?? 'user'}.${randomBytes(4).toString('hex')}@example.com`;
  const registered = await t
    .http()
    .post('/v1/auth/register')
    .send({ email, password: PASSWORD, name: opts.name ?? 'Test user' });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${registered.text}`);
  if (opts.admin) await t.db.query(`UPDATE app_user SET role = 'admin' WHERE id = $1`, [registered.body.id]);
  const login = await t.http().post('/v1/auth/login').send({ email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
  return {
    id: registered.body.id,
    email,
    token: login.body.accessToken,
    auth: `Bearer ${login.body.accessToken}`,
  };
}

export const TEST_PASSWORD = PASSWORD;

/** An integration partner's API key, created by an admin through the API; returns the `Authorization` header value. */
export async function givenApiKey(
  t: TestApp,
  admin: Actor,
  opts: { scopes: string[]; cooperativeId?: string },
): Promise<string> {
  const res = await t
    .http()
    .post('/v1/admin/api-keys')
    .set('authorization', admin.auth)
    .send({ name: 'partner', ...opts });
  if (res.status !== 201) throw new Error(`api key: ${res.status} ${res.text}`);
  return `Bearer ${res.body.key}`;
}
