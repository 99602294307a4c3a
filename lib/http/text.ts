/**
 * Text PostgreSQL can store: no NUL character (refused in text and jsonb) and no lone UTF-16
 * surrogate (not valid Unicode, refused in jsonb). Anything else would fail later, as a 500.
 */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'Text may not contain NUL characters or invalid Unicode.';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}
