import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '8', AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
});
afterAll(async () => {
  await t?.close();
});

it('gives sign-in a tighter budget than the rest of the API, answered as a 429 problem', async () => {
  const attempts = [];
  for (let i = 0; i < 4; i++) {
    attempts.push(
      await t
        .http()
        .post('/v1/auth/login')
        .send({ email: 'someone@example.com', password: 'guessing-again' }),
    );
  }
  expect(attempts.map((a) => a.status)).toEqual([401, 401, 401, 429]);
  expect(attempts[3].headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(attempts[3].headers['retry-after']).toBeDefined();

  const health = [];
  for (let i = 0; i < 9; i++) health.push((await t.http().get('/health')).status);
  expect(health.slice(0, 8).every((s) => s === 200)).toBe(true);
  expect(health[8]).toBe(429);
});
