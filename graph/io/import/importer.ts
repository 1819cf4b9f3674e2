/**
 * The import of a spreadsheet of organisations with their target groups, districts, agreements
 * and collaborations. Steps: read (encoding, delimiter, CSV/XLSX), map columns, validate every
 * row, resolve references, match organisations to the store (organisation number, then name:
 * name matches wait for a person's confirmation), then write all of it in one transaction, or
 * only the valid rows, as the caller chooses. Nothing is written by a dry run, and nothing in
 * all-or-nothing mode when any row is bad or any match is unconfirmed.
 */
import { createHash } from 'node:crypto';
import type { GraphEngine, Tx } from '../../engines/port.js';
import { io, IMPORT_LINKS, type ImportLinkKind, type ImportLinkRow, type ImportNodeRow } from '../../cypher/statements/io.js';
import { organisations as orgStatements } from '../../cypher/statements/organisations.js';
import { targetGroups as tgStatements, districts as districtStatements } from '../../cypher/statements/catalogue.js';
import type { OrganisationWrite } from '../../cypher/statements/organisations.js';
import { aboutProvenance, factOf } from '../../repo/facts.js';
import { aboutValues } from '../../repo/organisations.js';
import type { OrganisationRecord } from '../../repo/records.js';
import type { Actor } from '../../repo/actor.js';
import { organisationCreate, parseInput, LIMITS, type OrganisationCreate } from '../../validation/inputs.js';
import { ValidationError } from '../../errors.js';
import { fold, searchText } from '../../text/fold.js';
import { slug } from '../../repo/ids.js';
import type { Basis } from '../../model/types.js';
import { readTable, type Table } from './read-table.js';
import { mapColumns, type ColumnMapping, type ImportField } from './columns.js';
import { parseRow, rowProblem, type ParsedRow, type RowProblem, type RowReferences } from './rows.js';
import { shown } from './problems.js';
import { OrganisationMatcher, type MatchCandidate, type MatchReason } from './match.js';
import { Resolver } from './references.js';
import type { Delimiter } from './decode.js';
import { writeAudit } from '../../repo/audit.js';

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  actor?: Actor;
  onProgress?: (p: ImportProgress) => void;
  /** Rows of the preview (the first rows as mapped). */
  previewRows?: number;
}

export interface ImportProgress {
  phase: 'read' | 'validate' | 'match' | 'write' | 'done';
  done: number;
  total: number;
}

export interface MatchReport {
  line: number;
  name: string;
  orgNumber: string | null;
  reason: MatchReason;
  candidates: MatchCandidate[];
  /** applied: organisation number or id (certain); confirmed/new: a person decided; pending: awaits a decision. */
  status: 'applied' | 'confirmed' | 'new' | 'pending';
  organisationId: string | null;
}

export interface ImportReport {
  file: { name: string | null; format: Table['format']; encoding: Table['encoding']; delimiter: Table['delimiter']; rows: number };
  mode: ImportMode;
  dryRun: boolean;
  basis: Basis;
  mapping: { column: string; field: ImportField | null; how: ColumnMapping['columns'][number]['how'] }[];
  preview: Record<string, unknown>[];
  /** Every problem, by row and column. */
  errors: RowProblem[];
  /** Rows skipped without being wrong (exact duplicates). */
  warnings: RowProblem[];
  matches: MatchReport[];
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

interface Group {
  /** Existing organisation to update, or null for a new one. */
  existingId: string | null;
  rows: ParsedRow[];
}

const WRITE_BATCH = 1000;
const LINK_BATCH = 2000;
/** Links of existing organisations above which the import reads which exist, to leave unchanged ones alone. */
const EXISTING_SCAN = 500;

export async function importSpreadsheet(engine: GraphEngine, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const mode = options.mode ?? 'all';
  const basis = options.basis ?? 'STATED';
  const actor = options.actor ?? { id: 'import', displayName: 'Import' };

  progress({ phase: 'read', done: 0, total: 1 });
  const table = await readTable(bytes, { ...(options.fileName ? { fileName: options.fileName } : {}), ...(options.delimiter ? { delimiter: options.delimiter } : {}) });
  const mapping = mapColumns(table.headers, options.map ?? {});
  progress({ phase: 'read', done: 1, total: 1 });

  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const sourceId = `src:import:${hash}`;
  const errors: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const catalogue = await loadCatalogue(engine);

  // Validate every row.
  const valid: ParsedRow[] = [];
  const firstByFingerprint = new Map<string, number>();
  let duplicateRows = 0;
  for (const [i, raw] of table.rows.entries()) {
    const { row, references, problems } = parseRow(raw, mapping, table.headers);
    errors.push(...problems);
    if (!row) errors.push(...resolveReferences(references, catalogue, mapping, table.headers));
    else {
      const first = firstByFingerprint.get(row.fingerprint);
      if (first !== undefined) {
        warnings.push(rowProblem(row.line, '', 'row', { code: 'DUPLICATE_ROW', values: { row: first } }));
        duplicateRows++;
      } else {
        firstByFingerprint.set(row.fingerprint, row.line);
        const refProblems = resolveReferences(row, catalogue, mapping, table.headers);
        if (refProblems.length) errors.push(...refProblems);
        else valid.push(row);
      }
    }
    if (i % 500 === 0) {
      progress({ phase: 'validate', done: i, total: table.rows.length });
      // A server polling the progress of a large file answers between slices.
      await yieldToEventLoop();
    }
  }
  progress({ phase: 'validate', done: table.rows.length, total: table.rows.length });

  // Match to existing organisations and group the rows about one organisation.
  const matcher = new OrganisationMatcher(catalogue.organisations);
  const existingIds = new Set(catalogue.organisations.map((o) => o.id));
  const matches: MatchReport[] = [];
  const groups = new Map<string, Group>();
  const pending = new Set<number>();
  for (const [i, row] of valid.entries()) {
    const target = matchRow(row, matcher, existingIds, options, matches);
    if (target === 'pending') pending.add(row.line);
    else {
      const key = target ?? `new:${row.organisation.orgNumber ?? fold(row.organisation.name)}`;
      const g = groups.get(key) ?? { existingId: target, rows: [] };
      g.rows.push(row);
      groups.set(key, g);
    }
    if (i % 500 === 0) {
      progress({ phase: 'match', done: i, total: valid.length });
      await yieldToEventLoop();
    }
  }
  progress({ phase: 'match', done: valid.length, total: valid.length });

  // Rows about one organisation must agree on its details.
  const conflicted = new Set<number>();
  for (const g of groups.values()) for (const p of conflicts(g.rows, mapping, table.headers)) {
    errors.push(p);
    conflicted.add(p.line);
  }
  const invalidLines = new Set(errors.map((e) => e.line));
  for (const g of groups.values()) g.rows = g.rows.filter((r) => !conflicted.has(r.line));

  const importable = [...groups.values()].filter((g) => g.rows.length);
  const importedRows = importable.reduce((n, g) => n + g.rows.length, 0);
  const plan = buildPlan(importable, catalogue, existingIds, sourceId, basis);

  let notCommittedBecause: string | null = null;
  if (options.dryRun) notCommittedBecause = 'dry run';
  else if (mode === 'all' && invalidLines.size) notCommittedBecause = `${invalidLines.size} row(s) have errors and the mode is all-or-nothing`;
  else if (mode === 'all' && pending.size) notCommittedBecause = `${pending.size} row(s) match existing organisations by name and await confirmation (--accept-matches or a decisions file)`;
  else if (!importedRows) notCommittedBecause = 'no row can be imported';

  let written = { created: 0, updated: 0, kept: 0, links: 0, auditId: null as string | null };
  if (!notCommittedBecause) {
    written = await commit(engine, plan, { sourceId, fileName: options.fileName ?? 'import', actor, basis, mode, progress });
  }
  progress({ phase: 'done', done: 1, total: 1 });

  const preview = valid.slice(0, options.previewRows ?? 10).map((r) => ({
    line: r.line,
    ...Object.fromEntries(Object.entries(r.organisation).filter(([, v]) => v !== null && v !== undefined)),
    ...(r.targetGroups.length ? { targetGroups: r.targetGroups } : {}),
    ...(r.districts.length ? { districts: r.districts } : {}),
    ...(r.agreements.length ? { agreements: r.agreements } : {}),
    ...(r.collaborations.length ? { collaborations: r.collaborations } : {}),
  }));
  const committed = !notCommittedBecause;
  errors.sort((a, b) => a.line - b.line);
  return {
    file: { name: options.fileName ?? null, format: table.format, encoding: table.encoding, delimiter: table.delimiter, rows: table.rows.length },
    mode,
    dryRun: options.dryRun ?? false,
    basis,
    mapping: mapping.columns.map((c) => ({ column: c.header, field: c.field, how: c.how })),
    preview,
    errors,
    warnings,
    matches,
    summary: {
      rows: table.rows.length,
      validRows: table.rows.length - invalidLines.size - duplicateRows,
      invalidRows: invalidLines.size,
      duplicateRows,
      pendingRows: pending.size,
      importedRows: committed || options.dryRun ? importedRows : 0,
      organisationsCreated: committed ? written.created : options.dryRun ? plan.creates : 0,
      organisationsUpdated: committed ? written.updated : options.dryRun ? plan.updates : 0,
      organisationsKept: written.kept,
      agreementsCreated: committed || options.dryRun ? plan.newAgreements.length : 0,
      collaborationsCreated: committed || options.dryRun ? plan.newCollaborations.length : 0,
      links: committed ? written.links : options.dryRun ? plan.linkCount : 0,
    },
    committed,
    notCommittedBecause,
    sourceId,
    auditId: written.auditId,
    ms: Math.round(performance.now() - started),
  };
}

/** Reads a spreadsheet and maps its columns without touching the store: what a preview shows first. */
export async function previewSpreadsheet(bytes: Uint8Array, options: Pick<ImportOptions, 'fileName' | 'map' | 'delimiter'> = {}) {
  const table = await readTable(bytes, { ...(options.fileName ? { fileName: options.fileName } : {}), ...(options.delimiter ? { delimiter: options.delimiter } : {}) });
  const mapping = mapColumns(table.headers, options.map ?? {});
  return {
    file: { format: table.format, encoding: table.encoding, delimiter: table.delimiter, rows: table.rows.length },
    mapping: mapping.columns.map((c) => ({ column: c.header, field: c.field, how: c.how })),
    rows: table.rows.slice(0, 10).map((r) => ({ line: r.line, cells: r.cells })),
  };
}

// ---------------------------------------------------------------------------------------------

interface Catalogue {
  organisations: { id: string; name: string; aliases: string[]; orgNumber: string | null }[];
  targetGroups: Resolver;
  districts: Resolver;
  agreements: Resolver;
  collaborations: Resolver;
  agreementKinds: Map<string, string>;
}

async function loadCatalogue(engine: GraphEngine): Promise<Catalogue> {
  return engine.read(async (tx) => {
    const orgs = await tx.run(io.organisationKeys, {});
    const tgs = await tx.run(tgStatements.all, {});
    const ds = await tx.run(districtStatements.byKind, { kind: '' });
    const ags = await tx.run(io.agreementKeys, {});
    const cols = await tx.run(io.collaborationKeys, {});
    return {
      organisations: orgs.map((o) => ({ id: o.id, name: o.name, aliases: o.aliases ?? [], orgNumber: o.orgNumber })),
      targetGroups: new Resolver(tgs.map(({ tg }) => ({ id: tg.id, names: [tg.name, tg.nameEn ?? ''] }))),
      // A name that is several districts means the largest of them below the region (ids tell them apart).
      districts: new Resolver(
        ds.map(({ district: d }) => ({ id: d.id, names: [d.name], detail: d.kind })),
        ['MUNICIPALITY', 'STADSDELSOMRADE', 'STADSDEL'],
      ),
      agreements: new Resolver(ags.map((a) => ({ id: a.id, names: [a.name], detail: a.kind }))),
      collaborations: new Resolver(cols.map((c) => ({ id: c.id, names: [c.name], detail: c.kind }))),
      agreementKinds: new Map(ags.map((a) => [a.id, a.kind])),
    };
  });
}

/** Checks target groups and districts exist (by id or name) and that agreement and collaboration names are unambiguous. */
function resolveReferences(row: RowReferences, catalogue: Catalogue, mapping: ColumnMapping, headers: readonly string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const column = (f: ImportField) => headers[mapping.fields[f]?.[0] ?? -1] ?? f;
  const check = (field: 'targetGroups' | 'districts' | 'agreements' | 'collaborations', resolver: Resolver, mustExist: boolean) => {
    for (const item of row[field]) {
      const r = resolver.resolve(item);
      if (r.ok) continue;
      if ('ambiguous' in r) problems.push(rowProblem(row.line, column(field), field, { code: 'AMBIGUOUS_REFERENCE', values: { value: shown(item), candidates: r.ambiguous } }));
      else if (mustExist) problems.push(rowProblem(row.line, column(field), field, { code: 'UNKNOWN_REFERENCE', values: { value: shown(item), suggestions: r.hint } }));
    }
  };
  check('targetGroups', catalogue.targetGroups, true);
  check('districts', catalogue.districts, true);
  check('agreements', catalogue.agreements, false);
  check('collaborations', catalogue.collaborations, false);
  return problems;
}

/** The existing organisation a row is about (null: a new one), or 'pending' while a name match awaits confirmation. */
function matchRow(row: ParsedRow, matcher: OrganisationMatcher, existingIds: Set<string>, options: ImportOptions, out: MatchReport[]): string | null | 'pending' {
  const o = row.organisation;
  const orgNumber = o.orgNumber ?? null;
  if (row.id && existingIds.has(row.id)) {
    out.push({ line: row.line, name: o.name, orgNumber, reason: 'id', candidates: [], status: 'applied', organisationId: row.id });
    return row.id;
  }
  if (row.id) return null;
  if (orgNumber) {
    const hit = matcher.byOrgNumber(orgNumber);
    if (hit) {
      out.push({ line: row.line, name: o.name, orgNumber, reason: 'orgNumber', candidates: [{ id: hit.id, name: hit.name, orgNumber: hit.orgNumber, score: 1, reason: 'orgNumber', matched: orgNumber }], status: 'applied', organisationId: hit.id });
      return hit.id;
    }
  }
  const names = [o.name, ...(o.aliases ?? [])];
  const candidates = mergeCandidates(names.map((n) => matcher.candidates(n, orgNumber)));
  if (!candidates.length) return null;
  const best = candidates[0]!;
  const decision = options.decisions?.[row.line];
  const report: MatchReport = { line: row.line, name: o.name, orgNumber, reason: best.reason, candidates, status: 'pending', organisationId: null };
  out.push(report);
  if (decision === 'new') {
    report.status = 'new';
    return null;
  }
  if (decision && existingIds.has(decision)) {
    report.status = 'confirmed';
    report.organisationId = decision;
    return decision;
  }
  if (options.acceptMatches) {
    report.status = 'confirmed';
    report.organisationId = best.id;
    return best.id;
  }
  return 'pending';
}

function mergeCandidates(lists: MatchCandidate[][]): MatchCandidate[] {
  const best = new Map<string, MatchCandidate>();
  for (const c of lists.flat()) if ((best.get(c.id)?.score ?? -1) < c.score) best.set(c.id, c);
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, 3);
}

const SCALARS = ['orgNumber', 'legalForm', 'description', 'website', 'email', 'phone', 'address'] as const;

/** Rows about one organisation may add links, but must not disagree on its details. */
function conflicts(rows: ParsedRow[], mapping: ColumnMapping, headers: readonly string[]): RowProblem[] {
  if (rows.length < 2) return [];
  const problems: RowProblem[] = [];
  const first = new Map<string, { value: unknown; line: number }>();
  for (const row of rows) {
    for (const f of SCALARS) {
      const v = row.organisation[f];
      if (v === null || v === undefined) continue;
      const seen = first.get(f);
      if (!seen) first.set(f, { value: v, line: row.line });
      else if (seen.value !== v) {
        problems.push(rowProblem(row.line, headers[mapping.fields[f]?.[0] ?? -1] ?? f, f, { code: 'CONFLICTING_VALUES', values: { value: shown(String(v)), row: seen.line, other: shown(String(seen.value)) } }));
      }
    }
  }
  return problems;
}

interface Plan {
  groups: { id: string; existing: boolean; data: OrganisationCreate; given: Set<ImportField>; names: string[]; locator: string }[];
  newAgreements: ImportNodeRow[];
  newCollaborations: ImportNodeRow[];
  links: Record<ImportLinkKind, ImportLinkRow[]>;
  creates: number;
  updates: number;
  linkCount: number;
}

function buildPlan(groups: Group[], catalogue: Catalogue, existingIds: Set<string>, sourceId: string, basis: Basis): Plan {
  const taken = new Set(existingIds);
  const freeId = (prefix: string, name: string) => {
    const base = `${prefix}:${slug(name)}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  const plan: Plan = { groups: [], newAgreements: [], newCollaborations: [], links: { targetGroups: [], districts: [], agreements: [], collaborations: [] }, creates: 0, updates: 0, linkCount: 0 };
  const newNodes = { agreements: new Map<string, string>(), collaborations: new Map<string, string>() };
  const linkKeys = new Set<string>();

  for (const g of groups) {
    const first = g.rows[0]!;
    const explicitId = first.id && !existingIds.has(first.id) ? first.id : null;
    if (explicitId) taken.add(explicitId);
    const id = g.existingId ?? explicitId ?? freeId('org', first.organisation.name);
    const data: OrganisationCreate = { ...first.organisation };
    const given = new Set<ImportField>();
    const names = new Set<string>();
    for (const row of g.rows) {
      for (const f of row.given) given.add(f);
      names.add(row.organisation.name);
      for (const a of row.organisation.aliases ?? []) names.add(a);
      for (const f of SCALARS) if (data[f] == null && row.organisation[f] != null) (data as Record<string, unknown>)[f] = row.organisation[f];
    }
    data.aliases = [...names].filter((n) => n !== data.name);
    plan.groups.push({ id, existing: g.existingId !== null, data, given, names: [...names], locator: g.rows.map((r) => `rad ${r.line}`).join(', ') });
    if (g.existingId) plan.updates++;
    else plan.creates++;

    for (const row of g.rows) {
      const locator = `rad ${row.line}`;
      const add = (kind: ImportLinkKind, to: string, role = '') => {
        const key = `${kind}|${id}|${to}`;
        if (linkKeys.has(key)) return;
        linkKeys.add(key);
        plan.links[kind].push({ from: id, to, sourceId, sourceLocator: locator, basis, role });
      };
      for (const t of row.targetGroups) add('targetGroups', (catalogue.targetGroups.resolve(t) as { id: string }).id);
      for (const d of row.districts) add('districts', (catalogue.districts.resolve(d) as { id: string }).id);
      for (const a of row.agreements) {
        const r = catalogue.agreements.resolve(a);
        let target = r.ok ? r.id : newNodes.agreements.get(fold(a));
        if (!target) {
          target = freeId('agr', a);
          newNodes.agreements.set(fold(a), target);
          plan.newAgreements.push({ id: target, name: a, kind: row.agreementKind ?? 'OTHER', search: searchText(a), sourceId, sourceLocator: locator, basis });
        }
        const kind = r.ok ? catalogue.agreementKinds.get(r.id) : row.agreementKind;
        add('agreements', target, row.agreementRole ?? (kind === 'GRANT' ? 'RECIPIENT' : 'PARTY'));
      }
      for (const c of row.collaborations) {
        const r = catalogue.collaborations.resolve(c);
        let target = r.ok ? r.id : newNodes.collaborations.get(fold(c));
        if (!target) {
          target = freeId('collab', c);
          newNodes.collaborations.set(fold(c), target);
          plan.newCollaborations.push({ id: target, name: c, kind: row.collaborationKind ?? 'OTHER', search: searchText(c), sourceId, sourceLocator: locator, basis });
        }
        add('collaborations', target, 'MEMBER');
      }
    }
  }
  plan.linkCount = linkKeys.size;
  return plan;
}

async function commit(
  engine: GraphEngine,
  plan: Plan,
  ctx: { sourceId: string; fileName: string; actor: Actor; basis: Basis; mode: ImportMode; progress: (p: ImportProgress) => void },
): Promise<{ created: number; updated: number; kept: number; links: number; auditId: string }> {
  const total = plan.groups.length + plan.linkCount;
  let done = 0;
  const tick = (n: number) => ctx.progress({ phase: 'write', done: (done += n), total });
  return engine.write(async (tx) => {
    const now = Date.now();
    await tx.run(io.ensureImportSource, {
      id: ctx.sourceId,
      title: ctx.fileName,
      location: ctx.fileName,
      date: new Date(now).toISOString().slice(0, 10),
      publisher: ctx.actor.displayName,
      now,
    });
    if (plan.newAgreements.length) await tx.run(io.createAgreements, { rows: plan.newAgreements, now });
    if (plan.newCollaborations.length) await tx.run(io.createCollaborations, { rows: plan.newCollaborations, now });

    const existingGroups = plan.groups.filter((g) => g.existing);
    const newGroups = plan.groups.filter((g) => !g.existing);
    const current = await currentRecords(tx, existingGroups.map((g) => g.id));
    const updates = existingGroups.map((g, i) => toWrite(g, current.get(g.id) ?? null, ctx, i));
    const creates = newGroups.map((g, i) => toWrite(g, null, ctx, i));
    let created = 0;
    for (let i = 0; i < creates.length; i += WRITE_BATCH) {
      const [r] = await tx.run(io.createOrganisations, { rows: creates.slice(i, i + WRITE_BATCH), now });
      created += r?.n ?? 0;
      tick(Math.min(WRITE_BATCH, creates.length - i));
    }
    let updated = 0;
    for (let i = 0; i < updates.length; i += WRITE_BATCH) {
      const out = await tx.run(orgStatements.upsertMany, { rows: updates.slice(i, i + WRITE_BATCH), now });
      updated += out.length;
      tick(Math.min(WRITE_BATCH, updates.length - i));
    }

    // Links of new organisations are created; links of existing ones are merged, except those this
    // same file already stated (a re-import) and those a person entered (unless this is a person's entry).
    const isNew = new Set(newGroups.map((g) => g.id));
    let links = 0;
    for (const kind of Object.keys(IMPORT_LINKS) as ImportLinkKind[]) {
      const fresh = plan.links[kind].filter((l) => isNew.has(l.from));
      let touching = plan.links[kind].filter((l) => !isNew.has(l.from));
      // Checking which links exist costs a scan of the type: worth it when many would be merged again.
      if (touching.length > EXISTING_SCAN) {
        const have = new Map((await tx.run(io.existingLinks[kind], {})).map((r) => [`${r.from}|${r.to}`, r]));
        const unchanged = touching.filter((l) => {
          const e = have.get(`${l.from}|${l.to}`);
          return e && (e.sourceId === l.sourceId || (e.basis === 'ENTERED' && l.basis !== 'ENTERED'));
        });
        links += unchanged.length;
        tick(unchanged.length);
        const skip = new Set(unchanged);
        touching = touching.filter((l) => !skip.has(l));
      }
      for (const [statement, list] of [
        [io.createLinks[kind], fresh],
        [io.link[kind], touching],
      ] as const) {
        for (let i = 0; i < list.length; i += LINK_BATCH) {
          const [r] = await tx.run(statement, { rows: list.slice(i, i + LINK_BATCH), now });
          links += r?.n ?? 0;
          tick(Math.min(LINK_BATCH, list.length - i));
        }
      }
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
        updated: existingGroups.map((g) => g.id),
        agreementsCreated: plan.newAgreements.map((a) => a.id),
        collaborationsCreated: plan.newCollaborations.map((c) => c.id),
      },
    });
    return { created, updated, kept, links, auditId };
  });
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
function toWrite(g: Plan['groups'][number], current: OrganisationRecord | null, ctx: { sourceId: string; basis: Basis }, index: number): Omit<OrganisationWrite, 'now'> {
  let data: OrganisationCreate = g.data;
  if (current) {
    const aliases = [...new Set([...(current.aliases ?? []), ...g.names.filter((n) => fold(n) !== fold(current.name))])].slice(0, LIMITS.aliases);
    const keep = <K extends (typeof SCALARS)[number]>(k: K) => (g.given.has(k) && g.data[k] != null ? g.data[k] : current[k]);
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
