/**
 * An organisation number belongs to one organisation: a second one, by create, by a change, or by
 * two creates at the same moment, is refused with a field error that names the first.
 */
import { describe, expect, it } from 'vitest';
import { serverForSuite } from '../helpers/harness.js';
import { orgNumber } from '../io/helpers.js';

interface Payload {
  organisation: { id: string; version: number } | null;
  errors: { code: string; field: string | null; message: string }[];
}

const CREATE = 'mutation ($n: String!, $o: String) { createOrganisation(input: {name: $n, orgNumber: $o}) { organisation { id version } errors { code field message } } }';

describe('unique organisation numbers', () => {
  const { h, editor } = serverForSuite();

  it('refuses a second organisation with a number in use, naming the one that has it', async () => {
    const number = orgNumber(4711);
    const first = (await editor.gql<{ createOrganisation: Payload }>(CREATE, { n: 'Första föreningen', o: number })).body.data!.createOrganisation;
    expect(first.errors).toEqual([]);
    const second = (await editor.gql<{ createOrganisation: Payload }>(CREATE, { n: 'Andra föreningen', o: number })).body.data!.createOrganisation;
    expect(second.organisation).toBeNull();
    expect(second.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.orgNumber' });
    expect(second.errors[0]!.message).toContain('Första föreningen');

    const other = (await editor.gql<{ createOrganisation: Payload }>(CREATE, { n: 'Tredje föreningen', o: null })).body.data!.createOrganisation.organisation!;
    const change = await editor.gql<{ updateOrganisation: Payload }>(
      'mutation ($id: ID!, $v: Int!, $o: String) { updateOrganisation(id: $id, input: {orgNumber: $o, version: $v}) { organisation { id } errors { code field message } } }',
      { id: other.id, v: other.version, o: number },
    );
    expect(change.body.data!.updateOrganisation.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.orgNumber' });
    expect((await h.store.organisations.get(other.id))!.orgNumber).toBeNull();
  });

  it('lets only one of two creates at the same moment have the number', async () => {
    const number = orgNumber(4712);
    const results = await Promise.all([0, 1, 2, 3].map((i) => editor.gql<{ createOrganisation: Payload }>(CREATE, { n: `Samtidiga föreningen ${i}`, o: number })));
    const made = results.filter((r) => r.body.data!.createOrganisation.errors.length === 0);
    expect(made).toHaveLength(1);
    for (const r of results.filter((x) => x !== made[0])) expect(r.body.data!.createOrganisation.errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.orgNumber' });
  });
});
