/**
 * Merging organisations over HTTP: only editors preview and merge (a representative and an
 * anonymous request are refused and change nothing), problems come back as typed errors naming
 * the field, the merged id leads to the survivor, and revertChange undoes the merge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type Client, type TestServer } from '../helpers/harness.js';

interface UserError {
  code: string;
  field: string | null;
  message: string;
}
interface MergePayload {
  organisation: { id: string; aliases: string[]; website: string | null; version: number } | null;
  auditId: string | null;
  errors: UserError[];
}

const MERGE = `mutation ($input: MergeOrganisationsInput!, $reason: String) {
  mergeOrganisations(input: $input, reason: $reason) { organisation { id aliases website version } auditId errors { code field message } }
}`;
const PREVIEW = `query ($input: MergePreviewInput!) {
  mergePreview(input: $input) {
    preview { survivor { id } merged { id } filledFields { field value } aliasesAdded links { kind direction id name role outcome } contactPersons representatives decisions }
    errors { code field message }
  }
}`;
const LEADS_TO = 'query ($id: ID!) { organisationMergedInto(id: $id) { id name } organisation(id: $id) { id } }';

describe('merging organisations over HTTP', () => {
  let h: TestServer;
  let editor: Client;
  let rep: Client;
  let survivor: { id: string; version: number };
  let merged: { id: string; version: number; name: string };
  beforeAll(async () => {
    h = await testServer();
    editor = await h.signedIn(h.users.editor);
    rep = await h.signedIn(h.users.rep);
    const actor = { id: 'system:test', displayName: 'Test' };
    const s = await h.store.organisations.create({ name: 'Läxhjälpen Husby', description: 'Läxhjälp för barn' }, actor);
    const m = await h.store.organisations.create({ name: 'Läxhjälpen i Husby', website: 'https://laxhjalpen.example.org' }, actor);
    await h.store.links.link('targetGroup', { organisationId: m.id, targetId: 'tg:aldre', provenance: { sourceId: 'src:001', basis: 'STATED', sourceLocator: 's. 2' } }, actor);
    survivor = { id: s.id, version: s.version };
    merged = { id: m.id, version: m.version, name: m.name };
  });
  afterAll(async () => h.close());

  const input = (extra: Record<string, unknown> = {}) => ({ input: { survivorId: survivor.id, survivorVersion: survivor.version, mergedId: merged.id, mergedVersion: merged.version, ...extra } });

  it('refuses anyone but an editor, changing nothing', async () => {
    const before = await h.accounts.audit.count();
    const anonymous = await h.client().gql(MERGE, input());
    expect(anonymous.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const representative = await rep.gql(MERGE, input());
    expect(representative.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const preview = await rep.gql(PREVIEW, { input: { survivorId: survivor.id, mergedId: merged.id } });
    expect(preview.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await h.accounts.audit.count()).toBe(before);
    expect(await h.store.organisations.get(merged.id)).not.toBeNull();
  });

  it('previews what the survivor gets', async () => {
    const res = await editor.gql<{ mergePreview: { preview: Record<string, unknown>; errors: UserError[] } }>(PREVIEW, { input: { survivorId: survivor.id, mergedId: merged.id } });
    const p = res.body.data!.mergePreview;
    expect(p.errors).toEqual([]);
    expect(p.preview).toMatchObject({
      survivor: { id: survivor.id },
      merged: { id: merged.id },
      filledFields: [{ field: 'website', value: expect.stringContaining('laxhjalpen.example.org') }],
      aliasesAdded: [merged.name],
      links: [{ kind: 'TARGET_GROUP', direction: 'OUTGOING', id: 'tg:aldre', outcome: 'MOVE' }],
      contactPersons: 0,
    });
    const self = await editor.gql<{ mergePreview: { preview: null; errors: UserError[] } }>(PREVIEW, { input: { survivorId: survivor.id, mergedId: survivor.id } });
    expect(self.body.data!.mergePreview.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mergedId' });
  });

  it('answers problems with typed errors naming the field', async () => {
    const errorsOf = async (vars: Record<string, unknown>) => (await editor.gql<{ mergeOrganisations: MergePayload }>(MERGE, vars)).body.data!.mergeOrganisations.errors;
    expect((await errorsOf(input({ mergedVersion: merged.version + 3 })))[0]).toMatchObject({ code: 'CONFLICT', field: 'input.mergedVersion' });
    expect((await errorsOf(input({ survivorVersion: survivor.version + 3 })))[0]).toMatchObject({ code: 'CONFLICT', field: 'input.survivorVersion' });
    expect((await errorsOf(input({ mergedId: survivor.id })))[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.mergedId' });
    expect((await errorsOf(input({ mergedId: 'org:finns-inte' })))[0]).toMatchObject({ code: 'NOT_FOUND', field: 'input.mergedId' });
    expect((await errorsOf(input({ survivorId: 'inte giltigt!' })))[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.survivorId' });
    expect(await h.store.organisations.get(merged.id)).not.toBeNull();
  });

  it('merges, leads the merged id to the survivor, records it in the history, and reverts it', async () => {
    const res = await editor.gql<{ mergeOrganisations: MergePayload }>(MERGE, { ...input(), reason: 'samma förening' });
    const m = res.body.data!.mergeOrganisations;
    expect(m.errors).toEqual([]);
    expect(m.organisation).toMatchObject({ id: survivor.id, aliases: [merged.name], website: expect.stringContaining('laxhjalpen.example.org') });

    const leads = await h.client().gql<{ organisationMergedInto: { id: string } | null; organisation: null }>(LEADS_TO, { id: merged.id });
    expect(leads.body.data).toEqual({ organisationMergedInto: { id: survivor.id, name: 'Läxhjälpen Husby' }, organisation: null });
    const history = await editor.gql<{ organisationHistory: { id: string; action: string; after: string }[] }>('query ($id: ID!) { organisationHistory(id: $id) { id action after } }', { id: survivor.id });
    const [latest] = history.body.data!.organisationHistory;
    expect(latest).toMatchObject({ id: m.auditId, action: 'MERGE' });
    expect(JSON.parse(latest!.after)).toMatchObject({ mergedId: merged.id, mergedName: merged.name });

    const revert = await editor.gql<{ revertChange: { entityId: string; errors: UserError[] } }>('mutation ($a: ID!) { revertChange(auditId: $a) { entityId errors { code field message } } }', { a: m.auditId });
    expect(revert.body.data!.revertChange).toEqual({ entityId: survivor.id, errors: [] });
    expect((await h.store.organisations.get(merged.id))!.name).toBe(merged.name);
    expect((await h.store.organisations.get(survivor.id))!.aliases ?? []).toEqual([]);
    const after = await h.client().gql<{ organisationMergedInto: null; organisation: { id: string } }>(LEADS_TO, { id: merged.id });
    expect(after.body.data).toEqual({ organisationMergedInto: null, organisation: { id: merged.id } });
  });
});
