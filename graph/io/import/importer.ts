/**
 * The import of a spreadsheet of organisations with their target groups, districts, agreements
 * and collaborations. Steps: read (encoding, delimiter, CSV/XLSX), map columns, validate every
 * row, resolve references, match organisations to the store (organisation number, then name:
 * name matches wait for a person's confirmation), then write all of it in one transaction, or
 * only the valid rows, as the caller chooses. Nothing is written by a dry run, and nothing in
 * all-or-nothing mode when any row is bad or any match is unconfirmed.
 *
 * Reading, validating and matching (analyse.ts) run in a worker thread (worker-pool.ts) against
 * a snapshot of the store's catalogue, so a large file never blocks the event loop; only the
 * writes run here, in batches.
 */
import type { GraphEngine, Tx } from '../../engines/port.js';
import { io, IMPORT_LINKS, type ImportLinkKind, type ImportLinkRow } from '../../cypher/statements/io.js';
import { bulkStatements } from '../../bulk/statements.js';
import { organisations as orgStatements } from '../../cypher/statements/organisations.js';
import { targetGroups as tgStatements, districts as districtStatements } from '../../cypher/statements/catalogue.js';
import type { OrganisationWrite } from '../../cypher/statements/organisations.js';
import { aboutProvenance, factOf } from '../../repo/facts.js';
import { aboutValues } from '../../repo/organisations.js';
import type { OrganisationRecord } from '../../model/records.js';
import type { Actor } from '../../repo/actor.js';
import { organisationCreate, parseInput, LIMITS, type OrganisationCreate } from '../../validation/inputs.js';
import { ValidationError } from '../../errors.js';
import { searchText } from '../../text/fold.js';
import type { Basis } from '../../model/types.js';
import type { Table } from './read-table.js';
import type { RowProblem } from './rows.js';
import type { Delimiter } from './decode.js';
import { writeAudit } from '../../repo/audit.js';
import { analyseSpreadsheet, readAndMap, SCALARS, type AnalyseOptions, type Analysis, type CatalogueData, type MatchReport, type Plan, type PlannedGroup, type TableSummary } from './analyse.js';
import { analyseInWorker, rebuildError } from './worker-pool.js';
import type { ReadLimits } from './limits.js';
import { changesOf, decided, newNames, type FieldChange, type FieldDecisions } from './changes.js';
import { looksLikeFactsFile, readFactsTable } from './facts-file.js';
import { importFacts } from './import-facts.js';
import { readCsv } from './read-csv.js';
import { READ_LIMITS } from './limits.js';
import { sources } from '../../cypher/statements/catalogue.js';
import { importRevert } from '../../cypher/statements/import-revert.js';
import { overwritten, type ImportUndo } from './undo.js';

export type { MatchReport } from './analyse.js';

export type ImportMode = 'all' | 'valid';

export interface ImportOptions {
  fileName?: string;
  /** `all`: every row or nothing. `valid`: the valid rows, the others reported. */
  mode?: ImportMode;
  dryRun?: boolean;
  /** Explicit column mapping: header → field (or `ignore`). */
  map?: Record<string, string>;
  delimiter?: Delimiter;
  /** STATED: the file states the facts (a list from an administration). ENTERED: a person's own data. */
  basis?: Extract<Basis, 'STATED' | 'ENTERED'>;
  /** Apply every proposed name match (the best candidate of each row). */
  acceptMatches?: boolean;
  /** A person's decisions on proposed matches, by row number: an organisation id, or `new`. */
  decisions?: Record<number, string>;
  /** A person's decisions on the fields of matched organisations (keep, replace, add as alias); KEEP for a stored value by default. */
  fieldDecisions?: FieldDecisions;
  actor?: Actor;
  onProgress?: (p: ImportProgress) => void;
  /** Rows of the preview (the first rows as mapped). */
  previewRows?: number;
  limits?: ReadLimits;
  /** Cancels the reading and validation (the worker is terminated) and anything not yet written. */
  signal?: AbortSignal;
  /** Read and validate in this thread instead of a worker thread (tests of the analysis itself). */
  inProcess?: boolean;
}

export interface ImportProgress {
  phase: 'read' | 'validate' | 'match' | 'write' | 'done';
  done: number;
  total: number;
}

export interface ImportReport {
  file: { name: string | null; format: Table['format']; encoding: Table['encoding']; delimiter: Table['delimiter']; rows: number };
  mode: ImportMode;
  dryRun: boolean;
  basis: Basis;
  mapping: Analysis['mapping'];
  preview: Record<string, unknown>[];
  /** Every problem, by row and column. */
  errors: RowProblem[];
  /** Rows skipped without being wrong (exact duplicates). */
  warnings: RowProblem[];
  matches: MatchReport[];
  /** For every matched organisation, each field the import would change (or did): before, after, the decision. */
  changes: FieldChange[];
  summary: {
    rows: number;
    validRows: number;
    invalidRows: number;
    duplicateRows: number;
    pendingRows: number;
    /** Rows whose facts were (or in a dry run, would be) written. */
    importedRows: number;
    organisationsCreated: number;
    organisationsUpdated: number;
    /** Existing organisations a person entered: an import that is not a person's entry leaves their details. */
    organisationsKept: number;
    agreementsCreated: number;
    collaborationsCreated: number;
    links: number;
  };
  committed: boolean;
  /** Why nothing was written, when nothing was. */
  notCommittedBecause: string | null;
  sourceId: string;
  /** The audit record written with the import (who imported which file, with what result), when it committed. */
  auditId: string | null;
  ms: number;
}

/** Rows per write statement: small enough that one batch is a short step for the event loop. */
const WRITE_BATCH = 500;
const LINK_BATCH = 1000;

/** Lets other requests in between two batches of a long import. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Links of existing organisations above which the import reads which exist, to leave unchanged ones alone. */
const EXISTING_SCAN = 500;

export async function importSpreadsheet(engine: GraphEngine, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  if (looksLikeFactsFile(bytes)) return (await importFactsFile(engine, bytes, options, started)).report;
  const catalogue = await loadCatalogue(engine);
  options.signal?.throwIfAborted();
  const progress = options.onProgress ?? (() => undefined);
  // The plan crosses from the worker: a dry run shows the changes it would make.
  const analysis = options.inProcess ? await analyseSpreadsheet(bytes, catalogue, analyseOptions(options), progress) : (await inWorker(bytes, catalogue, options, false, true)).analysis!;
  return finish(engine, analysis, options, started);
}

export interface ImportPreview {
  /** The file as read. */
  table: TableSummary;
  /** The mapping's problems, when the file's columns cannot be mapped as asked (then there is no report). */
  mappingError: ValidationError | null;
  /** The dry run. */
  report: ImportReport | null;
}

/** What a preview shows: the file as read, and a dry run of the import, or why its columns cannot be mapped. */
export async function previewImport(engine: GraphEngine, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportPreview> {
  const started = performance.now();
  if (looksLikeFactsFile(bytes)) {
    const { table, report } = await importFactsFile(engine, bytes, { ...options, dryRun: true }, started);
    return { table, mappingError: null, report };
  }
  const catalogue = await loadCatalogue(engine);
  options.signal?.throwIfAborted();
  // The plan comes back so the preview can show each matched organisation's fields before and after.
  const answer = await inWorker(bytes, catalogue, options, true, true);
  if (!answer.analysis) {
    const error = answer.mappingError ? rebuildError(answer.mappingError) : null;
    if (!(error instanceof ValidationError)) throw error ?? new Error('the preview found neither a mapping nor its problem');
    return { table: answer.table, mappingError: error, report: null };
  }
  return { table: answer.table, mappingError: null, report: await finish(engine, answer.analysis, { ...options, dryRun: true }, started) };
}

function inWorker(bytes: Uint8Array, catalogue: CatalogueData, options: ImportOptions, tolerateMapping: boolean, withPlan: boolean) {
  return analyseInWorker({ bytes, catalogue, options: analyseOptions(options), tolerateMapping, withPlan }, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
}

/** Writes what the analysis planned (unless it is a dry run or the mode forbids it) and reports. */
async function finish(engine: GraphEngine, analysis: Analysis, options: ImportOptions, started: number): Promise<ImportReport> {
  const progress = options.onProgress ?? (() => undefined);
  const mode = options.mode ?? 'all';
  const basis = options.basis ?? 'STATED';
  const actor = options.actor ?? { id: 'import', displayName: 'Import' };
  const { plan, counts, sourceId, errors, warnings, matches } = analysis;
  const importedRows = analysis.importedRows;

  let notCommittedBecause: string | null = null;
  if (options.dryRun) notCommittedBecause = 'dry run';
  else if (mode === 'all' && analysis.invalidRows) notCommittedBecause = `${analysis.invalidRows} row(s) have errors and the mode is all-or-nothing`;
  else if (mode === 'all' && analysis.pendingRows) notCommittedBecause = `${analysis.pendingRows} row(s) match existing organisations by name and await confirmation (--accept-matches or a decisions file)`;
  else if (!importedRows) notCommittedBecause = 'no row can be imported';

  let written = { created: 0, updated: 0, kept: 0, links: 0, auditId: null as string | null };
  let changes: FieldChange[] = [];
  if (!notCommittedBecause) {
    options.signal?.throwIfAborted();
    if (!plan) throw new Error('the analysis holds no plan to write');
    const out = await commit(engine, plan, { sourceId, fileName: options.fileName ?? 'import', actor, basis, mode, progress, decisions: options.fieldDecisions });
    changes = out.changes;
    written = out;
  } else if (plan) {
    changes = await engine.read(async (tx) => {
      const current = await currentRecords(tx, [...plan.existingGroups, ...plan.proposedGroups].map((g) => g.id));
      const of = (g: PlannedGroup, proposed: boolean) => {
        const c = current.get(g.id);
        return c ? changesOf(g, c, basis).map((ch) => (proposed ? { ...ch, proposed } : ch)) : [];
      };
      return [...plan.existingGroups.flatMap((g) => of(g, false)), ...plan.proposedGroups.flatMap((g) => of(g, true))];
    });
  }
  // An organisation is updated only when a change to it applies (the person's decision, else the default).
  const wouldUpdate = new Set(changes.filter((c) => !c.proposed && decided(c, options.fieldDecisions) !== 'KEEP').map((c) => c.organisationId)).size;
  progress({ phase: 'done', done: 1, total: 1 });

  const committed = !notCommittedBecause;
  const table = analysis.table;
  return {
    file: { name: options.fileName ?? null, format: table.format, encoding: table.encoding, delimiter: table.delimiter, rows: table.rowCount },
    mode,
    dryRun: options.dryRun ?? false,
    basis,
    mapping: analysis.mapping,
    preview: analysis.preview,
    errors,
    warnings,
    matches,
    changes,
    summary: {
      rows: table.rowCount,
      validRows: table.rowCount - analysis.invalidRows - analysis.duplicateRows,
      invalidRows: analysis.invalidRows,
      duplicateRows: analysis.duplicateRows,
      pendingRows: analysis.pendingRows,
      importedRows: committed || options.dryRun ? importedRows : 0,
      organisationsCreated: committed ? written.created : options.dryRun ? counts.creates : 0,
      organisationsUpdated: committed ? written.updated : options.dryRun ? wouldUpdate : 0,
      organisationsKept: written.kept,
      agreementsCreated: committed || options.dryRun ? counts.newAgreements : 0,
      collaborationsCreated: committed || options.dryRun ? counts.newCollaborations : 0,
      links: committed ? written.links : options.dryRun ? counts.linkCount : 0,
    },
    committed,
    notCommittedBecause,
    sourceId,
    auditId: written.auditId,
    ms: Math.round(performance.now() - started),
  };
}

/** Reads a spreadsheet and maps its columns without touching the store: what a preview shows first. */
export async function previewSpreadsheet(bytes: Uint8Array, options: Pick<ImportOptions, 'fileName' | 'map' | 'delimiter' | 'limits'> = {}) {
  const { table, mapping, mappingError } = await readAndMap(bytes, options);
  if (!mapping) throw mappingError;
  return {
    file: { format: table.format, encoding: table.encoding, delimiter: table.delimiter, rows: table.rows.length },
    mapping: mapping.columns.map((c) => ({ column: c.header, field: c.field, how: c.how })),
    rows: table.rows.slice(0, 10).map((r) => ({ line: r.line, cells: r.cells })),
  };
}

/** The analysis options an import passes on (everything the worker needs, nothing it cannot clone). */
function analyseOptions(options: ImportOptions): AnalyseOptions {
  const out: AnalyseOptions = {};
  if (options.fileName !== undefined) out.fileName = options.fileName;
  if (options.map !== undefined) out.map = options.map;
  if (options.delimiter !== undefined) out.delimiter = options.delimiter;
  if (options.basis !== undefined) out.basis = options.basis;
  if (options.acceptMatches !== undefined) out.acceptMatches = options.acceptMatches;
  if (options.decisions !== undefined) out.decisions = options.decisions;
  if (options.previewRows !== undefined) out.previewRows = options.previewRows;
  if (options.limits !== undefined) out.limits = options.limits;
  return out;
}

/** What the analysis needs of the store, as plain data a worker can be given. */
export async function loadCatalogue(engine: GraphEngine): Promise<CatalogueData> {
  return engine.read(async (tx) => {
    const orgs = await tx.run(io.organisationKeys, {});
    const tgs = await tx.run(tgStatements.all, {});
    const ds = await tx.run(districtStatements.byKind, { kind: '' });
    const ags = await tx.run(io.agreementKeys, {});
    const cols = await tx.run(io.collaborationKeys, {});
    return {
      organisations: orgs.map((o) => ({ id: o.id, name: o.name, aliases: o.aliases ?? [], orgNumber: o.orgNumber })),
      targetGroups: tgs.map(({ tg }) => ({ id: tg.id, name: tg.name, nameEn: tg.nameEn ?? null, synonyms: tg.synonyms ?? [] })),
      districts: ds.map(({ district: d }) => ({ id: d.id, name: d.name, kind: d.kind })),
      agreements: ags.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
      collaborations: cols.map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
    };
  });
}

async function commit(
  engine: GraphEngine,
  plan: Plan,
  ctx: { sourceId: string; fileName: string; actor: Actor; basis: Basis; mode: ImportMode; progress: (p: ImportProgress) => void; decisions: FieldDecisions | undefined },
): Promise<{ created: number; updated: number; kept: number; links: number; auditId: string; changes: FieldChange[] }> {
  const total = plan.newGroups.length + plan.existingGroups.length + plan.linkCount;
  let done = 0;
  const tick = (n: number) => ctx.progress({ phase: 'write', done: (done += n), total });
  return engine.write(async (tx) => {
    const now = Date.now();
    // What the revert of this import needs beyond what it reports (graph/repo/import-revert.ts).
    const undo: ImportUndo = { sourceCreated: false, linksAdded: {} };
    if (plan.newAgreements.length) await tx.run(io.createAgreements, { rows: plan.newAgreements, now });
    if (plan.newCollaborations.length) await tx.run(io.createCollaborations, { rows: plan.newCollaborations, now });

    const { existingGroups, newGroups } = plan;
    // Each batch's rows are built just before it is written, so the work is spread between the
    // writes instead of being one long step on the event loop.
    let created = 0;
    for (let i = 0; i < newGroups.length; i += WRITE_BATCH) {
      const rows = newGroups.slice(i, i + WRITE_BATCH).map((g, j) => toWrite(g, null, ctx, i + j));
      const [r] = await tx.run(io.createOrganisations, { rows, now });
      created += r?.n ?? 0;
      tick(rows.length);
      await yieldToEventLoop();
    }
    let updated = 0;
    const changes: FieldChange[] = [];
    const updatedIds: string[] = [];
    const aliasesAdded = new Map<string, string[]>();
    // The properties the write overwrites with another value, as they were: the revert writes them back.
    const previous = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < existingGroups.length; i += WRITE_BATCH) {
      const batch = existingGroups.slice(i, i + WRITE_BATCH);
      const current = await currentRecords(tx, batch.map((g) => g.id));
      const rows: Omit<OrganisationWrite, 'now'>[] = [];
      batch.forEach((g, j) => {
        const c = current.get(g.id);
        if (!c) return;
        const mine = changesOf(g, c, ctx.basis);
        changes.push(...mine.map((ch) => ({ ...ch, decision: decided(ch, ctx.decisions) })));
        // Only what a decision (or the default: filling an empty field) applies is written; an organisation nothing applies to is left untouched.
        const applied = mine.filter((ch) => decided(ch, ctx.decisions) !== 'KEEP');
        if (!applied.length) return;
        rows.push(toWrite(g, c, ctx, i + j, new Set(applied.map((ch) => ch.field))));
        if (applied.some((ch) => ch.field === 'name')) aliasesAdded.set(g.id, newNames(g, c));
        updatedIds.push(g.id);
      });
      if (rows.length) {
        const state = new Map((await tx.run(importRevert.organisationState, { ids: rows.map((r) => r.id) })).map((r) => [r.id, r.props]));
        for (const r of rows) previous.set(r.id, overwritten(state.get(r.id) ?? {}, r));
        const out = await tx.run(orgStatements.upsertMany, { rows, now });
        updated += out.length;
      }
      tick(batch.length);
      await yieldToEventLoop();
    }

    // Links of new organisations are created. Of an existing organisation's links, those it lacks are
    // created; one it holds already keeps its provenance and role: the file corroborates it, and an
    // inferred link never becomes stated by being exported and imported again.
    let links = 0;
    let linksCreated = 0;
    for (const kind of Object.keys(IMPORT_LINKS) as ImportLinkKind[]) {
      const missing = await linksMissing(tx, kind, plan.mergeLinks[kind]);
      // The revert removes the links this import added to organisations that existed before it.
      if (missing.length) undo.linksAdded[kind] = missing.map((l) => [l.from, l.to]);
      links += plan.mergeLinks[kind].length - missing.length;
      tick(plan.mergeLinks[kind].length - missing.length);
      for (const list of [plan.freshLinks[kind], missing]) {
        for (let i = 0; i < list.length; i += LINK_BATCH) {
          const [r] = await tx.run(io.createLinks[kind], { rows: list.slice(i, i + LINK_BATCH), now });
          links += r?.n ?? 0;
          linksCreated += r?.n ?? 0;
          tick(Math.min(LINK_BATCH, list.length - i));
          await yieldToEventLoop();
        }
      }
    }
    // The file becomes a source only when a fact cites it: an import that changed nothing adds no node.
    if (created + updated + linksCreated + plan.newAgreements.length + plan.newCollaborations.length > 0) {
      undo.sourceCreated = !(await tx.run(sources.byIds, { ids: [ctx.sourceId] })).length;
      await tx.run(io.ensureImportSource, {
        id: ctx.sourceId,
        title: ctx.fileName,
        location: ctx.fileName,
        date: new Date(now).toISOString().slice(0, 10),
        // The platform publishes the import's facts; who imported the file is in the audit record, not on every public source.
        publisher: 'Samverkan',
        now,
      });
    }
    const kept = existingGroups.length - updated;
    // One record for the whole import, in its transaction: who imported which file, and what it touched.
    const auditId = await writeAudit(tx, {
      actor: ctx.actor,
      action: 'IMPORT',
      entityType: 'Import',
      entityId: ctx.sourceId,
      before: null,
      after: {
        file: ctx.fileName,
        mode: ctx.mode,
        basis: ctx.basis,
        organisationsCreated: created,
        organisationsUpdated: updated,
        organisationsKept: kept,
        links,
        created: newGroups.map((g) => g.id),
        updated: updatedIds,
        touched: existingGroups.map((g) => g.id),
        changes: changes.map((c) => ({ organisationId: c.organisationId, field: c.field, before: c.before, after: c.after, decision: decided(c, ctx.decisions) })),
        agreementsCreated: plan.newAgreements.map((a) => a.id),
        collaborationsCreated: plan.newCollaborations.map((c) => c.id),
        undo,
      },
    });
    // The import in the history of every existing organisation whose details it changed, in the same
    // transaction: what it proposed for each field and what was decided, pointing at the import's own
    // record. (An organisation it left as it was gets no record: writing one would touch it.)
    const byOrg = new Map<string, FieldChange[]>();
    for (const c of changes) byOrg.set(c.organisationId, [...(byOrg.get(c.organisationId) ?? []), c]);
    const changedIds = new Set(updatedIds);
    for (const g of existingGroups) {
      if (!changedIds.has(g.id)) continue;
      const mine = byOrg.get(g.id) ?? [];
      const applied = mine.filter((c) => c.decision !== 'KEEP');
      await writeAudit(tx, {
        actor: ctx.actor,
        action: 'IMPORT',
        entityType: 'Organisation',
        entityId: g.id,
        before: applied.length ? Object.fromEntries(applied.map((c) => [c.field, c.before])) : null,
        after: {
          import: auditId,
          aliasesAdded: aliasesAdded.get(g.id) ?? [],
          file: ctx.fileName,
          sourceId: ctx.sourceId,
          rows: g.locator,
          changes: mine.map((c) => ({ field: c.field, before: c.before, after: c.after, decision: c.decision })),
          // What the whole import did, for the history's offer to revert all of it.
          importCounts: { organisationsCreated: created, organisationsUpdated: updated, links },
          previous: previous.get(g.id) ?? {},
        },
      });
    }
    return { created, updated, kept, links, auditId, changes };
  });
}

/**
 * The links of existing organisations that the store does not hold yet, each pair once: looked up
 * pair by pair, or by one scan of the type when there are many.
 */
async function linksMissing(tx: Tx, kind: ImportLinkKind, rows: ImportLinkRow[]): Promise<ImportLinkRow[]> {
  const unique = [...new Map(rows.map((r) => [`${r.from}|${r.to}`, r])).values()];
  if (!unique.length) return [];
  const have = new Set<string>();
  if (unique.length > EXISTING_SCAN) {
    for (const r of await tx.run(io.existingLinks[kind], {})) have.add(`${r.from}|${r.to}`);
  } else {
    const { type, to } = IMPORT_LINKS[kind];
    const existing = bulkStatements.relsExisting[`${type}:Organisation:${to}`]!;
    for (const r of await tx.run(existing, { pairs: unique.map((u) => ({ from: u.from, to: u.to })) })) have.add(`${r.from}|${r.to}`);
  }
  return unique.filter((r) => !have.has(`${r.from}|${r.to}`));
}

/** A facts file (the long-format export): each fact with the provenance the file gives it; what the store lacks is added. */
async function importFactsFile(engine: GraphEngine, bytes: Uint8Array, options: ImportOptions, started: number): Promise<{ table: TableSummary; report: ImportReport }> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ phase: 'read', done: 0, total: 1 });
  const table = await readCsv(bytes, options.limits ?? READ_LIMITS, options.delimiter);
  options.signal?.throwIfAborted();
  const fileName = options.fileName ?? 'import';
  const facts = readFactsTable(table, bytes, fileName);
  progress({ phase: 'write', done: 0, total: 1 });
  const dryRun = options.dryRun ?? false;
  const written = await importFacts(engine, facts, { dryRun, actor: options.actor ?? { id: 'import', displayName: 'Import' }, fileName });
  progress({ phase: 'done', done: 1, total: 1 });
  const summary: TableSummary = { format: table.format, encoding: table.encoding, delimiter: table.delimiter, headers: table.headers, rowCount: table.rows.length, rows: table.rows.slice(0, options.previewRows ?? 10) };
  const report: ImportReport = {
    file: { name: options.fileName ?? null, format: table.format, encoding: table.encoding, delimiter: table.delimiter, rows: table.rows.length },
    mode: 'all',
    dryRun,
    basis: 'STATED',
    mapping: [],
    preview: [],
    errors: [],
    warnings: [],
    matches: [],
    changes: [],
    summary: {
      rows: facts.rows,
      validRows: facts.rows,
      invalidRows: 0,
      duplicateRows: 0,
      pendingRows: 0,
      importedRows: facts.rows,
      organisationsCreated: written.organisationsCreated,
      organisationsUpdated: 0,
      organisationsKept: facts.organisations - written.organisationsCreated,
      agreementsCreated: written.agreementsCreated,
      collaborationsCreated: written.collaborationsCreated,
      links: written.links,
    },
    committed: !dryRun,
    notCommittedBecause: dryRun ? 'dry run' : null,
    sourceId: facts.fileSource.id,
    auditId: written.auditId,
    ms: Math.round(performance.now() - started),
  };
  return { table: summary, report };
}

async function currentRecords(tx: Tx, ids: string[]): Promise<Map<string, OrganisationRecord>> {
  const out = new Map<string, OrganisationRecord>();
  for (let i = 0; i < ids.length; i += WRITE_BATCH) {
    for (const r of await tx.run(orgStatements.byIds, { ids: ids.slice(i, i + WRITE_BATCH) })) out.set(r.org.id, r.org);
  }
  return out;
}

/**
 * The organisation as it is written: an existing one keeps its name and every detail the file
 * does not give (the file's names become aliases); a new one is what the file says.
 */
function toWrite(g: PlannedGroup, current: OrganisationRecord | null, ctx: { sourceId: string; basis: Basis }, index: number, apply: Set<string> = new Set()): Omit<OrganisationWrite, 'now'> {
  let data: OrganisationCreate = g.data;
  if (current) {
    // The file's names become aliases only when a person chose it; its values replace only the fields decided (or empty ones).
    const aliases = [...(current.aliases ?? []), ...(apply.has('name') ? newNames(g, current) : [])].slice(0, LIMITS.aliases);
    const keep = <K extends (typeof SCALARS)[number]>(k: K) => (apply.has(k) && g.data[k] != null ? g.data[k] : current[k]);
    data = parseInput(
      organisationCreate,
      {
        name: current.name,
        aliases,
        orgNumber: keep('orgNumber'),
        legalForm: keep('legalForm'),
        description: keep('description'),
        website: keep('website'),
        email: keep('email'),
        phone: keep('phone'),
        address: keep('address'),
        contactVerifiedAt: current.contactVerifiedAt,
      },
      `rows[${index}]`,
    );
  }
  const aliases = [...new Set((data.aliases ?? []).filter((a) => a !== data.name))].slice(0, LIMITS.aliases);
  const locator = g.locator.slice(0, LIMITS.shortText);
  // The facts the file gives cite the file's row; those it leaves keep their own provenance.
  const fieldProvenance = aboutProvenance(
    aboutValues({ ...data, status: current?.status ?? null, statusSince: current?.statusSince ?? null }),
    factOf({ sourceId: ctx.sourceId, sourceLocator: locator, basis: ctx.basis }, null),
    current ? { values: aboutValues(current), fieldProvenance: current.fieldProvenance } : null,
  );
  return {
    id: g.id,
    name: data.name,
    aliases,
    search: searchText(data.name, aliases),
    orgNumber: data.orgNumber ?? null,
    legalForm: data.legalForm ?? null,
    description: data.description ?? null,
    website: data.website ?? null,
    email: data.email ?? null,
    phone: data.phone ?? null,
    address: data.address ?? null,
    contactVerifiedAt: data.contactVerifiedAt ?? null,
    status: current?.status ?? null,
    statusSince: current?.statusSince ?? null,
    fieldProvenance,
    sourceId: ctx.sourceId,
    sourceLocator: locator,
    basis: ctx.basis,
    confidence: 1,
    synthetic: false,
  };
}

export { ValidationError };
