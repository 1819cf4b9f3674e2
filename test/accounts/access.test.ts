/**
 * Roles enforced in the API: for every mutation and every protected field, anonymous requests
 * get UNAUTHENTICATED and wrong roles FORBIDDEN, and the store is left exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, testServer, type Client, type TestServer } from '../helpers/harness.js';
import { meta } from '../../graph/cypher/statements/meta.js';
import { importSpreadsheet } from '../../graph/io/import/importer.js';
import { io } from '../../graph/cypher/statements/io.js';

type Role = 'anonymous' | 'EDITOR' | 'REPRESENTATIVE' | 'ADMIN';

interface Case {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
  /** Roles that must be refused (anonymous always is). */
  refused: Role[];
}

describe('roles in the API', () => {
  let h: TestServer;
  let clients: Record<Exclude<Role, 'anonymous'>, Client> & { anonymous: Client };
  const ids = { person: '', collab: '', audit: '', importAudit: '', agreement: 'agr:stockholm-compact-2012', tg: 'tg:hemlosa' };

  beforeAll(async () => {
    h = await testServer();
    clients = {
      anonymous: h.client(),
      EDITOR: await h.signedIn(h.users.editor),
      REPRESENTATIVE: await h.signedIn(h.users.rep),
      ADMIN: await h.signedIn(h.users.admin),
    };
    const person = await h.accounts.contacts.addPerson(h.users.otherOrg, { name: 'Kim Kontakt', email: 'kim@forening.example', purpose: 'Kontaktperson för stadens samverkan' }, SYSTEM);
    ids.person = person.value.id;
    ids.audit = person.auditId;
    const orgs = (await h.store.organisations.list({}, { first: 4 })).nodes.map((o) => o.id);
    const imported = await importSpreadsheet(h.store.engine, new TextEncoder().encode('Namn;Målgrupp\nBehörighetsföreningen;Äldre\n'), { fileName: 'behorighet.csv' });
    ids.importAudit = imported.auditId!;
    ids.collab = (await h.accounts.editing.createCollaboration({ name: 'Testnätverket', kind: 'NETWORK', participantIds: [orgs[2], orgs[3]] }, SYSTEM)).value.id;
  });
  afterAll(async () => h.close());

  const version = async (id: string) => (await h.store.organisations.get(id))!.version;

  const cases: Case[] = [
    { name: 'createOrganisation', query: 'mutation { createOrganisation(input: {name: "Obehöriga föreningen"}) { organisation { id } errors { code } } }', variables: () => ({}), refused: ['REPRESENTATIVE'] },
    {
      name: 'updateOrganisation (another organisation)',
      query: 'mutation ($id: ID!, $v: Int!) { updateOrganisation(id: $id, input: {description: "x", version: $v}) { organisation { id } errors { code } } }',
      variables: () => ({ id: h.users.otherOrg, v: 1 }),
      refused: ['REPRESENTATIVE'],
    },
    { name: 'deleteOrganisation', query: 'mutation ($id: ID!) { deleteOrganisation(id: $id, version: 1) { deletedId errors { code } } }', variables: () => ({ id: h.users.repOrg }), refused: ['REPRESENTATIVE'] },
    {
      name: 'setOrganisationLinks (another organisation)',
      query: 'mutation ($id: ID!, $t: ID!) { setOrganisationLinks(id: $id, kind: TARGET_GROUP, targetIds: [$t], version: 1) { errors { code } } }',
      variables: () => ({ id: h.users.otherOrg, t: ids.tg }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'addOrganisationLink (another organisation)',
      query: 'mutation ($id: ID!, $t: ID!) { addOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: $t) { errors { code } } }',
      variables: () => ({ id: h.users.otherOrg, t: ids.tg }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'addOrganisationLink (own organisation to an agreement)',
      query: 'mutation ($id: ID!, $t: ID!) { addOrganisationLink(id: $id, kind: AGREEMENT, targetId: $t) { errors { code } } }',
      variables: () => ({ id: h.users.repOrg, t: ids.agreement }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'removeOrganisationLink (another organisation)',
      query: 'mutation ($id: ID!, $t: ID!) { removeOrganisationLink(id: $id, kind: TARGET_GROUP, targetId: $t) { errors { code } } }',
      variables: () => ({ id: h.users.otherOrg, t: ids.tg }),
      refused: ['REPRESENTATIVE'],
    },
    { name: 'createAgreement', query: 'mutation { createAgreement(input: {name: "IOP X", kind: IOP}) { agreement { id } errors { code } } }', variables: () => ({}), refused: ['REPRESENTATIVE'] },
    { name: 'updateAgreement', query: 'mutation ($id: ID!) { updateAgreement(id: $id, input: {name: "X", version: 1}) { errors { code } } }', variables: () => ({ id: ids.agreement }), refused: ['REPRESENTATIVE'] },
    { name: 'deleteAgreement', query: 'mutation ($id: ID!) { deleteAgreement(id: $id, version: 1) { errors { code } } }', variables: () => ({ id: ids.agreement }), refused: ['REPRESENTATIVE'] },
    {
      name: 'addAgreementParty',
      query: 'mutation ($id: ID!, $p: ID!) { addAgreementParty(agreementId: $id, party: {id: $p, role: "PARTY"}) { errors { code } } }',
      variables: () => ({ id: ids.agreement, p: h.users.repOrg }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'removeAgreementParty',
      query: 'mutation ($id: ID!, $p: ID!) { removeAgreementParty(agreementId: $id, partyId: $p) { errors { code } } }',
      variables: () => ({ id: ids.agreement, p: h.users.repOrg }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'createCollaboration',
      query: 'mutation ($a: ID!, $b: ID!) { createCollaboration(input: {name: "N", kind: "NETWORK", participantIds: [$a, $b]}) { errors { code } } }',
      variables: () => ({ a: h.users.repOrg, b: h.users.otherOrg }),
      refused: ['REPRESENTATIVE'],
    },
    { name: 'updateCollaboration', query: 'mutation ($id: ID!) { updateCollaboration(id: $id, input: {name: "X", version: 1}) { errors { code } } }', variables: () => ({ id: ids.collab }), refused: ['REPRESENTATIVE'] },
    { name: 'deleteCollaboration', query: 'mutation ($id: ID!) { deleteCollaboration(id: $id, version: 1) { errors { code } } }', variables: () => ({ id: ids.collab }), refused: ['REPRESENTATIVE'] },
    {
      name: 'addCollaborationParticipant',
      query: 'mutation ($id: ID!, $p: ID!) { addCollaborationParticipant(collaborationId: $id, participant: {id: $p}) { errors { code } } }',
      variables: () => ({ id: ids.collab, p: h.users.repOrg }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'removeCollaborationParticipant',
      query: 'mutation ($id: ID!, $p: ID!) { removeCollaborationParticipant(collaborationId: $id, participantId: $p) { errors { code } } }',
      variables: () => ({ id: ids.collab, p: h.users.repOrg }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'decidePartnershipSuggestion (another organisation)',
      query: 'mutation ($o: ID!, $p: ID!) { decidePartnershipSuggestion(organisationId: $o, partnerId: $p, decision: DISMISSED) { auditId errors { code } } }',
      variables: () => ({ o: h.users.otherOrg, p: h.users.repOrg }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'mergeOrganisations',
      query: 'mutation ($s: ID!, $m: ID!) { mergeOrganisations(input: {survivorId: $s, survivorVersion: 1, mergedId: $m, mergedVersion: 1}) { auditId errors { code } } }',
      variables: () => ({ s: h.users.repOrg, m: h.users.otherOrg }),
      refused: ['REPRESENTATIVE'],
    },
    { name: 'revertChange', query: 'mutation ($a: ID!) { revertChange(auditId: $a) { errors { code } } }', variables: () => ({ a: ids.audit }), refused: ['REPRESENTATIVE'] },
    { name: 'revertChange (a whole import)', query: 'mutation ($a: ID!) { revertChange(auditId: $a) { errors { code } } }', variables: () => ({ a: ids.importAudit }), refused: ['REPRESENTATIVE'] },
    { name: 'requestContactVerification', query: 'mutation ($id: ID!) { requestContactVerification(organisationId: $id) { link { url } errors { code } } }', variables: () => ({ id: h.users.repOrg }), refused: ['REPRESENTATIVE'] },
    {
      name: 'addContactPerson (another organisation)',
      query: 'mutation ($id: ID!) { addContactPerson(organisationId: $id, input: {name: "Ny Person", purpose: "Kontaktperson för samverkan"}) { errors { code } } }',
      variables: () => ({ id: h.users.otherOrg }),
      refused: ['REPRESENTATIVE'],
    },
    {
      name: 'updateContactPerson (another organisation)',
      query: 'mutation ($id: ID!) { updateContactPerson(id: $id, input: {name: "Ändrat Namn", version: 1}) { errors { code } } }',
      variables: () => ({ id: ids.person }),
      refused: ['REPRESENTATIVE'],
    },
    { name: 'removeContactPerson (another organisation)', query: 'mutation ($id: ID!) { removeContactPerson(id: $id, version: 1) { errors { code } } }', variables: () => ({ id: ids.person }), refused: ['REPRESENTATIVE'] },
    {
      name: 'createUser',
      query: 'mutation { createUser(input: {email: "ny@stad.example", displayName: "Ny", role: ADMIN, password: "ett tillräckligt långt lösenord"}) { user { id } errors { code } } }',
      variables: () => ({}),
      refused: ['EDITOR', 'REPRESENTATIVE'],
    },
    { name: 'setRole', query: 'mutation ($u: ID!) { setRole(userId: $u, role: ADMIN) { errors { code } } }', variables: () => ({ u: 'user:x' }), refused: ['EDITOR', 'REPRESENTATIVE'] },
    { name: 'disableUser', query: 'mutation ($u: ID!) { disableUser(userId: $u) { errors { code } } }', variables: () => ({ u: 'user:x' }), refused: ['EDITOR', 'REPRESENTATIVE'] },
    { name: 'exportPersonalData', query: 'mutation { exportPersonalData(email: "kim@forening.example") { data } }', variables: () => ({}), refused: ['EDITOR', 'REPRESENTATIVE'] },
    { name: 'erasePersonalData', query: 'mutation { erasePersonalData(email: "kim@forening.example") { usersErased } }', variables: () => ({}), refused: ['EDITOR', 'REPRESENTATIVE'] },
  ];

  async function fingerprint() {
    const [nodes, rels, audits] = await Promise.all([
      h.store.engine.read((tx) => tx.run(meta.countNodes, {})),
      h.store.engine.read((tx) => tx.run(meta.countRelationships, {})),
      h.accounts.audit.count(),
    ]);
    return { nodes: nodes[0]!.n, rels: rels[0]!.n, audits, versions: [await version(h.users.repOrg), await version(h.users.otherOrg)], person: (await h.accounts.contacts.person(ids.person))?.version };
  }

  it('refuses every mutation to anonymous and wrong-role callers, and nothing changes', async () => {
    const before = await fingerprint();
    const seen: string[] = [];
    for (const c of cases) {
      for (const role of ['anonymous', ...c.refused] as Role[]) {
        const r = await clients[role].gql(c.query, c.variables());
        const code = r.body.errors?.[0]?.extensions?.code;
        expect(code, `${c.name} as ${role}: ${JSON.stringify(r.body)}`).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        expect(r.body.data ?? null, c.name).toBeNull();
        seen.push(`${c.name}/${role}`);
      }
    }
    expect(await fingerprint()).toEqual(before);
    console.log(`refused ${seen.length} mutation calls (${cases.length} mutations) with nothing changed`);
  });

  const protectedReads: { name: string; query: string; variables: () => Record<string, unknown>; refused: Role[] }[] = [
    { name: 'users', query: '{ users { id email } }', variables: () => ({}), refused: ['EDITOR', 'REPRESENTATIVE'] },
    { name: 'staleContacts', query: '{ staleContacts { totalCount } }', variables: () => ({}), refused: ['REPRESENTATIVE'] },
    { name: 'organisationHistory (another organisation)', query: 'query ($id: ID!) { organisationHistory(id: $id) { id } }', variables: () => ({ id: h.users.otherOrg }), refused: ['REPRESENTATIVE'] },
    {
      name: 'mergePreview',
      query: 'query ($s: ID!, $m: ID!) { mergePreview(input: {survivorId: $s, mergedId: $m}) { preview { aliasesAdded } } }',
      variables: () => ({ s: h.users.repOrg, m: h.users.otherOrg }),
      refused: ['REPRESENTATIVE'],
    },
    { name: 'auditRecord', query: 'query ($id: ID!) { auditRecord(id: $id) { id } }', variables: () => ({ id: ids.audit }), refused: ['REPRESENTATIVE'] },
  ];

  it('refuses protected queries to anonymous and wrong-role callers', async () => {
    for (const c of protectedReads) {
      for (const role of ['anonymous', ...c.refused] as Role[]) {
        const r = await clients[role].gql(c.query, c.variables());
        expect(r.body.errors?.[0]?.extensions?.code, `${c.name} as ${role}`).toBe(role === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      }
    }
  });

  it('shows contact persons (personal data) only to those who may edit the organisation; public data to everyone', async () => {
    const q = 'query ($id: ID!) { organisation(id: $id) { name contact { verifiedAt } contactPersons { name email purpose } } }';
    const anon = await clients.anonymous.gql<{ organisation: { name: string; contactPersons: unknown } }>(q, { id: h.users.otherOrg });
    expect(anon.body.data!.organisation.name).toBeTruthy();
    expect(anon.body.data!.organisation.contactPersons).toBeNull();
    expect(anon.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anon.body)).not.toContain('kim@forening.example');
    // Another organisation's representative sees the organisation, not its people.
    const other = await clients.REPRESENTATIVE.gql<{ organisation: { name: string; contactPersons: unknown } }>(q, { id: h.users.otherOrg });
    expect(other.body.data!.organisation.name).toBeTruthy();
    expect(other.body.data!.organisation.contactPersons).toBeNull();
    expect(other.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(JSON.stringify(other.body)).not.toContain('kim@forening.example');
    const editor = await clients.EDITOR.gql<{ organisation: { contactPersons: { email: string; purpose: string }[] } }>(q, { id: h.users.otherOrg });
    expect(editor.body.errors).toBeUndefined();
    expect(editor.body.data!.organisation.contactPersons).toEqual([{ name: 'Kim Kontakt', email: 'kim@forening.example', purpose: 'Kontaktperson för stadens samverkan' }]);
  });

  it('lets the allowed roles through: a representative edits their own organisation, an admin manages users', async () => {
    const v = await version(h.users.repOrg);
    const own = await clients.REPRESENTATIVE.gql<{ updateOrganisation: { organisation: { version: number }; errors: unknown[] } }>(
      'mutation ($id: ID!, $v: Int!) { updateOrganisation(id: $id, input: {description: "Vi erbjuder läxhjälp.", version: $v}, reason: "egen uppgift") { organisation { version } errors { code } } }',
      { id: h.users.repOrg, v },
    );
    expect(own.body.data!.updateOrganisation).toEqual({ organisation: { version: v + 1 }, errors: [] });
    const history = await clients.REPRESENTATIVE.gql<{ organisationHistory: { action: string; actorName: string; reason: string }[] }>('query ($id: ID!) { organisationHistory(id: $id) { action actorName reason } }', { id: h.users.repOrg });
    expect(history.body.data!.organisationHistory[0]).toEqual({ action: 'UPDATE', actorName: 'Rita Representant', reason: 'egen uppgift' });
    const created = await clients.ADMIN.gql<{ createUser: { user: { id: string; role: string }; errors: unknown[] } }>(
      'mutation { createUser(input: {email: "ny.redaktor@stad.example", displayName: "Ny Redaktör", role: EDITOR, password: "ett tillräckligt långt lösenord"}) { user { id role } errors { code field } } }',
    );
    expect(created.body.data!.createUser.errors).toEqual([]);
    const weak = await clients.ADMIN.gql<{ createUser: { errors: { code: string; field: string }[] } }>(
      'mutation { createUser(input: {email: "svag@stad.example", displayName: "Svag", role: EDITOR, password: "kort"}) { user { id } errors { code field } } }',
    );
    expect(weak.body.data!.createUser.errors).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.password' }]);
    const n = new (clients.ADMIN.constructor as typeof Client)(h.server.url);
    expect((await n.signIn('ny.redaktor@stad.example', 'ett tillräckligt långt lösenord')).body.data!.signIn.errors).toEqual([]);
    const disabled = await clients.ADMIN.gql<{ disableUser: { user: { disabled: boolean } } }>('mutation ($u: ID!) { disableUser(userId: $u) { user { disabled } errors { code } } }', { u: created.body.data!.createUser.user.id });
    expect(disabled.body.data!.disableUser.user.disabled).toBe(true);
    // Disabling ends the sessions.
    expect((await n.gql<{ viewer: unknown }>('{ viewer { id } }')).body.data!.viewer).toBeNull();
  });

  it('lets an editor revert a whole import through the API', async () => {
    const r = await clients.EDITOR.gql<{ revertChange: { entityType: string; errors: unknown[] } }>('mutation ($a: ID!) { revertChange(auditId: $a) { entityType errors { code } } }', { a: ids.importAudit });
    expect(r.body.data!.revertChange).toEqual({ entityType: 'Import', errors: [] });
    const keys = await h.store.engine.read((tx) => tx.run(io.organisationKeys, {}));
    expect(keys.map((k) => k.name)).not.toContain('Behörighetsföreningen');
  });
});
