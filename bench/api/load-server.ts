/**
 * The server under load for `npm run bench:load`, in its own process (so the load generator does
 * not share its event loop): a fresh embedded store in a temp dir, the Stockholm seed, N editor
 * accounts and an admin, served on a random loopback port. Tells the parent its URL over IPC.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { applySchema } from '../../graph/schema/apply.js';
import { storeOver } from '../../graph/store.js';
import { seedIfEmpty } from '../../seeds/load/seed.js';
import { accountsOver } from '../../graph/repo/accounts.js';
import { hashPassword } from '../../server/auth/password.js';
import { startServer } from '../../server/app.js';

const editors = Number(process.env['BENCH_EDITORS'] ?? 50);
const password = process.env['BENCH_PASSWORD'] ?? 'bench-lösenord-som-är-långt';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-load-'));
const engine = await EmbeddedEngine.open({ dataDir: dir, bufferPoolBytes: 1024 ** 3, readers: 4 });
const schema = await applySchema(engine);
const store = storeOver(engine, schema);
await seedIfEmpty(store.engine);
const accounts = accountsOver(store);
const hash = await hashPassword(password);
const actor = { id: 'system:bench', displayName: 'Bench' };
await accounts.users.create({ email: 'admin@bench.example', displayName: 'Bench Admin', role: 'ADMIN' }, hash, actor);
for (let i = 0; i < editors; i++) await accounts.users.create({ email: `editor${i}@bench.example`, displayName: `Redaktör ${i}`, role: 'EDITOR' }, hash, actor);
const server = await startServer(store, {
  port: 0,
  host: '127.0.0.1',
  shutdownGraceMs: 5000,
  // 50 editors from one address: the per-user mutation limit is raised for the benchmark (reported in its JSON).
  auth: { cookieSecure: false, signInPerMinute: 10_000, mutationsPerMinute: Number(process.env['BENCH_MUTATIONS_PER_MINUTE'] ?? 100_000) },
});
process.send?.({ url: server.url, password });
process.on('message', async (m: { stop?: boolean }) => {
  if (!m.stop) return;
  await server.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
