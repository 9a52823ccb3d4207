import { describe, expect, it } from '@jest/globals';
import { loadNative } from './support/native';

type Slugs = typeof import('../libs/catalogue/src/slugs');
type Headings = typeof import('../libs/catalogue/src/hs-codes/headings');

const { slugify, slugCandidates } = loadNative<Slugs>('libs/catalogue/src/slugs.ts');
const { headingOf, HS_HEADINGS } = loadNative<Headings>('libs/catalogue/src/hs-codes/headings.ts');

describe('slugify', () => {
  it.each([
    ['Plat à tajine de Fès', 'plat-a-tajine-de-fes'],
    ['  Théière — Cœur de Tétouan!  ', 'theiere-coeur-de-tetouan'],
    ['Beni Ourain 200×300 cm', 'beni-ourain-200-300-cm'],
    ['Straße', 'strasse'],
    ['زربية', ''],
  ])('%s → %s', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('always answers the public slug pattern (or nothing)', () => {
    for (const text of ['a--b', '---', 'É', 'x'.repeat(200), 'Ça va, Fès ?', '12 3']) {
      const slug = slugify(text);
      expect(slug === '' || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)).toBe(true);
      expect(slug.length).toBeLessThanOrEqual(80);
    }
  });

  it('offers the base, then -2, -3…', () => {
    expect(slugCandidates('bowl').slice(0, 3)).toEqual(['bowl', 'bowl-2', 'bowl-3']);
  });
});

describe('headingOf', () => {
  it('finds the heading of 6 to 10 digits', () => {
    expect(headingOf('691200')?.label).toMatch(/tableware/);
    expect(headingOf('6912000010')?.code).toBe('691200');
  });

  it('refuses codes artisan goods do not use, or that are not 6 to 10 digits', () => {
    expect(headingOf('691299')).toBeUndefined();
    expect(headingOf('69120')).toBeUndefined();
    expect(headingOf('69120000100')).toBeUndefined();
    expect(headingOf('6912.00')).toBeUndefined();
  });

  it('holds six-digit codes only, each once', () => {
    const codes = HS_HEADINGS.map((h) => h.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[0-9]{6}$/);
  });
});
