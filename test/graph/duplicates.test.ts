/**
 * Keeping one record per organisation, on the engine under test: a second organisation with an
 * organisation number already held is refused with a field error naming the holder (on create and
 * on update), and names like an existing one (the same, a typo, an alias) are found for the
 * editor's warning, the organisation being renamed left out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore, type TestStore } from '../helpers/store.js';
import { ValidationError } from '../../graph/errors.js';
import { meta } from '../../graph/cypher/statements/meta.js';

const editor = { id: 'user:dup-editor', displayName: 'Redaktör' };

describe('duplicate organisations', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await seededStore();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function refusal(work: () => Promise<unknown>): Promise<ValidationError> {
    const error = await work().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }

  it('refuses a second organisation with an organisation number already held, naming the holder', async () => {
    const { store } = t;
    const holder = await store.organisations.create({ name: 'Nummerhållarnas förening', orgNumber: '802002-4264' }, editor);
    const before = (await store.engine.read((tx) => tx.run(meta.countNodes, {})))[0]!.n;
    const created = await refusal(() => store.organisations.create({ name: 'Någon annan förening', orgNumber: '802002-4264' }, editor));
    expect(created.problems).toEqual([{ field: 'input.orgNumber', message: expect.stringContaining('Nummerhållarnas förening') }]);
    const other = await store.organisations.create({ name: 'En tredje förening' }, editor);
    const updated = await refusal(() => store.organisations.update(other.id, { version: other.version, orgNumber: '802002-4264' }, editor));
    expect(updated.problems[0]).toMatchObject({ field: 'input.orgNumber', message: expect.stringContaining(holder.id) });
    // Nothing of the refused writes is stored.
    expect((await store.engine.read((tx) => tx.run(meta.countNodes, {})))[0]!.n).toBe(before + 1);
    expect((await store.organisations.get(other.id))?.orgNumber ?? null).toBeNull();
  });

  it('finds organisations named the same, nearly the same, or by an alias', async () => {
    const { store } = t;
    const same = await store.organisations.similarNames('Convictus');
    expect(same[0]).toMatchObject({ organisation: { id: 'org:convictus' }, exact: true, score: 1 });
    const typo = await store.organisations.similarNames('Stockholms Stadsmision');
    expect(typo[0]).toMatchObject({ organisation: { id: 'org:stockholms-stadsmission' }, exact: false });
    expect(typo[0]!.score).toBeGreaterThanOrEqual(0.75);
    const alias = await store.organisations.similarNames('stadsmissionen');
    expect(alias[0]).toMatchObject({ organisation: { id: 'org:stockholms-stadsmission' }, matched: 'Stadsmissionen', exact: true });
  });

  it('leaves out the organisation being renamed, and finds nothing for an unlike name', async () => {
    const { store } = t;
    // Renaming Föreningen Fenix to Convictus: Convictus is found; Fenix itself is not.
    const rename = await store.organisations.similarNames('Convictus', 'org:foreningen-fenix');
    expect(rename.map((s) => s.organisation.id)).toEqual(['org:convictus']);
    expect(await store.organisations.similarNames('Fenix', 'org:foreningen-fenix')).toEqual([]);
    expect(await store.organisations.similarNames('Qwxyzzy Ztrvbnm')).toEqual([]);
  });
});
