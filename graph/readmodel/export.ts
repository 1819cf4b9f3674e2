/**
 * Reading the whole graph out of LadybugDB for the read model. The Node binding converts about
 * 25,000 values a second from large tables, so a Sweden-scale read row by row takes minutes;
 * `COPY (MATCH …) TO 'file.csv'` writes the same rows natively in seconds, and the CSV is parsed
 * here (graph/readmodel/csv.ts). All exports run in one read-only transaction: one snapshot.
 *
 * What CSV loses is put back exactly: NULL is an empty field and '' a quoted empty one (so the
 * parser's quoting flag tells them apart); lists are exported one element a row with its index;
 * a DOUBLE is written with six decimals, so each double column comes with a flag saying whether
 * that text reads back as the same number, and the few rows where it does not are re-read
 * through the binding.
 *
 * LadybugDB only (COPY TO is not Neo4j Cypher); on Neo4j the same exports run as plain queries
 * (export-neo4j.ts).
 *
 * cypher-generation: model-derived (labels, types and properties are model constants; the
 * file paths are this module's own temporary directory, never input)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineStatement, type Statement } from '../cypher/statement.js';
import type { Tx } from '../engines/port.js';
import { ORGANISATION_LINKS } from '../model/links.js';
import { LINK_KINDS, type LinkKind } from './model.js';
import { readCsvRows, type Cell } from './csv.js';

/** A column of an export: the expression, and how its text reads back. */
interface Column {
  expr: string;
  type: 'string' | 'int' | 'double' | 'bool';
}

const str = (expr: string): Column => ({ expr, type: 'string' });
const int = (expr: string): Column => ({ expr, type: 'int' });
const dbl = (expr: string): Column => ({ expr, type: 'double' });
const bool = (expr: string): Column => ({ expr, type: 'bool' });

const provenance = (v: string): Column[] => [str(`${v}.sourceId`), str(`${v}.sourceLocator`), str(`${v}.basis`), dbl(`${v}.confidence`), int(`${v}.recordedAt`), bool(`${v}.synthetic`), str(`${v}.quote`), str(`${v}.rule`)];

/** The organisation record's columns, in graph/cypher/fragments.ts ORGANISATION_MAP's order, then `search`. */
export const ORGANISATION_COLUMNS = [
  'id',
  'name',
  'orgNumber',
  'legalForm',
  'description',
  'website',
  'email',
  'phone',
  'address',
  'contactVerifiedAt',
  'status',
  'statusSince',
  'fieldProvenance',
  'version',
  'createdAt',
  'updatedAt',
  'sourceId',
  'sourceLocator',
  'basis',
  'confidence',
  'quote',
  'rule',
  'recordedAt',
  'synthetic',
  'search',
] as const;
const INT_PROPS = new Set(['contactVerifiedAt', 'version', 'createdAt', 'updatedAt', 'recordedAt']);

export interface ExportSpec {
  name: string;
  match: string;
  columns: Column[];
  /** For re-reading inexact doubles: the key columns (by position) and the statement's key expressions. */
  keys: number;
}

const orgColumns: Column[] = [
  ...ORGANISATION_COLUMNS.map((p) => (p === 'confidence' ? dbl('o.confidence') : p === 'synthetic' ? bool('o.synthetic') : INT_PROPS.has(p) ? int(`o.${p}`) : str(`o.${p}`))),
  // -1 for a NULL list, else its length (the elements come from the aliases export).
  int('CASE WHEN o.aliases IS NULL THEN -1 ELSE size(o.aliases) END'),
];

/** Which relationship property a kind of link carries besides provenance. */
export const EXTRA_OF: Partial<Record<LinkKind, 'role' | 'note'>> = { agreement: 'role', collaboration: 'role', offers: 'note', needs: 'note' };

function linkSpec(kind: LinkKind): ExportSpec {
  const pair = ORGANISATION_LINKS[kind];
  const extra = EXTRA_OF[kind];
  return {
    name: `link.${kind}`,
    match: `MATCH (a:${pair.from})-[r:${pair.type}]->(b:${pair.to})`,
    columns: [str('a.id'), str('b.id'), ...provenance('r'), ...(extra ? [str(`r.${extra}`)] : [])],
    keys: 2,
  };
}

export const EXPORTS = {
  organisations: { name: 'organisations', match: 'MATCH (o:Organisation)', columns: orgColumns, keys: 1 },
  aliases: {
    name: 'aliases',
    match: 'MATCH (o:Organisation) WHERE size(o.aliases) > 0 UNWIND range(1, size(o.aliases)) AS i',
    columns: [str('o.id'), int('i'), str('o.aliases[i]')],
    keys: 2,
  },
  targetGroups: { name: 'targetGroups', match: 'MATCH (n:TargetGroup)', columns: [str('n.id'), str('n.name'), str('n.nameEn')], keys: 1 },
  districts: { name: 'districts', match: 'MATCH (n:District)', columns: [str('n.id'), str('n.name'), str('n.kind')], keys: 1 },
  resourceTypes: { name: 'resourceTypes', match: 'MATCH (n:ResourceType)', columns: [str('n.id'), str('n.name')], keys: 1 },
  agreements: { name: 'agreements', match: 'MATCH (n:Agreement)', columns: [str('n.id'), str('n.name'), str('n.kind')], keys: 1 },
  collaborations: { name: 'collaborations', match: 'MATCH (n:Collaboration)', columns: [str('n.id'), str('n.name'), str('n.kind')], keys: 1 },
  broader: { name: 'broader', match: 'MATCH (a:TargetGroup)-[:BROADER]->(b:TargetGroup)', columns: [str('a.id'), str('b.id')], keys: 2 },
  partOf: { name: 'partOf', match: 'MATCH (a:District)-[:PART_OF]->(b:District)', columns: [str('a.id'), str('b.id')], keys: 2 },
  ...Object.fromEntries(LINK_KINDS.map((k) => [`link.${k}`, linkSpec(k)])),
} as Record<string, ExportSpec>;

/** A double's exactness flag: its six-decimal text reads back as the same number. */
const exact = (expr: string) => `CAST(CAST(${expr} AS STRING) AS DOUBLE) = ${expr}`;

function returnList(spec: ExportSpec): string {
  const cols = spec.columns.map((c) => c.expr);
  const flags = spec.columns.filter((c) => c.type === 'double').map((c) => exact(c.expr));
  return [...cols, ...flags].join(', ');
}

/** Rows of one export as JavaScript values in column order (ints and doubles as numbers, bools as booleans). */
export type Row = (string | number | boolean | null)[];

/** Reads exports out of a store, in the caller's read transaction (this module for LadybugDB, export-neo4j.ts for Neo4j). */
export interface Exporter {
  export(tx: Tx, specs: readonly ExportSpec[], shouldStop?: () => boolean): Promise<Map<string, Row[]>>;
  /** What each export of the last load cost (the benchmark reports it). */
  timings: { name: string; rows: number; copyMs: number; parseMs: number; megabytes: number }[];
  close(): void;
}

/**
 * Exports every spec in one read transaction and parses the files. Doubles whose text is
 * inexact are re-read through the binding by their key columns.
 */
export class GraphExporter implements Exporter {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-readmodel-'));
  private readonly copies = new Map<string, Statement<Record<string, never>, unknown>>();
  private readonly inexact = new Map<string, Statement<Record<string, never>, Record<string, unknown>>>();
  /** What each export of the last load cost (the benchmark reports it). */
  timings: { name: string; rows: number; copyMs: number; parseMs: number; megabytes: number }[] = [];

  private copyStatement(spec: ExportSpec): Statement<Record<string, never>, unknown> {
    return exportStatement(this.copies, spec, `readModel.export.${spec.name}`, () => {
      const target = path.join(this.dir, `${spec.name}.csv`);
      return `COPY (${spec.match} RETURN ${returnList(spec)}) TO '${target}'`;
    });
  }

  private inexactStatement(spec: ExportSpec): Statement<Record<string, never>, Record<string, unknown>> {
    return exportStatement(this.inexact, spec, `readModel.inexact.${spec.name}`, () => {
      const doubles = spec.columns.filter((c) => c.type === 'double');
      const keys = spec.columns.slice(0, spec.keys).map((c, i) => `${c.expr} AS k${i}`);
      const wrong = doubles.map((c) => `NOT (${exact(c.expr)})`).join(' OR ');
      const values = doubles.map((c, i) => `${c.expr} AS d${i}`);
      return `${spec.match} WHERE ${wrong} RETURN ${[...keys, ...values].join(', ')}`;
    });
  }

  /** Runs the exports inside `tx` (a read transaction: one snapshot) and returns each one's rows. */
  async export(tx: Tx, specs: readonly ExportSpec[], shouldStop: () => boolean = () => false): Promise<Map<string, Row[]>> {
    return eachExport(specs, shouldStop, async (spec) => {
      const t0 = performance.now();
      await tx.run(this.copyStatement(spec), {});
      const t1 = performance.now();
      const file = path.join(this.dir, `${spec.name}.csv`);
      const text = fs.readFileSync(file, 'utf8');
      const rows = await parseRows(text, spec);
      const t2 = performance.now();
      fs.rmSync(file, { force: true });
      if (rows.inexact) await this.fixDoubles(tx, spec, rows.rows);
      this.timings.push({ name: spec.name, rows: rows.rows.length, copyMs: Math.round(t1 - t0), parseMs: Math.round(t2 - t1), megabytes: Math.round(text.length / 1e5) / 10 });
      return rows.rows;
    });
  }

  private async fixDoubles(tx: Tx, spec: ExportSpec, rows: Row[]): Promise<void> {
    const doubleAt = spec.columns.flatMap((c, i) => (c.type === 'double' ? [i] : []));
    const byKey = new Map<string, Row[]>();
    for (const r of rows) {
      const k = JSON.stringify(r.slice(0, spec.keys));
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
    for (const fixed of await tx.run(this.inexactStatement(spec), {})) {
      const key = JSON.stringify(Array.from({ length: spec.keys }, (_, i) => fixed[`k${i}`]));
      for (const r of byKey.get(key) ?? []) doubleAt.forEach((col, i) => (r[col] = fixed[`d${i}`] as number | null));
    }
  }

  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export class ExportStopped extends Error {
  constructor() {
    super('the read model load was stopped');
  }
}

/** An export's read statement, defined on first use and kept in `cache` by the export's name (its Cypher comes from the model, never from input). */
export function exportStatement<R>(cache: Map<string, Statement<Record<string, never>, R>>, spec: ExportSpec, name: string, cypher: () => string): Statement<Record<string, never>, R> {
  let s = cache.get(spec.name);
  if (!s) {
    s = defineStatement<Record<string, never>, R>({ name, mode: 'read', cypher: cypher(), example: {} });
    cache.set(spec.name, s);
  }
  return s;
}

/** Reads the exports one after another into a map by name, stopping between two when `shouldStop` says so (ExportStopped). */
export async function eachExport(specs: readonly ExportSpec[], shouldStop: () => boolean, read: (spec: ExportSpec) => Promise<Row[]>): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const spec of specs) {
    if (shouldStop()) throw new ExportStopped();
    out.set(spec.name, await read(spec));
  }
  return out;
}

/** Rows parsed between two returns to the event loop (a large store's load must not freeze the server). */
const SLICE_ROWS = 5_000;
export const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function parseRows(csv: string, spec: ExportSpec): Promise<{ rows: Row[]; inexact: boolean }> {
  const n = spec.columns.length;
  const types = spec.columns.map((c) => c.type);
  const flagCount = types.filter((t) => t === 'double').length;
  let inexact = false;
  const rows: Row[] = [];
  const onRow = (cells: Cell[]) => {
    const row: Row = cells;
    for (let i = 0; i < n; i++) {
      const v = cells[i]!;
      const t = types[i];
      if (v !== null && t !== 'string') row[i] = t === 'bool' ? v === 'True' : Number(v);
    }
    for (let f = n; f < n + flagCount; f++) if (cells[f] === 'False') inexact = true;
    rows.push(row); // the flags stay at the end of the row, unread
  };
  for (let at = 0; at < csv.length; ) {
    at = readCsvRows(csv, n + flagCount, onRow, at, SLICE_ROWS, rows.length).at;
    if (at < csv.length) await nextTick();
  }
  return { rows, inexact };
}
