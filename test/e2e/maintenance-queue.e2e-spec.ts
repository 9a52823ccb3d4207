import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Queue } from 'bullmq';
import { signUp } from '../support/actors';
import { loadNative } from '../support/native';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

// Runs on BullMQ's PostgreSQL backend without REDIS_URL, and on Redis with it (.ci/run does both).
const backend = process.env.REDIS_URL ? 'Redis' : 'PostgreSQL';

let t: TestApp;
let queue: Queue;
beforeAll(async () => {
  t = await startTestApp({ withWorker: true });
  const { getQueueToken } = loadNative<typeof import('@nestjs/bullmq')>('@nestjs/bullmq');
  queue = t.app.get(getQueueToken('maintenance'));
});
afterAll(async () => {
  await t?.close();
});

describe(`the maintenance worker on ${backend}`, () => {
  it('schedules the purge of expired sessions once, however often it starts', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toEqual(['purge-expired-sessions']);
    expect(schedulers[0].every).toBe(3_600_000);
  });

  it('deletes refresh tokens that expired or were revoked over a day ago, and keeps the rest', async () => {
    const user = await signUp(t, { name: 'Sessions' });
    const insert = (hash: string, expires: string, revoked: string | null) =>
      t.db.query(
        `INSERT INTO refresh_token (user_id, token_hash, expires_at, revoked_at)
         VALUES ($1, $2, now() + $3::interval, now() + $4::interval)`,
        [user.id, hash, expires, revoked],
      );
    await insert('expired-long-ago', '-3 days', null);
    await insert('revoked-long-ago', '+10 days', '-2 days');
    await insert('expired-an-hour-ago', '-1 hour', null);
    await insert('alive', '+10 days', null);

    const job = await queue.add('purge-expired-sessions', {});

    await eventually(
      async () => (await queue.getJobState(job.id!)) === 'completed',
      15_000,
      'purge job completed',
    );
    const { rows } = await t.db.query(
      `SELECT token_hash FROM refresh_token WHERE user_id = $1 ORDER BY token_hash`,
      [user.id],
    );
    // the sign-in's own token is alive too
    expect(rows.map((r) => r.token_hash).filter((h) => !/^[0-9a-f]{64}$/.test(h))).toEqual([
      'alive',
      'expired-an-hour-ago',
    ]);
    const done = await queue.getJob(job.id!);
    expect(done?.returnvalue).toEqual({ deleted: 2 });
  });
});
