/**
 * Import problems as data: a stable code and the values a sentence needs, so the API can say
 * them in the reader's language (problem-text.ts) and a program can act on the code. Row
 * problems name a row and column; file problems (reading the file, mapping its columns) name
 * the field of a ValidationError (`file`, `map.<header>`, `columns.<field>`).
 */
import { ValidationError, type FieldProblem } from '../../errors.js';
import { problemText } from './problem-text.js';

export {
  ROW_PROBLEM_CODES,
  FILE_PROBLEM_CODES,
  type RowProblemCode,
  type FileProblemCode,
  type ImportProblemCode,
  type ProblemValues,
  type ProblemOf,
  type RowProblemData,
  type FileProblemData,
  type ImportProblem,
} from './problem-codes.js';
import type { FileProblemData } from './problem-codes.js';

/** Cell text in a problem is cut here: a 5,000-character description is not repeated in every report. */
export const SHOWN_CHARS = 60;
export function shown(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > SHOWN_CHARS ? `${one.slice(0, SHOWN_CHARS)}…` : one;
}

/** A file problem as a ValidationError problem: the field it names, an English message, and its code. */
export type FileFieldProblem = FieldProblem & FileProblemData;

/** A file problem naming `field`, with its English message (what the CLI prints). */
export function fileProblem(field: string, problem: FileProblemData): FileFieldProblem {
  return { field, ...problem, message: problemText(problem, 'en') };
}

/**
 * A file or mapping the import cannot read. Still a ValidationError naming each field (so the
 * CLI and the API's typed errors work as before), with every problem's code and values.
 */
export class ImportFileError extends ValidationError {
  declare readonly problems: readonly FileFieldProblem[];
  constructor(problems: readonly FileFieldProblem[]) {
    super(problems);
  }
}
