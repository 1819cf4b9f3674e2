/** The errors of reading a file: a problem with the whole file naming the field `file` (or where in it). */
import { fileProblem, ImportFileError, type FileProblemData } from './problems.js';
import type { ReadLimitName } from './limits.js';

export function fileError(problem: FileProblemData, field = 'file'): ImportFileError {
  return new ImportFileError([fileProblem(field, problem)]);
}

/** A read limit the file goes over, named in the problem and in the field (`file.rows`, `file.columns`…). */
export function limitError(limit: ReadLimitName | 'memory', max: number, line: number | null): ImportFileError {
  return fileError({ code: 'LIMIT_EXCEEDED', values: { limit, max, line } }, `file.${limit}`);
}
