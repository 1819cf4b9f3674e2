/**
 * `npm run eval:search`: Recall@10 and MRR of the judged queries on the seeded Stockholm graph,
 * in a fresh embedded store (or Neo4j's when NEO4J_URI is set: a database that is empty or
 * holds only the seed). Prints every query that misses and writes bench-results/eval-search.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../graph/store.js';
import { configFromEnv } from '../../graph/engines/open.js';
import { seedIfEmpty } from '../../seeds/load/seed.js';
import { evaluateSearch } from './eval.js';

const config = configFromEnv();
const dir = config.engine === 'embedded' ? fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-eval-search-')) : null;
const store = await openStore(dir ? { ...config, dataDir: dir } : config, { readModel: false });
try {
  await seedIfEmpty(store.engine);
  const result = await evaluateSearch(store);
  for (const r of result.results) {
    if (r.recall < 1 || r.reciprocalRank < 1) console.log(`  ${JSON.stringify(r.q)}: recall ${r.recall.toFixed(2)}, RR ${r.reciprocalRank.toFixed(2)}; missing ${r.relevant.filter((id) => !r.top.includes(id)).join(', ') || 'none'}; top ${r.top.slice(0, 3).join(', ')}`);
  }
  console.log(`${result.queries} queries on the ${store.engine.kind} engine: Recall@10 ${result.recallAt10.toFixed(3)}, MRR ${result.mrr.toFixed(3)} (targets 0.9 and 0.8)`);
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/eval-search.json', JSON.stringify({ engine: store.engine.kind, at: new Date().toISOString(), ...result }, null, 2));
} finally {
  await store.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
