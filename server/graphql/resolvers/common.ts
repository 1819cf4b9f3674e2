/** Small helpers the resolver modules share. */
import type { Provenance } from '../../../graph/repo/records.js';
import { ValidationError } from '../../../graph/errors.js';
import { DEFAULT_PAGE, MAX_PAGE } from '../../../graph/repo/organisations.js';

export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
export const provenanceOf = (p: Provenance) => p;
export const list = (v: string[] | null | undefined) => v ?? [];
export const present = <T>(x: T | Error | null): x is T => x !== null && !(x instanceof Error);

/** A page size from `first`, within the one limit (LIMITS.page), as a typed error naming the field. */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE) throw new ValidationError([{ field, message: `must be an integer from 0 to ${MAX_PAGE}` }]);
  return n;
}
