/**
 * Reviews are stored as plain text: whatever markup a buyer pastes is removed, so nothing a
 * reader's page renders can come from a review as HTML. Entities are decoded to the characters
 * they stand for, and the stripping runs again on the result, so `&lt;script&gt;` cannot come
 * back as a tag either. Clients still escape text as they would any other.
 */
const DROPPED_WITH_CONTENT = /<(script|style|iframe|object|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(-->|$)/g;
/** A tag: `<` then a letter, `/`, `!` or `?`, up to the next `>` (or the end of the text). */
const TAG = /<[a-zA-Z/!?][^>]*(>|$)/g;
const BLOCK_END = /<\/?(p|div|br|li|ul|ol|h[1-6]|tr|blockquote)\b[^>]*>/gi;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return NAMED[name.toLowerCase()] ?? entity;
  });
}

function stripOnce(text: string): string {
  return text
    .replace(DROPPED_WITH_CONTENT, '')
    .replace(COMMENT, '')
    .replace(BLOCK_END, '\n')
    .replace(TAG, '');
}

/** The text a buyer meant, without markup, control characters or runs of blank space. */
export function plainText(input: string): string {
  let text = input.replace(/\r\n?/g, '\n');
  // Strip, decode, strip again until nothing changes: entities, or a tag cut out of the middle
  // of another (`<<b>script>`), may spell a new tag.
  let stable = false;
  for (let i = 0; i < 20 && !stable; i++) {
    const next = stripOnce(decodeEntities(stripOnce(text)));
    stable = next === text;
    text = next;
  }
  if (!stable) text = text.replace(/</g, '');
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
