/**
 * Contact freshness (single-use, expiring verification links; the stale-contacts list) and
 * personal data: export (GDPR art. 15) and erasure (art. 17) that leaves no personal data in
 * any property of any node or relationship, with the audit trail kept but pseudonymised.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, SYSTEM, serverForSuite, testServer, type Client, type TestServer } from '../helpers/harness.js';
import { NODES, RELATIONSHIPS } from '../../graph/model/model.js';
import { defineStatement } from '../../graph/cypher/statement.js';
import { fixtureHash } from '../helpers/fixture-hash.js';
import { monthsBefore } from '../../graph/repo/contacts.js';

interface Payload {
  errors: { code: string; field: string | null; message: string }[];
}

const dumpNodes = Object.keys(NODES).map((label) => defineStatement<Record<string, never>, { x: unknown }>({ name: `test.dump.${label}`, mode: 'read', cypher: `MATCH (n:${label}) RETURN n AS x`, example: {} }));
const dumpRels = Object.keys(RELATIONSHIPS).map((type) => defineStatement<Record<string, never>, { x: unknown }>({ name: `test.dump.${type}`, mode: 'read', cypher: `MATCH ()-[r:${type}]->() RETURN r AS x`, example: {} }));

describe('contact freshness', () => {
  const { h, editor } = serverForSuite();

  const CONFIRM = 'mutation ($t: String!, $c: ContactCorrections) { confirmContactDetails(token: $t, corrections: $c) { organisation { id contact { email phone verifiedAt } } errors { code field message } } }';

  it('lists organisations not verified for 12 months, and a single-use link confirms or corrects their details', async () => {
    const stale = await editor.gql<{ staleContacts: { totalCount: number; nodes: { organisation: { id: string }; verifiedAt: string | null }[] } }>('{ staleContacts(first: 100) { totalCount nodes { organisation { id } verifiedAt } } }');
    const before = stale.body.data!.staleContacts;
    expect(before.totalCount).toBeGreaterThan(0);
    const id = h.users.otherOrg;
    expect(before.nodes.some((n) => n.organisation.id === id)).toBe(true);
    for (const n of before.nodes) if (n.verifiedAt) expect(Date.parse(n.verifiedAt)).toBeLessThan(monthsBefore(Date.now(), 12));

    const req = await editor.gql<{ requestContactVerification: Payload & { link: { url: string; token: string; expiresAt: string } } }>(
      'mutation ($id: ID!) { requestContactVerification(organisationId: $id) { link { url token expiresAt } errors { code } } }',
      { id },
    );
    const link = req.body.data!.requestContactVerification.link;
    expect(link.url).toContain(encodeURIComponent(link.token));
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now() + 24 * 3600_000);

    // The representative opens the link: no account needed.
    const rep = h.client();
    const look = await rep.gql<{ contactVerification: { organisationId: string } }>('query ($t: String!) { contactVerification(token: $t) { organisationId organisationName expiresAt } }', { t: link.token });
    expect(look.body.data!.contactVerification.organisationId).toBe(id);
    const ok = await rep.gql<{ confirmContactDetails: Payload & { organisation: { contact: { email: string; verifiedAt: string } } } }>(CONFIRM, { t: link.token, c: { email: 'Info@Forening.example', phone: '08-123 456 78' } });
    expect(ok.body.data!.confirmContactDetails.errors).toEqual([]);
    const contact = ok.body.data!.confirmContactDetails.organisation.contact;
    expect(contact.email).toBe('info@forening.example');
    expect(Date.now() - Date.parse(contact.verifiedAt)).toBeLessThan(60_000);
    const history = await h.accounts.audit.forEntity('Organisation', id, 1);
    expect(history[0]!.action).toBe('CORRECT_CONTACT');

    // Used once: the second use is refused and changes nothing.
    const again = await rep.gql<{ confirmContactDetails: Payload }>(CONFIRM, { t: link.token, c: { email: 'angripare@example.org' } });
    expect(again.body.data!.confirmContactDetails.errors[0]).toMatchObject({ code: 'TOKEN_USED', field: 'token' });
    expect((await h.store.organisations.get(id))!.email).toBe('info@forening.example');
    // The page the link opens can say why it cannot be used.
    const CHECK = 'query ($t: String!) { contactVerificationCheck(token: $t) { request { organisationId } problem } }';
    const used = await rep.gql<{ contactVerificationCheck: { request: unknown; problem: string | null } }>(CHECK, { t: link.token });
    expect(used.body.data!.contactVerificationCheck).toEqual({ request: null, problem: 'TOKEN_USED' });

    const after = await editor.gql<{ staleContacts: { totalCount: number } }>('{ staleContacts { totalCount } }');
    expect(after.body.data!.staleContacts.totalCount).toBe(before.totalCount - 1);
  });

  it('refuses expired and unknown links', async () => {
    const { value } = await h.accounts.contacts.requestVerification(h.users.repOrg, SYSTEM, 1);
    await new Promise((r) => setTimeout(r, 20));
    const version = (await h.store.organisations.get(h.users.repOrg))!.version;
    const expired = await h.client().gql<{ confirmContactDetails: Payload }>(CONFIRM, { t: value.token, c: null });
    expect(expired.body.data!.confirmContactDetails.errors[0]!.code).toBe('TOKEN_EXPIRED');
    const CHECK = 'query ($t: String!) { contactVerificationCheck(token: $t) { request { organisationId } problem } }';
    const check = async (t: string) => (await h.client().gql<{ contactVerificationCheck: { request: unknown; problem: string | null } }>(CHECK, { t })).body.data!.contactVerificationCheck;
    expect(await check(value.token)).toEqual({ request: null, problem: 'TOKEN_EXPIRED' });
    expect(await check('x'.repeat(43))).toEqual({ request: null, problem: 'TOKEN_INVALID' });
    const unknown = await h.client().gql<{ confirmContactDetails: Payload }>(CONFIRM, { t: 'x'.repeat(43), c: null });
    expect(unknown.body.data!.confirmContactDetails.errors[0]!.code).toBe('TOKEN_INVALID');
    expect((await h.store.organisations.get(h.users.repOrg))!.version).toBe(version);
    // Two confirmations racing with one link: exactly one wins.
    const { value: fresh } = await h.accounts.contacts.requestVerification(h.users.repOrg, SYSTEM);
    expect(await check(fresh.token)).toEqual({ request: { organisationId: h.users.repOrg }, problem: null });
    const results = await Promise.all([0, 1, 2].map(() => h.client().gql<{ confirmContactDetails: Payload }>(CONFIRM, { t: fresh.token, c: null })));
    expect(results.filter((r) => r.body.data!.confirmContactDetails.errors.length === 0)).toHaveLength(1);
  });

  it('keeps contact persons only with a stated purpose', async () => {
    const r = await editor.gql<{ addContactPerson: Payload }>('mutation ($id: ID!) { addContactPerson(organisationId: $id, input: {name: "Utan Ändamål", purpose: " "}) { contactPerson { id } errors { code field } } }', { id: h.users.otherOrg });
    expect(r.body.data!.addContactPerson.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purpose' });
  });
});

describe('personal data: export and erasure', () => {
  let h: TestServer;
  let admin: Client;
  const email = 'greta.glomd@forening.example';
  const name = 'Greta Glömd';
  const phone = '070-765 43 21';

  beforeAll(async () => {
    h = await testServer();
    admin = await h.signedIn(h.users.admin);
  });
  afterAll(async () => h.close());

  async function everything(): Promise<string> {
    const parts: string[] = [];
    await h.store.engine.read(async (tx) => {
      for (const s of [...dumpNodes, ...dumpRels]) for (const row of await tx.run(s, {})) parts.push(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    });
    return parts.join('\n');
  }

  it('exports everything held about an address, then erases it leaving only pseudonymised audit records', async () => {
    // Greta is a representative who edits, and a contact person; an editor and her organisation's e-mail mention her too.
    await h.accounts.users.create({ email, displayName: name, role: 'REPRESENTATIVE', organisationId: h.users.repOrg }, await fixtureHash(PASSWORD), SYSTEM);
    const greta = await h.signedIn(email);
    const v = (await h.store.organisations.get(h.users.repOrg))!.version;
    const edit = await greta.gql<{ updateOrganisation: Payload }>('mutation ($id: ID!, $v: Int!, $e: String) { updateOrganisation(id: $id, input: {email: $e, version: $v}, reason: "Greta Glömd uppdaterar") { auditId errors { code } } }', { id: h.users.repOrg, v, e: email });
    expect(edit.body.data!.updateOrganisation.errors).toEqual([]);
    const editor = await h.signedIn(h.users.editor);
    const added = await editor.gql<{ addContactPerson: Payload }>(
      'mutation ($id: ID!, $e: String, $n: String!, $p: String) { addContactPerson(organisationId: $id, input: {name: $n, email: $e, phone: $p, title: "Ordförande", purpose: "Kontaktperson för stadens samverkan"}) { contactPerson { id } errors { code field } } }',
      { id: h.users.otherOrg, e: email, n: name, p: phone },
    );
    expect(added.body.data!.addContactPerson.errors).toEqual([]);
    const auditBefore = await h.accounts.audit.count();
    expect(await everything()).toContain(email);

    const exp = await admin.gql<{ exportPersonalData: { data: string } }>('mutation ($e: String!) { exportPersonalData(email: $e) { email exportedAt data } }', { e: email });
    const data = JSON.parse(exp.body.data!.exportPersonalData.data) as { users: { email: string }[]; contactPersons: { phone: string }[]; changesMade: unknown[]; mentionedIn: unknown[]; organisationsWithThisEmail: string[] };
    expect(data.users.map((u) => u.email)).toEqual([email]);
    expect(JSON.stringify(data.users)).not.toContain('scrypt');
    expect(data.contactPersons[0]!.phone).toBe(phone);
    expect(data.changesMade.length).toBeGreaterThanOrEqual(1);
    expect(data.mentionedIn.length).toBeGreaterThanOrEqual(1);
    expect(data.organisationsWithThisEmail).toEqual([h.users.repOrg]);

    const erased = await admin.gql<{ erasePersonalData: { usersErased: number; contactPersonsErased: number; auditRecordsPseudonymised: number; organisationEmailsCleared: number } }>(
      'mutation ($e: String!) { erasePersonalData(email: $e, reason: "Begäran 2026-11") { usersErased contactPersonsErased auditRecordsPseudonymised organisationEmailsCleared auditId } }',
      { e: email },
    );
    expect(erased.body.errors).toBeUndefined();
    expect(erased.body.data!.erasePersonalData).toMatchObject({ usersErased: 1, contactPersonsErased: 1, organisationEmailsCleared: 1 });
    expect(erased.body.data!.erasePersonalData.auditRecordsPseudonymised).toBeGreaterThanOrEqual(2);

    // Every property of every node and relationship: no address, name or phone number left.
    const all = await everything();
    for (const term of [email, name, phone, 'Greta']) expect(all.includes(term), term).toBe(false);
    // The audit trail is kept (nothing deleted), pseudonymised.
    expect(await h.accounts.audit.count()).toBeGreaterThanOrEqual(auditBefore);
    const history = await h.accounts.audit.forEntity('Organisation', h.users.repOrg, 10);
    const gretas = history.find((r) => r.reason?.includes('uppdaterar'))!;
    expect(gretas.actorName).toBe('Raderad användare');
    expect(gretas.actorId).toMatch(/^erased:/);
    expect(gretas.reason).toBe('[raderad] uppdaterar');
    // Her session is gone too.
    expect((await greta.gql<{ viewer: unknown }>('{ viewer { id } }')).body.data!.viewer).toBeNull();
  });
});
