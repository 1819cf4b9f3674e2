/**
 * Limits checked before graphql-js validates a request, each in one linear pass, so that no
 * document makes validation itself slow: validation compares fields with the same response name
 * pairwise (8,000 repeated fields once froze the server for seconds), and the parser and input
 * coercion recurse once per level of nesting (a deep enough literal or variable overflowed the
 * stack). Refusals are QUERY_TOO_COMPLEX naming the limit (`reason`), or BAD_USER_INPUT naming
 * the variable.
 *
 * - the query text: nesting of brackets at most DOCUMENT_LIMITS.nesting (checked on the text,
 *   before the parser recurses);
 * - the document: at most `fields` field selections as written, `expandedFields` with fragments
 *   expanded (a fragment spread many times counts each time), `fragments` definitions,
 *   `directives`, and `introspectionRoots` schema lookups (`__schema`, `__type`: aliased copies
 *   count, each answer is large);
 * - the variables: nesting at most `nesting`.
 */
import { GraphQLError, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export const DOCUMENT_LIMITS = {
  /** Brackets ({ [ () nested in the query text, and objects and lists nested in the variables. */
  nesting: 64,
  /** Field selections as written in the document (the largest of the web app's documents has 166). */
  fields: 800,
  /** Field selections with every fragment spread expanded where it is spread. */
  expandedFields: 5_000,
  fragments: 100,
  directives: 100,
  /** `__schema` and `__type` lookups in one document. */
  introspectionRoots: 4,
  /** Mutation fields of one request (each a write counted against the write limit); the web app sends one. */
  mutationFields: 10,
} as const;

function tooComplex(message: string, reason: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', reason, ...extensions, http: { status: 400 } } });
}

/** The deepest bracket nesting of a query text, strings and comments skipped. */
export function nestingOf(query: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // A block string """…""" or a string "…" with escapes.
      if (query.startsWith('"""', i)) {
        const end = query.indexOf('"""', i + 3);
        i = end < 0 ? query.length : end + 2;
      } else {
        for (i++; i < query.length && query.charCodeAt(i) !== 0x22; i++) if (query.charCodeAt(i) === 0x5c) i++;
      }
    } else if (c === 0x23 /* # */) {
      while (i < query.length && query.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d || c === 0x29) depth--;
  }
  return max;
}

/** Refuses a query text nested deeper than the parser should be asked to go. */
export function checkQueryText(query: string): void {
  const nesting = nestingOf(query);
  if (nesting > DOCUMENT_LIMITS.nesting) {
    throw tooComplex(`The query nests brackets ${nesting} levels deep; at most ${DOCUMENT_LIMITS.nesting} are allowed.`, 'NESTING', { nesting, maxNesting: DOCUMENT_LIMITS.nesting });
  }
}

/**
 * The deepest nesting of objects and lists inside a JSON value (the value itself not counted;
 * iterative, since the value may be deeper than the stack). Stops counting past `stopAt`.
 */
export function jsonNesting(value: unknown, stopAt = DOCUMENT_LIMITS.nesting): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v && typeof v === 'object') {
      if (d > max) max = d;
      if (max > stopAt) return max;
      for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, d + 1]);
    }
  }
  return max;
}

/** Refuses variables nested deeper than input coercion should recurse. */
export function checkVariables(variables: unknown): void {
  const nesting = jsonNesting(variables);
  if (nesting > DOCUMENT_LIMITS.nesting) {
    throw new GraphQLError(`variables: nested more than ${DOCUMENT_LIMITS.nesting} levels deep`, { extensions: { code: 'BAD_USER_INPUT', field: 'variables', reason: 'NESTING', maxNesting: DOCUMENT_LIMITS.nesting, http: { status: 400 } } });
  }
}

/** What was decided about recent query texts (clients send the same few again and again). */
const decided = new Map<string, GraphQLError | null>();
const DECIDED_MAX = 500;

/**
 * Checks a request's query text before Apollo parses and validates it: nesting on the text, then
 * the document limits on a parse of its own (a text that does not parse is left to Apollo, which
 * says why). Throws the GraphQLError to answer with.
 */
export function checkQuery(query: string, maxTokens: number): void {
  let verdict = decided.get(query);
  if (verdict === undefined) {
    verdict = null;
    try {
      checkQueryText(query);
      let document: DocumentNode | null = null;
      try {
        document = parse(query, { maxTokens, noLocation: true });
      } catch {
        document = null;
      }
      if (document) checkDocument(document);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      verdict = error;
    }
    if (decided.size >= DECIDED_MAX) decided.delete(decided.keys().next().value!);
    if (query.length <= 20_000) decided.set(query, verdict);
  }
  if (verdict) throw verdict;
}

/** Refuses a parsed document over the limits above; linear in its size (fragment counts are memoised). */
export function checkDocument(document: DocumentNode): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let fields = 0;
  let directives = 0;
  /** Schema lookups of the operations, fragments expanded. */
  let introspectionRoots = 0;
  /** Root fields of the mutations, fragments expanded (each is a write). */
  let mutationFields = 0;
  const rootFieldCount = (set: SelectionSetNode, seen = new Set<string>()): number => {
    let n = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) n += s.name.value === '__typename' ? 0 : 1;
      else if (s.kind === Kind.INLINE_FRAGMENT) n += rootFieldCount(s.selectionSet, seen);
      else if (!seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f) n += rootFieldCount(f.selectionSet, new Set([...seen, s.name.value]));
      }
    }
    return n;
  };
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  if (fragments.size > DOCUMENT_LIMITS.fragments) {
    throw tooComplex(`The document defines ${fragments.size} fragments; at most ${DOCUMENT_LIMITS.fragments} are allowed.`, 'FRAGMENTS', { maxFragments: DOCUMENT_LIMITS.fragments });
  }

  // How many fields (and schema lookups) each selection set has with its fragments expanded.
  const expandedOf = new Map<string, [number, number]>();
  const inProgress = new Set<string>();
  const countSet = (set: SelectionSetNode): [number, number] => {
    let n = 0;
    let lookups = 0;
    for (const s of set.selections) {
      let inner: [number, number] = [0, 0];
      if (s.kind === Kind.FIELD) {
        n++;
        if (s.name.value === '__schema' || s.name.value === '__type') lookups++;
        if (s.selectionSet) inner = countSet(s.selectionSet);
      } else if (s.kind === Kind.INLINE_FRAGMENT) inner = countSet(s.selectionSet);
      else inner = fragmentSize(s.name.value);
      n += inner[0];
      lookups += inner[1];
      if (n > DOCUMENT_LIMITS.expandedFields) break;
    }
    return [n, lookups];
  };
  const fragmentSize = (name: string): [number, number] => {
    const known = expandedOf.get(name);
    if (known) return known;
    const f = fragments.get(name);
    // Unknown fragments and cycles are validation's to refuse; here they add nothing.
    if (!f || inProgress.has(name)) return [0, 0];
    inProgress.add(name);
    const n = countSet(f.selectionSet);
    inProgress.delete(name);
    expandedOf.set(name, n);
    return n;
  };

  let expanded = 0;
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION) continue;
    directives += d.directives?.length ?? 0;
    const walk = (set: SelectionSetNode) => {
      for (const s of set.selections) {
        directives += s.directives?.length ?? 0;
        if (s.kind === Kind.FIELD) {
          fields++;
          if (s.selectionSet) walk(s.selectionSet);
        } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      }
    };
    walk(d.selectionSet);
    if (d.kind === Kind.OPERATION_DEFINITION) {
      const [n, lookups] = countSet(d.selectionSet);
      expanded += n;
      introspectionRoots += lookups;
      if (d.operation === 'mutation') mutationFields += rootFieldCount(d.selectionSet);
    }
  }
  if (introspectionRoots > DOCUMENT_LIMITS.introspectionRoots) {
    throw tooComplex(`The document looks up the schema ${introspectionRoots} times (__schema, __type); at most ${DOCUMENT_LIMITS.introspectionRoots} are allowed.`, 'INTROSPECTION', {
      introspectionRoots,
      maxIntrospectionRoots: DOCUMENT_LIMITS.introspectionRoots,
    });
  }
  if (mutationFields > DOCUMENT_LIMITS.mutationFields) {
    throw tooComplex(`A request may hold at most ${DOCUMENT_LIMITS.mutationFields} mutation fields (it has ${mutationFields}).`, 'MUTATION_FIELDS', { mutationFields, maxMutationFields: DOCUMENT_LIMITS.mutationFields });
  }
  if (fields > DOCUMENT_LIMITS.fields) {
    throw tooComplex(`The document selects ${fields} fields; at most ${DOCUMENT_LIMITS.fields} are allowed.`, 'FIELDS', { fields, maxFields: DOCUMENT_LIMITS.fields });
  }
  if (expanded > DOCUMENT_LIMITS.expandedFields) {
    throw tooComplex(`The document selects more than ${DOCUMENT_LIMITS.expandedFields} fields with its fragments expanded.`, 'NODES', { maxNodes: DOCUMENT_LIMITS.expandedFields });
  }
  if (directives > DOCUMENT_LIMITS.directives) {
    throw tooComplex(`The document has ${directives} directives; at most ${DOCUMENT_LIMITS.directives} are allowed.`, 'DIRECTIVES', { maxDirectives: DOCUMENT_LIMITS.directives });
  }
}
