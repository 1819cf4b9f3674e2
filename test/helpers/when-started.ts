/** A stand-in for an object made in a beforeAll hook: each member is read from it when used. */
export function whenStarted<T extends object>(current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_, key) {
      const target = current();
      if (!target) throw new Error('it starts in beforeAll: use it inside a hook or a test');
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
