/** `npm run seed`: loads the Stockholm seed graph into the configured store (idempotent). */
import { openStore } from '../../graph/store.js';
import { seedStore } from '../load/seed.js';

const store = await openStore();
try {
  const report = await seedStore(store.engine);
  console.log(
    `seed (${store.engine.kind}): added ${report.nodesAdded} nodes and ${report.relationshipsAdded} relationships; ` +
      `${report.nodesPresent} nodes and ${report.relationshipsPresent} relationships were already there; ` +
      `${report.keptEntered} facts entered by people were kept over the seed; ${Math.round(report.ms)} ms`,
  );
} finally {
  await store.close();
}
