/**
 * Three servers starting at the same moment on one empty Neo4j database: the schema, the seed and
 * the first admin happen once (the start-up lock), and the uniqueness constraints hold against
 * writes racing each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { openStore, type GraphStore } from '../../graph/store.js';
import { seedIfEmpty } from '../../seeds/load/seed.js';
import { bootstrapAdmin } from '../../server/auth/bootstrap.js';
import { accountsOver } from '../../graph/repo/accounts.js';
import { defineStatement } from '../../graph/cypher/statement.js';
import { batchCounts } from '../../graph/bulk/batch.js';
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { meta } from '../../graph/cypher/statements/meta.js';
import { ValidationError } from '../../graph/errors.js';

const usersWith = defineStatement<{ email: string }, { n: number }>({ name: 'test.usersWith', mode: 'read', cypher: 'MATCH (u:User) WHERE u.email = $email RETURN count(u) AS n', example: { email: 'x' } });
const env = { ADMIN_EMAIL: 'forsta.admin@stad.example', ADMIN_PASSWORD: 'ett långt startlösenord för testet' };

describe('three servers starting together on an empty Neo4j', () => {
  let temp: TempStore;
  let stores: GraphStore[] = [];
  beforeAll(async () => {
    temp = await tempStore();
    // Empty: no schema version, no seed (the harness applied the schema; the data is gone).
    await temp.engine.write((tx) => tx.run(meta.deleteEverything, {}));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await temp?.cleanup();
  });

  it('seed once and create one admin', async () => {
    const seeded: boolean[] = [];
    stores = await Promise.all(
      [0, 1, 2].map(async () => {
        const store = await openStore({ engine: 'neo4j', dataDir: '', neo4j: { uri: temp.uri!, user: 'neo4j', password: '' } }, { readModel: false });
        await store.engine.exclusively('startup', async () => {
          seeded.push((await seedIfEmpty(store.engine)) !== null);
          await bootstrapAdmin(accountsOver(store), env);
        });
        return store;
      }),
    );
    expect(seeded.filter(Boolean)).toHaveLength(1);
    const expected = batchCounts(buildSeedBatch());
    const nodes = (await temp.engine.read((tx) => tx.run(meta.countNodes, {})))[0]!.n;
    // The seed's nodes and the one admin with their audit record and nothing twice.
    expect(nodes).toBe(expected.nodes + 2);
    expect((await temp.engine.read((tx) => tx.run(usersWith, { email: env.ADMIN_EMAIL })))[0]!.n).toBe(1);
  });

  it('refuse a second account with the same address even when both are created at once', async () => {
    const accounts = stores.map((s) => accountsOver(s));
    const results = await Promise.allSettled(accounts.map((a, i) => a.users.create({ email: 'samma@stad.example', displayName: `Samtidig ${i}`, role: 'EDITOR' }, null, { id: 'system:test', displayName: 'Test' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(ValidationError);
      expect((r.reason as ValidationError).field).toBe('input.email');
    }
    expect((await temp.engine.read((tx) => tx.run(usersWith, { email: 'samma@stad.example' })))[0]!.n).toBe(1);
  });
});
