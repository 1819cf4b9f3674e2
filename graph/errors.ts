/**
 * Typed errors of the graph layer. Each names the field it is about, so the API can answer
 * with a clear message (and a GraphQL `extensions.code`) instead of a stack trace.
 */
export type GraphErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'ENGINE_ERROR';

export abstract class GraphError extends Error {
  abstract readonly code: GraphErrorCode;
  /** Dotted path of the offending input field (e.g. `input.orgNumber`), when there is one. */
  readonly field: string | undefined;
  constructor(message: string, field?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.field = field;
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Input that fails validation. Carries every problem found, not only the first. */
export class ValidationError extends GraphError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly problems: readonly FieldProblem[];
  constructor(problems: readonly FieldProblem[]) {
    const first = problems[0];
    super(
      first ? `${first.field}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}` : 'invalid input',
      first?.field,
    );
    this.problems = problems;
  }
}

/**
 * A write that would give a unique property (graph/model PropertySpec.unique) a value another
 * node has: what Neo4j's uniqueness constraint refuses. `field` is the property; repositories
 * that know the input name it as the caller wrote it.
 */
export class UniqueValueError extends ValidationError {
  constructor(
    readonly label: string,
    readonly property: string,
  ) {
    super([{ field: property, message: `another ${label} has this ${property}` }]);
  }
}

export class NotFoundError extends GraphError {
  readonly code = 'NOT_FOUND' as const;
  constructor(
    readonly entity: string,
    readonly id: string,
    field = 'id',
  ) {
    super(`${entity} ${JSON.stringify(id)} does not exist`, field);
  }
}

/** Optimistic concurrency: someone else changed the object since the caller read it. */
export class ConflictError extends GraphError {
  readonly code = 'CONFLICT' as const;
  constructor(message: string, field = 'version') {
    super(message, field);
  }
}

/** The engine failed for a reason that is not the caller's input. The message is for logs, not clients. */
export class EngineError extends GraphError {
  readonly code = 'ENGINE_ERROR' as const;
  constructor(
    message: string,
    readonly statement?: string,
    options?: { cause?: unknown },
  ) {
    super(message, undefined, options);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
