/**
 * The catalogue the store keeps between requests (target groups, resource types) is read again
 * after a write that changes it, on the engine under test: such writes are followed only by
 * reloading, and reloading forgets what is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore, type TestStore } from '../helpers/harness.js';
import { defineStatement } from '../../graph/cypher/statement.js';

/** A catalogue edit as a statement of its own (the app edits the catalogue through imports and seeds). */
const rename = defineStatement<{ id: string; name: string }, { id: string }>({
  name: 'test.renameTargetGroup',
  mode: 'write',
  cypher: 'MATCH (t:TargetGroup {id: $id}) SET t.name = $name RETURN t.id AS id',
  example: { id: 'tg:x', name: 'x' },
});

describe('the catalogue kept between requests', () => {
  let s: TestStore;
  beforeAll(async () => {
    s = await seededStore();
  });
  afterAll(async () => s.close());

  it('answers from what it read until a catalogue write, then reads again', async () => {
    const first = await s.store.catalogue.targetGroups();
    expect(first.length).toBeGreaterThan(5);
    expect(await s.store.catalogue.targetGroups()).toBe(first);
    const group = first[0]!;
    await s.store.engine.write((tx) => tx.run(rename, { id: group.id, name: `${group.name} (nytt namn)` }));
    const after = await s.store.catalogue.targetGroups();
    expect(after).not.toBe(first);
    expect(after.find((t) => t.id === group.id)?.name).toBe(`${group.name} (nytt namn)`);
  });
});
