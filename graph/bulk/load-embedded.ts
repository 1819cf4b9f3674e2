/**
 * Bulk load on LadybugDB: CSV files and COPY, in one transaction (all of the batch or none).
 * COPY is about a hundred times faster than UNWIND/MERGE here (shared/notes/engine-baseline.md).
 * Everything that could make a COPY fail is checked first, because a failed COPY leaves
 * LadybugDB 0.19 in a state where the next COPY may abort the process.
 *
 * cypher-generation: model-derived (labels, property names and temp-file paths, never input)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NODES, RELATIONSHIPS, type NodeLabel, type PropertySpec, type RelType } from '../model/model.js';
import type { Statement } from '../cypher/statement.js';
import { ValidationError } from '../errors.js';
import type { GraphBatch, PropertyValue } from './batch.js';
import { bulkStatements, existingIdsStatement } from './statements.js';
import { externalEndpoints, validateBatch } from './validate.js';
import type { BulkLoadResult } from '../engines/port.js';

export interface EmbeddedBulkIO {
  exec(text: string): Promise<unknown>;
  run<P extends object, R>(statement: Statement<P, R>, params: P): Promise<R[]>;
}

const ID_CHUNK = 20_000;
const LIST_CHUNK = 5_000;

export async function bulkLoadEmbedded(batch: GraphBatch, io: EmbeddedBulkIO): Promise<BulkLoadResult> {
  const started = performance.now();
  const stage = (what: string) => process.env['BULK_TRACE'] && console.error(`bulk ${what} at ${Math.round(performance.now() - started)} ms`);
  validateBatch(batch);
  stage('validated');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-bulk-'));
  let nodes = 0;
  let relationships = 0;
  try {
    await io.exec('BEGIN TRANSACTION');
    try {
      await checkIds(batch, io);
      stage('ids checked');
      for (const [label, rows] of Object.entries(batch.nodes) as [NodeLabel, NonNullable<GraphBatch['nodes'][NodeLabel]>][]) {
        if (!rows.length) continue;
        const props = NODES[label].properties as Record<string, PropertySpec>;
        const scalar = Object.keys(props).filter((k) => props[k]!.type !== 'STRING[]');
        const file = path.join(dir, `node-${label}.csv`);
        const multiline = writeCsv(file, scalar, rows.map((r) => scalar.map((k) => r[k])), scalar.map((k) => props[k]!));
        stage(`csv ${label}`);
        await io.exec(`COPY ${label}(${scalar.join(', ')}) FROM '${file}' (HEADER=true${parallel(multiline)})`);
        stage(`copy ${label}`);
        for (const key of Object.keys(props).filter((k) => props[k]!.type === 'STRING[]')) {
          const listRows = rows.filter((r) => Array.isArray(r[key])).map((r) => ({ id: r.id, value: r[key] as string[] }));
          const statement = bulkStatements.setList[label][key]!;
          for (let i = 0; i < listRows.length; i += LIST_CHUNK) await io.run(statement, { rows: listRows.slice(i, i + LIST_CHUNK) });
        }
        nodes += rows.length;
        stage(`nodes ${label} ${rows.length}`);
      }
      for (const [type, rows] of Object.entries(batch.rels) as [RelType, NonNullable<GraphBatch['rels'][RelType]>][]) {
        const spec = RELATIONSHIPS[type];
        const props = spec.properties as Record<string, PropertySpec>;
        const keys = Object.keys(props);
        for (const [fromLabel, toLabel] of spec.pairs) {
          const pairRows = rows.filter((r) => r.fromLabel === fromLabel && r.toLabel === toLabel);
          if (!pairRows.length) continue;
          const file = path.join(dir, `rel-${type}-${fromLabel}-${toLabel}.csv`);
          const multiline = writeCsv(
            file,
            ['from', 'to', ...keys],
            pairRows.map((r) => [r.from, r.to, ...keys.map((k) => r.props?.[k])]),
            [{ type: 'STRING' }, { type: 'STRING' }, ...keys.map((k) => props[k]!)],
          );
          const pairOption = spec.pairs.length > 1 ? `, from='${fromLabel}', to='${toLabel}'` : '';
          await io.exec(`COPY ${type}(${keys.join(', ')}) FROM '${file}' (HEADER=true${parallel(multiline)}${pairOption})`);
          relationships += pairRows.length;
          stage(`rels ${type} ${fromLabel}->${toLabel} ${pairRows.length}`);
        }
      }
      await io.exec('COMMIT');
      stage('committed');
    } catch (error) {
      await io.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { nodes, relationships, ms: performance.now() - started };
}

/** LadybugDB's parallel CSV reader cannot read quoted newlines: read serially only when there are some. */
const parallel = (multiline: boolean) => (multiline ? ', PARALLEL=false' : '');

/** New node ids must not exist yet; relationship endpoints outside the batch must. */
async function checkIds(batch: GraphBatch, io: EmbeddedBulkIO): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  for (const [label, rows] of Object.entries(batch.nodes) as [NodeLabel, { id: string }[]][]) {
    const existing = await existingIds(label, rows.map((r) => r.id), io);
    for (const id of [...existing].slice(0, 20)) problems.push({ field: `nodes.${label}.id`, message: `${JSON.stringify(id)} already exists` });
  }
  for (const [label, ids] of externalEndpoints(batch)) {
    if (!(label in NODES)) continue;
    const existing = await existingIds(label, [...ids], io);
    for (const id of [...ids].filter((x) => !existing.has(x)).slice(0, 20))
      problems.push({ field: `rels.${label}`, message: `endpoint ${JSON.stringify(id)} does not exist` });
  }
  if (problems.length) throw new ValidationError(problems);
}

async function existingIds(label: NodeLabel, ids: string[], io: EmbeddedBulkIO): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const chunk = ids.slice(i, i + ID_CHUNK);
    for (const row of await io.run(existingIdsStatement(label, chunk.length), { ids: chunk })) found.add(row.id);
  }
  return found;
}

/**
 * CSV as LadybugDB's COPY reads it: strings always quoted (quotes doubled), NULL as an empty
 * field. LadybugDB reads an empty string as NULL too, so the model treats '' as "not given".
 * Quoted newlines need PARALLEL=false on COPY.
 */
function writeCsv(file: string, header: string[], rows: (PropertyValue | undefined)[][], specs: PropertySpec[]): boolean {
  const fd = fs.openSync(file, 'w');
  const state = { multiline: false };
  try {
    fs.writeSync(fd, header.join(',') + '\n');
    const CHUNK = 20_000;
    for (let i = 0; i < rows.length; i += CHUNK) {
      let text = '';
      const end = Math.min(rows.length, i + CHUNK);
      for (let r = i; r < end; r++) {
        const row = rows[r]!;
        for (let j = 0; j < row.length; j++) text += (j ? ',' : '') + cell(row[j], specs[j]!, state);
        text += '\n';
      }
      fs.writeSync(fd, text);
    }
  } finally {
    fs.closeSync(fd);
  }
  return state.multiline;
}

function cell(value: PropertyValue | undefined, spec: PropertySpec, state: { multiline: boolean }): string {
  if (value === undefined || value === null) return '';
  if (spec.type === 'STRING') {
    const text = String(value);
    if (!state.multiline && (text.includes('\n') || text.includes('\r'))) state.multiline = true;
    return `"${text.replaceAll('"', '""')}"`;
  }
  if (spec.type === 'STRING[]') throw new Error('lists are loaded after COPY, not through CSV');
  return String(value);
}
