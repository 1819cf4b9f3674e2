/**
 * Import problems as data: the codes and the values each code's sentence needs (the types
 * problems.ts builds and problem-text.ts says).
 */
import type { ImportField } from './fields.js';
import type { ReadLimitName } from './limits.js';

/** Problems with one row (errors; DUPLICATE_ROW and READ_AS are warnings). */
export const ROW_PROBLEM_CODES = [
  'MISSING_VALUE',
  'TOO_LONG',
  'TOO_MANY',
  'INVALID_VALUE',
  'NOT_ONE_OF',
  'UNKNOWN_REFERENCE',
  'AMBIGUOUS_REFERENCE',
  'DUPLICATE_ROW',
  'CONFLICTING_VALUES',
  'READ_AS',
] as const;
export type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

/** Problems with the whole file or its column mapping. */
export const FILE_PROBLEM_CODES = [
  'FILE_TOO_LARGE',
  'FILE_EMPTY',
  'LIMIT_EXCEEDED',
  'INVALID_CSV',
  'INVALID_XLSX',
  'NO_WORKSHEET',
  'NO_HEADER_ROW',
  'UNKNOWN_COLUMN',
  'UNKNOWN_FIELD',
  'COLUMNS_CLASH',
  'MISSING_COLUMN',
  'BAD_MAP_ARGUMENT',
] as const;
export type FileProblemCode = (typeof FILE_PROBLEM_CODES)[number];

export type ImportProblemCode = RowProblemCode | FileProblemCode;

/** What each code's sentence needs. `value` is the cell's text as shown (cut at SHOWN_CHARS). */
export interface ProblemValues {
  MISSING_VALUE: Record<string, never>;
  TOO_LONG: { value: string; max: number };
  TOO_MANY: { max: number };
  INVALID_VALUE: { value: string };
  /** `allowed`: the values the column takes (words in Swedish or English are read too). */
  NOT_ONE_OF: { value: string; allowed: string[] };
  /** `suggestions`: the closest known names, possibly none. */
  UNKNOWN_REFERENCE: { value: string; suggestions: string[] };
  /** `candidates`: the ids it could mean, with their kind. */
  AMBIGUOUS_REFERENCE: { value: string; candidates: { id: string; kind: string | null }[] };
  /** `row`: the earlier row this one repeats. */
  DUPLICATE_ROW: { row: number };
  /** `row` said `other` about the same organisation. */
  CONFLICTING_VALUES: { value: string; row: number; other: string };
  /** An everyday word (or the beginning of a name) read as the catalogue's `name`. */
  READ_AS: { value: string; name: string };
  FILE_TOO_LARGE: { maxMb: number };
  FILE_EMPTY: Record<string, never>;
  /** A read limit (graph/io/import/limits.ts) the file goes over: its name, its value, and the row where it was crossed (null: the whole file). */
  LIMIT_EXCEEDED: { limit: ReadLimitName | 'memory'; max: number; line: number | null };
  /** `line`: where the CSV reader stopped (null when unknown); `reason`: its error code; `detail`: its English message. */
  INVALID_CSV: { line: number | null; reason: string; detail: string };
  /** `detail`: the workbook reader's English message. */
  INVALID_XLSX: { detail: string };
  NO_WORKSHEET: Record<string, never>;
  NO_HEADER_ROW: Record<string, never>;
  /** A mapping names a header the file does not have. */
  UNKNOWN_COLUMN: { column: string; columns: string[] };
  /** A mapping names a field that does not exist. */
  UNKNOWN_FIELD: { value: string; fields: string[] };
  /** Several columns fill a field that takes one. */
  COLUMNS_CLASH: { field: ImportField; columns: string[] };
  /** No column fills a required field. */
  MISSING_COLUMN: { field: ImportField; examples: string[]; columns: string[] };
  /** A `--map` argument that is not `Column=field`. */
  BAD_MAP_ARGUMENT: { value: string };
}

export type ProblemOf<C extends ImportProblemCode> = { code: C; values: ProblemValues[C] };
export type RowProblemData = { [C in RowProblemCode]: ProblemOf<C> }[RowProblemCode];
export type FileProblemData = { [C in FileProblemCode]: ProblemOf<C> }[FileProblemCode];
export type ImportProblem = RowProblemData | FileProblemData;
