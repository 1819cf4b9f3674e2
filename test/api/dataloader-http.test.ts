/**
 * DataLoader batching over real HTTP: a page of organisations with their target groups, districts
 * agreements and the sources of those links costs the same small number of store statements whatever the
 * page size (counted by wrapping the engine's reads), not one per organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../graph/engines/port.js';
import { testServer, type TestServer } from '../helpers/harness.js';

describe('DataLoader batching', () => {
  let s: TestServer;
  const statements: string[] = [];
  beforeAll(async () => {
    s = await testServer({
      wrap: (store) => {
        const read = store.engine.read.bind(store.engine);
        store.engine.read = <T>(work: (tx: Tx) => Promise<T>) =>
          read((tx) =>
            work({
              ...tx,
              run: (statement, params) => {
                statements.push(statement.name);
                return tx.run(statement, params);
              },
            } as Tx),
          );
        return store;
      },
    });
  });
  afterAll(async () => {
    await s.close();
  });

  const page = async (first: number) => {
    statements.length = 0;
    const { body } = await s.post<{ organisations: { edges: { node: { targetGroups: { provenance: { source: { id: string } | null } }[]; districts: { id: string }[] } }[] } }>(
      `query ($n: Int) { organisations(first: $n) { totalCount edges { node { id name
         targetGroups { id name provenance { basis source { id title } } }
         districts { id name detail provenance { basis source { id } } } agreements { id role } } } } }`,
      { n: first },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return { rows: body.data!.organisations.edges.length, statements: [...statements], links: body.data!.organisations.edges.reduce((n, e) => n + e.node.targetGroups.length + e.node.districts.length, 0) };
  };

  it('reads a page of 50 organisations with their links in a bounded number of statements, independent of page size', async () => {
    const small = await page(5);
    const fifty = await page(50);
    const full = await page(100);
    expect(small.rows).toBe(5);
    expect(fifty.rows).toBe(50);
    expect(fifty.links).toBeGreaterThan(80);
    console.log(`store statements: page of 5 → ${small.statements.length}, 50 → ${fifty.statements.length}, 100 → ${full.statements.length} (${fifty.statements.join(', ')})`);
    // The page and its count, one batch per kind of link (three), one read of all sources.
    expect(fifty.statements.length).toBeLessThanOrEqual(8);
    expect(fifty.statements.length).toBe(small.statements.length);
    expect(full.statements.length).toBe(fifty.statements.length);
    // Each statement at most once: nothing runs per row.
    expect(new Set(fifty.statements).size).toBe(fifty.statements.length);
  });

  it('reads one organisation with its links from its id, the same links the batched path gives', async () => {
    const fields = 'id name targetGroups { id role provenance { basis } } districts { id } agreements { id role } collaborations { id } resourcesOffered { id } resourcesNeeded { id } umbrellas { id }';
    const id = 'org:convictus';
    statements.length = 0;
    const one = await s.post<{ organisation: Record<string, unknown> }>(`query ($id: ID!) { organisation(id: $id) { ${fields} } }`, { id });
    const profileStatements = [...statements];
    expect(one.body.errors).toBeUndefined();
    // Scalar-id reads (outgoingOne), not the batched UNWIND form, and no more than one per kind of link.
    expect(profileStatements.some((n) => /\.outgoing$/.test(n))).toBe(false);
    expect(profileStatements.filter((n) => /outgoingOne$/.test(n)).length).toBeGreaterThanOrEqual(7);
    const page = await s.post<{ organisations: { edges: { node: Record<string, unknown> }[] } }>(`{ organisations(filter: {text: "Convictus"}, first: 5) { edges { node { ${fields} } } } }`);
    expect(page.body.data!.organisations.edges.find((e) => e.node['id'] === id)!.node).toEqual(one.body.data!.organisation);
    expect((one.body.data!.organisation['agreements'] as { id: string }[]).map((a) => a.id)).toContain('agr:stockholm-compact-2012');
  });
});
