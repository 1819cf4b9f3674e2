/**
 * Limits on what one GraphQL request may ask, checked after validation and before anything runs
 * (an Apollo plugin at didResolveOperation):
 *
 * - depth: fields nested deeper than LIMITS.depth (introspection, which the schema bounds, may go
 *   to LIMITS.introspectionDepth: GraphiQL's introspection query nests `ofType` nine levels);
 * - cost: graphql-query-complexity with an estimator that multiplies a field's children by its
 *   `first` (or a guess for unbounded lists) and charges the analytics fields their weight;
 * - list arguments: no list in an argument (literal or variable, at any depth of an input object)
 *   longer than LIMITS.listArgument, answered as BAD_USER_INPUT naming the argument, so a
 *   10,000-item list is refused before a resolver sees it.
 *
 * Page sizes (LIMITS.page) are checked by the resolvers (they name `first`), the body size by the
 * HTTP handler, the time by the HTTP handler's timeout.
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { LIMITS as INPUT_LIMITS } from '../../graph/validation/inputs.js';

export const LIMITS = {
  depth: 12,
  introspectionDepth: 20,
  cost: 25_000,
  /** Longest list in any argument (ids of a filter…): the repositories' own limit. */
  listArgument: INPUT_LIMITS.ids,
  /** Tokens the parser reads before giving up (a 10,000-item literal list still parses, to be named). */
  parserTokens: 50_000,
  /** Fields (fragments expanded) the cost analysis visits before refusing. */
  queryNodes: 10_000,
  /** The guessed length of a list field without `first` (an organisation's target groups…). */
  listGuess: 10,
} as const;

/** What the analytics fields cost beyond their selections: they compute over a whole scope. */
const FIELD_COST: Record<string, number> = {
  coverage: 200,
  coverageGaps: 200,
  overlaps: 500,
  collaborationGaps: 300,
  collaborationGapReport: 300,
  fragmentedTargetGroups: 300,
  isolatedOrganisations: 300,
  brokers: 300,
  communities: 300,
  agreementGaps: 100,
  partnershipSuggestions: 50,
  organisations: 10,
};

const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  const base = FIELD_COST[field.name] ?? 1;
  const returns = getNullableType(field.type);
  const connection = getNamedType(field.type).name.endsWith('Connection');
  const insideConnection = type.name.endsWith('Connection');
  let multiplier = 1;
  if (typeof args['first'] === 'number' && (connection || isListType(returns))) multiplier = Math.max(1, args['first']);
  else if (connection) multiplier = 20;
  else if (isListType(returns) && !insideConnection) multiplier = LIMITS.listGuess;
  return base + multiplier * childComplexity;
};

function tooComplex(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...extensions, http: { status: 400 } } });
}

/** The deepest field nesting of an operation (fragments expanded; validation has ruled out cycles). */
export function depthOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): { depth: number; introspection: number } {
  let depth = 0;
  let introspection = 0;
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) {
      const inner = s.selectionSet ? depthOf(s.selectionSet, fragments, seen) : { depth: 0, introspection: 0 };
      if (s.name.value.startsWith('__')) introspection = Math.max(introspection, 1 + Math.max(inner.depth, inner.introspection));
      else {
        depth = Math.max(depth, 1 + inner.depth);
        introspection = Math.max(introspection, inner.introspection === 0 ? 0 : 1 + inner.introspection);
      }
    } else {
      let set: SelectionSetNode | undefined;
      if (s.kind === Kind.INLINE_FRAGMENT) set = s.selectionSet;
      else if (!seen.has(s.name.value)) set = fragments.get(s.name.value)?.selectionSet;
      if (!set) continue;
      const key = s.kind === Kind.FRAGMENT_SPREAD ? s.name.value : null;
      if (key) seen.add(key);
      const inner = depthOf(set, fragments, seen);
      if (key) seen.delete(key);
      depth = Math.max(depth, inner.depth);
      introspection = Math.max(introspection, inner.introspection);
    }
  }
  return { depth, introspection };
}

/** The first list longer than the limit in a value (JSON from variables), with its path. */
function longList(value: unknown, path: string): { path: string; length: number } | null {
  if (Array.isArray(value)) {
    if (value.length > LIMITS.listArgument) return { path, length: value.length };
    for (let i = 0; i < value.length; i++) {
      const found = longList(value[i], `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = longList(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

/** The same for a literal in the query, following variables into the request's values. */
function longListInNode(node: ValueNode, path: string, variables: Record<string, unknown>): { path: string; length: number } | null {
  switch (node.kind) {
    case Kind.VARIABLE:
      return longList(variables[node.name.value], path);
    case Kind.LIST:
      if (node.values.length > LIMITS.listArgument) return { path, length: node.values.length };
      for (let i = 0; i < node.values.length; i++) {
        const found = longListInNode(node.values[i]!, `${path}.${i}`, variables);
        if (found) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const f of node.fields) {
        const found = longListInNode(f.value, `${path}.${f.name.value}`, variables);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

function fieldsOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, out: FieldNode[], seen = new Set<string>()): FieldNode[] {
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) {
      out.push(s);
      if (s.selectionSet) fieldsOf(s.selectionSet, fragments, out, seen);
    } else if (s.kind === Kind.INLINE_FRAGMENT) fieldsOf(s.selectionSet, fragments, out, seen);
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments.get(s.name.value);
      if (f) fieldsOf(f.selectionSet, fragments, out, seen);
    }
  }
  return out;
}

/** The variables a value refers to, at any depth. */
function variablesIn(node: ValueNode, out: Set<string>): Set<string> {
  if (node.kind === Kind.VARIABLE) out.add(node.name.value);
  else if (node.kind === Kind.LIST) for (const v of node.values) variablesIn(v, out);
  else if (node.kind === Kind.OBJECT) for (const f of node.fields) variablesIn(f.value, out);
  return out;
}

/** Whether a value holds a list or a variable (anything longList could refuse). */
function mayHoldList(node: ValueNode): boolean {
  if (node.kind === Kind.VARIABLE || node.kind === Kind.LIST) return true;
  return node.kind === Kind.OBJECT && node.fields.some((f) => mayHoldList(f.value));
}

/**
 * What the limits need of one operation that does not depend on the request's variables, worked
 * out once per parsed document (Apollo's document store hands back the same DocumentNode for the
 * same query text, so a WeakMap on the operation finds it again):
 */
interface OperationAnalysis {
  /** The depth limit's answer: the error every request of this operation gets (a new one each time), or null. */
  depthError: (() => GraphQLError) | null;
  /** The arguments the list limit must look at, in the order the check visits them. */
  listArguments: { name: string; value: ValueNode }[];
  /**
   * The variables the cost can depend on: those in `first` arguments (the estimator's
   * multiplier) and in directives (@include/@skip decide which fields count). Any other variable
   * (a filter…) cannot change the cost.
   */
  costVariables: string[];
  /** Cost by the values of costVariables (JSON), for costs within the limit. */
  costs: Map<string, number>;
}

const analyses = new WeakMap<OperationDefinitionNode, OperationAnalysis>();
/** Distinct values of the cost variables remembered per operation (pages of 10, 20, 50…). */
const COSTS_PER_OPERATION = 64;

function analyse(document: DocumentNode, operation: OperationDefinitionNode): OperationAnalysis {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  let depthError: OperationAnalysis['depthError'] = null;
  const { depth, introspection } = depthOf(operation.selectionSet, fragments);
  if (depth > LIMITS.depth) depthError = () => tooComplex(`The query is nested ${depth} levels deep; at most ${LIMITS.depth} are allowed.`, { reason: 'DEPTH', depth, maxDepth: LIMITS.depth });
  else if (introspection > LIMITS.introspectionDepth) {
    depthError = () => tooComplex(`The introspection query is nested ${introspection} levels deep; at most ${LIMITS.introspectionDepth} are allowed.`, { reason: 'DEPTH', depth: introspection, maxDepth: LIMITS.introspectionDepth });
  }

  const listArguments: OperationAnalysis['listArguments'] = [];
  for (const field of fieldsOf(operation.selectionSet, fragments, [])) {
    for (const arg of field.arguments ?? []) if (mayHoldList(arg.value)) listArguments.push({ name: arg.name.value, value: arg.value });
  }

  // Every definition of the document (the cost analysis may visit them all), every `first` and directive.
  const costVariables = new Set<string>();
  visit(document, {
    Field(node) {
      for (const arg of node.arguments ?? []) if (arg.name.value === 'first') variablesIn(arg.value, costVariables);
    },
    Directive(node) {
      for (const arg of node.arguments ?? []) variablesIn(arg.value, costVariables);
    },
  });
  return { depthError, listArguments, costVariables: [...costVariables], costs: new Map() };
}

/** The cost analysis of graphql-query-complexity, as the limits read it. */
function costOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number | null {
  try {
    return getComplexity({ schema, query: document, variables, estimators: [estimator], maxQueryNodes: LIMITS.queryNodes, ...(operation.name ? { operationName: operation.name.value } : {}) });
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) {
      throw tooComplex(`The query has more than ${LIMITS.queryNodes} fields (fragments expanded).`, { reason: 'NODES', maxNodes: LIMITS.queryNodes });
    }
    // Variables that do not coerce: execution answers that with BAD_USER_INPUT before any resolver runs.
    return null;
  }
}

/** Checks one operation of a validated document; throws the error to answer with. */
export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  let analysis = analyses.get(operation);
  if (!analysis) {
    analysis = analyse(document, operation);
    analyses.set(operation, analysis);
  }
  if (analysis.depthError) throw analysis.depthError();

  for (const arg of analysis.listArguments) {
    const found = longListInNode(arg.value, arg.name, variables);
    if (found) {
      throw new GraphQLError(`${found.path}: must have at most ${LIMITS.listArgument} items (got ${found.length})`, {
        extensions: { code: 'BAD_USER_INPUT', field: found.path, http: { status: 400 } },
      });
    }
  }

  // A cost within the limit is remembered: the same values of the cost variables give the same
  // cost. Whatever else the analysis would answer (over the limit, too many nodes, variables that
  // do not coerce) is worked out afresh each time, exactly as without the cache.
  const key = JSON.stringify(analysis.costVariables.map((name) => (name in variables ? [variables[name]] : [])));
  if (analysis.costs.has(key)) return;
  const cost = costOf(schema, document, operation, variables);
  if (cost === null) return;
  if (cost > LIMITS.cost) throw tooComplex(`The query would cost ${cost}; at most ${LIMITS.cost} is allowed. Ask for fewer items (first) or fewer fields.`, { reason: 'COST', cost, maxCost: LIMITS.cost });
  if (analysis.costs.size >= COSTS_PER_OPERATION) analysis.costs.clear();
  analysis.costs.set(key, cost);
}

export function limitsPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {

        async didResolveOperation({ schema, document, operation, request }) {
          if (operation) checkLimits(schema, document, operation, (request.variables ?? {}) as Record<string, unknown>);
        },
      };
    },
  };
}
