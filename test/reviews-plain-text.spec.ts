import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadNative } from './support/native';

type PlainText = typeof import('../libs/storefronts/src/reviews/plain-text');
const { plainText } = loadNative<PlainText>('libs/storefronts/src/reviews/plain-text.ts');

/** Anything a browser would read as the start of a tag, a comment or a declaration. */
const TAG_START = /<[a-zA-Z/!?]/;

describe('the plain text a review is stored as', () => {
  it.each([
    ['<p>Très <b>beau</b> bol</p>', 'Très beau bol'],
    ['<script>alert(1)</script>Merci', 'Merci'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;Merci', 'Merci'],
    ['&amp;lt;img src=x onerror=alert(1)&amp;gt;ok', 'ok'],
    ['<<b>script>alert(1)<</b>/script>', ''],
    ['<!-- hidden -->Visible', 'Visible'],
    ['Fès &amp; Safi &#233;t&#xE9;', 'Fès & Safi été'],
    ['I <3 it, 5 > 4', 'I <3 it, 5 > 4'],
    ['line one<br>line two', 'line one\nline two'],
    ['  spaced \t out  ', 'spaced out'],
    ['رائع جدا <i>شكرا</i>', 'رائع جدا شكرا'],
  ])('%j becomes %j', (input, expected) => {
    expect(plainText(input)).toBe(expected);
  });

  it('never keeps anything that starts a tag, whatever the input', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '/',
      '!',
      '&',
      ';',
      'lt',
      'gt',
      'amp',
      '#60',
      '#x3c',
      'script',
      'b',
      ' ',
      'a',
      '=',
      '"',
      '\n',
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 40 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        expect(plainText(input)).not.toMatch(TAG_START);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves text without markup alone, apart from its outer spaces', () => {
    const safe = fc.string({ unit: fc.constantFrom(...'abc XYZ éà ت 0123.,!?-\'"'.split('')) });
    fc.assert(
      fc.property(safe, (input) => {
        expect(plainText(input)).toBe(input.replace(/ +/g, ' ').trim());
      }),
    );
  });

  it('is stable: cleaning clean text changes nothing', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const once = plainText(input);
        expect(plainText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
