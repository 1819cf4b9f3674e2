/**
 * Child process of the restore kill test: restores the backup file argv[3] into the Neo4j
 * database at argv[2]. The parent kills it with SIGKILL while the restore's batches commit.
 */
import fs from 'node:fs';
import { Neo4jEngine } from '../../graph/engines/neo4j.js';
import { restoreStore } from '../../graph/io/backup/restore.js';

const [uri, file] = process.argv.slice(2);
const engine = await Neo4jEngine.open({ uri: uri!, user: process.env['NEO4J_USER'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' });
process.stdout.write('begin\n');
await restoreStore(engine, fs.readFileSync(file!, 'utf8').split('\n'));
process.stdout.write('done\n');
await engine.close();
