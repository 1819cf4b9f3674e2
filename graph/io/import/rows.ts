/**
 * One spreadsheet row to one validated import row: cells by the column mapping, the
 * organisation's fields through the project's zod input schema, lists split, kinds read in
 * Swedish or English. Every problem names the row (as the spreadsheet numbers it) and the column.
 */
import type { z } from 'zod';
import { organisationCreate, idSchema, LIMITS, type OrganisationCreate } from '../../validation/inputs.js';
import { AGREEMENT_KINDS, COLLABORATION_KINDS, PARTY_ROLES, type AgreementKind, type CollaborationKind, type PartyRole } from '../../model/types.js';
import { fold } from '../../text/fold.js';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from './columns.js';
import type { TableRow } from './read-table.js';
import { shown, type RowProblemData } from './problems.js';
import { problemText } from './problem-text.js';

export type RowProblem = {
  /** Row number as the spreadsheet program shows it (the header is row 1). */
  line: number;
  /** The column's header, or '' for a problem with the whole row. */
  column: string;
  field: ImportField | 'row';
  /** In English, for the CLI and the JSON report; the API says it in the reader's language from code and values. */
  message: string;
} & RowProblemData;

export function rowProblem(line: number, column: string, field: ImportField | 'row', problem: RowProblemData): RowProblem {
  return { line, column, field, ...problem, message: problemText({ ...problem, field }, 'en') };
}

/** A zod issue about an organisation field as a problem code: length, count, emptiness, or the field's own rule. */
function issueProblem(issue: z.core.$ZodIssue, value: unknown): RowProblemData {
  const text = typeof value === 'string' ? shown(value) : '';
  if (issue.code === 'too_big') return issue.origin === 'array' ? { code: 'TOO_MANY', values: { max: Number(issue.maximum) } } : { code: 'TOO_LONG', values: { value: text, max: Number(issue.maximum) } };
  if (issue.code === 'too_small' || issue.code === 'invalid_type' || text === '') return { code: 'MISSING_VALUE', values: {} };
  return { code: 'INVALID_VALUE', values: { value: text } };
}

export interface ParsedRow {
  line: number;
  id: string | null;
  organisation: OrganisationCreate;
  /** Fields that had a value in this row (others leave what the store holds). */
  given: Set<ImportField>;
  targetGroups: string[];
  districts: string[];
  agreements: string[];
  collaborations: string[];
  agreementKind: AgreementKind | null;
  agreementRole: PartyRole | null;
  collaborationKind: CollaborationKind | null;
  /** The row's cells as one string: identical rows are duplicates. */
  fingerprint: string;
}

/** Longest name of a target group, district, agreement or collaboration in a list cell. */
const MAX_NAME = LIMITS.name;

const ORGANISATION_FIELDS = ['name', 'orgNumber', 'aliases', 'legalForm', 'description', 'website', 'email', 'phone', 'address'] as const satisfies readonly ImportField[];

/** Names may contain commas (agreement titles do); target groups and districts do not, so they may be comma-separated too. */
const LIST_SPLIT: Partial<Record<ImportField, RegExp>> = {
  targetGroups: /[;|\n,]/,
  districts: /[;|\n,]/,
  aliases: /[;|\n]/,
  agreements: /[;|\n]/,
  collaborations: /[;|\n]/,
};

const AGREEMENT_KIND_WORDS: Record<string, AgreementKind> = {
  overenskommelse: 'COMPACT',
  overenskommelsen: 'COMPACT',
  compact: 'COMPACT',
  iop: 'IOP',
  'ideburet offentligt partnerskap': 'IOP',
  bidrag: 'GRANT',
  foreningsbidrag: 'GRANT',
  verksamhetsbidrag: 'GRANT',
  projektbidrag: 'GRANT',
  stod: 'GRANT',
  grant: 'GRANT',
  upphandling: 'PROCUREMENT',
  lou: 'PROCUREMENT',
  lov: 'PROCUREMENT',
  procurement: 'PROCUREMENT',
  annat: 'OTHER',
  ovrigt: 'OTHER',
  other: 'OTHER',
};
const ROLE_WORDS: Record<string, PartyRole> = {
  part: 'PARTY',
  undertecknare: 'SIGNATORY',
  signatar: 'SIGNATORY',
  finansiar: 'FUNDER',
  bidragsgivare: 'FUNDER',
  mottagare: 'RECIPIENT',
  bidragsmottagare: 'RECIPIENT',
  utforare: 'PROVIDER',
  leverantor: 'PROVIDER',
  samordnare: 'COORDINATOR',
  medlem: 'MEMBER',
};
const COLLABORATION_KIND_WORDS: Record<string, CollaborationKind> = {
  natverk: 'NETWORK',
  network: 'NETWORK',
  projekt: 'JOINT_PROJECT',
  'gemensamt projekt': 'JOINT_PROJECT',
  'joint project': 'JOINT_PROJECT',
  erfarenhetsutbyte: 'EXPERIENCE_EXCHANGE',
  opinionsbildning: 'OPINION_FORMING',
  'delade lokaler': 'SHARED_PREMISES',
  lokaler: 'SHARED_PREMISES',
  lokalsamverkan: 'SHARED_PREMISES',
  annat: 'OTHER',
  ovrigt: 'OTHER',
};

/** The columns that take a kind or role: their values and the words read as each. */
export const KIND_COLUMNS = {
  agreementKind: { values: AGREEMENT_KINDS, words: AGREEMENT_KIND_WORDS },
  agreementRole: { values: PARTY_ROLES, words: ROLE_WORDS },
  collaborationKind: { values: COLLABORATION_KINDS, words: COLLABORATION_KIND_WORDS },
} as const;

export function readEnum<T extends string>(text: string, values: readonly T[], words: Record<string, T>): T | null {
  const upper = text.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if ((values as readonly string[]).includes(upper)) return upper as T;
  return words[fold(text)] ?? null;
}

export type RowReferences = Pick<ParsedRow, 'line' | 'targetGroups' | 'districts' | 'agreements' | 'collaborations'>;

/** The row, or null when it has problems; its references either way, so they are checked too. */
export function parseRow(row: TableRow, mapping: ColumnMapping, headers: readonly string[]): { row: ParsedRow | null; references: RowReferences; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const columnOf = (field: ImportField) => headers[mapping.fields[field]?.[0] ?? -1] ?? field;
  const cellsOf = (field: ImportField): string[] => (mapping.fields[field] ?? []).map((i) => (row.cells[i] ?? '').trim()).filter((c) => c !== '');
  const scalar = (field: ImportField): string | null => cellsOf(field)[0] ?? null;
  const list = (field: ImportField): string[] => {
    const split = LIST_SPLIT[field] ?? /[;|\n]/;
    return [...new Set(cellsOf(field).flatMap((c) => c.split(split)).map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean))];
  };
  const problem = (field: ImportField, p: RowProblemData) => problems.push(rowProblem(row.line, columnOf(field), field, p));

  const given = new Set<ImportField>();
  for (const f of Object.keys(mapping.fields) as ImportField[]) if (cellsOf(f).length) given.add(f);

  const input: Record<string, unknown> = {};
  for (const f of ORGANISATION_FIELDS) {
    if (!given.has(f)) continue;
    input[f] = IMPORT_FIELDS[f].list ? list(f) : scalar(f);
  }
  if (!given.has('name')) input['name'] = '';
  const parsed = organisationCreate.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = (String(issue.path[0] ?? 'name') as ImportField) in IMPORT_FIELDS ? (String(issue.path[0] ?? 'name') as ImportField) : 'name';
      const value = issue.path.length > 1 ? (input[field] as string[])[Number(issue.path[1])] : input[field];
      problem(field, issueProblem(issue, value));
    }
  }

  let id: string | null = null;
  const idText = scalar('id');
  if (idText) {
    const r = idSchema.safeParse(idText);
    if (r.success) id = r.data;
    else problem('id', issueProblem(r.error.issues[0]!, idText));
  }

  const kindOf = <T extends string>(field: ImportField, values: readonly T[], words: Record<string, T>): T | null => {
    const text = scalar(field);
    if (!text) return null;
    const v = readEnum(text, values, words);
    if (!v) problem(field, { code: 'NOT_ONE_OF', values: { value: shown(text), allowed: [...values] } });
    return v;
  };
  const agreementKind = kindOf('agreementKind', KIND_COLUMNS.agreementKind.values, KIND_COLUMNS.agreementKind.words);
  const agreementRole = kindOf('agreementRole', KIND_COLUMNS.agreementRole.values, KIND_COLUMNS.agreementRole.words);
  const collaborationKind = kindOf('collaborationKind', KIND_COLUMNS.collaborationKind.values, KIND_COLUMNS.collaborationKind.words);

  for (const f of ['targetGroups', 'districts', 'agreements', 'collaborations'] as const) {
    for (const item of list(f)) if (item.length > MAX_NAME) problem(f, { code: 'TOO_LONG', values: { value: shown(item), max: MAX_NAME } });
  }

  const references: RowReferences = {
    line: row.line,
    targetGroups: list('targetGroups'),
    districts: list('districts'),
    agreements: list('agreements'),
    collaborations: list('collaborations'),
  };
  if (problems.length || !parsed.success) return { row: null, references, problems };
  return {
    references,
    row: {
      line: row.line,
      id,
      organisation: parsed.data,
      given,
      targetGroups: list('targetGroups'),
      districts: list('districts'),
      agreements: list('agreements'),
      collaborations: list('collaborations'),
      agreementKind,
      agreementRole,
      collaborationKind,
      fingerprint: row.cells.map((c) => c.trim()).join('\u0000'),
    },
    problems,
  };
}
