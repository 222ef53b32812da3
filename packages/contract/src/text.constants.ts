// Text that may not reach the database (issue 15.8): PostgreSQL refuses NUL in text and invalid UTF-8 (a lone
// surrogate), so such input once answered 500; control characters have no place in any field of this system.
// No zod here: the web's constants entry uses these too.

/** Message keys of the text refinements (fieldMessages in validation.ts localises them). */
export const TEXT_ISSUES = { unsafe: 'text.unsafe', cursor: 'text.cursor' } as const;

/** NUL and the other C0 controls except tab, line feed and carriage return; DEL; a UTF-16 surrogate without its pair. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isSafeText = (s: string) => !UNSAFE_TEXT.test(s);

/** The path of the first string (value or object key) in `value` that is not safe text, or null. */
export function unsafeTextPath(value: unknown, path: PropertyKey[] = [], depth = 0): PropertyKey[] | null {
  if (typeof value === 'string') return isSafeText(value) ? null : path;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = unsafeTextPath(value[i], [...path, i], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!isSafeText(k)) return [...path, k];
    const hit = unsafeTextPath(v, [...path, k], depth + 1);
    if (hit) return hit;
  }
  return null;
}
