/**
 * Brings a store to the model's schema at start: idempotent DDL derived from the model, columns
 * the model gained since the store was made, then the data migrations above the stored version.
 */
import { NODE_SPECS, REL_SPECS, SCHEMA_VERSION, type PropertySpec } from '../model/model.js';
import type { GraphEngine } from '../engines/port.js';
import { EngineError } from '../errors.js';
import { meta } from '../cypher/statements/meta.js';
import { embeddedAddColumn, embeddedSchema, neo4jSchema } from './ddl.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export interface SchemaReport {
  from: number;
  to: number;
  columnsAdded: string[];
}

export async function applySchema(engine: GraphEngine, migrations: readonly Migration[] = MIGRATIONS, target = SCHEMA_VERSION): Promise<SchemaReport> {
  const columnsAdded: string[] = [];
  if (engine.kind === 'embedded') {
    await engine.applySchema(embeddedSchema());
    const existing = await engine.describe();
    const alters: string[] = [];
    for (const spec of [...NODE_SPECS.map((n) => ({ name: n.label, props: n.properties })), ...REL_SPECS.map((r) => ({ name: r.type, props: r.properties }))]) {
      const have = existing.tables.get(spec.name);
      if (!have) continue;
      for (const [k, p] of Object.entries(spec.props as Record<string, PropertySpec>)) {
        if (!have.has(k)) {
          alters.push(embeddedAddColumn(spec.name, k, p));
          columnsAdded.push(`${spec.name}.${k}`);
        }
      }
    }
    if (alters.length) await engine.applySchema(alters);
  } else {
    await engine.applySchema(neo4jSchema());
  }

  const from = (await engine.read((tx) => tx.run(meta.schemaVersion, {})))[0]?.version ?? 0;
  if (from > target) {
    throw new EngineError(`the store has schema version ${from}, newer than this program's ${target}: upgrade the program`);
  }
  for (const m of migrations.filter((x) => x.version > from && x.version <= target).sort((a, b) => a.version - b.version)) {
    await engine.write(async (tx) => {
      await m.up(tx);
      await tx.run(meta.setSchemaVersion, { version: m.version, now: Date.now() });
    });
  }
  return { from, to: Math.max(from, target), columnsAdded };
}
