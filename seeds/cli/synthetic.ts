/**
 * `npm run seed:synthetic -- --scale stockholm|sweden --seed N [--store DIR|main]`: a
 * deterministic synthetic graph on top of the real seed, every synthetic node flagged
 * synthetic. It goes to its own store (./data/synthetic-<scale>-<seed>) unless --store says
 * otherwise (`main` = the configured store).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { configFromEnv } from '../../graph/engines/open.js';
import { openStore } from '../../graph/store.js';
import { buildSeedBatch } from '../load/build-batch.js';
import { seedStore } from '../load/seed.js';
import { generateSynthetic } from '../synthetic/generate.js';
import { baseFromSeed } from '../synthetic/base.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'stockholm' }, seed: { type: 'string', default: '1' }, store: { type: 'string' } },
});
const scale = values.scale;
const seed = Number(values.seed);
if (scale !== 'stockholm' && scale !== 'sweden') throw new Error(`--scale must be stockholm or sweden, not ${scale}`);
if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`);

const config = configFromEnv();
if (values.store !== 'main') config.dataDir = path.resolve(values.store ?? `./data/synthetic-${scale}-${seed}`);
const store = await openStore(config);
try {
  const seedBatch = buildSeedBatch();
  const seeded = await seedStore(store.engine, seedBatch);
  const { batch, stats } = generateSynthetic({ scale, seed, base: baseFromSeed(seedBatch) });
  const loaded = await store.engine.bulkLoad(batch);
  console.log(
    `synthetic ${scale} seed ${seed} into ${store.engine.kind === 'embedded' ? config.dataDir : 'Neo4j'}: ` +
      `seed +${seeded.nodesAdded} nodes; generated ${stats.nodes} nodes and ${stats.relationships} relationships in ${(stats.generationMs / 1000).toFixed(1)} s; ` +
      `loaded in ${(loaded.ms / 1000).toFixed(1)} s`,
  );
} finally {
  await store.close();
}
