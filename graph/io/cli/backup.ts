/**
 * `npm run backup -- out.jsonl`: the whole store (every label and relationship type of the
 * model) as JSON Lines, from the configured engine (embedded, or Neo4j when NEO4J_URI is set).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { openStore } from '../../store.js';
import { backupStore } from '../backup/backup.js';
import { failWith, usage } from './common.js';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length || file.startsWith('-')) usage('usage: npm run backup -- <out.jsonl>');

const store = await openStore();
const partial = `${file}.partial`;
const out = fs.createWriteStream(partial, { encoding: 'utf8' });
try {
  const footer = await backupStore(store.engine, async (line) => {
    if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
  });
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  // Only a complete backup gets the name asked for.
  fs.renameSync(partial, file);
  console.error(`backup (${store.engine.kind}): ${footer.nodes} nodes and ${footer.relationships} relationships to ${file}`);
} catch (error) {
  out.destroy();
  fs.rmSync(partial, { force: true });
  await store.close();
  failWith(error);
}
await store.close();
