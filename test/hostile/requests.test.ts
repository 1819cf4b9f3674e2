/**
 * Hostile and careless GraphQL and HTTP requests against a running server, with /healthz asked
 * all along: documents that used to freeze validation (thousands of repeated fields, hundreds of
 * aliased schema lookups, deep nesting of the text or the variables), 1,000 aliased writes in one
 * request, a 200 KB change reason, a request stopped by its time limit while writing, parallel
 * full exports, hostile header values. Each refusal names its limit or field, no answer is a 5xx
 * or carries an internal message, and no write is acknowledged beyond the limits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type Client, type GraphQLResponse, type TestServer } from '../helpers/harness.js';
import { expectNamedRefusal, INTERNAL, underWatch } from './helpers.js';
import { DOCUMENT_LIMITS } from '../../server/graphql/document-limits.js';
import { MAX_MUTATION_FIELDS } from '../../server/auth/plugin.js';
import { LIMITS } from '../../graph/validation/inputs.js';

const json = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const UPDATE = (alias: string) => `${alias}: updateOrganisation(id: $id, input: {description: "skriven", version: $v}, reason: "test") { organisation { version } errors { code field } }`;

describe('hostile requests', () => {
  let h: TestServer;
  let editor: Client;
  beforeAll(async () => {
    h = await testServer({ auth: { mutationsPerMinute: 30 } });
    editor = await h.signedIn(h.users.editor);
  });
  afterAll(async () => h.close());

  /** Posts a raw body; the answer must not be a 5xx nor hold an internal message. */
  const raw = async (body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }, body });
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBeLessThan(500);
    expect(text).not.toMatch(INTERNAL);
    return { status: res.status, body: JSON.parse(text) as GraphQLResponse, bytes: text.length };
  };

  it('refuses thousands of repeated fields before validation, in milliseconds', async () => {
    for (const n of [8_000, 20_000]) {
      const { result, ms } = await underWatch(h.url, `${n} repeated fields`, () => raw(json(`{ ${'__typename '.repeat(n)} }`)));
      expect(result.status).toBe(400);
      expectNamedRefusal(result.body, ['QUERY_TOO_COMPLEX']);
      expect(result.body.errors![0]!.extensions!['reason']).toBe('FIELDS');
      expect(ms).toBeLessThan(2_000);
    }
    // Just under the limit is answered, and quickly.
    const { result } = await underWatch(h.url, `${DOCUMENT_LIMITS.fields} repeated fields`, () => raw(json(`{ ${'__typename '.repeat(DOCUMENT_LIMITS.fields)} }`)));
    expect(result.status).toBe(200);
  });

  it('refuses 300 aliased schema lookups, naming the introspection limit, without building the answer', async () => {
    const lookups = Array.from({ length: 300 }, (_, i) => `s${i}: __schema { types { name fields { name type { name } } } }`).join(' ');
    const { result } = await underWatch(h.url, '300 aliased __schema', () => raw(json(`{ ${lookups} }`)));
    expect(result.status).toBe(400);
    expectNamedRefusal(result.body, ['QUERY_TOO_COMPLEX']);
    expect(result.body.errors![0]!.extensions!['reason']).toBe('INTROSPECTION');
    expect(result.bytes).toBeLessThan(2_000);
    // Through a fragment spread many times, too.
    const viaFragment = await raw(json(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: __schema { ...T }`).join(' ')} } fragment T on __Schema { types { name } }`));
    expect(viaFragment.body.errors![0]!.extensions!['reason']).toBe('INTROSPECTION');
  });

  it('refuses deep nesting of the query text and of the variables without overflowing the stack', async () => {
    const deepList = `query { organisations(filter: {targetGroups: ${'['.repeat(30_000)}"x"${']'.repeat(30_000)}}) { totalCount } }`;
    const text = await underWatch(h.url, 'list nested 30,000 deep in the query', () => raw(json(deepList)));
    expectNamedRefusal(text.result.body, ['QUERY_TOO_COMPLEX']);
    // Written as text: the value is deeper than JSON.stringify could go.
    const nested = `${'['.repeat(20_000)}"x"${']'.repeat(20_000)}`;
    const body = `{"query": "query ($f: OrganisationFilter) { organisations(filter: $f) { totalCount } }", "variables": {"f": {"targetGroups": ${nested}}}}`;
    const vars = await underWatch(h.url, 'variables nested 20,000 deep', () => raw(body));
    expectNamedRefusal(vars.result.body, ['BAD_USER_INPUT']);
    expect(vars.result.body.errors![0]!.extensions!['field']).toBe('variables');
  });

  it('refuses 1,000 aliased writes whole, counts each write against the limit, and acknowledges none beyond it', async () => {
    const org = (await h.store.organisations.get(h.users.otherOrg))!;
    const thousand = `mutation ($id: ID!, $v: Int!) { ${Array.from({ length: 1_000 }, (_, i) => UPDATE(`u${i}`)).join(' ')} }`;
    const refused = await underWatch(h.url, '1,000 aliased updates', () => editor.gql(thousand, { id: org.id, v: org.version }));
    expect(refused.result.body.data).toBeUndefined();
    expect(refused.result.body.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', reason: 'MUTATION_FIELDS', maxMutationFields: MAX_MUTATION_FIELDS });
    expect((await h.store.organisations.get(org.id))!.version).toBe(org.version);

    // Within the request limit, each field is a write: 30 a minute are 3 requests of 10, the fourth is refused whole.
    const ten = `mutation ($id: ID!, $v: Int!) { ${Array.from({ length: MAX_MUTATION_FIELDS }, (_, i) => UPDATE(`u${i}`)).join(' ')} }`;
    const auditsBefore = await h.accounts.audit.count();
    let acknowledged = 0;
    const statuses: number[] = [];
    for (let round = 0; round < 4; round++) {
      const current = (await h.store.organisations.get(org.id))!;
      const r = await editor.gql<Record<string, { organisation: { version: number } | null; errors: unknown[] }>>(ten, { id: org.id, v: current.version });
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.body.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'RATE_LIMIT_MUTATIONS_PER_MINUTE' });
        continue;
      }
      // The first field writes; the others conflict on the version (each is a write attempt all the same).
      acknowledged += Object.values(r.body.data!).filter((p) => p.organisation).length;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(acknowledged).toBe(3);
    expect((await h.store.organisations.get(org.id))!.version).toBe(org.version + 3);
    expect(await h.accounts.audit.count()).toBe(auditsBefore + 3);
  });

  it('refuses a 200 KB change reason naming the field, and writes nothing', async () => {
    const other = await h.signedIn(h.users.editor2);
    const org = (await h.store.organisations.get(h.users.repOrg))!;
    const r = await other.gql<{ updateOrganisation: { organisation: null; errors: { code: string; field: string; message: string }[] } }>(
      'mutation ($id: ID!, $v: Int!, $r: String) { updateOrganisation(id: $id, input: {description: "lång"}, reason: $r) { organisation { version } errors { code field message } } }'.replace('{description: "lång"}', '{description: "lång", version: $v}'),
      { id: org.id, v: org.version, r: 'x'.repeat(200 * 1024) },
    );
    expect(r.body.data!.updateOrganisation.organisation).toBeNull();
    expect(r.body.data!.updateOrganisation.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason', message: expect.stringContaining(String(LIMITS.reason)) });
    expect((await h.store.organisations.get(org.id))!.version).toBe(org.version);
  });

  it('serves one full export at a time per client: ten in parallel get one file and nine 429s', async () => {
    const { result } = await underWatch(h.url, '10 parallel anonymous full exports', () =>
      Promise.all(Array.from({ length: 10 }, (_, i) => fetch(`${h.url}/export?format=${['json', 'csv', 'graphml', 'hsds'][i % 4]}`).then(async (r) => ({ status: r.status, retry: r.headers.get('retry-after'), bytes: (await r.arrayBuffer()).byteLength })))),
    );
    for (const r of result) expect(r.status).toBeLessThan(500);
    expect(result.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    for (const r of result.filter((x) => x.status === 429)) expect(Number(r.retry)).toBeGreaterThan(0);
    expect(result.filter((r) => r.status === 200 || r.status === 429)).toHaveLength(10);
  });

  it('answers any header value with a 4xx at worst, never a 5xx', async () => {
    const signedIn = await h.signedIn(h.users.editor);
    const right = signedIn.csrf!;
    const hostile: Record<string, string>[] = [
      // A CSRF token of the right length with one character outside ASCII.
      { 'x-csrf-token': `${right.slice(0, -1)}é`, cookie: signedIn.cookie! },
      { 'x-csrf-token': 'ö'.repeat(right.length), cookie: signedIn.cookie! },
      { 'x-csrf-token': 'x'.repeat(8_000), cookie: signedIn.cookie! },
      { cookie: 'samverkan_session=%E0%A4%A' },
      { cookie: `samverkan_session=${'a'.repeat(8_000)}` },
      { cookie: ';;;=;=;samverkan_session' },
      { 'accept-language': 'ÿÿÿ;q=x,,,'.repeat(100) },
      { accept: 'application/graphql-response+json;q=abc, */*;;' },
      { 'content-type': 'application/json; charset=latin-7' },
      { 'x-forwarded-for': 'not an address, 999.999.1.1' },
      { 'x-samverkan-internal-origin': 'http://evil.example' },
    ];
    for (const headers of hostile) {
      const r = await fetch(`${h.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: json('mutation ($id: ID!) { requestContactVerification(organisationId: $id) { errors { code } } }', { id: h.users.otherOrg }),
      });
      const text = await r.text();
      expect(r.status, `${JSON.stringify(headers).slice(0, 120)}: ${text.slice(0, 200)}`).toBeLessThan(500);
      expect(text).not.toMatch(INTERNAL);
    }
    // The wrong CSRF tokens are refused as CSRF (403), not as an error of the server.
    const wrong = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': `${right.slice(0, -1)}é`, cookie: signedIn.cookie! }, body: json('mutation { signOut }') });
    expect(wrong.status).toBe(403);
    for (const path of ['/', '/en/organisation/x', '/healthz', '/export?format=csv', '/graphiql', '/graphql?query=%7B__typename%7D']) {
      const r = await fetch(`${h.url}${path}`, { headers: { 'accept-language': '\u00ff'.repeat(50), cookie: 'samverkan_session=%%%', 'x-csrf-token': 'é' } });
      expect(r.status, path).toBeLessThan(500);
      await r.arrayBuffer();
    }
  });

  it('forbids framing of every page: frame-ancestors none and X-Frame-Options DENY', async () => {
    for (const path of ['/', '/sign-in', '/graphql?query=%7B__typename%7D', '/graphiql', '/healthz', '/export?format=csv']) {
      const r = await fetch(`${h.url}${path}`);
      await r.arrayBuffer();
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('content-security-policy') ?? '', path).toMatch(/frame-ancestors 'none'/);
    }
  });

  it('refuses names with control characters, bidi overrides or nothing visible over HTTP, naming the field', async () => {
    // Another editor: the first spent this minute's writes above.
    const editor = await h.signedIn(h.users.editor2);
    for (const name of ['\u200b', 'Nul\u0000föreningen', 'Föreningen \u202Eredröv', '\u001b[31mRöd']) {
      const r = await editor.gql<{ createOrganisation: { organisation: null; errors: { code: string; field: string }[] } }>(
        'mutation ($n: String!) { createOrganisation(input: {name: $n}) { organisation { id } errors { code field } } }',
        { n: name },
      );
      expect(r.body.data!.createOrganisation).toMatchObject({ organisation: null, errors: [{ code: 'BAD_USER_INPUT', field: 'input.name' }] });
    }
    const self = await editor.gql<{ addOrganisationLink: { errors: { field: string; message: string }[] } }>(
      'mutation ($id: ID!) { addOrganisationLink(id: $id, kind: UMBRELLA, targetId: $id) { errors { field message } } }',
      { id: h.users.otherOrg },
    );
    expect(self.body.data!.addOrganisationLink.errors[0]).toMatchObject({ field: 'input.targetId', message: expect.stringMatching(/own umbrella/) });
  });
});

describe('a request stopped by its time limit while writing', () => {
  let h: TestServer;
  beforeAll(async () => {
    // Every organisation update takes 150 ms here, and a request may take 400 ms.
    h = await testServer({
      requestTimeoutMs: 400,
      wrap: (store) => {
        const update = store.organisations.update.bind(store.organisations);
        store.organisations.update = async (...args: Parameters<typeof update>) => {
          await new Promise((r) => setTimeout(r, 150));
          return update(...args);
        };
        return store;
      },
    });
  });
  afterAll(async () => h.close());

  it('says exactly which fields wrote: those not started refuse to start, and nothing unacknowledged is written', async () => {
    const editor = await h.signedIn(h.users.editor);
    const orgs = (await h.store.organisations.list({}, { first: 8 })).nodes;
    const fields = orgs.map((o, i) => `u${i}: updateOrganisation(id: "${o.id}", input: {description: "stoppad ${i}", version: ${o.version}}) { organisation { id version } errors { code } }`);
    const auditsBefore = await h.accounts.audit.count();
    const r = await editor.gql<Record<string, { organisation: { id: string; version: number } | null; errors: { code: string }[] }>>(`mutation { ${fields.join(' ')} }`);
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    const answers = Object.entries(r.body.data!).map(([k, p]) => ({ i: Number(k.slice(1)), p }));
    const written = answers.filter((a) => a.p.organisation).map((a) => a.i);
    const stopped = answers.filter((a) => a.p.errors.some((e) => e.code === 'TIMEOUT')).map((a) => a.i);
    expect(written.length).toBeGreaterThan(0);
    expect(stopped.length).toBeGreaterThan(0);
    expect([...written, ...stopped].sort((a, b) => a - b)).toEqual(orgs.map((_, i) => i));
    // The store holds exactly the acknowledged writes, each with its audit record.
    for (const [i, o] of orgs.entries()) {
      const now = (await h.store.organisations.get(o.id))!;
      expect(now.version, `u${i}`).toBe(written.includes(i) ? o.version + 1 : o.version);
    }
    expect(await h.accounts.audit.count()).toBe(auditsBefore + written.length);
  });

  it('answers a query over its time limit with TIMEOUT (503): a query writes nothing', async () => {
    const slowList = h.store.organisations.list.bind(h.store.organisations);
    h.store.organisations.list = async (...args: Parameters<typeof slowList>) => {
      await new Promise((r) => setTimeout(r, 800));
      return slowList(...args);
    };
    try {
      const r = await h.post('{ organisations(first: 5) { totalCount } }');
      expect(r.status).toBe(503);
      expect(r.body.errors![0]!.extensions!.code).toBe('TIMEOUT');
    } finally {
      h.store.organisations.list = slowList;
    }
  });
});
