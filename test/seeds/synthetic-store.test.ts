/**
 * The synthetic generator's output, loaded on top of the seed, passes the same checks as the
 * seed: the model's schema (bulk validation), provenance on every fact, flagged synthetic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { provenanceProblems } from '../helpers/provenance-check.js';
import { buildSeedBatch, readSeed } from '../../seeds/load/build-batch.js';
import { seedStore } from '../../seeds/load/seed.js';
import { generateSynthetic, SCALES } from '../../seeds/synthetic/generate.js';
import { baseFromSeed } from '../../seeds/synthetic/base.js';
import { defineStatement } from '../../graph/cypher/statement.js';

const NOT_FLAGGED = defineStatement<Record<string, never>, { n: number }>({
  name: 'test.syntheticNotFlagged',
  mode: 'read',
  cypher: "MATCH (o:Organisation) WHERE o.id STARTS WITH 'syn:' AND (o.synthetic IS NULL OR o.synthetic = false) RETURN count(o) AS n",
  example: {},
});

describe('synthetic graph at Stockholm scale', () => {
  let temp: TempStore;
  let loaded: { nodes: number; relationships: number };
  beforeAll(async () => {
    temp = await tempStore();
    const seed = buildSeedBatch();
    await seedStore(temp.engine, seed);
    const { batch } = generateSynthetic({ scale: 'stockholm', seed: 42, base: baseFromSeed(seed) });
    loaded = await temp.engine.bulkLoad(batch);
  });
  afterAll(async () => temp.cleanup());

  it('loads through the same validation as the seed', () => {
    expect(loaded.nodes).toBeGreaterThan(3000);
    expect(loaded.relationships).toBeGreaterThan(10_000);
  });

  it('cites a source for every fact and flags every synthetic organisation', async () => {
    expect(await provenanceProblems(temp.engine)).toEqual([]);
    expect((await temp.engine.read((tx) => tx.run(NOT_FLAGGED, {})))[0]!.n).toBe(0);
  });

  it('keeps synthetic data apart from real data in searches that ask for it', async () => {
    const { OrganisationRepository } = await import('../../graph/repo/organisations.js');
    const repo = new OrganisationRepository(temp.engine);
    const real = await repo.list({ synthetic: false }, { first: 1 });
    expect(real.totalCount).toBe(readSeed('organisations.json').length);
    const synthetic = await repo.list({ synthetic: true }, { first: 1 });
    expect(synthetic.totalCount).toBe(SCALES.stockholm.organisations);
  });
});
