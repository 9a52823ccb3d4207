import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fieldsOf, insertCooperative, insertProduct } from '../support/storefront-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
const ids: Record<string, string> = {};

/**
 * Five storefronts to filter and search, and 24 in the Oriental (basketry, unverified) to page
 * through, some created in the same microsecond and some in the same millisecond.
 */
beforeAll(async () => {
  t = await startTestApp();
  const storefronts = [
    {
      slug: 'poterie-bleue-fes',
      name: 'Poterie Bleue de Fès',
      region: 'fes-meknes',
      city: 'Fès',
      crafts: ['pottery'],
      verified: true,
      rating: { average: 4.5, count: 12 },
      description: { fr: 'Céramique tournée à la main', en: 'Hand-thrown ceramics', ar: 'خزف' },
      createdAt: '2025-01-10T09:00:00Z',
    },
    {
      slug: 'terres-de-safi',
      name: 'Terres de Safi',
      region: 'marrakech-safi',
      city: 'Safi',
      crafts: ['pottery'],
      createdAt: '2025-01-09T09:00:00Z',
    },
    {
      slug: 'zellige-fassi',
      name: 'Zellige Fassi',
      region: 'fes-meknes',
      city: 'Fès',
      crafts: ['zellige'],
      verified: true,
      createdAt: '2025-01-08T09:00:00Z',
    },
    {
      slug: 'tapis-ait-bouguemez',
      name: 'Tapis Aït Bouguemez',
      region: 'beni-mellal-khenifra',
      city: 'Azilal',
      crafts: ['carpet', 'textile'],
      createdAt: '2025-01-07T09:00:00Z',
    },
    {
      slug: 'thuya-essaouira',
      name: 'Atelier du Thuya',
      region: 'marrakech-safi',
      city: 'Essaouira',
      crafts: ['woodwork'],
      verified: true,
      description: {
        fr: 'Tables en thuya incrustées de zellige',
        en: 'Thuya tables inlaid with zellige',
        ar: 'طاولات',
      },
      createdAt: '2025-01-06T09:00:00Z',
    },
  ];
  for (const s of storefronts) ids[s.slug] = await insertCooperative(t.db, s);
  for (let i = 0; i < 24; i++) {
    const at = new Date(Date.UTC(2025, 2, 1, 0, Math.floor(i / 3))).toISOString().replace('Z', '');
    // three a minute: two in the same microsecond, the third one microsecond later
    const createdAt = `${at}${String(i % 3 === 1 ? 1 : 0).padStart(3, '0')}Z`;
    const slug = `vannerie-oriental-${i}`;
    ids[slug] = await insertCooperative(t.db, {
      slug,
      name: i % 4 === 0 ? `Vannerie Oriental ${i}` : `Vannerie de Berkane ${i}`,
      region: 'oriental',
      city: 'Berkane',
      crafts: ['basketry'],
      createdAt,
    });
  }

  // two active products count on the storefront; a draft and an archived one do not
  for (const status of ['active', 'active', 'draft', 'archived'] as const) {
    await insertProduct(t.db, ids['poterie-bleue-fes'], { status });
  }
});
afterAll(async () => {
  await t?.close();
});

const list = async (query: Record<string, string | number | boolean>) => {
  const res = await t.http().get('/v1/storefronts').query(query).expect(200);
  return res.body as { items: any[]; nextCursor: string | null };
};
const slugs = (page: { items: { slug: string }[] }) => page.items.map((i) => i.slug);

/** Follows nextCursor to the end; returns every slug in order. */
async function walk(query: Record<string, string | number>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const page = await list(cursor ? { ...query, cursor } : query);
    seen.push(...slugs(page));
    expect(page.items.length).toBeLessThanOrEqual(Number(query.limit));
    cursor = page.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('the list never ended');
}

describe('the storefront list', () => {
  it('is public and newest first, each storefront with its counts', async () => {
    const page = await list({ limit: 100 });
    const { rows } = await t.db.query(`SELECT slug FROM cooperative ORDER BY created_at DESC, id DESC`);
    expect(slugs(page)).toEqual(rows.map((r) => r.slug));
    expect(page.nextCursor).toBeNull();
    const fes = page.items.find((i) => i.slug === 'poterie-bleue-fes');
    expect(fes).toMatchObject({ counts: { products: 2 }, verified: true, region: { code: 'fes-meknes' } });
  });

  it.each([
    [{ region: 'fes-meknes' }, ['poterie-bleue-fes', 'zellige-fassi']],
    [{ craft: 'pottery' }, ['poterie-bleue-fes', 'terres-de-safi']],
    [{ craft: 'textile' }, ['tapis-ait-bouguemez']],
    [{ verified: 'true' }, ['poterie-bleue-fes', 'zellige-fassi', 'thuya-essaouira']],
    [{ verified: 'false', region: 'marrakech-safi' }, ['terres-de-safi']],
    [{ region: 'fes-meknes', craft: 'zellige' }, ['zellige-fassi']],
    [{ region: 'marrakech-safi', verified: 'true' }, ['thuya-essaouira']],
    [{ region: 'souss-massa' }, []],
  ])('filters by %j', async (query, expected) => {
    expect(slugs(await list({ ...query, limit: 100 }))).toEqual(expected);
  });

  it('pages through every storefront once, in order, with no gaps', async () => {
    const { rows } = await t.db.query(`SELECT slug FROM cooperative ORDER BY created_at DESC, id DESC`);
    const seen = await walk({ limit: 4 });
    expect(seen).toEqual(rows.map((r) => r.slug));
    expect(new Set(seen).size).toBe(seen.length);

    const oriental = await walk({ region: 'oriental', limit: 5 });
    expect(oriental).toHaveLength(24);
    expect(new Set(oriental).size).toBe(24);
    expect(oriental).toEqual(rows.map((r) => r.slug).filter((s) => s.startsWith('vannerie-oriental-')));
  });

  it('refuses a cursor it did not give out with a 400 naming cursor', async () => {
    const ranked = (await list({ q: 'berkane', limit: 2 })).nextCursor!;
    const forged = [
      'not-a-cursor',
      Buffer.from('["2025-02-30T00:00:00.000000Z","00000000-0000-4000-8000-000000000000"]').toString(
        'base64url',
      ),
      Buffer.from('["yesterday","00000000-0000-4000-8000-000000000000"]').toString('base64url'),
      Buffer.from('["2025-01-01T00:00:00.000000Z","robert"]').toString('base64url'),
      ranked, // a relevance cursor, on the newest-first list
    ];
    for (const cursor of forged) {
      const res = await t.http().get('/v1/storefronts').query({ cursor }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fieldsOf(res.body)).toEqual(['cursor']);
    }
  });

  it.each([
    [{ region: 'atlas' }, 'region'],
    [{ craft: 'plastic' }, 'craft'],
    [{ verified: 'maybe' }, 'verified'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ q: '   ' }, 'q'],
    [{ sort: 'name' }, 'sort'],
  ])('refuses %j with a 400 naming the parameter', async (query, field) => {
    const res = await t.http().get('/v1/storefronts').query(query).expect(400);
    expect(res.body).toMatchObject({ status: 400, type: 'https://souk.dev/problems/validation' });
    expect(fieldsOf(res.body)).toEqual([field]);
  });
});

describe('searching storefronts', () => {
  it('ignores accents both ways: fes finds the storefronts of Fès', async () => {
    for (const q of ['fes', 'Fès', 'FES']) {
      expect(slugs(await list({ q })).sort()).toEqual(['poterie-bleue-fes', 'zellige-fassi']);
    }
    expect(slugs(await list({ q: 'ait bouguemez' }))).toEqual(['tapis-ait-bouguemez']);
    expect(slugs(await list({ q: 'Aït' }))).toEqual(['tapis-ait-bouguemez']);
  });

  it('ranks a name above a mention in the description', async () => {
    expect(slugs(await list({ q: 'zellige' }))).toEqual(['zellige-fassi', 'thuya-essaouira']);
  });

  it('stems French and English words in descriptions', async () => {
    expect(slugs(await list({ q: 'céramiques' }))).toEqual(['poterie-bleue-fes']);
    expect(slugs(await list({ q: 'tables' }))).toEqual(['thuya-essaouira']);
  });

  it('combines the search with the filters', async () => {
    expect(slugs(await list({ q: 'fes', craft: 'zellige' }))).toEqual(['zellige-fassi']);
    expect(slugs(await list({ q: 'zellige', verified: 'true', region: 'marrakech-safi' }))).toEqual([
      'thuya-essaouira',
    ]);
    expect(slugs(await list({ q: 'fes', region: 'oriental' }))).toEqual([]);
  });

  it('pages through ranked results with the rank in the cursor, once each', async () => {
    const all = slugs(await list({ q: 'oriental', limit: 100 }));
    expect(all).toHaveLength(24);
    // the six with "Oriental" in their name come first
    expect(all.slice(0, 6).sort()).toEqual([0, 4, 8, 12, 16, 20].map((i) => `vannerie-oriental-${i}`).sort());
    const seen = await walk({ q: 'oriental', limit: 5 });
    expect(seen).toEqual(all);
  });
});
