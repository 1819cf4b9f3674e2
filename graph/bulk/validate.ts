/**
 * Checks a GraphBatch against the model before anything is written: labels, relationship pairs,
 * property names and types, unique ids. Endpoint and id existence in the store are checked by
 * the loaders (they need the store). A batch that fails here writes nothing.
 */
import { NODES, RELATIONSHIPS, type NodeLabel, type PropertySpec } from '../model/model.js';
import { ValidationError, type FieldProblem } from '../errors.js';
import type { GraphBatch, PropertyValue } from './batch.js';

const MAX_PROBLEMS = 50;

export function validateBatch(batch: GraphBatch): void {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ field, message });
  };

  for (const [label, rows] of Object.entries(batch.nodes)) {
    const spec = (NODES as Record<string, { properties: Record<string, PropertySpec> }>)[label];
    if (!spec) {
      add(`nodes.${label}`, 'is not a label of the model');
      continue;
    }
    const seen = new Set<string>();
    rows?.forEach((row, i) => {
      if (typeof row.id !== 'string' || row.id.length === 0) add(`nodes.${label}[${i}].id`, 'must be a non-empty string');
      else if (seen.has(row.id)) add(`nodes.${label}[${i}].id`, `duplicate id ${JSON.stringify(row.id)}`);
      else seen.add(row.id);
      for (const [key, value] of Object.entries(row)) {
        const p = spec.properties[key];
        if (!p) add(`nodes.${label}[${i}].${key}`, `is not a property of ${label}`);
        else if (!fits(value, p)) add(`nodes.${label}[${i}].${key}`, `must be ${p.type}`);
      }
    });
  }

  for (const [type, rows] of Object.entries(batch.rels)) {
    const spec = (RELATIONSHIPS as Record<string, { pairs: readonly (readonly [string, string])[]; properties: Record<string, PropertySpec> }>)[type];
    if (!spec) {
      add(`rels.${type}`, 'is not a relationship type of the model');
      continue;
    }
    rows?.forEach((row, i) => {
      if (!spec.pairs.some(([f, t]) => f === row.fromLabel && t === row.toLabel))
        add(`rels.${type}[${i}]`, `${row.fromLabel} -> ${row.toLabel} is not allowed for ${type}`);
      if (typeof row.from !== 'string' || !row.from) add(`rels.${type}[${i}].from`, 'must be a non-empty string');
      if (typeof row.to !== 'string' || !row.to) add(`rels.${type}[${i}].to`, 'must be a non-empty string');
      for (const [key, value] of Object.entries(row.props ?? {})) {
        const p = spec.properties[key];
        if (!p) add(`rels.${type}[${i}].props.${key}`, `is not a property of ${type}`);
        else if (!fits(value, p)) add(`rels.${type}[${i}].props.${key}`, `must be ${p.type}`);
      }
    });
  }
  if (problems.length) throw new ValidationError(problems);
}

export function fits(value: PropertyValue | undefined, spec: PropertySpec): boolean {
  if (value === null || value === undefined) return true;
  switch (spec.type) {
    case 'STRING':
      return typeof value === 'string';
    case 'INT64':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'DOUBLE':
      return typeof value === 'number' && Number.isFinite(value);
    case 'BOOLEAN':
      return typeof value === 'boolean';
    case 'STRING[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

/** Node ids a batch's relationships point at, by label, that the batch itself does not create. */
export function externalEndpoints(batch: GraphBatch): Map<NodeLabel, Set<string>> {
  const created = new Map<string, Set<string>>();
  for (const [label, rows] of Object.entries(batch.nodes)) created.set(label, new Set(rows?.map((r) => r.id)));
  const external = new Map<NodeLabel, Set<string>>();
  const note = (label: NodeLabel, id: string) => {
    if (created.get(label)?.has(id)) return;
    let s = external.get(label);
    if (!s) external.set(label, (s = new Set()));
    s.add(id);
  };
  for (const rows of Object.values(batch.rels)) {
    for (const r of rows ?? []) {
      note(r.fromLabel, r.from);
      note(r.toLabel, r.to);
    }
  }
  return external;
}
