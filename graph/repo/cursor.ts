/**
 * Opaque keyset cursors for (name, id) ordered lists: base64url of a small JSON array. A
 * cursor that does not decode is the caller's error, named as the `after` field.
 */
import { ValidationError } from '../errors.js';

export interface CursorKey {
  name: string;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(['o', key.name, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): CursorKey {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === 'o' && typeof value[1] === 'string' && typeof value[2] === 'string' && value[2]) {
      return { name: value[1], id: value[2] };
    }
  } catch {
    // fall through to the typed error
  }
  throw new ValidationError([{ field, message: 'is not a cursor this API gave out' }]);
}

/** Cursors of a ranked (text) search: the position after which the next page starts. */
export function encodeRankCursor(position: number): string {
  return Buffer.from(JSON.stringify(['r', position]), 'utf8').toString('base64url');
}

export function decodeRankCursor(cursor: string, field = 'after'): number {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value[0] === 'r' && Number.isSafeInteger(value[1]) && (value[1] as number) >= 0) return value[1] as number;
  } catch {
    // fall through to the typed error
  }
  throw new ValidationError([{ field, message: 'is not a cursor this API gave out for this search' }]);
}
