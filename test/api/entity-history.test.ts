/**
 * The histories of agreements and collaborations over HTTP (`agreementHistory`,
 * `collaborationHistory`): an editor's changes read back newest first with who, what and why;
 * `first` bounded with an error naming it; an unknown id answers an empty list (as
 * organisationHistory does); anonymous callers and representatives get no records (actor names
 * are personal data).
 */
import type { AuditRecord, UserError } from '../../server/graphql/generated/resolvers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type Client, type TestServer } from '../helpers/harness.js';

// The answers' shapes, from the API's generated types.
type AuditRow = Required<Omit<AuditRecord, '__typename'>>;
interface Payload {
  auditId: string | null;
  errors: Required<Pick<UserError, 'code' | 'field'>>[];
}

const FIELDS = 'id actorId actorName at action entityType entityId before after reason revertOf';
const HISTORY = {
  agreement: `query ($id: ID!, $first: Int) { agreementHistory(id: $id, first: $first) { ${FIELDS} } }`,
  collaboration: `query ($id: ID!, $first: Int) { collaborationHistory(id: $id, first: $first) { ${FIELDS} } }`,
} as const;
const fieldOf = { agreement: 'agreementHistory', collaboration: 'collaborationHistory' } as const;

describe('agreement and collaboration history over HTTP', () => {
  let h: TestServer;
  let editor: Client;
  let rep: Client;
  let anonymous: Client;
  let orgs: string[];
  const ids = { agreement: '', collaboration: '' };
  const auditIds = { agreement: [] as string[], collaboration: [] as string[] };

  async function history(c: Client, kind: keyof typeof HISTORY, id: string, first?: number) {
    const r = await c.gql<{ [k: string]: AuditRow[] }>(HISTORY[kind], first === undefined ? { id } : { id, first });
    return { ...r, records: r.body.data?.[fieldOf[kind]] ?? null };
  }

  beforeAll(async () => {
    h = await testServer();
    editor = await h.signedIn(h.users.editor);
    rep = await h.signedIn(h.users.rep);
    anonymous = h.client();
    // The representative's own organisation is a party and a participant: still no history for them.
    orgs = [h.users.repOrg, h.users.otherOrg, ...(await h.store.organisations.list({}, { first: 3 })).nodes.map((o) => o.id).filter((id) => id !== h.users.repOrg && id !== h.users.otherOrg)].slice(0, 3);

    const ag = await editor.gql<{ createAgreement: Payload & { agreement: { id: string } } }>(
      'mutation ($p: ID!) { createAgreement(input: {name: "IOP Historiktest", kind: IOP, status: "ACTIVE", parties: [{id: $p, role: "PARTY"}]}, reason: "nytt avtal") { agreement { id } auditId errors { code field } } }',
      { p: orgs[0] },
    );
    expect(ag.body.data!.createAgreement.errors).toEqual([]);
    ids.agreement = ag.body.data!.createAgreement.agreement.id;
    auditIds.agreement.push(ag.body.data!.createAgreement.auditId!);
    const upd = await editor.gql<{ updateAgreement: Payload }>('mutation ($id: ID!) { updateAgreement(id: $id, input: {status: "ENDED", valueSek: 250000, version: 1}, reason: "avslutat") { auditId errors { code field } } }', { id: ids.agreement });
    expect(upd.body.data!.updateAgreement.errors).toEqual([]);
    auditIds.agreement.push(upd.body.data!.updateAgreement.auditId!);
    const add = await editor.gql<{ addAgreementParty: Payload }>('mutation ($id: ID!, $p: ID!) { addAgreementParty(agreementId: $id, party: {id: $p, role: "PROVIDER"}) { auditId errors { code } } }', { id: ids.agreement, p: orgs[1] });
    expect(add.body.data!.addAgreementParty.errors).toEqual([]);
    auditIds.agreement.push(add.body.data!.addAgreementParty.auditId!);
    const remove = await editor.gql<{ removeAgreementParty: Payload }>('mutation ($id: ID!, $p: ID!) { removeAgreementParty(agreementId: $id, partyId: $p, reason: "fel part") { auditId errors { code } } }', { id: ids.agreement, p: orgs[1] });
    expect(remove.body.data!.removeAgreementParty.errors).toEqual([]);
    auditIds.agreement.push(remove.body.data!.removeAgreementParty.auditId!);

    const co = await editor.gql<{ createCollaboration: Payload & { collaboration: { id: string } } }>(
      'mutation ($a: ID!, $b: ID!) { createCollaboration(input: {name: "Historiknätverket", kind: "NETWORK", participantIds: [$a, $b]}) { collaboration { id } auditId errors { code field } } }',
      { a: orgs[0], b: orgs[1] },
    );
    expect(co.body.data!.createCollaboration.errors).toEqual([]);
    ids.collaboration = co.body.data!.createCollaboration.collaboration.id;
    auditIds.collaboration.push(co.body.data!.createCollaboration.auditId!);
    const cu = await editor.gql<{ updateCollaboration: Payload }>('mutation ($id: ID!) { updateCollaboration(id: $id, input: {name: "Historiknätverket i Husby", kind: "JOINT_PROJECT", version: 1}, reason: "nytt namn") { auditId errors { code } } }', { id: ids.collaboration });
    expect(cu.body.data!.updateCollaboration.errors).toEqual([]);
    auditIds.collaboration.push(cu.body.data!.updateCollaboration.auditId!);
    const cp = await editor.gql<{ addCollaborationParticipant: Payload }>('mutation ($id: ID!, $p: ID!) { addCollaborationParticipant(collaborationId: $id, participant: {id: $p}) { auditId errors { code } } }', { id: ids.collaboration, p: orgs[2] });
    expect(cp.body.data!.addCollaborationParticipant.errors).toEqual([]);
    auditIds.collaboration.push(cp.body.data!.addCollaborationParticipant.auditId!);
  });
  afterAll(async () => h.close());

  it("reads an agreement's changes back newest first, with who, what and why", async () => {
    const { body, records } = await history(editor, 'agreement', ids.agreement);
    expect(body.errors).toBeUndefined();
    expect(records!.map((r) => r.action)).toEqual(['LINK_REMOVE', 'LINK_ADD', 'UPDATE', 'CREATE']);
    expect(records!.map((r) => r.id)).toEqual([...auditIds.agreement].reverse());
    const times = records!.map((r) => Date.parse(r.at));
    expect(times.every((t) => Number.isFinite(t))).toBe(true);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const r of records!) expect(r).toMatchObject({ entityType: 'Agreement', entityId: ids.agreement, actorName: 'Eda Editor', revertOf: null });
    expect(records!.map((r) => r.reason)).toEqual(['fel part', null, 'avslutat', 'nytt avtal']);
    const update = records![2]!;
    expect(JSON.parse(update.before!)).toMatchObject({ agreement: { status: 'ACTIVE', version: 1 } });
    expect(JSON.parse(update.after!)).toMatchObject({ agreement: { status: 'ENDED', valueSek: 250000, version: 2 } });
    expect(JSON.parse(records![0]!.before!)).toMatchObject({ memberId: orgs[1], role: 'PROVIDER' });
    expect(records![0]!.after).toBeNull();
    expect(records![3]!.before).toBeNull();

    // `first` takes the newest.
    const two = await history(editor, 'agreement', ids.agreement, 2);
    expect(two.records!.map((r) => r.action)).toEqual(['LINK_REMOVE', 'LINK_ADD']);
  });

  it("reads a collaboration's changes back newest first, and none of the agreement's", async () => {
    const { body, records } = await history(editor, 'collaboration', ids.collaboration);
    expect(body.errors).toBeUndefined();
    expect(records!.map((r) => r.action)).toEqual(['LINK_ADD', 'UPDATE', 'CREATE']);
    expect(records!.map((r) => r.id)).toEqual([...auditIds.collaboration].reverse());
    for (const r of records!) expect(r).toMatchObject({ entityType: 'Collaboration', entityId: ids.collaboration, actorName: 'Eda Editor' });
    expect(JSON.parse(records![1]!.before!)).toMatchObject({ collaboration: { name: 'Historiknätverket', kind: 'NETWORK' } });
    expect(JSON.parse(records![1]!.after!)).toMatchObject({ collaboration: { name: 'Historiknätverket i Husby', kind: 'JOINT_PROJECT' } });
    expect(JSON.parse(records![0]!.after!)).toMatchObject({ memberId: orgs[2] });
    expect(JSON.parse(records![2]!.after!).participantIds).toEqual([orgs[0], orgs[1]]);
    // The same id asked for as the other kind names nothing.
    expect((await history(editor, 'agreement', ids.collaboration)).records).toEqual([]);
  });

  it('refuses a `first` outside 1–100 with a typed error naming it', async () => {
    for (const kind of ['agreement', 'collaboration'] as const) {
      for (const first of [0, -1, 101]) {
        const { body } = await history(editor, kind, ids[kind], first);
        expect(body.data ?? null, `${kind} first ${first}`).toBeNull();
        expect(body.errors?.[0]?.extensions, `${kind} first ${first}`).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      }
      expect((await history(editor, kind, ids[kind], 100)).records!.length).toBeGreaterThan(0);
    }
  });

  it('answers an unknown id with an empty list, and keeps a deleted object’s history', async () => {
    expect((await history(editor, 'agreement', 'agr:finns-inte')).records).toEqual([]);
    expect((await history(editor, 'collaboration', 'collab:finns-inte')).records).toEqual([]);
    const made = await editor.gql<{ createCollaboration: Payload & { collaboration: { id: string } } }>(
      'mutation ($a: ID!, $b: ID!) { createCollaboration(input: {name: "Kortlivat nätverk", kind: "OTHER", participantIds: [$a, $b]}) { collaboration { id } errors { code } } }',
      { a: orgs[0], b: orgs[2] },
    );
    const id = made.body.data!.createCollaboration.collaboration.id;
    const del = await editor.gql<{ deleteCollaboration: Payload }>('mutation ($id: ID!) { deleteCollaboration(id: $id, version: 1, reason: "dubblett") { auditId errors { code } } }', { id });
    expect(del.body.data!.deleteCollaboration.errors).toEqual([]);
    expect((await history(editor, 'collaboration', id)).records!.map((r) => [r.action, r.reason])).toEqual([
      ['DELETE', 'dubblett'],
      ['CREATE', null],
    ]);
  });

  it('gives anonymous callers and representatives no records and no names', async () => {
    for (const kind of ['agreement', 'collaboration'] as const) {
      const anon = await history(anonymous, kind, ids[kind]);
      expect(anon.body.data ?? null).toBeNull();
      expect(anon.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(anon.body)).not.toContain('Eda Editor');
      // A representative edits only their own organisation, not the agreements and collaborations it is part of.
      const r = await history(rep, kind, ids[kind]);
      expect(r.body.data ?? null).toBeNull();
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(r.body)).not.toContain('Eda Editor');
    }
  });

  it('names the person who entered a fact to signed-in users only: the public sees that a person entered it', async () => {
    const q = 'query ($id: ID!) { collaboration(id: $id) { provenance { basis source { kind title } } } }';
    type P = { collaboration: { provenance: { basis: string; source: { kind: string; title: string } } } };
    const signedIn = await editor.gql<P>(q, { id: ids.collaboration });
    expect(signedIn.body.data!.collaboration.provenance).toEqual({ basis: 'ENTERED', source: { kind: 'PERSON_ENTRY', title: 'Uppgift från Eda Editor' } });
    const repView = await rep.gql<P>(q, { id: ids.collaboration });
    expect(repView.body.data!.collaboration.provenance.source.title).toBe('Uppgift från Eda Editor');
    const publicSv = await anonymous.gql<P>(q, { id: ids.collaboration });
    expect(publicSv.body.data!.collaboration.provenance.source).toEqual({ kind: 'PERSON_ENTRY', title: 'Uppgift inmatad av en användare i Samverkan' });
    const publicEn = await anonymous.gql<P>(q, { id: ids.collaboration }, { headers: { 'accept-language': 'en' } });
    expect(publicEn.body.data!.collaboration.provenance.source.title).toBe('Entered by a Samverkan user');
    // Nor does the list of all sources give the names away.
    const all = await anonymous.gql<{ sources: { kind: string; title: string }[] }>('{ sources { kind title } }');
    expect(JSON.stringify(all.body)).not.toContain('Eda Editor');
    // A document's title is shown to everyone.
    expect(all.body.data!.sources.some((src) => src.kind === 'DOCUMENT' && src.title.length > 10)).toBe(true);
  });
});
