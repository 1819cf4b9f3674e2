/**
 * Organisation status and the about facts' own provenance over HTTP on the seeded graph: a closed
 * organisation is left out of coverage, suggestions, brokers and the gap analyses unless asked for;
 * an editor's change to one about fact is entered by that editor while the others keep the
 * document they came from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type Client, type TestServer } from '../helpers/harness.js';

const LIVSTYCKET = 'org:livstycket';
const VICTIMS = 'org:brottsofferjouren-stockholms-innerstad-lidingo';
const STADSMISSION = 'org:stockholms-stadsmission';

interface Prov {
  basis: string | null;
  confidence: number | null;
  rule: string | null;
  quote: string | null;
  locator: string | null;
  source: { id: string; kind: string } | null;
}
const PROV = 'basis confidence rule quote locator source { id kind }';

describe('organisation status and the about facts’ provenance', () => {
  let h: TestServer;
  let anon: Client;
  let editor: Client;
  let editor2: Client;
  beforeAll(async () => {
    h = await testServer({ projectionDebounceMs: 0 });
    anon = h.client();
    editor = await h.signedIn(h.users.editor);
    editor2 = await h.signedIn(h.users.editor2);
  });
  afterAll(async () => h.close());

  const organisation = async (id: string) =>
    (
      await anon.gql<{ organisation: { status: string | null; statusSince: string | null; version: number; description: string | null; website: string | null; fieldProvenance: Record<'description' | 'legalForm' | 'website' | 'status', Prov | null> } }>(
        `query ($id: ID!) { organisation(id: $id) { status statusSince version description website fieldProvenance { description { ${PROV} } legalForm { ${PROV} } website { ${PROV} } status { ${PROV} } } } }`,
        { id },
      )
    ).body.data!.organisation;

  it('reads Livstycket as closed since 2019-12-31, the status citing its own web-page source', async () => {
    const o = await organisation(LIVSTYCKET);
    expect(o).toMatchObject({ status: 'CLOSED', statusSince: '2019-12-31' });
    expect(o.fieldProvenance.status).toMatchObject({ basis: 'STATED', source: { id: 'src:livstycket-nedlaggning', kind: 'WEB_PAGE' } });
    // Its legal form is read from its name: an inference with its rule and the words it read.
    expect(o.fieldProvenance.legalForm).toMatchObject({ basis: 'INFERRED', rule: 'NAME', quote: 'Den ideella föreningen', source: { kind: 'CURATION' } });
  });

  it('leaves a closed organisation out of suggestions, brokers and the gap analyses unless asked for', async () => {
    const suggestions = await anon.gql<{ partnershipSuggestions: { organisation: { id: string } }[] }>('query { partnershipSuggestions(organisationId: "org:jarvabygdekontor", first: 100) { organisation { id } } }');
    const suggested = suggestions.body.data!.partnershipSuggestions.map((s) => s.organisation.id);
    expect(suggested.length).toBeGreaterThan(10);
    expect(suggested).not.toContain(LIVSTYCKET);

    const q = `query ($closed: Boolean) {
      collaborationGapReport(filter: { includeClosed: $closed }) { totals { organisations } }
      brokers(filter: { includeClosed: $closed }) { nodeCount }
      isolatedOrganisations(filter: { includeClosed: $closed }, first: 100) { organisations { id } }
    }`;
    type R = { collaborationGapReport: { totals: { organisations: number } }; isolatedOrganisations: { organisations: { id: string }[] }[]; brokers: { nodeCount: number } };
    const first = await anon.gql<R>(q, { closed: null });
    expect(first.body.errors).toBeUndefined();
    const open = first.body.data!;
    const all = (await anon.gql<R>(q, { closed: true })).body.data!;
    // Livstycket is the seed's one closed organisation.
    expect(all.collaborationGapReport.totals.organisations).toBe(open.collaborationGapReport.totals.organisations + 1);
    const isolated = (r: R) => r.isolatedOrganisations.flatMap((g) => g.organisations.map((o) => o.id));
    expect(isolated(open)).not.toContain(LIVSTYCKET);
    expect(isolated(all)).toContain(LIVSTYCKET);
    expect(all.brokers.nodeCount).toBeGreaterThanOrEqual(open.brokers.nodeCount);
  });

  it('counts an organisation closed by an editor no more in coverage, and again when asked to include closed ones', async () => {
    const cell = async (closed: boolean | null) => {
      const r = await anon.gql<{ coverage: { cells: { district: { id: string }; localCount: number; localInferredCount: number; local: { id: string; inferred: boolean }[] }[] } }>(
        'query ($closed: Boolean) { coverage(targetGroups: ["tg:brottsoffer"], includeClosed: $closed) { cells { district { id } localCount localInferredCount local { id inferred } } } }',
        { closed },
      );
      return r.body.data!.coverage.cells.find((c) => c.district.id === 'district:sdo-sodermalm')!;
    };
    const before = await cell(null);
    expect(before.local.map((o) => o.id)).toContain(VICTIMS);
    // Its crime-victims target group is inferred from its name: counted apart.
    expect(before.local.find((o) => o.id === VICTIMS)!.inferred).toBe(true);
    expect(before.localInferredCount).toBeGreaterThanOrEqual(1);

    const { version } = await organisation(VICTIMS);
    const closed = await editor.gql<{ updateOrganisation: { errors: unknown[] } }>(
      'mutation ($id: ID!, $v: Int!) { updateOrganisation(id: $id, input: { status: CLOSED, statusSince: "2025-06", version: $v }, reason: "nedlagd enligt styrelsen") { errors { code field } } }',
      { id: VICTIMS, v: version },
    );
    expect(closed.body.data!.updateOrganisation.errors).toEqual([]);
    // Analyses read a projection rebuilt just after each write.
    await expect.poll(async () => (await cell(null)).local.map((o) => o.id)).not.toContain(VICTIMS);
    const after = await cell(null);
    expect(after.localCount).toBe(before.localCount - 1);
    expect((await cell(true)).localCount).toBe(before.localCount);

    // A bad date names the field and changes nothing.
    const bad = await editor.gql<{ updateOrganisation: { errors: { code: string; field: string }[] } }>(
      'mutation ($id: ID!, $v: Int!) { updateOrganisation(id: $id, input: { status: ACTIVE, statusSince: "juni", version: $v }) { errors { code field } } }',
      { id: VICTIMS, v: version + 1 },
    );
    expect(bad.body.data!.updateOrganisation.errors).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.statusSince' })]);
    expect(await organisation(VICTIMS)).toMatchObject({ status: 'CLOSED', statusSince: '2025-06' });
  });

  it('credits an editor’s change of one about fact to that editor and leaves the others’ sources as they were', async () => {
    const before = await organisation(STADSMISSION);
    expect(before.fieldProvenance.description).toMatchObject({ basis: 'STATED', source: { id: 'src:001', kind: 'DOCUMENT' }, locator: 'Tjänsteutlåtande, Redovisning (rad 56)' });
    expect(before.fieldProvenance.website).toBeNull();

    const set = await editor.gql<{ updateOrganisation: { errors: unknown[]; organisation: { version: number } } }>(
      'mutation ($id: ID!, $v: Int!) { updateOrganisation(id: $id, input: { website: "https://www.stadsmissionen.se", status: ACTIVE, version: $v }) { errors { code } organisation { version } } }',
      { id: STADSMISSION, v: before.version },
    );
    expect(set.body.data!.updateOrganisation.errors).toEqual([]);
    const after = await organisation(STADSMISSION);
    expect(after.fieldProvenance.website).toMatchObject({ basis: 'ENTERED', source: { kind: 'PERSON_ENTRY' } });
    expect(after.fieldProvenance.status).toMatchObject({ basis: 'ENTERED', source: { kind: 'PERSON_ENTRY' } });
    const byFirst = after.fieldProvenance.status!.source!.id;
    // The description was not touched: it still cites the 2013 report.
    expect(after.fieldProvenance.description).toEqual(before.fieldProvenance.description);

    // Another editor gives the status a date: the dated status is a new fact, theirs; the website stays the first editor's.
    await editor2.gql('mutation ($id: ID!, $v: Int!) { updateOrganisation(id: $id, input: { statusSince: "2024", version: $v }) { errors { code } } }', { id: STADSMISSION, v: after.version });
    const dated = await organisation(STADSMISSION);
    expect(dated.fieldProvenance.status!.source!.id).not.toBe(byFirst);
    expect(dated.fieldProvenance.website!.source!.id).toBe(byFirst);

    // Cleared, the website has no provenance left.
    await editor.gql('mutation ($id: ID!, $v: Int!) { updateOrganisation(id: $id, input: { website: null, version: $v }) { errors { code } } }', { id: STADSMISSION, v: dated.version });
    const cleared = await organisation(STADSMISSION);
    expect(cleared.website).toBeNull();
    expect(cleared.fieldProvenance.website).toBeNull();
    expect(cleared.fieldProvenance.description).toEqual(before.fieldProvenance.description);
  });
});
