/**
 * Each engine's schema derived from the model (graph/model/model.ts): LadybugDB node and
 * relationship tables; Neo4j uniqueness constraints, range indexes on filtered properties and a
 * full-text index with the Swedish analyzer. Every statement is idempotent (IF NOT EXISTS).
 *
 * cypher-generation: model-derived
 */
import { NODE_SPECS, REL_SPECS, type NodeSpec, type PropertySpec, type RelSpec } from '../model/model.js';

const LBUG_TYPES: Record<PropertySpec['type'], string> = {
  STRING: 'STRING',
  INT64: 'INT64',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  'STRING[]': 'STRING[]',
};

function lbugColumns(properties: Record<string, PropertySpec>, skip: string[] = []): string[] {
  return Object.entries(properties)
    .filter(([k]) => !skip.includes(k))
    .map(([k, p]) => `${k} ${LBUG_TYPES[p.type]}`);
}

export function embeddedNodeTable(spec: NodeSpec): string {
  return `CREATE NODE TABLE IF NOT EXISTS ${spec.label}(id STRING PRIMARY KEY${lbugColumns(spec.properties, ['id'])
    .map((c) => `, ${c}`)
    .join('')})`;
}

export function embeddedRelTable(spec: RelSpec): string {
  const pairs = spec.pairs.map(([f, t]) => `FROM ${f} TO ${t}`);
  return `CREATE REL TABLE IF NOT EXISTS ${spec.type}(${[...pairs, ...lbugColumns(spec.properties)].join(', ')})`;
}

/** A column the model has and an existing table lacks (additive migration). */
export function embeddedAddColumn(table: string, property: string, spec: PropertySpec): string {
  return `ALTER TABLE ${table} ADD ${property} ${LBUG_TYPES[spec.type]}`;
}

/** LadybugDB's catalogue call for one table's columns (table names come from show_tables, checked here). */
export function embeddedTableInfo(table: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`unexpected table name ${JSON.stringify(table)}`);
  return `CALL table_info('${table}') RETURN name`;
}

export function embeddedSchema(): string[] {
  return [...NODE_SPECS.map(embeddedNodeTable), ...REL_SPECS.map(embeddedRelTable)];
}

const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

/** The Neo4j full-text index of a label's `fulltext` properties (Swedish analyzer). */
export function fulltextIndexName(label: string): string {
  return `${snake(label)}_text`;
}

export function neo4jSchema(): string[] {
  const out: string[] = [];
  for (const spec of NODE_SPECS) {
    const l = snake(spec.label);
    out.push(`CREATE CONSTRAINT ${l}_id_unique IF NOT EXISTS FOR (n:${spec.label}) REQUIRE n.id IS UNIQUE`);
    for (const [k, p] of Object.entries(spec.properties)) {
      if (p.indexed) out.push(`CREATE INDEX ${l}_${snake(k)} IF NOT EXISTS FOR (n:${spec.label}) ON (n.${k})`);
      if (p.unique) {
        // The constraint brings its own index; a plain one on the same property would block it.
        out.push(`DROP INDEX ${l}_${snake(k)} IF EXISTS`);
        out.push(`CREATE CONSTRAINT ${l}_${snake(k)}_unique IF NOT EXISTS FOR (n:${spec.label}) REQUIRE n.${k} IS UNIQUE`);
      }
    }
    if (spec.fulltext?.length) {
      // Replaced by ${l}_text (the fields changed; an index's fields cannot be altered).
      out.push(`DROP INDEX ${l}_fulltext IF EXISTS`);
      out.push(
        `CREATE FULLTEXT INDEX ${fulltextIndexName(spec.label)} IF NOT EXISTS FOR (n:${spec.label}) ON EACH [${spec.fulltext
          .map((k) => `n.${k}`)
          .join(', ')}] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'swedish'}}`,
      );
    }
  }
  for (const spec of REL_SPECS) {
    const t = snake(spec.type);
    for (const [k, p] of Object.entries(spec.properties)) {
      if (p.indexed) out.push(`CREATE INDEX rel_${t}_${snake(k)} IF NOT EXISTS FOR ()-[r:${spec.type}]-() ON (r.${k})`);
    }
  }
  return out;
}
