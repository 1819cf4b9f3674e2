/**
 * Child process of the durability test: opens the store in argv[2] and writes one large batch
 * by the path named in argv[3] ("bulk" = COPY, "upsert" = UNWIND/MERGE in one transaction),
 * printing "begin" before and "done" after. The parent kills it with SIGKILL in between.
 */
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { applySchema } from '../../graph/schema/apply.js';
import { OrganisationRepository } from '../../graph/repo/organisations.js';

const [dir, mode, countArg] = process.argv.slice(2);
const n = Number(countArg);
const engine = await EmbeddedEngine.open({ dataDir: dir!, bufferPoolBytes: 512 * 1024 ** 2 });
await applySchema(engine);
const prov = { sourceId: 'src:durability', basis: 'STATED', confidence: 1, recordedAt: 1, synthetic: true };
if (mode === 'bulk') {
  const rows = Array.from({ length: n }, (_, i) => ({ id: `org:d-${i}`, name: `Förening ${i}`, description: 'x'.repeat(200), ...prov }));
  process.stdout.write('begin\n');
  await engine.bulkLoad({ nodes: { Organisation: rows }, rels: {} });
} else {
  const rows = Array.from({ length: n }, (_, i) => ({ id: `org:d-${i}`, name: `Förening ${i}`, sourceId: 'src:durability', basis: 'STATED' }));
  process.stdout.write('begin\n');
  await new OrganisationRepository(engine).upsertMany(rows, 2000);
}
process.stdout.write('done\n');
await engine.close();
