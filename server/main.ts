/**
 * `npm start`: listens on PORT (default 3000) at once, answering 503 "being prepared" with
 * Retry-After (server/http/preparing.ts) while it builds the web app if needed, opens the store
 * (embedded LadybugDB under GRAPH_DATA_DIR, or Neo4j when NEO4J_URI is set) and seeds the
 * Stockholm graph into an empty one; then the app takes over the same listening server.
 */
// Only what listening needs is imported first; the store, the app and the seed load while the port answers.
import { serverConfig } from './config.js';
import { log } from './log.js';
import { ensureWebBuild, listenPreparing } from './http/preparing.js';

const config = serverConfig();
const preparing = await listenPreparing(config.port, config.host);
log('info', 'preparing: the port answers 503 until the app is ready', { port: config.port });
const building = process.env['SKIP_WEB_BUILD'] === '1' ? Promise.resolve(true) : ensureWebBuild();
const [{ openStore }, { seedIfEmpty }, { startServer }, { controlFilePath, newControlToken, removeControl, writeControl }, { bootstrapAdmin }, { accountsOver }] = await Promise.all([
  import('../graph/store.js'),
  import('../seeds/load/seed.js'),
  import('./app.js'),
  import('./control.js'),
  import('./auth/bootstrap.js'),
  import('../graph/repo/accounts.js'),
]);
if (!(await building)) log('warn', 'the web app could not be built; serving the API');
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
