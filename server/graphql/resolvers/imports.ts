/**
 * Spreadsheet import over GraphQL (issue 8, ADMIN only): chunked upload, preview (a dry run of
 * graph/io/import), commit as a background job (one transaction, audited by the importer) and its
 * progress. Roles are checked before anything else, so UNAUTHENTICATED and FORBIDDEN change
 * nothing; problems with the arguments come back as `errors` naming the argument.
 */
import { GraphQLError } from 'graphql';
import type { Resolvers } from '../generated/resolvers.js';
import { ValidationError } from '../../../graph/errors.js';
import { IMPORT_FIELDS } from '../../../graph/io/import/columns.js';
import type { RowProblem } from '../../../graph/io/import/rows.js';
import { ImportFileError, type FileFieldProblem } from '../../../graph/io/import/problems.js';
import { problemText } from '../../../graph/io/import/problem-text.js';
import { checkDecisions } from '../../../graph/io/import/changes.js';
import type { FieldProblem } from '../../../graph/errors.js';
import { actorOf, requireRole } from '../../auth/policy.js';
import type { GraphQLContext } from '../context.js';
import { importSessionsFor, ImportInputError, NotYoursError, type ColumnChoice } from '../import-sessions.js';
import { ImportCancelled } from '../../../graph/io/import/worker-pool.js';
import { refusalText, type Refusal } from '../import-refusals.js';
import { userErrors, type UserErrorShape } from './accounts.js';
import { iso } from './common.js';

const ADMIN = ['ADMIN'] as const;
const admin = (ctx: GraphQLContext, what: string) => requireRole(ctx, ADMIN, what);
const sessions = (ctx: GraphQLContext) => importSessionsFor(ctx.store.engine);
const FIELDS = Object.keys(IMPORT_FIELDS);
const MAX_SLICE = 500;

/** A ValidationError's problem in the request's language when the import gave it a code (file and mapping problems), else as it is. */
function problemMessage(p: FieldProblem | FileFieldProblem, lang: GraphQLContext['lang']): string {
  return 'code' in p ? problemText(p, lang) : p.message;
}

/** Problems of this module as UserErrors; everything else is left to userErrors (typed graph errors) or rethrown. */
function importErrors(error: unknown, lang: GraphQLContext['lang']): UserErrorShape[] {
  // The request was stopped (its time limit, or the client left): the reading stopped with it, nothing was kept.
  if (error instanceof ImportCancelled) return [{ field: null, message: refusalText({ reason: 'STOPPED', values: {} }, lang), code: 'TIMEOUT' }];
  if (error instanceof ImportFileError) return error.problems.map((p) => ({ field: p.field, message: problemMessage(p, lang), code: error.code }));
  if (error instanceof NotYoursError) return [{ field: error.field, message: refusalText(error.refusal, lang), code: 'FORBIDDEN' }];
  if (error instanceof ImportInputError) return [{ field: error.field ?? null, message: refusalText(error.refusal, lang), code: error.code }];
  return userErrors(error);
}

async function attemptImport<T extends object>(ctx: GraphQLContext, work: () => Promise<T> | T, empty: { [K in keyof T]: null }): Promise<(T | { [K in keyof T]: null }) & { errors: UserErrorShape[] }> {
  try {
    return { ...(await work()), errors: [] };
  } catch (error) {
    return { ...empty, errors: importErrors(error, ctx.lang) };
  }
}

/** A slice of a long list (`first`, `offset`), checked like a page. */
function slice<T>(items: readonly T[], first: number | null | undefined, offset: number | null | undefined): T[] {
  const n = first ?? 100;
  const o = offset ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > MAX_SLICE) throw new ValidationError([{ field: 'first', message: `must be an integer from 0 to ${MAX_SLICE}` }]);
  if (!Number.isInteger(o) || o < 0) throw new ValidationError([{ field: 'offset', message: 'must be a non-negative integer' }]);
  return items.slice(o, o + n);
}

function mappingArg(mapping: readonly { column: string; field?: string | null }[] | null | undefined, lang: GraphQLContext['lang']): ColumnChoice[] | null {
  if (!mapping) return null;
  const problems = mapping.flatMap((m, i) => (m.field && !FIELDS.includes(m.field) ? [{ field: `mapping.${i}.field`, message: problemText({ code: 'UNKNOWN_FIELD', values: { value: m.field, fields: FIELDS } }, lang) }] : []));
  if (problems.length) throw new ValidationError(problems);
  return mapping.map((m) => ({ column: m.column, field: m.field ?? null }));
}

/** A row problem for the API: its code and values, and the sentence in the request's language. */
const problemOut = (p: RowProblem, lang: GraphQLContext['lang']) => ({ line: p.line, column: p.column, field: p.field, code: p.code, values: p.values, message: problemText(p, lang) });

export const importResolvers: Resolvers = {
  Query: {
    async importJob(_, { id }, ctx) {
      const viewer = admin(ctx, 'importera');
      try {
        return await sessions(ctx).job(viewer.id, id);
      } catch (error) {
        if (error instanceof NotYoursError) throw new GraphQLError('Importjobbet är någon annans. This import job is someone else’s.', { extensions: { code: 'FORBIDDEN', field: 'id', http: { status: 403 } } });
        throw error;
      }
    },
  },
  Mutation: {
    startImport(_, { fileName, byteLength, format }, ctx) {
      const viewer = admin(ctx, 'importera');
      return attemptImport(ctx, async () => ({ upload: await sessions(ctx).start(viewer.id, fileName, byteLength, format) }), { upload: null });
    },
    appendImportChunk(_, { id, index, data }, ctx) {
      const viewer = admin(ctx, 'importera');
      return attemptImport(ctx, async () => ({ upload: await sessions(ctx).append(viewer.id, id, index, data) }), { upload: null });
    },
    async previewImport(_, { id, mapping }, ctx) {
      const viewer = admin(ctx, 'importera');
      try {
        const preview = await sessions(ctx).preview(viewer.id, id, mappingArg(mapping, ctx.lang), ctx.signal);
        return { preview, errors: preview.problems.map((p) => ({ field: p.field, message: problemMessage(p, ctx.lang), code: 'BAD_USER_INPUT' })) };
      } catch (error) {
        return { preview: null, errors: importErrors(error, ctx.lang) };
      }
    },
    async commitImport(_, { id, mode, decisions, acceptMatches, mapping, fieldDecisions }, ctx) {
      const viewer = admin(ctx, 'importera');
      return attemptImport(ctx, async () => {
        const map = mappingArg(mapping, ctx.lang);
        const say = (refusal: Refusal) => refusalText(refusal, ctx.lang);
        const byLine: Record<number, string> = {};
        const problems: { field: string; message: string }[] = [];
        const ids = new Set<string>();
        (decisions ?? []).forEach((d, i) => {
          if (!Number.isInteger(d.line) || d.line < 2) problems.push({ field: `decisions.${i}.line`, message: say({ reason: 'BAD_ROW_NUMBER', values: {} }) });
          else if (d.line in byLine) problems.push({ field: `decisions.${i}.line`, message: say({ reason: 'TWO_DECISIONS', values: { row: d.line } }) });
          byLine[d.line] = d.organisationId ?? 'new';
          if (d.organisationId) ids.add(d.organisationId);
        });
        if (ids.size) {
          const found = await ctx.store.organisations.getMany([...ids]);
          (decisions ?? []).forEach((d, i) => {
            if (d.organisationId && !found.get(d.organisationId)) problems.push({ field: `decisions.${i}.organisationId`, message: say({ reason: 'NO_ORGANISATION', values: { id: d.organisationId } }) });
          });
        }
        if (problems.length) throw new ValidationError(problems);
        const byField = checkDecisions(fieldDecisions ?? []);
        const job = await sessions(ctx).commit(viewer.id, id, { actor: actorOf(viewer), mode: mode === 'VALID' ? 'valid' : 'all', acceptMatches: acceptMatches ?? false, decisions: byLine, fieldDecisions: byField, mapping: map });
        return { job };
      }, { job: null });
    },
  },
  ImportUpload: {
    complete: (u) => u.receivedBytes === u.byteLength,
    expiresAt: (u, _, ctx) => iso(sessions(ctx).expiresAt(u))!,
  },
  ImportPreview: {
    format: (p) => (p.table.format === 'xlsx' ? 'XLSX' : 'CSV'),
    encoding: (p) => p.table.encoding,
    delimiter: (p) => p.table.delimiter,
    rowCount: (p) => p.table.rowCount,
    fields: () => FIELDS,
    rows: (p) => p.table.rows,
    errorCount: (p) => p.report?.errors.length ?? 0,
    errors: (p, { first, offset }, ctx) => slice(p.report?.errors ?? [], first, offset).map((e) => problemOut(e, ctx.lang)),
    warningCount: (p) => p.report?.warnings.length ?? 0,
    warnings: (p, { first, offset }, ctx) => slice(p.report?.warnings ?? [], first, offset).map((w) => problemOut(w, ctx.lang)),
    appliedMatchCount: (p) => p.report?.matches.filter((m) => m.status === 'applied').length ?? 0,
    proposedMatchCount: (p) => p.report?.matches.filter((m) => m.status !== 'applied').length ?? 0,
    proposedMatches: (p, { first, offset }) => slice(p.report?.matches.filter((m) => m.status !== 'applied') ?? [], first, offset),
    changeCount: (p) => p.report?.changes.length ?? 0,
    changes: (p, { first, offset }) => slice(p.report?.changes ?? [], first, offset),
    summary: (p) =>
      p.report?.summary ?? {
        rows: p.table.rowCount,
        validRows: 0,
        invalidRows: 0,
        duplicateRows: 0,
        pendingRows: 0,
        importedRows: 0,
        organisationsCreated: 0,
        organisationsUpdated: 0,
        organisationsKept: 0,
        agreementsCreated: 0,
        collaborationsCreated: 0,
        links: 0,
      },
  },
  ImportColumn: {
    how: (c) => (c.how === 'synonym' ? 'SYNONYM' : c.how === 'explicit' ? 'EXPLICIT' : c.how === 'ignored' ? 'IGNORED' : 'UNKNOWN'),
  },
  ImportMatch: {
    status: (m) => (m.status === 'applied' ? 'APPLIED' : m.status === 'confirmed' ? 'CONFIRMED' : m.status === 'new' ? 'NEW' : 'PENDING'),
  },
  ImportMatchCandidate: {
    organisationId: (c) => c.id,
  },
  ImportReport: {
    mode: (r) => (r.mode === 'valid' ? 'VALID' : 'ALL'),
    fileName: (r) => r.file.name ?? '',
    errorCount: (r) => r.errors.length,
    errors: (r, { first, offset }, ctx) => slice(r.errors, first, offset).map((e) => problemOut(e, ctx.lang)),
    warningCount: (r) => r.warnings.length,
    matchCount: (r) => r.matches.length,
    matches: (r, { first, offset }) => slice(r.matches, first, offset),
    changeCount: (r) => r.changes.length,
    changes: (r, { first, offset }) => slice(r.changes, first, offset),
  },
  ImportFieldChange: {
    lines: (c) => c.locator,
    proposed: (c) => c.proposed ?? false,
    decision: (c) => c.decision ?? null,
  },
  ImportProgress: {
    phase: (p) => (p.phase === 'read' ? 'READ' : p.phase === 'validate' ? 'VALIDATE' : p.phase === 'match' ? 'MATCH' : p.phase === 'write' ? 'WRITE' : 'DONE'),
  },
  ImportJob: {
    error: (j, _, ctx) => {
      if (!j.error) return null;
      const { field, code, problem, refusal } = j.error;
      return { field, code, message: problem ? problemMessage(problem, ctx.lang) : refusal ? refusalText(refusal, ctx.lang) : j.error.message };
    },
    startedAt: (j) => iso(j.startedAt)!,
    finishedAt: (j) => iso(j.finishedAt),
  },
};
