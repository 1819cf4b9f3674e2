/**
 * `npm run restore -- in.jsonl`: loads a backup into the configured store, which must be empty
 * (a fresh GRAPH_DATA_DIR, or an empty Neo4j database), in one transaction. Set
 * SEED_ON_START=false when starting the server on a restored store is not wanted to reseed; an
 * empty store is never seeded by this command.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { openStore } from '../../store.js';
import { restoreStore } from '../backup/restore.js';
import { failWith, usage } from './common.js';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length || file.startsWith('-')) usage('usage: npm run restore -- <in.jsonl>');
if (!fs.existsSync(file)) usage(`${file} does not exist`);

const store = await openStore();
try {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const report = await restoreStore(store.engine, lines);
  console.error(`restored ${report.nodes} nodes and ${report.relationships} relationships into ${store.engine.kind} (backup of ${report.from.engine} taken ${report.from.createdAt}) in ${report.ms} ms`);
} catch (error) {
  await store.close();
  failWith(error);
}
await store.close();
