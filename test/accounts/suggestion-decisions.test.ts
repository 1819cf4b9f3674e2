/**
 * Deciding partnership suggestions through GraphQL: an editor or the organisation's own
 * representative dismisses or accepts a suggested partner, the answer carries the new ranking
 * (the dismissed or accepted partner is gone from it), the decision is in the organisation's
 * history, and bad input names the argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type Client, type TestServer } from '../helpers/harness.js';

interface Suggestion {
  organisation: { id: string };
}
interface DecideAnswer {
  decidePartnershipSuggestion: { suggestions: Suggestion[] | null; auditId: string | null; errors: { field: string | null; code: string }[] };
}

const DECIDE = `mutation ($o: ID!, $p: ID!, $d: SuggestionDecisionKind!, $r: String) {
  decidePartnershipSuggestion(organisationId: $o, partnerId: $p, decision: $d, reason: $r, language: EN) {
    suggestions { organisation { id } reasons { text } }
    auditId
    errors { field code }
  }
}`;
const SUGGESTIONS = 'query ($o: ID!) { partnershipSuggestions(organisationId: $o, first: 8) { organisation { id } } }';

describe('decidePartnershipSuggestion', () => {
  let h: TestServer;
  let editor: Client;
  let rep: Client;
  const ranking = async (c: Client, o: string) => ((await c.gql<{ partnershipSuggestions: Suggestion[] }>(SUGGESTIONS, { o })).body.data?.partnershipSuggestions ?? []).map((s) => s.organisation.id);

  beforeAll(async () => {
    h = await testServer();
    editor = await h.signedIn(h.users.editor);
    rep = await h.signedIn(h.users.rep);
  });
  afterAll(async () => h.close());

  it('an editor dismisses a suggestion: it leaves the ranking, and the history records it', async () => {
    const org = h.users.otherOrg;
    const before = await ranking(editor, org);
    expect(before.length).toBeGreaterThan(1);
    const dismissed = before[0]!;
    const r = await editor.gql<DecideAnswer>(DECIDE, { o: org, p: dismissed, d: 'DISMISSED', r: 'Vi har redan kontakt' });
    const answer = r.body.data!.decidePartnershipSuggestion;
    expect(answer.errors).toEqual([]);
    expect(answer.auditId).toMatch(/^audit:/);
    const after = answer.suggestions!.map((s) => s.organisation.id);
    expect(after).not.toContain(dismissed);
    expect(after.length).toBeGreaterThan(0);
    expect(await ranking(editor, org)).toEqual(after);

    const history = await editor.gql<{ organisationHistory: { id: string; action: string; after: string; reason: string | null }[] }>(
      'query ($id: ID!) { organisationHistory(id: $id) { id action after reason } }',
      { id: org },
    );
    const latest = history.body.data!.organisationHistory[0]!;
    expect(latest).toMatchObject({ id: answer.auditId, action: 'SUGGESTION_DECISION', reason: 'Vi har redan kontakt' });
    expect(JSON.parse(latest.after)).toMatchObject({ candidateId: dismissed, decision: 'DISMISSED' });
  });

  it('a decision names its partner in the history and is undone by revertChange: the pair has its earlier decision again, or none', async () => {
    const org = h.users.otherOrg;
    await h.store.projections.fresh();
    const partner = (await ranking(editor, org))[0]!;
    const name = (await h.store.organisations.get(partner))!.name;
    const HISTORY = 'query ($id: ID!) { organisationHistory(id: $id) { id action after revertOf } }';
    const REVERT = 'mutation ($a: ID!) { revertChange(auditId: $a) { auditId errors { field code } } }';
    const latest = async () => (await editor.gql<{ organisationHistory: { id: string; action: string; after: string; revertOf: string | null }[] }>(HISTORY, { id: org })).body.data!.organisationHistory[0]!;

    const accepted = (await editor.gql<DecideAnswer>(DECIDE, { o: org, p: partner, d: 'ACCEPTED', r: null })).body.data!.decidePartnershipSuggestion;
    expect(accepted.errors).toEqual([]);
    expect(JSON.parse((await latest()).after)).toMatchObject({ candidateId: partner, candidateName: name, decision: 'ACCEPTED' });
    const dismissed = (await editor.gql<DecideAnswer>(DECIDE, { o: org, p: partner, d: 'DISMISSED', r: 'Ändrade oss' })).body.data!.decidePartnershipSuggestion;
    expect(dismissed.errors).toEqual([]);

    // Undo the dismissal: the acceptance stands again.
    const undo1 = await editor.gql<{ revertChange: { auditId: string | null; errors: unknown[] } }>(REVERT, { a: dismissed.auditId });
    expect(undo1.body.data!.revertChange.errors).toEqual([]);
    expect(await latest()).toMatchObject({ action: 'SUGGESTION_DECISION', revertOf: dismissed.auditId });
    expect(JSON.parse((await latest()).after)).toMatchObject({ candidateId: partner, decision: 'ACCEPTED' });
    // The acceptance is no longer the latest change: undoing it is refused until the later one is.
    const early = await editor.gql<{ revertChange: { errors: { code: string }[] } }>(REVERT, { a: accepted.auditId });
    expect(early.body.data!.revertChange.errors.map((e) => e.code)).toEqual(['CONFLICT']);
    // A first decision undone: no decision stands, and the partner is suggested again.
    await h.store.projections.fresh();
    const other = (await ranking(editor, org))[0]!;
    const first = (await editor.gql<DecideAnswer>(DECIDE, { o: org, p: other, d: 'DISMISSED', r: null })).body.data!.decidePartnershipSuggestion;
    expect(first.suggestions!.map((x) => x.organisation.id)).not.toContain(other);
    const undo2 = await editor.gql<{ revertChange: { auditId: string; errors: unknown[] } }>(REVERT, { a: first.auditId });
    expect(undo2.body.data!.revertChange.errors).toEqual([]);
    expect(JSON.parse((await latest()).after)).toMatchObject({ candidateId: other, decision: 'NONE' });
    await h.store.projections.fresh();
    expect(await ranking(editor, org)).toContain(other);
  });

  it("a representative accepts a suggestion for their own organisation", async () => {
    const org = h.users.repOrg;
    const before = await ranking(rep, org);
    expect(before.length).toBeGreaterThan(0);
    const r = await rep.gql<DecideAnswer>(DECIDE, { o: org, p: before[0], d: 'ACCEPTED' });
    expect(r.body.data!.decidePartnershipSuggestion.errors).toEqual([]);
    expect(r.body.data!.decidePartnershipSuggestion.suggestions!.map((s) => s.organisation.id)).not.toContain(before[0]);
  });

  it('names the argument of bad input and changes nothing', async () => {
    const org = h.users.otherOrg;
    const before = await ranking(editor, org);
    const unknown = await editor.gql<DecideAnswer>(DECIDE, { o: org, p: 'org:finns-inte', d: 'ACCEPTED' });
    expect(unknown.body.data!.decidePartnershipSuggestion).toMatchObject({ suggestions: null, auditId: null, errors: [{ field: 'partnerId', code: 'NOT_FOUND' }] });
    const self = await editor.gql<DecideAnswer>(DECIDE, { o: org, p: org, d: 'ACCEPTED' });
    expect(self.body.data!.decidePartnershipSuggestion.errors).toEqual([expect.objectContaining({ field: 'partnerId', code: 'BAD_USER_INPUT' })]);
    const long = await editor.gql<DecideAnswer>(DECIDE, { o: org, p: before[0], d: 'ACCEPTED', r: 'x'.repeat(1001) });
    expect(long.body.data!.decidePartnershipSuggestion.errors).toEqual([expect.objectContaining({ field: 'reason', code: 'BAD_USER_INPUT' })]);
    await h.store.projections.fresh();
    expect(await ranking(editor, org)).toEqual(before);
  });
});

describe('partnershipSuggestions of a just-created organisation', () => {
  let h: TestServer;
  beforeAll(async () => {
    h = await testServer();
  });
  afterAll(async () => h.close());

  it('answers (on the rebuilt projection) instead of refusing the new id', async () => {
    const editor = await h.signedIn(h.users.editor);
    await h.store.projections.current();
    const created = await editor.gql<{ createOrganisation: { organisation: { id: string } | null } }>('mutation { createOrganisation(input: {name: "Helt nya föreningen"}) { organisation { id } errors { code } } }');
    const id = created.body.data!.createOrganisation.organisation!.id;
    const r = await editor.gql<{ partnershipSuggestions: unknown[] }>('query ($o: ID!) { partnershipSuggestions(organisationId: $o) { score } }', { o: id });
    expect(r.body.errors).toBeUndefined();
    expect(Array.isArray(r.body.data!.partnershipSuggestions)).toBe(true);
  });
});
