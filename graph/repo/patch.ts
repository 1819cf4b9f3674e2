/** Updates as patches: what a caller left out (undefined) stays as stored; null is kept, and clears. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
