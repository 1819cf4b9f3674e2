/** Small helpers the resolver modules share. */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Provenance } from '../../../graph/model/records.js';
import { ValidationError } from '../../../graph/errors.js';
import { DEFAULT_PAGE, MAX_PAGE } from '../../../graph/repo/organisations.js';

export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
export const provenanceOf = (p: Provenance) => p;
export const list = (v: string[] | null | undefined) => v ?? [];
export const present = <T>(x: T | Error | null): x is T => x !== null && !(x instanceof Error);

/** The record a result names, through the request's loader; a name whose record is gone is a server fault, not an empty answer. */
export async function loadExisting<T>(loader: { load(id: string): Promise<T | null> }, what: string, id: string): Promise<T> {
  const found = await loader.load(id);
  if (!found) throw new Error(`${what} ${id} is gone`);
  return found;
}

/** A page size from `first`, within the one limit (LIMITS.page), as a typed error naming the field. */
export function pageSize(first: number | null | undefined, field = 'first'): number {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE) throw new ValidationError([{ field, message: `must be an integer from 0 to ${MAX_PAGE}` }]);
  return n;
}

/** Whether the field being resolved selects any of `names` directly (through fragments too). */
export function selectsAny(info: GraphQLResolveInfo, names: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return names.has(s.name.value);
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return walk(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((n) => walk(n.selectionSet));
}
