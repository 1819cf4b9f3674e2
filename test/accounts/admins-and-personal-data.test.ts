/**
 * Over HTTP: the last admin who can sign in can be neither erased nor demoted nor disabled, also
 * when two admins demote each other at once; personal data by role: contact persons only for
 * those who may edit the organisation (refused for another organisation's representative and for
 * anonymous callers), an organisation's e-mail and phone without an account only when they are
 * functional, no e-mail address in a public source, and erasure removes the person from sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, testServer, type TestServer } from '../helpers/harness.js';
import { fixtureHash } from '../helpers/fixture-hash.js';
import { importSpreadsheet } from '../../graph/io/import/importer.js';
import { editing } from '../../graph/cypher/statements/editing.js';
import { isFunctionalEmail, isMobileNumber } from '../../graph/model/contact-channels.js';

type Errors = { code: string; field: string | null; message: string }[];
const SET_ROLE = 'mutation ($u: ID!, $r: Role!) { setRole(userId: $u, role: $r) { user { role } errors { code field message } } }';
const ERASE = 'mutation ($e: String!) { erasePersonalData(email: $e) { usersErased sourcesRewritten } }';
const PERSONS = 'query ($id: ID!) { organisation(id: $id) { contactPersons { name email } } }';

describe('admins and personal data', () => {
  let h: TestServer;
  beforeAll(async () => {
    h = await testServer();
  });
  afterAll(async () => h.close());

  it('keeps an admin who can sign in: erasure of the last one is refused, and two admins demoting each other at once leave one', async () => {
    const admin = await h.signedIn(h.users.admin);
    const erased = await admin.gql(ERASE, { e: h.users.admin });
    expect(erased.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    expect(erased.body.errors![0]!.message).toMatch(/last admin/);
    expect(await h.accounts.users.byEmail(h.users.admin)).not.toBeNull();

    await h.accounts.users.create({ email: 'admin2@stad.example', displayName: 'Andra Admin', role: 'ADMIN' }, await fixtureHash(PASSWORD), { id: 'system:test', displayName: 'Test' });
    const other = await h.signedIn('admin2@stad.example');
    const a = (await h.accounts.users.byEmail(h.users.admin))!.id;
    const b = (await h.accounts.users.byEmail('admin2@stad.example'))!.id;
    const [r1, r2] = await Promise.all([admin.gql<{ setRole: { errors: Errors } }>(SET_ROLE, { u: b, r: 'EDITOR' }), other.gql<{ setRole: { errors: Errors } }>(SET_ROLE, { u: a, r: 'EDITOR' })]);
    const outcomes = [r1, r2].map((r) => (r.body.data?.setRole.errors.length ? r.body.data.setRole.errors[0]!.message : r.body.errors?.length ? 'refused' : 'ok'));
    // Exactly one demotion went through; the other was refused (the last admin, or the demoted admin no longer one).
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    const admins = (await h.accounts.users.list()).filter((u) => u.role === 'ADMIN' && !u.disabled);
    expect(admins).toHaveLength(1);
    // Put things back: the remaining admin promotes the other again.
    const back = await (await h.signedIn(admins[0]!.email)).gql<{ setRole: { errors: Errors } }>(SET_ROLE, { u: admins[0]!.id === a ? b : a, r: 'ADMIN' });
    expect(back.body.data!.setRole.errors).toEqual([]);
  });

  it('refuses contact persons to anonymous callers and to another organisation’s representative, and shows them to those who may edit', async () => {
    const editor = await h.signedIn(h.users.editor);
    const added = await editor.gql<{ addContactPerson: { errors: Errors } }>(
      'mutation ($id: ID!) { addContactPerson(organisationId: $id, input: {name: "Kim Kontakt", email: "kim@forening.example", purpose: "Kontakt om samverkan"}) { errors { code field message } } }',
      { id: h.users.otherOrg },
    );
    expect(added.body.data!.addContactPerson.errors).toEqual([]);

    const anonymous = await h.post(PERSONS, { id: h.users.otherOrg });
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(anonymous.body)).not.toContain('kim@forening.example');

    const rep = await h.signedIn(h.users.rep);
    const foreign = await rep.gql(PERSONS, { id: h.users.otherOrg });
    expect(foreign.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(JSON.stringify(foreign.body)).not.toContain('kim@forening.example');
    // In bulk too: a list of organisations gives the representative none but their own.
    const bulk = await rep.gql<{ organisations: { edges: { node: { id: string; contactPersons: unknown[] | null } }[] } }>('{ organisations(first: 20) { edges { node { id contactPersons { email } } } } }');
    expect(JSON.stringify(bulk.body.data)).not.toContain('kim@forening.example');
    expect(bulk.body.errors!.every((e) => e.extensions!.code === 'FORBIDDEN')).toBe(true);
    const own = await rep.gql<{ organisation: { contactPersons: unknown[] } }>(PERSONS, { id: h.users.repOrg });
    expect(own.body.errors).toBeUndefined();

    const seen = await editor.gql<{ organisation: { contactPersons: { email: string }[] } }>(PERSONS, { id: h.users.otherOrg });
    expect(seen.body.data!.organisation.contactPersons.map((p) => p.email)).toContain('kim@forening.example');
  });

  it('shows an organisation’s e-mail and phone without an account only when they are functional', async () => {
    expect(isFunctionalEmail('info@forening.se')).toBe(true);
    expect(isFunctionalEmail('kansliet.sodermalm@forening.se')).toBe(true);
    expect(isFunctionalEmail('anna.svensson@forening.se')).toBe(false);
    expect(isMobileNumber('070-123 45 67')).toBe(true);
    expect(isMobileNumber('+46 70 123 45 67')).toBe(true);
    expect(isMobileNumber('08-123 45 67')).toBe(false);

    const editor = await h.signedIn(h.users.editor);
    const CONTACT = 'query ($id: ID!) { organisation(id: $id) { version contact { email phone } } }';
    const UPDATE = 'mutation ($id: ID!, $v: Int!, $e: String, $p: String) { updateOrganisation(id: $id, input: {version: $v, email: $e, phone: $p}) { errors { code field message } } }';
    const version = async () => (await editor.gql<{ organisation: { version: number } }>(CONTACT, { id: h.users.otherOrg })).body.data!.organisation.version;
    await editor.gql(UPDATE, { id: h.users.otherOrg, v: await version(), e: 'anna.svensson@forening.example', p: '070-123 45 67' });
    const hidden = await h.post<{ organisation: { contact: { email: string | null; phone: string | null } } }>(CONTACT, { id: h.users.otherOrg });
    expect(hidden.body.data!.organisation.contact).toEqual({ email: null, phone: null });
    const staff = await editor.gql<{ organisation: { contact: { email: string; phone: string } } }>(CONTACT, { id: h.users.otherOrg });
    expect(staff.body.data!.organisation.contact).toEqual({ email: 'anna.svensson@forening.example', phone: '070-123 45 67' });

    await editor.gql(UPDATE, { id: h.users.otherOrg, v: await version(), e: 'info@forening.example', p: '08-123 45 67' });
    const shown = await h.post<{ organisation: { contact: { email: string | null; phone: string | null } } }>(CONTACT, { id: h.users.otherOrg });
    expect(shown.body.data!.organisation.contact).toEqual({ email: 'info@forening.example', phone: '08-123 45 67' });
  });

  it('publishes imports as Samverkan, hides addresses in public sources, and erasure removes the person from sources', async () => {
    // An import by an admin whose name is their address, and a source from before the rule that names them.
    await h.accounts.users.create({ email: 'importor@stad.example', displayName: 'importor@stad.example', role: 'ADMIN' }, await fixtureHash(PASSWORD), { id: 'system:test', displayName: 'Test' });
    const importer = (await h.accounts.users.byEmail('importor@stad.example'))!;
    const report = await importSpreadsheet(h.store.engine, new Uint8Array(Buffer.from('Namn;Målgrupp\nKällföreningen;Äldre\n')), {
      fileName: 'lista.csv',
      actor: { id: importer.id, displayName: importer.displayName },
    });
    expect(report.committed).toBe(true);
    const SOURCE = 'query ($id: ID!) { organisation(id: $id) { provenance { source { id title publisher } } } }';
    const orgId = report.summary.organisationsCreated ? (await h.store.organisations.list({ text: 'Källföreningen' }, { first: 1 })).nodes[0]!.id : '';
    const pub = await h.post<{ organisation: { provenance: { source: { id: string; title: string; publisher: string } } } }>(SOURCE, { id: orgId });
    expect(pub.body.data!.organisation.provenance.source).toMatchObject({ title: 'lista.csv', publisher: 'Samverkan' });

    await h.store.engine.write((tx) => tx.run(editing.rewriteSource, { id: report.sourceId, title: 'lista från importor@stad.example', publisher: 'importor@stad.example' }));
    const masked = await h.post<{ organisation: { provenance: { source: { title: string; publisher: string } } } }>(SOURCE, { id: orgId });
    expect(JSON.stringify(masked.body)).not.toContain('importor@stad.example');

    const admin = await h.signedIn(h.users.admin);
    const erased = await admin.gql<{ erasePersonalData: { usersErased: number; sourcesRewritten: number } }>(ERASE, { e: 'importor@stad.example' });
    expect(erased.body.data!.erasePersonalData).toEqual({ usersErased: 1, sourcesRewritten: 1 });
    const staffView = await admin.gql<{ organisation: { provenance: { source: { title: string; publisher: string } } } }>(SOURCE, { id: orgId });
    expect(JSON.stringify(staffView.body)).not.toContain('importor@stad.example');
    expect(staffView.body.data!.organisation.provenance.source.title).toMatch(/^lista från /);
  });
});
