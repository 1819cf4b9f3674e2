/**
 * Optimistic concurrency under real concurrency, over HTTP: 20 updates of one entity sent at
 * once, all at the version read. Exactly one is saved; the other 19 answer CONFLICT, and the
 * stored value and history are the winner's. Runs on both engines: on Neo4j the version check and
 * the write cannot interleave because the write lock is taken first (graph/repo/lock.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type Client, type TestServer } from '../helpers/harness.js';

interface Result {
  errors: { code: string; field: string | null }[];
  auditId: string | null;
}

const N = 20;

describe('20 concurrent updates at the same version', () => {
  let h: TestServer;
  let editors: Client[];
  beforeAll(async () => {
    h = await testServer();
    // Two editors, ten requests each, so the writes come from different sessions as well.
    editors = [await h.signedIn(h.users.editor), await h.signedIn(h.users.editor2)];
  });
  afterAll(async () => h.close());

  async function race(send: (client: Client, i: number) => Promise<Result>): Promise<{ winners: number[]; conflicts: number; results: Result[] }> {
    const results = await Promise.all(Array.from({ length: N }, (_, i) => send(editors[i % 2]!, i)));
    const winners = results.flatMap((r, i) => (r.errors.length === 0 ? [i] : []));
    const conflicts = results.filter((r) => r.errors.length === 1 && r.errors[0]!.code === 'CONFLICT' && r.errors[0]!.field === 'input.version').length;
    return { winners, conflicts, results };
  }

  it('of an organisation: one is saved, 19 conflict', async () => {
    const id = h.users.otherOrg;
    const v = (await h.store.organisations.get(id))!.version;
    const q = 'mutation ($id: ID!, $v: Int!, $d: String!) { updateOrganisation(id: $id, input: {description: $d, version: $v}) { auditId errors { code field } } }';
    const { winners, conflicts, results } = await race(async (c, i) => (await c.gql<{ updateOrganisation: Result }>(q, { id, v, d: `text ${i}` })).body.data!.updateOrganisation);
    expect(winners).toHaveLength(1);
    expect(conflicts).toBe(N - 1);
    const stored = (await h.store.organisations.get(id))!;
    expect(stored.version).toBe(v + 1);
    expect(stored.description).toBe(`text ${winners[0]}`);
    const history = await h.accounts.audit.forEntity('Organisation', id, 5);
    expect(history[0]!.id).toBe(results[winners[0]!]!.auditId);
    expect(history.filter((r) => r.action === 'UPDATE' && r.at >= history[0]!.at)).toHaveLength(1);
  });

  it('of an agreement: one is saved, 19 conflict', async () => {
    const created = await editors[0]!.gql<{ createAgreement: Result & { agreement: { id: string; version: number } } }>(
      'mutation { createAgreement(input: {name: "Samtidighetsavtalet", kind: GRANT}) { agreement { id version } auditId errors { code field } } }',
    );
    const { id, version } = created.body.data!.createAgreement.agreement;
    const q = 'mutation ($id: ID!, $v: Int!, $d: String!) { updateAgreement(id: $id, input: {description: $d, version: $v}) { agreement { description version } auditId errors { code field } } }';
    const { winners, conflicts } = await race(async (c, i) => (await c.gql<{ updateAgreement: Result }>(q, { id, v: version, d: `avtalstext ${i}` })).body.data!.updateAgreement);
    expect(winners).toHaveLength(1);
    expect(conflicts).toBe(N - 1);
    const stored = await editors[0]!.gql<{ agreement: { description: string; version: number } }>('query ($id: ID!) { agreement(id: $id) { description version } }', { id });
    expect(stored.body.data!.agreement).toEqual({ description: `avtalstext ${winners[0]}`, version: version + 1 });
  });

  it('of a contact person: one is saved, 19 conflict', async () => {
    const added = await editors[0]!.gql<{ addContactPerson: Result & { contactPerson: { id: string; version: number } } }>(
      'mutation ($o: ID!) { addContactPerson(organisationId: $o, input: {name: "Kim Kontakt", purpose: "Kontaktperson för samverkan"}) { contactPerson { id version } auditId errors { code field } } }',
      { o: h.users.otherOrg },
    );
    const { id, version } = added.body.data!.addContactPerson.contactPerson;
    const q = 'mutation ($id: ID!, $v: Int!, $t: String!) { updateContactPerson(id: $id, input: {title: $t, version: $v}) { contactPerson { title version } auditId errors { code field } } }';
    const { winners, conflicts } = await race(async (c, i) => (await c.gql<{ updateContactPerson: Result }>(q, { id, v: version, t: `titel ${i}` })).body.data!.updateContactPerson);
    expect(winners).toHaveLength(1);
    expect(conflicts).toBe(N - 1);
    const stored = await editors[0]!.gql<{ organisation: { contactPersons: { id: string; title: string; version: number }[] } }>(
      'query ($o: ID!) { organisation(id: $o) { contactPersons { id title version } } }',
      { o: h.users.otherOrg },
    );
    expect(stored.body.data!.organisation.contactPersons.find((p) => p.id === id)).toEqual({ id, title: `titel ${winners[0]}`, version: version + 1 });
  });
});
