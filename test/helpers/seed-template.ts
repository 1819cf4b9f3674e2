/**
 * The seeded Stockholm store, made once per run and copied per test file (embedded engine).
 * Seeding takes seconds; copying the closed store's directory takes milliseconds. The template
 * lives in the system's temporary directory under a name derived from the seed batch and the
 * schema, so a change to either makes a new one; workers that race each build their own and
 * the first rename wins.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedEngine } from '../../graph/engines/embedded.js';
import { applySchema } from '../../graph/schema/apply.js';
import { embeddedSchema } from '../../graph/schema/ddl.js';
import { SCHEMA_VERSION } from '../../graph/model/model.js';
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { seedStore } from '../../seeds/load/seed.js';

let made: Promise<string> | null = null;

function templateKey(): string {
  const hash = crypto.createHash('sha256');
  hash.update(String(SCHEMA_VERSION));
  hash.update(JSON.stringify(embeddedSchema()));
  hash.update(JSON.stringify(buildSeedBatch()));
  return hash.digest('hex').slice(0, 16);
}

/** The directory of a closed embedded store holding the schema and the Stockholm seed. */
export function seedTemplateDir(): Promise<string> {
  made ??= make();
  return made;
}

async function make(): Promise<string> {
  const dir = path.join(os.tmpdir(), `samverkan-seed-template-${templateKey()}`);
  if (fs.existsSync(path.join(dir, 'ready'))) return dir;
  const building = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-seed-building-'));
  const engine = await EmbeddedEngine.open({ dataDir: building, bufferPoolBytes: 256 * 1024 ** 2 });
  try {
    await applySchema(engine);
    await seedStore(engine);
  } finally {
    await engine.close();
  }
  fs.writeFileSync(path.join(building, 'ready'), '');
  try {
    fs.renameSync(building, dir);
  } catch {
    // Another worker got there first: use its template.
    fs.rmSync(building, { recursive: true, force: true });
  }
  return dir;
}
