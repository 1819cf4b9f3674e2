/**
 * Bad requests over real HTTP: malformed JSON, unknown fields, wrong variable types, huge and
 * deeply nested queries, 10,000-item lists, invalid cursors, injection strings, a request that
 * runs too long. Each gets a clear GraphQL error with a code (and the field, where there is one),
 * no stack trace, and the server keeps serving: a normal request succeeds afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type GraphQLResponse, type TestServer } from '../helpers/harness.js';
import { LIMITS } from '../../server/graphql/limits.js';

const NORMAL = '{ organisations(filter: {targetGroups: ["tg:funktionsnedsattning"]}, first: 5) { totalCount edges { node { name } } } }';

describe('bad input over HTTP', () => {
  let s: TestServer;
  let slow: TestServer;
  beforeAll(async () => {
    s = await testServer();
    // The same graph behind a store whose search takes 2 s, and a 300 ms request timeout.
    slow = await testServer({
      requestTimeoutMs: 300,
      wrap: (store) => {
        const list = store.organisations.list.bind(store.organisations);
        store.organisations.list = async (...args: Parameters<typeof list>) => {
          await new Promise((r) => setTimeout(r, 2000));
          return list(...args);
        };
        return store;
      },
    });
  });
  afterAll(async () => {
    await s.close();
    await slow.close();
  });

  const raw = async (body: string, accept = 'application/graphql-response+json') => {
    const res = await fetch(`${s.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as GraphQLResponse };
  };
  const deep = (n: number) => {
    let q = 'name';
    for (let i = 0; i < n; i++) q = `partOf { ${q} }`;
    return `{ districts { ${q} } }`;
  };
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `tg:x${i}`);

  it('answers each bad request with a clear, typed error and keeps serving', async () => {
    type Case = { name: string; body: string; status: number[]; code: string; field?: string; message?: RegExp };
    const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
    const cases: Case[] = [
      { name: 'malformed JSON', body: '{"query": "{ sources { id } ', status: [400], code: 'BAD_REQUEST' },
      { name: 'not an object', body: '[1, 2, 3]', status: [400], code: 'BAD_REQUEST' },
      { name: 'no query', body: '{"variables": {}}', status: [400], code: 'BAD_REQUEST' },
      { name: 'syntax error', body: json('{ organisations { '), status: [400], code: 'GRAPHQL_PARSE_FAILED' },
      { name: 'unknown field', body: json('{ organisations { edges { node { colour } } } }'), status: [400], code: 'GRAPHQL_VALIDATION_FAILED', message: /colour/ },
      { name: 'unknown argument', body: json('{ organisations(colour: "red") { totalCount } }'), status: [400], code: 'GRAPHQL_VALIDATION_FAILED' },
      { name: 'wrong variable type', body: json('query ($n: Int) { organisations(first: $n) { totalCount } }', { n: 'many' }), status: [400], code: 'BAD_USER_INPUT', message: /\$n/ },
      { name: 'wrong enum in a variable', body: json('query ($k: DistrictKind) { districts(kind: $k) { id } }', { k: 'PLANET' }), status: [400], code: 'BAD_USER_INPUT' },
      { name: 'page too large', body: json('{ organisations(first: 1000) { totalCount } }'), status: [200], code: 'BAD_USER_INPUT', field: 'first' },
      { name: 'negative page', body: json('{ organisations(first: -1) { totalCount } }'), status: [200], code: 'BAD_USER_INPUT', field: 'first' },
      { name: 'invalid cursor', body: json('{ organisations(after: "not-a-cursor") { totalCount } }'), status: [200], code: 'BAD_USER_INPUT', field: 'after' },
      { name: 'forged cursor', body: json(`{ organisations(after: "${Buffer.from('["x", 1]').toString('base64url')}") { totalCount } }`), status: [200], code: 'BAD_USER_INPUT', field: 'after' },
      { name: 'unknown id in a filter', body: json('{ organisations(filter: {targetGroups: ["tg:nope"]}) { totalCount } }'), status: [200], code: 'BAD_USER_INPUT', field: 'filter.targetGroups.0' },
      { name: '10,000-item list in a variable', body: json('query ($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }', { f: { targetGroups: ids(10_000) } }), status: [400], code: 'BAD_USER_INPUT', field: 'filter.targetGroups' },
      { name: '10,000-item literal list', body: json(`{ coverage(targetGroups: [${ids(10_000).map((i) => `"${i}"`).join(',')}]) { cells { totalCount } } }`), status: [400], code: 'BAD_USER_INPUT', field: 'targetGroups' },
      { name: '10,000-item list as a variable of a list argument', body: json('query ($a: [ID!]) { agreementGaps(agreements: $a) { signatoryContactCount } }', { a: ids(10_000) }), status: [400], code: 'BAD_USER_INPUT', field: 'agreements' },
      { name: 'deeply nested query', body: json(deep(40)), status: [400], code: 'QUERY_TOO_COMPLEX', message: /nested/ },
      { name: 'deep through fragments', body: json(`{ districts { ...A } } fragment A on District { partOf { partOf { partOf { ...B } } } } fragment B on District { partOf { partOf { partOf { partOf { partOf { partOf { partOf { partOf { name } } } } } } } } }`), status: [400], code: 'QUERY_TOO_COMPLEX' },
      { name: 'fragment cycle', body: json('{ districts { ...A } } fragment A on District { partOf { ...A } }'), status: [400], code: 'GRAPHQL_VALIDATION_FAILED', message: /cycle|itself/i },
      { name: 'huge: many aliased pages', body: json(`{ ${Array.from({ length: 60 }, (_, i) => `a${i}: organisations(first: 100) { edges { node { name targetGroups { name } districts { name } } } }`).join(' ')} }`), status: [400], code: 'QUERY_TOO_COMPLEX', message: /cost/ },
      { name: 'huge: analytics many times', body: json(`{ ${Array.from({ length: 80 }, (_, i) => `a${i}: overlaps { minScore }`).join(' ')} }`), status: [400], code: 'QUERY_TOO_COMPLEX' },
      { name: 'injection in text', body: json(`{ organisations(filter: {text: "'}) MATCH (n) DETACH DELETE n //"}) { totalCount } }`), status: [200], code: 'OK' },
      { name: 'injection in an id', body: json(`{ organisation(id: "x'}) MATCH (n) DETACH DELETE n //") { name } }`), status: [200], code: 'OK' },
      { name: 'injection in a role', body: json(`{ agreement(id: "agr:stockholm-compact-2012") { parties(role: "' OR 1=1 --") { totalCount } } }`), status: [200], code: 'BAD_USER_INPUT', field: 'role' },
      { name: 'script in a string', body: json('{ organisations(filter: {text: "<script>alert(1)</script>"}) { totalCount } }'), status: [200], code: 'OK' },
    ];
    // `status` is the answer for application/graphql-response+json; a client that accepts only the
    // legacy application/json gets GraphQL errors with 200 (GraphQL over HTTP), a malformed request 400.
    for (const c of cases) for (const accept of ['application/graphql-response+json', 'application/json']) {
      const r = await raw(c.body, accept);
      const status = accept === 'application/json' ? (c.code === 'BAD_REQUEST' ? [400] : [200]) : c.status;
      expect(status, `${c.name} (${accept}): HTTP ${r.status} ${r.text.slice(0, 300)}`).toContain(r.status);
      expect(r.text, c.name).not.toMatch(/at [^ ]+\.(ts|js):\d+/);
      expect(r.text, c.name).not.toMatch(/stacktrace/);
      if (c.code === 'OK') {
        expect(r.body.errors, c.name).toBeUndefined();
        continue;
      }
      const e = r.body.errors?.[0];
      expect(e?.extensions?.code, `${c.name}: ${r.text.slice(0, 300)}`).toBe(c.code);
      expect(e?.message.length, c.name).toBeGreaterThan(5);
      if (c.field) expect(e?.extensions?.field, c.name).toBe(c.field);
      if (c.message) expect(e?.message, c.name).toMatch(c.message);
    }
    // 413 for a body over the limit, before any parsing.
    const huge = await fetch(`${s.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: NORMAL, pad: 'x'.repeat(300_000) }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as GraphQLResponse).errors![0]!.extensions!.code).toBe('PAYLOAD_TOO_LARGE');

    // Nothing was deleted and the server still answers.
    const after = await s.post<{ organisations: { totalCount: number; edges: unknown[] } }>(NORMAL);
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data!.organisations.totalCount).toBeGreaterThan(3);
  });

  it('allows what a client legitimately asks: a full page with links, and the introspection query', async () => {
    const page = await s.post<{ organisations: { edges: unknown[] } }>(`{ organisations(first: 100) { totalCount edges { cursor node { id name aliases provenance { basis source { title } } targetGroups { id name provenance { basis } } districts { id name } agreements { id role } collaborations { id } } } } }`);
    expect(page.body.errors).toBeUndefined();
    expect(page.body.data!.organisations.edges.length).toBeGreaterThan(50);
    const { getIntrospectionQuery } = await import('graphql');
    const introspection = await s.post<{ __schema: { types: unknown[] } }>(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }));
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.body.data!.__schema.types.length).toBeGreaterThan(50);
    // Exactly at the limits passes; one more level does not.
    const atLimit = await s.post(deep(LIMITS.depth - 2));
    expect(atLimit.body.errors).toBeUndefined();
    const over = await s.post(deep(LIMITS.depth - 1));
    expect(over.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const list = await s.post('query ($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }', { f: { targetGroups: Array.from({ length: LIMITS.listArgument }, () => 'tg:hemlosa') } });
    expect(list.body.errors).toBeUndefined();
  });

  it('stops a request that runs past the timeout with a TIMEOUT error, and keeps serving', async () => {
    const started = performance.now();
    const res = await fetch(`${slow.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: NORMAL }) });
    const ms = performance.now() - started;
    expect(res.status).toBe(503);
    const body = (await res.json()) as GraphQLResponse;
    expect(body.errors![0]!.extensions!.code).toBe('TIMEOUT');
    expect(ms).toBeLessThan(1900);
    const quick = await slow.post<{ sources: { id: string }[] }>('{ sources { id } }');
    expect(quick.body.errors).toBeUndefined();
    expect(quick.body.data!.sources.length).toBeGreaterThan(3);
  });
});
