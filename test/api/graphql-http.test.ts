/**
 * The GraphQL API over real HTTP against the seeded Stockholm graph: what a city officer asks,
 * suggestions with reasons in the request's language, and bad requests that get clear errors
 * while the server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { seedIfEmpty } from '../../seeds/load/seed.js';
import { startServer, type RunningServer } from '../../server/app.js';

interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

describe('GraphQL over HTTP', () => {
  let temp: TempStore;
  let store: GraphStore;
  let server: RunningServer;
  const post = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as GraphQLResponse<T> };
  };

  beforeAll(async () => {
    temp = await tempStore();
    store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] });
    await seedIfEmpty(store.engine);
    server = await startServer(store, { port: 0, host: '127.0.0.1', shutdownGraceMs: 2000 });
  });
  afterAll(async () => {
    await server.close();
    store.projections.close();
    await temp.cleanup();
  });

  it('finds the organisations working with disabilities in Södermalm (or the whole city), with the provenance of each fact', async () => {
    type Link = { id: string; provenance: { basis: string; rule: string | null; quote: string | null; confidence: number; source: { title: string; kind: string } | null } };
    const { status, body } = await post<{ organisations: { totalCount: number; edges: { node: { name: string; aliases: string[]; targetGroups: Link[] } }[] } }>(
      `query ($f: OrganisationFilter) { organisations(filter: $f, first: 50) { totalCount edges { node { name aliases targetGroups { id provenance { basis rule quote confidence source { title kind } } } } } } }`,
      { f: { targetGroups: ['tg:funktionsnedsattning'], districts: ['district:sdo-sodermalm'], includeWider: true } },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const names = body.data!.organisations.edges.map((e) => e.node.name);
    expect(names).toEqual(expect.arrayContaining(['Afasiföreningen i Stockholms län', 'Reumatikerförening Stockholm', 'Stockholms Dövas Förening']));
    expect(body.data!.organisations.totalCount).toBe(names.length);
    // Every target group link here is an inference from the organisation's name: it says so, quotes the name and cites the curation.
    for (const e of body.data!.organisations.edges) {
      for (const t of e.node.targetGroups) {
        expect(t.provenance.source?.title).toBeTruthy();
        if (t.provenance.basis !== 'INFERRED') continue;
        expect(['NAME', 'SOURCE_HINT']).toContain(t.provenance.rule);
        expect(t.provenance.confidence).toBeLessThan(1);
        if (t.provenance.rule === 'NAME') {
          expect(t.provenance.source?.kind).toBe('CURATION');
          expect([e.node.name, ...e.node.aliases].join(' | ').toLowerCase()).toContain(t.provenance.quote!.toLowerCase());
        }
      }
    }
  });

  it('tells no one to cache an answer, signed in or not', async () => {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ sources { id } }' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bad = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ nope }' }) });
    expect(bad.headers.get('cache-control')).toBe('no-store');
  });

  it('shows everything Convictus is party to', async () => {
    const id = (await store.organisations.list({ text: 'Convictus' })).nodes[0]!.id;
    const { body } = await post<{ organisation: { agreements: { id: string; role: string | null }[] } }>(`query ($id: ID!) { organisation(id: $id) { agreements { id role } } }`, { id });
    expect(body.data!.organisation.agreements).toContainEqual({ id: 'agr:stockholm-compact-2012', role: 'SIGNATORY' });
  });

  it('suggests partners with reasons written in the language asked for', async () => {
    const id = (await store.organisations.list({ text: 'Convictus' })).nodes[0]!.id;
    const q = `query ($id: ID!, $l: Language) { partnershipSuggestions(organisationId: $id, first: 5, language: $l) { score organisation { name } reasons { kind text targetGroups { name } } } }`;
    const sv = await post<{ partnershipSuggestions: { reasons: { text: string }[] }[] }>(q, { id, l: 'SV' });
    const en = await post<{ partnershipSuggestions: { reasons: { text: string }[] }[] }>(q, { id, l: 'EN' });
    expect(sv.body.errors).toBeUndefined();
    expect(sv.body.data!.partnershipSuggestions.length).toBeGreaterThan(0);
    const svText = sv.body.data!.partnershipSuggestions[0]!.reasons[0]!.text;
    const enText = en.body.data!.partnershipSuggestions[0]!.reasons[0]!.text;
    expect(svText.length).toBeGreaterThan(10);
    expect(enText).not.toBe(svText);
  });

  it('answers bad requests with clear errors and keeps serving', async () => {
    const raw = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ sources { id } ' });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as GraphQLResponse).errors![0]!.extensions!.code).toBe('BAD_REQUEST');

    const huge = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ sources { id } }`, pad: 'x'.repeat(300_000) }) });
    expect(huge.status).toBe(413);

    const cases: [string, Record<string, unknown>, string, string?][] = [
      ['{ organisations { edges { node { colour } } } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
      ['query ($n: Int) { organisations(first: $n) { totalCount } }', { n: 'many' }, 'BAD_USER_INPUT'],
      ['{ organisations(first: 1000) { totalCount } }', {}, 'BAD_USER_INPUT', 'first'],
      ['{ organisations(after: "not-a-cursor") { totalCount } }', {}, 'BAD_USER_INPUT', 'after'],
      ['{ organisations(filter: {targetGroups: ["tg:nope"]}) { totalCount } }', {}, 'BAD_USER_INPUT', 'filter.targetGroups.0'],
      [`{ organisations(filter: {text: "'}) MATCH (n) DETACH DELETE n //"}) { totalCount } }`, {}, 'OK'],
      ['{ partnershipSuggestions(organisationId: "org:nope") { score } }', {}, 'BAD_USER_INPUT', 'organisationId'],
    ];
    for (const [query, variables, code, field] of cases) {
      const { body } = await post(query, variables);
      if (code === 'OK') {
        expect(body.errors, query).toBeUndefined();
        continue;
      }
      expect(body.errors?.[0]?.extensions?.code, query).toBe(code);
      if (field) expect(body.errors?.[0]?.extensions?.field, query).toBe(field);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    }
    const after = await post<{ sources: { id: string }[] }>('{ sources { id } }');
    expect(after.body.data!.sources.length).toBeGreaterThan(5);
  });
});
