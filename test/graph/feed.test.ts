/**
 * Two app servers' stores on one Neo4j database: a write through one reaches the other's read
 * model, search index and analytics through the change feed, without a reload.
 */
import { describe, expect, it } from 'vitest';
import { twoServersForSuite } from '../helpers/two-servers.js';

const actor = { id: 'feed-test', displayName: 'Flödestestaren' };

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  for (;;) {
    const value = await read();
    if (ok(value)) return { value, ms: Math.round(performance.now() - started) };
    if (performance.now() - started > 20_000) throw new Error(`${what} did not arrive within 20 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('the change feed between two servers', () => {
  const { a, b } = twoServersForSuite({ readModel: true, feed: { pollMs: 100 }, projectionDebounceMs: 50 }, async (store) => {
    await store.readModel!.warm();
  });

  it("carries a create, a rename and a link change to the other server's read model and search", async () => {
    const loads = b.readModel!.loads;
    const created = await a.organisations.create({ name: 'Flödesföreningen Qzwyx' }, actor);
    const seen = await until('the new organisation', () => b.organisations.get(created.id), (o) => o !== null);
    const found = await until('the new organisation in search', () => b.organisations.list({ text: 'qzwyx' }), (p) => p.nodes[0]?.id === created.id);

    const renamed = await a.organisations.update(created.id, { version: created.version, name: 'Omdöpta flödesföreningen Qzwyx' }, actor);
    await until('the new name', () => b.organisations.get(created.id), (o) => o?.name === renamed.name);

    await a.links.link('targetGroup', { organisationId: created.id, targetId: 'tg:hemlosa' }, actor);
    await until('the new link', () => b.organisations.list({ targetGroups: ['tg:hemlosa'] }, { first: 100 }), (p) => p.nodes.some((o) => o.id === created.id));

    await a.organisations.delete(created.id);
    await until('the deletion', () => b.organisations.get(created.id), (o) => o === null);

    console.log(`feed delays: record ${seen.ms} ms, search ${found.ms} ms; entries applied by the other server: ${b.feed!.applied}`);
    // Followed, not reloaded; and a server skips its own entries.
    expect(b.readModel!.loads).toBe(loads);
    expect(b.feed!.applied).toBeGreaterThanOrEqual(4);
    expect(a.feed!.applied).toBe(0);
  });

  it("refreshes the other server's analytics projection", async () => {
    const before = await b.projections.current();
    const created = await a.organisations.create({ name: 'Analysföreningen Qzwyx' }, actor);
    expect(before.orgIndex.has(created.id)).toBe(false);
    await until('a new projection', () => b.projections.current(), (p) => p.builtAt > before.builtAt && p.orgIndex.has(created.id));
  });
});
