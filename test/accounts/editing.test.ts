/**
 * Editing over HTTP: every mutation's audit record (before/after, who, why), typed user errors,
 * optimistic concurrency between two editors, history and revert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type Client, type TestServer } from '../helpers/harness.js';

interface Payload {
  auditId: string | null;
  errors: { code: string; field: string | null; message: string }[];
}

describe('editing with an audit trail', () => {
  let h: TestServer;
  let a: Client;
  let b: Client;
  beforeAll(async () => {
    h = await testServer();
    a = await h.signedIn(h.users.editor);
    b = await h.signedIn(h.users.editor2);
  });
  afterAll(async () => h.close());

  const ORG = 'organisation { id name version description aliases targetGroups { id } }';

  it('creates, updates and deletes an organisation, each with an audit record in the same transaction', async () => {
    const created = await a.gql<{ createOrganisation: Payload & { organisation: { id: string; version: number } } }>(
      `mutation { createOrganisation(input: {name: "Läxhjälpen i Husby", description: "Läxhjälp", orgNumber: "802002-4280"}, reason: "ny förening") { ${ORG} auditId errors { code field message } } }`,
    );
    const c = created.body.data!.createOrganisation;
    expect(c.errors).toEqual([]);
    const id = c.organisation.id;
    const rec = (await h.accounts.audit.get(c.auditId!))!;
    expect(rec).toMatchObject({ action: 'CREATE', entityType: 'Organisation', entityId: id, actorName: 'Eda Editor', reason: 'ny förening', before: null });
    expect((rec.after as { organisation: { name: string } }).organisation.name).toBe('Läxhjälpen i Husby');

    const updated = await a.gql<{ updateOrganisation: Payload & { organisation: { version: number; description: string } } }>(
      `mutation ($id: ID!) { updateOrganisation(id: $id, input: {description: "Läxhjälp och språkcafé", version: 1}) { ${ORG} auditId errors { code field message } } }`,
      { id },
    );
    expect(updated.body.data!.updateOrganisation.organisation).toMatchObject({ version: 2, description: 'Läxhjälp och språkcafé' });
    const u = (await h.accounts.audit.get(updated.body.data!.updateOrganisation.auditId!))!;
    expect((u.before as { organisation: { description: string } }).organisation.description).toBe('Läxhjälp');
    expect((u.after as { organisation: { description: string } }).organisation.description).toBe('Läxhjälp och språkcafé');

    const stale = await a.gql<{ deleteOrganisation: Payload }>('mutation ($id: ID!) { deleteOrganisation(id: $id, version: 1) { deletedId auditId errors { code field message } } }', { id });
    expect(stale.body.data!.deleteOrganisation.errors[0]).toMatchObject({ code: 'CONFLICT', field: 'version' });
    expect(await h.store.organisations.get(id)).not.toBeNull();
    const deleted = await a.gql<{ deleteOrganisation: Payload & { deletedId: string } }>('mutation ($id: ID!) { deleteOrganisation(id: $id, version: 2, reason: "dubblett") { deletedId auditId errors { code } } }', { id });
    expect(deleted.body.data!.deleteOrganisation.deletedId).toBe(id);
    expect(await h.store.organisations.get(id)).toBeNull();

    const history = await a.gql<{ organisationHistory: { action: string; reason: string | null }[] }>('query ($id: ID!) { organisationHistory(id: $id) { action reason } }', { id });
    expect(history.body.data!.organisationHistory.map((r) => r.action)).toEqual(['DELETE', 'UPDATE', 'CREATE']);

    // Revert the delete: the organisation comes back with its properties.
    const revert = await a.gql<{ revertChange: Payload & { entityId: string } }>('mutation ($a: ID!) { revertChange(auditId: $a) { entityId auditId errors { code message } } }', { a: deleted.body.data!.deleteOrganisation.auditId });
    expect(revert.body.data!.revertChange.errors).toEqual([]);
    expect((await h.store.organisations.get(id))!.description).toBe('Läxhjälp och språkcafé');
    expect((await h.accounts.audit.get(revert.body.data!.revertChange.auditId!))!.revertOf).toBe(deleted.body.data!.deleteOrganisation.auditId);
  });

  it('answers bad input with typed errors naming the field, and writes nothing', async () => {
    const before = await h.accounts.audit.count();
    const bad = await a.gql<{ createOrganisation: Payload }>('mutation { createOrganisation(input: {name: "  ", website: "javascript:alert(1)", orgNumber: "123"}) { organisation { id } auditId errors { code field message } } }');
    const fields = bad.body.data!.createOrganisation.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['input.name', 'input.orgNumber', 'input.website']);
    expect(bad.body.data!.createOrganisation.errors.every((e) => e.code === 'BAD_USER_INPUT')).toBe(true);
    const missing = await a.gql<{ updateOrganisation: Payload }>('mutation { updateOrganisation(id: "org:finns-inte", input: {name: "x", version: 1}) { auditId errors { code field } } }');
    expect(missing.body.data!.updateOrganisation.errors[0]).toMatchObject({ code: 'NOT_FOUND' });
    const badLink = await a.gql<{ addOrganisationLink: Payload }>('mutation ($id: ID!) { addOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: "tg:finns-inte") { auditId errors { code field } } }', { id: h.users.otherOrg });
    expect(badLink.body.data!.addOrganisationLink.errors[0]).toMatchObject({ code: 'NOT_FOUND', field: 'input.targetId' });
    const literal = await a.gql('mutation { updateOrganisation(id: "x", input: {version: "ett"}) { auditId } }');
    expect(literal.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const variable = await a.gql('mutation ($v: Int!) { updateOrganisation(id: "x", input: {version: $v}) { auditId } }', { v: 'ett' });
    expect(variable.body.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(await h.accounts.audit.count()).toBe(before);
  });

  it('two editors update the same organisation at once: one wins, the other gets CONFLICT, nothing is lost', async () => {
    const id = h.users.otherOrg;
    const v = (await h.store.organisations.get(id))!.version;
    const q = 'mutation ($id: ID!, $v: Int!, $d: String!) { updateOrganisation(id: $id, input: {description: $d, version: $v}) { organisation { version description } auditId errors { code field message } } }';
    const [ra, rb] = await Promise.all([a.gql<{ updateOrganisation: Payload & { organisation: { description: string } | null } }>(q, { id, v, d: 'A:s text' }), b.gql<{ updateOrganisation: Payload & { organisation: { description: string } | null } }>(q, { id, v, d: 'B:s text' })]);
    const results = [ra.body.data!.updateOrganisation, rb.body.data!.updateOrganisation];
    const winner = results.find((r) => r.errors.length === 0)!;
    const loser = results.find((r) => r.errors.length > 0)!;
    expect(winner).toBeDefined();
    expect(loser.errors[0]).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(loser.errors[0]!.message).toMatch(/changed by someone else/);
    expect(loser.organisation).toBeNull();
    const stored = (await h.store.organisations.get(id))!;
    expect(stored.version).toBe(v + 1);
    expect(stored.description).toBe(winner.organisation!.description);
    const history = await h.accounts.audit.forEntity('Organisation', id, 5);
    expect(history[0]!.id).toBe(winner.auditId);
    // The loser reloads and applies again: both changes are now in the history.
    const retry = loser === results[0] ? a : b;
    const again = await retry.gql<{ updateOrganisation: Payload & { organisation: { version: number } } }>(q, { id, v: v + 1, d: `${stored.description} + den andras text` });
    expect(again.body.data!.updateOrganisation.errors).toEqual([]);
    expect((await h.store.organisations.get(id))!.version).toBe(v + 2);
  });

  it('sets, adds and removes links with audit records, and reverts a link change', async () => {
    const id = h.users.otherOrg;
    const v = (await h.store.organisations.get(id))!.version;
    const set = await a.gql<{ setOrganisationLinks: Payload & { organisation: { version: number; targetGroups: { id: string }[] } } }>(
      'mutation ($id: ID!, $v: Int!) { setOrganisationLinks(id: $id, kind: TARGET_GROUP, targetIds: ["tg:hemlosa", "tg:aldre"], version: $v) { organisation { version targetGroups { id } } auditId errors { code field message } } }',
      { id, v },
    );
    expect(set.body.data!.setOrganisationLinks.errors).toEqual([]);
    expect(set.body.data!.setOrganisationLinks.organisation.targetGroups.map((t) => t.id).sort()).toEqual(['tg:aldre', 'tg:hemlosa']);
    const conflict = await b.gql<{ setOrganisationLinks: Payload }>('mutation ($id: ID!, $v: Int!) { setOrganisationLinks(id: $id, kind: TARGET_GROUP, targetIds: [], version: $v) { auditId errors { code } } }', { id, v });
    expect(conflict.body.data!.setOrganisationLinks.errors[0]!.code).toBe('CONFLICT');
    const again = await a.gql<{ addOrganisationLink: Payload }>('mutation ($id: ID!) { addOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: "tg:hemlosa") { auditId errors { code } } }', { id });
    expect((await h.accounts.audit.get(again.body.data!.addOrganisationLink.auditId!))!.action).toBe('LINK_UPDATE');
    const removed = await a.gql<{ removeOrganisationLink: Payload & { organisation: { targetGroups: { id: string }[] } } }>(
      'mutation ($id: ID!) { removeOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: "tg:aldre") { organisation { targetGroups { id } } auditId errors { code } } }',
      { id },
    );
    expect(removed.body.data!.removeOrganisationLink.organisation.targetGroups.map((t) => t.id)).toEqual(['tg:hemlosa']);
    const revert = await b.gql<{ revertChange: Payload }>('mutation ($a: ID!) { revertChange(auditId: $a, reason: "fel") { auditId errors { code message } } }', { a: removed.body.data!.removeOrganisationLink.auditId });
    expect(revert.body.data!.revertChange.errors).toEqual([]);
    const after = await a.gql<{ organisation: { targetGroups: { id: string }[] } }>('query ($id: ID!) { organisation(id: $id) { targetGroups { id } } }', { id });
    expect(after.body.data!.organisation.targetGroups.map((t) => t.id).sort()).toEqual(['tg:aldre', 'tg:hemlosa']);
    // Reverting an older change that a later one built on is refused.
    const old = await a.gql<{ revertChange: Payload }>('mutation ($a: ID!) { revertChange(auditId: $a) { auditId errors { code } } }', { a: set.body.data!.setOrganisationLinks.auditId });
    expect(old.body.data!.revertChange.errors[0]!.code).toBe('CONFLICT');
  });

  it('reverts an update back to the earlier values', async () => {
    const id = h.users.repOrg;
    const o = (await h.store.organisations.get(id))!;
    const up = await a.gql<{ updateOrganisation: Payload }>('mutation ($id: ID!, $v: Int!) { updateOrganisation(id: $id, input: {name: "Felaktigt namn", version: $v}) { auditId errors { code } } }', { id, v: o.version });
    const r = await b.gql<{ revertChange: Payload }>('mutation ($a: ID!) { revertChange(auditId: $a) { auditId errors { code message } } }', { a: up.body.data!.updateOrganisation.auditId });
    expect(r.body.data!.revertChange.errors).toEqual([]);
    const back = (await h.store.organisations.get(id))!;
    expect(back.name).toBe(o.name);
    expect(back.version).toBe(o.version + 2);
  });

  it('creates, updates and deletes agreements with parties, and collaborations with participants', async () => {
    const orgs = (await h.store.organisations.list({}, { first: 3 })).nodes.map((o) => o.id);
    const ag = await a.gql<{ createAgreement: Payload & { agreement: { id: string; name: string } } }>(
      'mutation ($p: ID!) { createAgreement(input: {name: "IOP Husby läxhjälp", kind: IOP, status: "ACTIVE", startDate: "2025-01-01", societalChallenge: "Skolresultat", parties: [{id: $p, role: "PARTY"}, {id: "pb:stockholms-stad"}]}) { agreement { id name } auditId errors { code field message } } }',
      { p: orgs[0] },
    );
    const agErrors = ag.body.data!.createAgreement.errors;
    if (agErrors.length) {
      // The seed may not have that public body: then it is a NOT_FOUND naming the party field.
      expect(agErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: 'input.parties.1.id' });
      const retry = await a.gql<{ createAgreement: Payload & { agreement: { id: string } } }>(
        'mutation ($p: ID!) { createAgreement(input: {name: "IOP Husby läxhjälp", kind: IOP, status: "ACTIVE", startDate: "2025-01-01", parties: [{id: $p, role: "PARTY"}]}) { agreement { id name } auditId errors { code field message } } }',
        { p: orgs[0] },
      );
      ag.body.data!.createAgreement = retry.body.data!.createAgreement as never;
    }
    const agreementId = ag.body.data!.createAgreement.agreement.id;
    const badDate = await a.gql<{ updateAgreement: Payload }>('mutation ($id: ID!) { updateAgreement(id: $id, input: {endDate: "2025-02-30", version: 1}) { auditId errors { code field } } }', { id: agreementId });
    expect(badDate.body.data!.updateAgreement.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endDate' });
    const upd = await a.gql<{ updateAgreement: Payload & { agreement: { status: string } } }>('mutation ($id: ID!) { updateAgreement(id: $id, input: {status: "ENDED", version: 1}) { agreement { status } auditId errors { code } } }', { id: agreementId });
    expect(upd.body.data!.updateAgreement.agreement.status).toBe('ENDED');
    // The version an editing form reads and sends back.
    const read = await a.gql<{ agreement: { version: number } }>('query ($id: ID!) { agreement(id: $id) { version } }', { id: agreementId });
    expect(read.body.data!.agreement.version).toBe(2);
    const party = await a.gql<{ addAgreementParty: Payload }>('mutation ($id: ID!, $p: ID!) { addAgreementParty(agreementId: $id, party: {id: $p, role: "PROVIDER"}) { auditId errors { code } } }', { id: agreementId, p: orgs[1] });
    expect(party.body.data!.addAgreementParty.errors).toEqual([]);
    const profile = await a.gql<{ organisation: { agreements: { id: string; role: string }[] } }>('query ($id: ID!) { organisation(id: $id) { agreements { id role } } }', { id: orgs[1] });
    expect(profile.body.data!.organisation.agreements).toContainEqual({ id: agreementId, role: 'PROVIDER' });
    const unparty = await a.gql<{ removeAgreementParty: Payload }>('mutation ($id: ID!, $p: ID!) { removeAgreementParty(agreementId: $id, partyId: $p) { auditId errors { code } } }', { id: agreementId, p: orgs[1] });
    expect(unparty.body.data!.removeAgreementParty.errors).toEqual([]);
    const del = await a.gql<{ deleteAgreement: Payload }>('mutation ($id: ID!) { deleteAgreement(id: $id, version: 2) { deletedId auditId errors { code } } }', { id: agreementId });
    expect(del.body.data!.deleteAgreement.errors).toEqual([]);

    const tooFew = await a.gql<{ createCollaboration: Payload }>('mutation ($a: ID!) { createCollaboration(input: {name: "Ensam", kind: "NETWORK", participantIds: [$a]}) { auditId errors { code field } } }', { a: orgs[0] });
    expect(tooFew.body.data!.createCollaboration.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participantIds' });
    const co = await a.gql<{ createCollaboration: Payload & { collaboration: { id: string; version: number } } }>(
      'mutation ($a: ID!, $b: ID!) { createCollaboration(input: {name: "Husbynätverket", kind: "NETWORK", participantIds: [$a, $b]}) { collaboration { id version } auditId errors { code field } } }',
      { a: orgs[0], b: orgs[1] },
    );
    const collabId = co.body.data!.createCollaboration.collaboration.id;
    const cu = await a.gql<{ updateCollaboration: Payload & { collaboration: { name: string; version: number } } }>('mutation ($id: ID!) { updateCollaboration(id: $id, input: {name: "Husby samverkan", version: 1}) { collaboration { name version } auditId errors { code } } }', { id: collabId });
    expect(cu.body.data!.updateCollaboration.collaboration).toEqual({ name: 'Husby samverkan', version: 2 });
    const add = await a.gql<{ addCollaborationParticipant: Payload }>('mutation ($id: ID!, $p: ID!) { addCollaborationParticipant(collaborationId: $id, participant: {id: $p}) { auditId errors { code } } }', { id: collabId, p: orgs[2] });
    expect(add.body.data!.addCollaborationParticipant.errors).toEqual([]);
    const members = await a.gql<{ collaboration: { participants: { id: string; kind: string; name: string }[] } }>('query ($id: ID!) { collaboration(id: $id) { participants { id kind name } } }', { id: collabId });
    const participants = members.body.data!.collaboration.participants;
    expect(participants.map((p) => p.id).sort()).toEqual([...orgs].sort());
    expect(participants.every((p) => p.kind === 'ORGANISATION' && p.name.length > 0)).toBe(true);
    expect(participants.map((p) => p.name)).toEqual([...participants.map((p) => p.name)].sort((x, y) => x.localeCompare(y, 'sv')));
    const rm = await a.gql<{ removeCollaborationParticipant: Payload }>('mutation ($id: ID!, $p: ID!) { removeCollaborationParticipant(collaborationId: $id, participantId: $p) { auditId errors { code } } }', { id: collabId, p: orgs[2] });
    expect(rm.body.data!.removeCollaborationParticipant.errors).toEqual([]);
    const cd = await a.gql<{ deleteCollaboration: Payload }>('mutation ($id: ID!) { deleteCollaboration(id: $id, version: 2) { deletedId auditId errors { code } } }', { id: collabId });
    expect(cd.body.data!.deleteCollaboration.errors).toEqual([]);
    const trail = await Promise.all([agreementId, collabId].map((id) => h.accounts.audit.forEntity(id.startsWith('agr') ? 'Agreement' : 'Collaboration', id, 10)));
    expect(trail[0]!.map((r) => r.action)).toEqual(['DELETE', 'LINK_REMOVE', 'LINK_ADD', 'UPDATE', 'CREATE']);
    expect(trail[1]!.map((r) => r.action)).toEqual(['DELETE', 'LINK_REMOVE', 'LINK_ADD', 'UPDATE', 'CREATE']);
  });

  it("leaves an IOP deleted since the analytics projection was built out of the audit answer, instead of failing it", async () => {
    const created = await a.gql<{ createAgreement: Payload & { agreement: { id: string } } }>('mutation { createAgreement(input: {name: "IOP Kortlivad", kind: IOP}) { agreement { id } auditId errors { code field } } }');
    const id = created.body.data!.createAgreement.agreement.id;
    const AUDIT = '{ agreementGaps(includeUnknown: true, first: 0) { auditCriteria { agreement { id } } byCommittee { agreementCount } } }';
    // Once the projection (rebuilt about a second after a write) knows the new IOP …
    await expect
      .poll(async () => ((await a.gql<{ agreementGaps: { auditCriteria: { agreement: { id: string } }[] } }>(AUDIT)).body.data?.agreementGaps.auditCriteria ?? []).some((g) => g.agreement.id === id), { timeout: 30_000, interval: 200 })
      .toBe(true);
    const del = await a.gql<{ deleteAgreement: Payload }>('mutation ($id: ID!) { deleteAgreement(id: $id, version: 1) { deletedId errors { code } } }', { id });
    expect(del.body.data!.deleteAgreement.errors).toEqual([]);
    // … delete it: the stale projection still holds it, the answer leaves it out.
    const after = await a.gql<{ agreementGaps: { auditCriteria: { agreement: { id: string } }[] } }>(AUDIT);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data!.agreementGaps.auditCriteria.map((g) => g.agreement.id)).not.toContain(id);
    expect(after.body.data!.agreementGaps.auditCriteria.length).toBeGreaterThan(0);
  });
});
