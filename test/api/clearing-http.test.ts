/**
 * Clearing values of organisations, agreements and collaborations over HTTP, as a signed-in editor: a field left
 * out is unchanged, an explicit null clears an optional one (read back as null, shown in the audit
 * record's before/after), null on a required field is a typed error naming it that changes
 * nothing, a stale version is still a CONFLICT, and the period stays checked.
 */
import { describe, expect, it } from 'vitest';
import { serverForSuite } from '../helpers/harness.js';
import type { Agreement as AgreementType, Collaboration as CollaborationType, Organisation as OrganisationType, UserError as UserErrorType } from '../../server/graphql/generated/resolvers.js';

// The answers' shapes, from the API's generated types (the fields the queries below select).
type Selected<T, K extends keyof T> = Required<Pick<T, K>>;
type Agreement = Selected<AgreementType, 'id' | 'name' | 'kind' | 'status' | 'description' | 'startDate' | 'endDate' | 'valueSek' | 'steeringMeetingsPerYear' | 'followUpPlan' | 'documentedConsiderations' | 'societalChallengeStated' | 'version'>;
type Collaboration = Selected<CollaborationType, 'id' | 'name' | 'kind' | 'description' | 'startDate' | 'endDate' | 'version'>;
type UserError = Selected<UserErrorType, 'code' | 'field' | 'message'>;
interface Payload {
  errors: UserError[];
  auditId: string | null;
}
type AgreementPayload = Payload & { agreement: Agreement | null };
type CollaborationPayload = Payload & { collaboration: Collaboration | null };

const AGREEMENT = 'id name kind status description startDate endDate valueSek steeringMeetingsPerYear followUpPlan documentedConsiderations societalChallengeStated version';
const COLLABORATION = 'id name kind description startDate endDate version';
const UPDATE_AGREEMENT = `mutation ($id: ID!, $input: AgreementUpdate!, $reason: String) { updateAgreement(id: $id, input: $input, reason: $reason) { agreement { ${AGREEMENT} } auditId errors { code field message } } }`;
const UPDATE_COLLABORATION = `mutation ($id: ID!, $input: CollaborationUpdate!) { updateCollaboration(id: $id, input: $input) { collaboration { ${COLLABORATION} } auditId errors { code field message } } }`;

describe('clearing optional values of agreements and collaborations', () => {
  const { h, editor } = serverForSuite();

  const updateAgreement = async (id: string, input: Record<string, unknown>, reason?: string) =>
    (await editor.gql<{ updateAgreement: AgreementPayload }>(UPDATE_AGREEMENT, { id, input, reason: reason ?? null })).body.data!.updateAgreement;
  const updateCollaboration = async (id: string, input: Record<string, unknown>) =>
    (await editor.gql<{ updateCollaboration: CollaborationPayload }>(UPDATE_COLLABORATION, { id, input })).body.data!.updateCollaboration;
  const readAgreement = async (id: string) => (await editor.gql<{ agreement: Agreement }>(`query ($id: ID!) { agreement(id: $id) { ${AGREEMENT} } }`, { id })).body.data!.agreement;
  const readCollaboration = async (id: string) => (await editor.gql<{ collaboration: Collaboration }>(`query ($id: ID!) { collaboration(id: $id) { ${COLLABORATION} } }`, { id })).body.data!.collaboration;
  /** The audit record as the API shows it (before/after are JSON strings). */
  const auditOf = async (auditId: string) => {
    const r = await editor.gql<{ auditRecord: { action: string; before: string | null; after: string | null; reason: string | null } }>('query ($id: ID!) { auditRecord(id: $id) { action before after reason } }', { id: auditId });
    const rec = r.body.data!.auditRecord;
    return { ...rec, before: JSON.parse(rec.before ?? 'null') as Record<string, Record<string, unknown>>, after: JSON.parse(rec.after ?? 'null') as Record<string, Record<string, unknown>> };
  };

  it('sets, then clears with null, an agreement end date, value, meetings a year and audit flags; the rest stays', async () => {
    const created = await editor.gql<{ createAgreement: AgreementPayload }>(
      `mutation { createAgreement(input: {name: "IOP Rensa värden", kind: IOP, status: "ACTIVE", startDate: "2025-01-01", description: "Läxhjälp"}) { agreement { ${AGREEMENT} } auditId errors { code field message } } }`,
    );
    expect(created.body.data!.createAgreement.errors).toEqual([]);
    const id = created.body.data!.createAgreement.agreement!.id;

    const set = await updateAgreement(id, { endDate: '2027-12-31', valueSek: 250000, steeringMeetingsPerYear: 4, followUpPlan: true, documentedConsiderations: false, version: 1 });
    expect(set.errors).toEqual([]);
    expect(set.agreement).toMatchObject({ endDate: '2027-12-31', valueSek: 250000, steeringMeetingsPerYear: 4, followUpPlan: true, documentedConsiderations: false, version: 2 });

    // Explicit nulls through variables, as the web app sends them; name, start date, description left out.
    const cleared = await updateAgreement(id, { endDate: null, valueSek: null, steeringMeetingsPerYear: null, followUpPlan: null, documentedConsiderations: null, version: 2 }, 'fel inmatat');
    expect(cleared.errors).toEqual([]);
    const expected = { endDate: null, valueSek: null, steeringMeetingsPerYear: null, followUpPlan: null, documentedConsiderations: null, version: 3 };
    expect(cleared.agreement).toMatchObject(expected);
    const read = await readAgreement(id);
    expect(read).toMatchObject({ ...expected, name: 'IOP Rensa värden', kind: 'IOP', status: 'ACTIVE', startDate: '2025-01-01', description: 'Läxhjälp' });

    const audit = await auditOf(cleared.auditId!);
    expect(audit).toMatchObject({ action: 'UPDATE', reason: 'fel inmatat' });
    expect(audit.before.agreement).toMatchObject({ endDate: '2027-12-31', valueSek: 250000, steeringMeetingsPerYear: 4, followUpPlan: true, documentedConsiderations: false, version: 2 });
    expect(audit.after.agreement).toMatchObject({ ...expected, startDate: '2025-01-01', description: 'Läxhjälp' });
    // Cleared values are in the snapshot as null, not merely missing.
    for (const k of ['endDate', 'valueSek', 'steeringMeetingsPerYear', 'followUpPlan', 'documentedConsiderations']) expect(audit.after.agreement!, k).toHaveProperty(k, null);

    // Undoing the clearing restores the values from the audit record's before.
    const revert = await editor.gql<{ revertChange: { errors: UserError[] } }>('mutation ($a: ID!) { revertChange(auditId: $a) { errors { code field message } } }', { a: cleared.auditId });
    expect(revert.body.data!.revertChange.errors).toEqual([]);
    expect(await readAgreement(id)).toMatchObject({ endDate: '2027-12-31', valueSek: 250000, steeringMeetingsPerYear: 4, followUpPlan: true, documentedConsiderations: false, version: 4 });

    // A literal null in the document clears too; an empty string in optional text still clears it.
    const literal = await editor.gql<{ updateAgreement: AgreementPayload }>(`mutation ($id: ID!) { updateAgreement(id: $id, input: {endDate: null, description: "", version: 4}) { agreement { ${AGREEMENT} } errors { code field } } }`, { id });
    expect(literal.body.data!.updateAgreement.errors).toEqual([]);
    expect(literal.body.data!.updateAgreement.agreement).toMatchObject({ endDate: null, description: null, valueSek: 250000, version: 5 });
  });

  it('refuses null on a required field with a typed error naming it, and changes nothing', async () => {
    const created = await editor.gql<{ createAgreement: AgreementPayload }>(`mutation { createAgreement(input: {name: "IOP Obligatoriskt", kind: GRANT, status: "PLANNED", endDate: "2026-06-30"}) { agreement { ${AGREEMENT} } errors { code } } }`);
    const id = created.body.data!.createAgreement.agreement!.id;
    const auditsBefore = await h.accounts.audit.count();
    for (const field of ['name', 'kind', 'status']) {
      // With a valid change beside it: that change must not be written either.
      const r = await updateAgreement(id, { [field]: null, endDate: null, version: 1 });
      expect(r.agreement).toBeNull();
      expect(r.auditId).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
      expect(r.errors[0]!.message).toMatch(/required/);
    }
    expect(await readAgreement(id)).toMatchObject({ name: 'IOP Obligatoriskt', kind: 'GRANT', status: 'PLANNED', endDate: '2026-06-30', version: 1 });
    expect(await h.accounts.audit.count()).toBe(auditsBefore);
  });

  it('answers a stale version with CONFLICT, also when clearing', async () => {
    const created = await editor.gql<{ createAgreement: AgreementPayload }>(`mutation { createAgreement(input: {name: "IOP Konflikt", kind: IOP, endDate: "2026-12-31", valueSek: 1000}) { agreement { ${AGREEMENT} } errors { code } } }`);
    const id = created.body.data!.createAgreement.agreement!.id;
    expect((await updateAgreement(id, { valueSek: 2000, version: 1 })).errors).toEqual([]);
    const stale = await updateAgreement(id, { endDate: null, version: 1 });
    expect(stale.errors).toHaveLength(1);
    expect(stale.errors[0]).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(stale.agreement).toBeNull();
    expect(await readAgreement(id)).toMatchObject({ endDate: '2026-12-31', valueSek: 2000, version: 2 });
  });

  it('keeps the end date from falling before the start date, also when only one of them changes', async () => {
    const created = await editor.gql<{ createAgreement: AgreementPayload }>(`mutation { createAgreement(input: {name: "IOP Period", kind: IOP, startDate: "2025-01-01", endDate: "2025-12-31"}) { agreement { ${AGREEMENT} } errors { code } } }`);
    const id = created.body.data!.createAgreement.agreement!.id;
    const badEnd = await updateAgreement(id, { endDate: '2024-12-31', version: 1 });
    expect(badEnd.errors.map((e) => [e.code, e.field])).toEqual([['BAD_USER_INPUT', 'input.endDate']]);
    const badStart = await updateAgreement(id, { startDate: '2026-01-01', version: 1 });
    expect(badStart.errors.map((e) => [e.code, e.field])).toEqual([['BAD_USER_INPUT', 'input.startDate']]);
    expect(await readAgreement(id)).toMatchObject({ startDate: '2025-01-01', endDate: '2025-12-31', version: 1 });
    // With the end date cleared, a later start is fine; setting an end before it again is not.
    expect((await updateAgreement(id, { endDate: null, startDate: '2026-01-01', version: 1 })).agreement).toMatchObject({ startDate: '2026-01-01', endDate: null, version: 2 });
    expect((await updateAgreement(id, { endDate: '2025-06-30', version: 2 })).errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.endDate' });
    const badCreate = await editor.gql<{ createAgreement: AgreementPayload }>('mutation { createAgreement(input: {name: "IOP Baklänges", kind: IOP, startDate: "2025-02-01", endDate: "2025-01-01"}) { agreement { id } errors { code field } } }');
    expect(badCreate.body.data!.createAgreement).toMatchObject({ agreement: null, errors: [{ code: 'BAD_USER_INPUT', field: 'input.endDate' }] });
  });

  it('clears a collaboration end date and description with null; refuses null name or kind; CONFLICT on a stale version', async () => {
    const created = await editor.gql<{ createCollaboration: CollaborationPayload }>(
      `mutation ($a: ID!, $b: ID!) { createCollaboration(input: {name: "Rensnätverket", kind: "NETWORK", description: "Träffas varje månad", startDate: "2025-01-01", endDate: "2025-12-31", participantIds: [$a, $b]}) { collaboration { ${COLLABORATION} } errors { code field message } } }`,
      { a: h.users.repOrg, b: h.users.otherOrg },
    );
    expect(created.body.data!.createCollaboration.errors).toEqual([]);
    const id = created.body.data!.createCollaboration.collaboration!.id;

    const cleared = await updateCollaboration(id, { endDate: null, description: null, version: 1 });
    expect(cleared.errors).toEqual([]);
    expect(await readCollaboration(id)).toEqual({ id, name: 'Rensnätverket', kind: 'NETWORK', description: null, startDate: '2025-01-01', endDate: null, version: 2 });
    const audit = await auditOf(cleared.auditId!);
    expect(audit.before.collaboration).toMatchObject({ description: 'Träffas varje månad', endDate: '2025-12-31' });
    expect(audit.after.collaboration).toMatchObject({ description: null, endDate: null, startDate: '2025-01-01' });
    expect(audit.after.collaboration).toHaveProperty('endDate', null);

    for (const field of ['name', 'kind']) {
      const r = await updateCollaboration(id, { [field]: null, startDate: null, version: 2 });
      expect(r.collaboration).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
    }
    const stale = await updateCollaboration(id, { startDate: null, version: 1 });
    expect(stale.errors).toHaveLength(1);
    expect(stale.errors[0]).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    expect(await readCollaboration(id)).toMatchObject({ name: 'Rensnätverket', kind: 'NETWORK', startDate: '2025-01-01', version: 2 });

    const badEnd = await updateCollaboration(id, { endDate: '2024-01-01', version: 2 });
    expect(badEnd.errors.map((e) => [e.code, e.field])).toEqual([['BAD_USER_INPUT', 'input.endDate']]);
  });

  it('clears an organisation\'s optional fields and aliases with null; refuses a null name by field and changes nothing', async () => {
    const FIELDS = 'id name aliases orgNumber legalForm description website version';
    type Org = Selected<OrganisationType, 'id' | 'name' | 'aliases' | 'orgNumber' | 'legalForm' | 'description' | 'website' | 'version'>;
    const create = await editor.gql<{ createOrganisation: { organisation: Org | null; errors: UserError[] } }>(
      `mutation ($input: OrganisationInput!) { createOrganisation(input: $input) { organisation { ${FIELDS} } errors { code field message } } }`,
      { input: { name: 'Rensningsföreningen', aliases: ['RF'], legalForm: 'ideell förening', description: 'Testar att tömma fält.', website: 'https://rensning.example' } },
    );
    const org = create.body.data!.createOrganisation.organisation!;
    expect(org.aliases).toEqual(['RF']);
    const update = (input: Record<string, unknown>) =>
      editor.gql<{ updateOrganisation: { organisation: Org | null; auditId: string | null; errors: UserError[] } }>(
        `mutation ($id: ID!, $input: OrganisationUpdate!) { updateOrganisation(id: $id, input: $input) { organisation { ${FIELDS} } auditId errors { code field message } } }`,
        { id: org.id, input },
      );
    const refused = (await update({ name: null, description: null, version: org.version })).body.data!.updateOrganisation;
    expect(refused.organisation).toBeNull();
    expect(refused.errors.map((e) => [e.code, e.field])).toEqual([['BAD_USER_INPUT', 'input.name']]);
    const cleared = (await update({ description: null, website: null, aliases: null, version: org.version })).body.data!.updateOrganisation;
    expect(cleared.errors).toEqual([]);
    expect(cleared.organisation).toMatchObject({ name: 'Rensningsföreningen', legalForm: 'ideell förening', description: null, website: null, aliases: [], version: org.version + 1 });
  });
});
