import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signUp } from '../support/actors';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('platform', () => {
  it('answers health with the database up', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
  });

  it('registers and signs a buyer in', async () => {
    const amina = await signUp(t, { name: 'Amina' });
    const me = await t.http().get('/v1/auth/me').set('authorization', amina.auth).expect(200);
    expect(me.body).toMatchObject({ id: amina.id, email: amina.email, role: 'buyer', cooperatives: [] });
  });
});
