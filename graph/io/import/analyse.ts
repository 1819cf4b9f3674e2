/**
 * What an import of a spreadsheet would do, worked out without the store: read the file (within
 * the read limits), map its columns, validate every row, resolve what rows name against a
 * snapshot of the catalogue, match organisations, and plan the writes. Pure and synchronous in
 * effect, so it runs in a worker thread (worker.ts) off the server's event loop; importer.ts
 * loads the catalogue before and commits the plan after.
 */
import { createHash } from 'node:crypto';
import type { ImportLinkKind, ImportLinkRow, ImportNodeRow } from '../../cypher/statements/io.js';
import type { OrganisationCreate } from '../../validation/inputs.js';
import { fold, searchText } from '../../text/fold.js';
import { slug } from '../../repo/ids.js';
import type { Basis } from '../../model/types.js';
import { readTable, type Table, type TableRow } from './read-table.js';
import { mapColumns, type ColumnMapping, type ImportField } from './columns.js';
import { parseRow, rowProblem, type ParsedRow, type RowProblem, type RowReferences } from './rows.js';
import { shown } from './problems.js';
import { OrganisationMatcher, type MatchCandidate, type MatchReason } from './match.js';
import { Resolver } from './references.js';
import type { Delimiter } from './decode.js';
import type { ReadLimits } from './limits.js';

/** What the analysis needs of the store: every organisation's keys and the names of what rows may refer to. */
export interface CatalogueData {
  organisations: { id: string; name: string; aliases: string[]; orgNumber: string | null }[];
  /** `synonyms`: the everyday words the taxonomy lists for the group. */
  targetGroups: { id: string; name: string; nameEn: string | null; synonyms?: string[] }[];
  districts: { id: string; name: string; kind: string }[];
  agreements: { id: string; name: string; kind: string }[];
  collaborations: { id: string; name: string; kind: string }[];
}

interface Catalogue {
  organisations: CatalogueData['organisations'];
  targetGroups: Resolver;
  districts: Resolver;
  agreements: Resolver;
  collaborations: Resolver;
  agreementKinds: Map<string, string>;
}

function catalogueOf(data: CatalogueData): Catalogue {
  return {
    organisations: data.organisations,
    targetGroups: new Resolver(
      data.targetGroups.map((tg) => ({ id: tg.id, names: [tg.name, tg.nameEn ?? ''], words: tg.synonyms ?? [] })),
      [],
      { beginnings: true },
    ),
    // A name that is several districts means the largest of them below the region (ids tell them apart).
    districts: new Resolver(
      data.districts.map((d) => ({ id: d.id, names: [d.name], detail: d.kind })),
      ['MUNICIPALITY', 'STADSDELSOMRADE', 'STADSDEL'],
    ),
    agreements: new Resolver(data.agreements.map((a) => ({ id: a.id, names: [a.name], detail: a.kind }))),
    collaborations: new Resolver(data.collaborations.map((c) => ({ id: c.id, names: [c.name], detail: c.kind }))),
    agreementKinds: new Map(data.agreements.map((a) => [a.id, a.kind])),
  };
}

export interface AnalyseOptions {
  fileName?: string;
  /** Explicit column mapping: header → field (or `ignore`). */
  map?: Record<string, string>;
  delimiter?: Delimiter;
  basis?: Extract<Basis, 'STATED' | 'ENTERED'>;
  /** Apply every proposed name match (the best candidate of each row). */
  acceptMatches?: boolean;
  /** A person's decisions on proposed matches, by row number: an organisation id, or `new`. */
  decisions?: Record<number, string>;
  /** Rows of the preview (the first rows as mapped). */
  previewRows?: number;
  limits?: ReadLimits;
}

export interface AnalyseProgress {
  phase: 'read' | 'validate' | 'match';
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

/** The file as read: how, its headers, how many rows, and the first of them. */
export interface TableSummary {
  format: Table['format'];
  encoding: Table['encoding'];
  delimiter: Table['delimiter'];
  headers: string[];
  rowCount: number;
  rows: TableRow[];
}

export interface Analysis {
  table: TableSummary;
  sourceId: string;
  mapping: { column: string; field: ImportField | null; how: ColumnMapping['columns'][number]['how'] }[];
  preview: Record<string, unknown>[];
  errors: RowProblem[];
  warnings: RowProblem[];
  matches: MatchReport[];
  duplicateRows: number;
  invalidRows: number;
  pendingRows: number;
  importedRows: number;
  /** How much the plan writes (what a dry run reports). */
  counts: PlanCounts;
  /** The writes, when the caller needs them (a commit); a preview leaves them in the worker. */
  plan: Plan | null;
}

export interface PlanCounts {
  creates: number;
  updates: number;
  linkCount: number;
  newAgreements: number;
  newCollaborations: number;
}

export function emptyPlan(): Plan {
  const links = () => ({ targetGroups: [], districts: [], agreements: [], collaborations: [] });
  return { newGroups: [], existingGroups: [], proposedGroups: [], newAgreements: [], newCollaborations: [], freshLinks: links(), mergeLinks: links(), creates: 0, updates: 0, linkCount: 0 };
}

export const countsOf = (plan: Plan): PlanCounts => ({
  creates: plan.creates,
  updates: plan.updates,
  linkCount: plan.linkCount,
  newAgreements: plan.newAgreements.length,
  newCollaborations: plan.newCollaborations.length,
});

interface Group {
  /** Existing organisation to update, or null for a new one. */
  existingId: string | null;
  rows: ParsedRow[];
}

/** Rows of a table summary (what a preview shows of the file itself). */
const SUMMARY_ROWS = 10;

export function summarise(table: Table): TableSummary {
  return { format: table.format, encoding: table.encoding, delimiter: table.delimiter, headers: table.headers, rowCount: table.rows.length, rows: table.rows.slice(0, SUMMARY_ROWS) };
}

/** Reads the file and maps its columns; a mapping the file cannot satisfy throws (a ValidationError naming it). */
export async function readAndMap(bytes: Uint8Array, options: AnalyseOptions): Promise<{ table: Table; mapping: ColumnMapping | null; mappingError: unknown }> {
  const table = await readTable(bytes, { ...(options.fileName ? { fileName: options.fileName } : {}), ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.limits ? { limits: options.limits } : {}) });
  try {
    return { table, mapping: mapColumns(table.headers, options.map ?? {}), mappingError: null };
  } catch (error) {
    return { table, mapping: null, mappingError: error };
  }
}

export async function analyseSpreadsheet(bytes: Uint8Array, data: CatalogueData, options: AnalyseOptions = {}, progress: (p: AnalyseProgress) => void = () => undefined): Promise<Analysis> {
  progress({ phase: 'read', done: 0, total: 1 });
  const { table, mapping, mappingError } = await readAndMap(bytes, options);
  if (!mapping) throw mappingError;
  progress({ phase: 'read', done: 1, total: 1 });
  return analyseTable(table, mapping, bytes, data, options, progress);
}

export function analyseTable(table: Table, mapping: ColumnMapping, bytes: Uint8Array, data: CatalogueData, options: AnalyseOptions, progress: (p: AnalyseProgress) => void = () => undefined): Analysis {
  const basis = options.basis ?? 'STATED';
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const sourceId = `src:import:${hash}`;
  const errors: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const catalogue = catalogueOf(data);

  // Validate every row.
  const valid: ParsedRow[] = [];
  /** Rows read whole whose references failed: still offered their name matches, so a fix needs no second look. */
  const withErrors: ParsedRow[] = [];
  const firstByFingerprint = new Map<string, number>();
  let duplicateRows = 0;
  for (const [i, raw] of table.rows.entries()) {
    const { row, references, problems } = parseRow(raw, mapping, table.headers);
    errors.push(...problems);
    if (!row) errors.push(...resolveReferences(references, catalogue, mapping, table.headers, warnings));
    else {
      const first = firstByFingerprint.get(row.fingerprint);
      if (first !== undefined) {
        warnings.push(rowProblem(row.line, '', 'row', { code: 'DUPLICATE_ROW', values: { row: first } }));
        duplicateRows++;
      } else {
        firstByFingerprint.set(row.fingerprint, row.line);
        const refProblems = resolveReferences(row, catalogue, mapping, table.headers, warnings);
        if (refProblems.length) {
          errors.push(...refProblems);
          withErrors.push(row);
        } else valid.push(row);
      }
    }
    if (i % 500 === 0) progress({ phase: 'validate', done: i, total: table.rows.length });
  }
  progress({ phase: 'validate', done: table.rows.length, total: table.rows.length });

  // Match to existing organisations and group the rows about one organisation.
  const matcher = new OrganisationMatcher(catalogue.organisations);
  const existingIds = new Set(catalogue.organisations.map((o) => o.id));
  const matches: MatchReport[] = [];
  const groups = new Map<string, Group>();
  const pending = new Set<number>();
  // Rows awaiting a decision, grouped under their best candidate: the preview shows what they would change there.
  const proposedGroups = new Map<string, Group>();
  for (const [i, row] of valid.entries()) {
    const target = matchRow(row, matcher, existingIds, options, matches);
    if (target === 'pending') {
      pending.add(row.line);
      const best = matches[matches.length - 1]?.candidates[0]?.id;
      if (best) {
        const g = proposedGroups.get(best) ?? { existingId: best, rows: [] };
        g.rows.push(row);
        proposedGroups.set(best, g);
      }
    } else {
      const key = target ?? `new:${row.organisation.orgNumber ?? fold(row.organisation.name)}`;
      const g = groups.get(key) ?? { existingId: target, rows: [] };
      g.rows.push(row);
      groups.set(key, g);
    }
    if (i % 500 === 0) progress({ phase: 'match', done: i, total: valid.length });
  }
  progress({ phase: 'match', done: valid.length, total: valid.length });
  // A row with an error is not imported, but the organisation it names is proposed all the same.
  for (const row of withErrors) {
    if (row.id || row.organisation.orgNumber) continue;
    const names = [row.organisation.name, ...(row.organisation.aliases ?? [])];
    const candidates = mergeCandidates(names.map((n) => matcher.candidates(n, null)));
    if (candidates.length) matches.push({ line: row.line, name: row.organisation.name, orgNumber: null, reason: candidates[0]!.reason, candidates, status: 'pending', organisationId: null });
  }
  matches.sort((a, b) => a.line - b.line);

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
  plan.proposedGroups = buildPlan([...proposedGroups.values()], catalogue, existingIds, sourceId, basis).existingGroups;

  const preview = valid.slice(0, options.previewRows ?? 10).map((r) => ({
    line: r.line,
    ...Object.fromEntries(Object.entries(r.organisation).filter(([, v]) => v !== null && v !== undefined)),
    ...(r.targetGroups.length ? { targetGroups: r.targetGroups } : {}),
    ...(r.districts.length ? { districts: r.districts } : {}),
    ...(r.agreements.length ? { agreements: r.agreements } : {}),
    ...(r.collaborations.length ? { collaborations: r.collaborations } : {}),
  }));
  errors.sort((a, b) => a.line - b.line);
  return {
    table: summarise(table),
    sourceId,
    mapping: mapping.columns.map((c) => ({ column: c.header, field: c.field, how: c.how })),
    preview,
    errors,
    warnings,
    matches,
    duplicateRows,
    invalidRows: invalidLines.size,
    pendingRows: pending.size,
    importedRows,
    counts: countsOf(plan),
    plan,
  };
}

/**
 * Checks target groups and districts exist (by id or name) and that agreement and collaboration
 * names are unambiguous. `warnings` gets what was read as something else (an everyday word).
 */
function resolveReferences(row: RowReferences, catalogue: Catalogue, mapping: ColumnMapping, headers: readonly string[], warnings: RowProblem[] = []): RowProblem[] {
  const problems: RowProblem[] = [];
  const column = (f: ImportField) => headers[mapping.fields[f]?.[0] ?? -1] ?? f;
  const check = (field: 'targetGroups' | 'districts' | 'agreements' | 'collaborations', resolver: Resolver, mustExist: boolean) => {
    for (const item of row[field]) {
      const r = resolver.resolve(item);
      if (r.ok) {
        if (r.readAs) warnings.push(rowProblem(row.line, column(field), field, { code: 'READ_AS', values: { value: shown(item), name: r.readAs } }));
        continue;
      }
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
function matchRow(row: ParsedRow, matcher: OrganisationMatcher, existingIds: Set<string>, options: AnalyseOptions, out: MatchReport[]): string | null | 'pending' {
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

export const SCALARS = ['orgNumber', 'legalForm', 'description', 'website', 'email', 'phone', 'address'] as const;

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

export type PlannedGroup = { id: string; existing: boolean; data: OrganisationCreate; given: Set<ImportField>; names: string[]; locator: string };

/**
 * The writes, already sorted the way they are written (new organisations apart from existing
 * ones, links of new organisations apart from those merged into existing ones), so the thread
 * that writes them does no pass over them of its own.
 */
export interface Plan {
  newGroups: PlannedGroup[];
  existingGroups: PlannedGroup[];
  /** Rows awaiting a decision on a name match, as they would be written to their best candidate (never written as such). */
  proposedGroups: PlannedGroup[];
  newAgreements: ImportNodeRow[];
  newCollaborations: ImportNodeRow[];
  /** Links of new organisations: created. */
  freshLinks: Record<ImportLinkKind, ImportLinkRow[]>;
  /** Links of existing organisations: merged. */
  mergeLinks: Record<ImportLinkKind, ImportLinkRow[]>;
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
  const plan: Plan = { ...emptyPlan() };
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
    (g.existingId !== null ? plan.existingGroups : plan.newGroups).push({ id, existing: g.existingId !== null, data, given, names: [...names], locator: g.rows.map((r) => `rad ${r.line}`).join(', ') });
    if (g.existingId) plan.updates++;
    else plan.creates++;

    for (const row of g.rows) {
      const locator = `rad ${row.line}`;
      const add = (kind: ImportLinkKind, to: string, role = '') => {
        const key = `${kind}|${id}|${to}`;
        if (linkKeys.has(key)) return;
        linkKeys.add(key);
        (g.existingId !== null ? plan.mergeLinks : plan.freshLinks)[kind].push({ from: id, to, sourceId, sourceLocator: locator, basis, role });
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

