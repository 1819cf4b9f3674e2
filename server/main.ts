/**
 * `npm start`: listens on PORT (default 3000) at once, answering 503 "being prepared" with
 * Retry-After (server/http/preparing.ts) while it builds the web app if needed, opens the store
 * (embedded LadybugDB under GRAPH_DATA_DIR, or Neo4j when NEO4J_URI is set) and seeds the
 * Stockholm graph into an empty one; then the app takes over the same listening server.
 */
import { openStore } from '../graph/store.js';
import { seedIfEmpty } from '../seeds/load/seed.js';
import { serverConfig } from './config.js';
import { startServer } from './app.js';
import { log } from './log.js';
import { controlFilePath, newControlToken, removeControl, writeControl } from './control.js';
import { bootstrapAdmin } from './auth/bootstrap.js';
import { accountsOver } from '../graph/repo/accounts.js';
import { ensureWebBuild, listenPreparing } from './http/preparing.js';

const config = serverConfig();
const preparing = await listenPreparing(config.port, config.host);
log('info', 'preparing: the port answers 503 until the app is ready', { port: config.port });
if (process.env['SKIP_WEB_BUILD'] !== '1' && !(await ensureWebBuild())) log('warn', 'the web app could not be built; serving the API');
const store = await openStore();
log('info', 'store opened', { engine: store.engine.kind, schema: store.schema });
// Once, when several servers start together on one Neo4j: the others find it done.
await store.engine.exclusively('startup', async () => {
  if (config.seedOnStart) {
    const seeded = await seedIfEmpty(store.engine);
    if (seeded) log('info', 'seeded the Stockholm graph', { nodes: seeded.nodesAdded, relationships: seeded.relationshipsAdded, ms: Math.round(seeded.ms) });
  }
  const admin = await bootstrapAdmin(accountsOver(store));
  if (admin === 'created') log('info', 'created the first admin from ADMIN_EMAIL');
});
const controlToken = newControlToken();
const server = await startServer(store, { ...config, controlToken, warmImportWorker: true, listening: preparing });
const controlFile = controlFilePath();
writeControl(controlFile, { url: server.url.replace('0.0.0.0', '127.0.0.1'), token: controlToken, pid: process.pid });
log('info', 'listening', { url: server.url });

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('info', 'shutting down', { signal });
  removeControl(controlFile, controlToken);
  await server.close();
  await store.close();
  log('info', 'stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
