/**
 * The facts file (the long-format CSV export, graph/io/facts-format.ts) read back into a batch of
 * graph facts, each with the provenance the file gives it: the organisation with its name, aliases,
 * details and the record's source; each about fact with its own; each link with its basis, source,
 * locator, confidence, rule, quote, time of recording, role and note. The targets of links must be
 * in the store (the catalogue: target groups, districts, resource types, umbrella organisations in
 * the file or the store) except agreements and collaborations, which the file names with their
 * kind and which are created, citing the file, when the store lacks them.
 */
import { createHash } from 'node:crypto';
import type { GraphBatch, NodeRow, PropertyValue, RelRow } from '../../bulk/batch.js';
import { ValidationError, type FieldProblem } from '../../errors.js';
import { ABOUT_FIELDS, stringifyFieldProvenance, type AboutField, type FactProvenance, type FieldProvenance } from '../../model/facts.js';
import { ORGANISATION_LINKS, EXPORT_LINK_KINDS, type OrganisationLinkKind } from '../../model/links.js';
import { RELATIONSHIPS, type NodeLabel } from '../../model/model.js';
import { BASES, INFERENCE_RULES, type Basis, type InferenceRule } from '../../model/types.js';
import { searchText } from '../../text/fold.js';
import { ABOUT_KIND, LINK_COLUMNS, RECORD_KIND, undefuse, type FactColumn } from '../facts-format.js';
import type { Table } from './table.js';
import { decodeText, detectDelimiter } from './decode.js';

/** Whether a table is a facts file: it has every column of one. */
export function isFactsTable(table: Pick<Table, 'headers'>): boolean {
  const headers = new Set(table.headers.map((h) => h.trim().toLowerCase()));
  return LINK_COLUMNS.every((c) => headers.has(c));
}

/** Whether a file's first line is a facts file's header (read from its first bytes only). */
export function looksLikeFactsFile(bytes: Uint8Array): boolean {
  const head = decodeText(bytes.subarray(0, 8192)).text;
  const first = head.split(/\r?\n/, 1)[0] ?? '';
  return isFactsTable({ headers: first.split(detectDelimiter(head)).map((h) => h.replace(/^"|"$/g, '')) });
}

export interface FactsBatch {
  batch: GraphBatch;
  /** The file as a source, cited by the agreements and collaborations it names; loaded only if one of them is. */
  fileSource: NodeRow;
  /** Agreements and collaborations the file names, by id: created only when the store lacks them. */
  named: Set<string>;
  /** Sources the facts cite: they must be in the store. */
  cited: Map<string, number>;
  organisations: number;
  rows: number;
}

const LINK_BY_NAME = new Map<string, OrganisationLinkKind>(EXPORT_LINK_KINDS.map((k) => [ORGANISATION_LINKS[k].csv, k]));
const ABOUT_BY_NAME = new Map<string, AboutField>(ABOUT_FIELDS.map((f) => [ABOUT_KIND[f], f]));
const RECORD_BY_NAME = new Map<string, keyof typeof RECORD_KIND>(Object.entries(RECORD_KIND).map(([k, v]) => [v, k as keyof typeof RECORD_KIND]));

interface Building {
  id: string;
  line: number;
  name: string | null;
  aliases: string[];
  props: Record<string, PropertyValue>;
  fields: FieldProvenance;
}

/** Reads the facts; every problem is named by row and column, and nothing is returned when there is one. */
export function readFactsTable(table: Table, bytes: Uint8Array, fileName: string, now = Date.now()): FactsBatch {
  const index = new Map(table.headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const problems: FieldProblem[] = [];
  const problem = (line: number, column: FactColumn, message: string) => {
    if (problems.length < 50) problems.push({ field: `rows.${line}.${column}`, message });
  };
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const fileSourceId = `src:import:${hash}`;
  const orgs = new Map<string, Building>();
  const rels: Partial<Record<string, RelRow[]>> = {};
  const named = new Map<string, { label: 'Agreement' | 'Collaboration'; node: NodeRow }>();
  const cited = new Map<string, number>();

  for (const row of table.rows) {
    const cell = (c: FactColumn) => undefuse(row.cells[index.get(c)!] ?? '').trim();
    const line = row.line;
    const id = cell('organisation');
    if (!id) {
      problem(line, 'organisation', 'the organisation id is missing');
      continue;
    }
    const org = orgs.get(id) ?? { id, line, name: null, aliases: [], props: {}, fields: {} };
    orgs.set(id, org);
    const kind = cell('uppgift');
    const value = cell('värde');
    const provenance = readProvenance(cell, line, problem);
    if (provenance?.sourceId) cited.set(provenance.sourceId, cited.get(provenance.sourceId) ?? line);

    const record = RECORD_BY_NAME.get(kind);
    const about = ABOUT_BY_NAME.get(kind);
    const link = LINK_BY_NAME.get(kind);
    if (record === 'name') {
      if (org.name !== null) problem(line, 'uppgift', `the organisation ${id} is named twice`);
      org.name = value;
      if (!provenance) problem(line, 'grund', 'the record needs its basis and source');
      else Object.assign(org.props, { ...provenanceProps(provenance), synthetic: cell('syntetisk') === 'ja' });
    } else if (record === 'alias') {
      org.aliases.push(value);
    } else if (record) {
      org.props[record] = value;
    } else if (about) {
      org.props[about] = value;
      if (provenance) org.fields[about as AboutField] = provenance;
    } else if (link) {
      const to = cell('värdets id');
      if (!to) {
        problem(line, 'värdets id', 'the link names no target id');
        continue;
      }
      if (!provenance) {
        problem(line, 'grund', 'the link needs its basis and source');
        continue;
      }
      const spec = ORGANISATION_LINKS[link as OrganisationLinkKind];
      const declared = RELATIONSHIPS[spec.type].properties as Record<string, unknown>;
      const props: Record<string, PropertyValue> = { ...provenanceProps(provenance), synthetic: cell('syntetisk') === 'ja' };
      if ('role' in declared) props['role'] = cell('roll') || null;
      if ('note' in declared) props['note'] = cell('anteckning') || null;
      (rels[spec.type] ??= []).push({ from: id, to, fromLabel: 'Organisation', toLabel: spec.to as NodeLabel, props });
      if (spec.to === 'Agreement' || spec.to === 'Collaboration') {
        const slag = cell('slag');
        if (!slag) problem(line, 'slag', `the ${spec.to === 'Agreement' ? 'agreement' : 'collaboration'} ${to} needs its kind`);
        else if (!named.has(to)) named.set(to, { label: spec.to, node: namedNode(spec.to, to, value, slag, fileSourceId, line, now) });
      }
    } else {
      problem(line, 'uppgift', `"${kind}" is not a kind of fact of the facts file`);
    }
  }

  const organisations: NodeRow[] = [];
  for (const o of orgs.values()) {
    if (o.name === null || !o.name) {
      problem(o.line, 'uppgift', `the organisation ${o.id} has no row naming it ("${RECORD_KIND.name}")`);
      continue;
    }
    organisations.push({
      id: o.id,
      name: o.name,
      aliases: o.aliases,
      search: searchText(o.name, o.aliases),
      contactVerifiedAt: null,
      status: null,
      ...o.props,
      fieldProvenance: stringifyFieldProvenance(o.fields),
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (problems.length) throw new ValidationError(problems);

  const batch: GraphBatch = { nodes: { Organisation: organisations }, rels: rels as GraphBatch['rels'] };
  const agreements = [...named.values()].filter((n) => n.label === 'Agreement').map((n) => n.node);
  const collaborations = [...named.values()].filter((n) => n.label === 'Collaboration').map((n) => n.node);
  if (agreements.length) batch.nodes.Agreement = agreements;
  if (collaborations.length) batch.nodes.Collaboration = collaborations;
  const date = new Date(now).toISOString().slice(0, 10);
  const fileSource: NodeRow = { id: fileSourceId, sourceId: fileSourceId, basis: 'ENTERED', confidence: 1, recordedAt: now, synthetic: false, version: 1, createdAt: now, updatedAt: now, title: fileName, kind: 'IMPORT', publisher: 'Samverkan', date, location: fileName };
  return { batch, fileSource, named: new Set(named.keys()), cited, organisations: organisations.length, rows: table.rows.length };
}

function readProvenance(cell: (c: FactColumn) => string, line: number, problem: (line: number, column: FactColumn, message: string) => void): FactProvenance | null {
  const basis = cell('grund');
  const sourceId = cell('källa');
  if (!basis && !sourceId) return null;
  if (!(BASES as readonly string[]).includes(basis)) problem(line, 'grund', `"${basis}" is not a basis (${BASES.join(', ')})`);
  if (!sourceId) problem(line, 'källa', 'the fact cites no source');
  const confidence = cell('säkerhet') === '' ? 1 : Number(cell('säkerhet'));
  if (!Number.isFinite(confidence) || confidence < 0 || confidence > 1) problem(line, 'säkerhet', `"${cell('säkerhet')}" is not a confidence between 0 and 1`);
  const rule = cell('regel');
  if (rule && !(INFERENCE_RULES as readonly string[]).includes(rule)) problem(line, 'regel', `"${rule}" is not an inference rule`);
  const recorded = cell('registrerad');
  const recordedAt = recorded ? Date.parse(recorded) : null;
  if (recordedAt !== null && Number.isNaN(recordedAt)) problem(line, 'registrerad', `"${recorded}" is not a time (ISO 8601)`);
  // In the order the model writes facts (graph/model/facts.ts), so equal facts are stored as equal text.
  return {
    sourceId,
    sourceLocator: cell('var i källan') || null,
    basis: basis as Basis,
    confidence,
    quote: cell('citat') || null,
    rule: (rule || null) as InferenceRule | null,
    recordedAt,
  };
}

function provenanceProps(p: FactProvenance): Record<string, PropertyValue> {
  return { basis: p.basis, sourceId: p.sourceId, sourceLocator: p.sourceLocator, confidence: p.confidence, quote: p.quote, rule: p.rule, recordedAt: p.recordedAt };
}

/** An agreement or collaboration the file names: what the file says of it (name and kind), citing the file. */
function namedNode(label: 'Agreement' | 'Collaboration', id: string, name: string, kind: string, sourceId: string, line: number, now: number): NodeRow {
  const base = { id, name, kind, sourceId, sourceLocator: `rad ${line}`, basis: 'STATED', confidence: 1, recordedAt: now, synthetic: false, version: 1, createdAt: now, updatedAt: now };
  return label === 'Agreement' ? { ...base, status: 'UNKNOWN', isSummary: false, search: searchText(name) } : base;
}
