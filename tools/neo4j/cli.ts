/**
 * `npm run neo4j`: a local Neo4j 5.26 Community for development (Java 17 and Maven needed; the
 * first run downloads about 150 MB into ~/.m2), auth off, until Ctrl-C or SIGTERM. Then, in
 * another shell: NEO4J_URI=bolt://127.0.0.1:7687 npm start
 *
 *   --home DIR       where the data lives (default data/neo4j)
 *   --port N         the first Bolt port (default 7687, or NEO4J_BOLT_PORT)
 *   --instances N    independent DBMSs on consecutive ports (the test suite uses 4)
 *   --heap SIZE      JVM heap (default 2g), --page-cache SIZE per DBMS (default 512m)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchNeo4j } from './launch.js';

const { values } = parseArgs({
  options: {
    home: { type: 'string', default: 'data/neo4j' },
    port: { type: 'string', default: process.env['NEO4J_BOLT_PORT'] ?? '7687' },
    instances: { type: 'string', default: '1' },
    heap: { type: 'string', default: '2g' },
    'page-cache': { type: 'string', default: '512m' },
  },
});
const home = path.resolve(values.home);
console.log(`starting Neo4j 5.26 Community in ${home}…`);
const neo4j = await launchNeo4j({ home, port: Number(values.port), instances: Number(values.instances), heap: values.heap, pageCache: values['page-cache'] });
console.log(`${neo4j.uris.join(' ')} (auth ${process.env['NEO4J_PASSWORD'] ? 'on, user neo4j' : 'disabled'})`);
console.log('ready');
const stop = () => void neo4j.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
await new Promise(() => undefined);
