/**
 * Answers remembered per owner (an immutable projection or overlap graph) and key: they go with
 * their owner (a WeakMap), and at most `size` are kept per owner, the least recently used going
 * first, since keys come from requests.
 */
export function ownerCache<T>(size: number): (owner: object, key: string, compute: () => T) => T {
  const byOwner = new WeakMap<object, Map<string, T>>();
  return (owner, key, compute) => {
    let entries = byOwner.get(owner);
    if (!entries) byOwner.set(owner, (entries = new Map()));
    const hit = entries.get(key);
    if (hit !== undefined) {
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    }
    const value = compute();
    entries.set(key, value);
    if (entries.size > size) entries.delete(entries.keys().next().value!);
    return value;
  };
}
