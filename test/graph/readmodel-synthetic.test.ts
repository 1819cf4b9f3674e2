/**
 * The read model answers exactly as the engine does (readmodel-helpers.ts describeGraph) on a
 * synthetic graph of 1,500 organisations beside the Stockholm seed.
 */
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { generateSynthetic } from '../../seeds/synthetic/generate.js';
import { baseFromSeed } from '../../seeds/synthetic/base.js';
import { describeGraph } from './readmodel-helpers.js';

describeGraph(
  'a synthetic graph',
  async (t) => {
    const { batch } = generateSynthetic({ scale: 'stockholm', seed: 7, base: baseFromSeed(buildSeedBatch()), organisations: 1500 });
    await t.engine.bulkLoad(batch);
  },
  60,
);
