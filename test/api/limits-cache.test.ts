/**
 * The limits analysis is worked out once per parsed operation and its cost remembered per value
 * of the variables it depends on (server/graphql/limits.ts); every answer must still be what
 * an analysis from scratch gives, whatever the order of requests with one document.
 */
import { describe, expect, it } from 'vitest';
import { GraphQLError, buildSchema, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { readTypeDefs } from '../../server/graphql/apollo.js';
import { checkLimits, LIMITS } from '../../server/graphql/limits.js';

const schema = buildSchema(readTypeDefs().join('\n'));

function operation(query: string): { document: DocumentNode; op: OperationDefinitionNode } {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return { document, op };
}

/** The error checkLimits answers with (its code and reason), or 'OK'. */
function verdict(document: DocumentNode, op: OperationDefinitionNode, variables: Record<string, unknown>): string {
  try {
    checkLimits(schema, document, op, variables);
    return 'OK';
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return [error.extensions['code'], error.extensions['reason'] ?? error.extensions['field']].filter(Boolean).join(' ');
  }
}

// 12 pages of `$n` organisations with two lists each: cost 12 × (10 + n × 25), over 25,000 from n = 84.
const PAGES = `query Pages($n: Int, $f: OrganisationFilter, $heavy: Boolean!) { ${Array.from(
  { length: 12 },
  (_, i) => `a${i}: organisations(first: $n, filter: $f) { edges { node { name targetGroups { name } districts { name } } } }`,
).join(' ')} more: organisations(first: 100) @include(if: $heavy) { edges { node { name targetGroups { name } } } } }`;

describe('limits analysis cache', () => {
  it('answers each request of one document as a fresh analysis would, in any order', () => {
    const { document, op } = operation(PAGES);
    const fresh = (variables: Record<string, unknown>) => {
      const again = operation(PAGES);
      return verdict(again.document, again.op, variables);
    };
    const requests: Record<string, unknown>[] = [
      { n: 10, heavy: false },
      { n: 100, heavy: false }, // over the cost limit: a different `first` must not reuse the cost of n = 10
      { n: 10, heavy: false }, // a remembered cost
      { n: 10, heavy: true }, // @include adds 100 organisations with their lists, still within the limit
      { n: 80, heavy: true }, // within alone, over with the included field
      { n: 80, heavy: false },
      { n: 80, heavy: true }, // the remembered cost of n = 80 was without the included field
      { n: 10, heavy: false, f: { targetGroups: Array.from({ length: LIMITS.listArgument + 1 }, (_, i) => `tg:x${i}`) } }, // a remembered cost, but too long a list
      { n: 10, heavy: false, f: { colour: 'red' } }, // variables that do not coerce: execution answers them
      { n: 100, heavy: false, f: { colour: 'red' } },
      { n: 100, heavy: false },
    ];
    const answers = requests.map((v) => verdict(document, op, v));
    expect(answers).toEqual(requests.map(fresh));
    expect(answers).toEqual([
      'OK',
      'QUERY_TOO_COMPLEX COST',
      'OK',
      'OK',
      'QUERY_TOO_COMPLEX COST',
      'OK',
      'QUERY_TOO_COMPLEX COST',
      'BAD_USER_INPUT filter.targetGroups',
      'OK',
      'OK',
      'QUERY_TOO_COMPLEX COST',
    ]);
  });

  it('refuses a too-deep operation every time, each time with its own error', () => {
    let q = 'name';
    for (let i = 0; i < LIMITS.depth + 2; i++) q = `partOf { ${q} }`;
    const { document, op } = operation(`{ districts { ${q} } }`);
    const errors = [0, 1].map(() => {
      try {
        checkLimits(schema, document, op, {});
        return null;
      } catch (error) {
        return error as GraphQLError;
      }
    });
    expect(errors.map((e) => e?.extensions['reason'])).toEqual(['DEPTH', 'DEPTH']);
    expect(errors[0]).not.toBe(errors[1]);
  });
});
