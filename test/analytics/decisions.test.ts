/**
 * Accepted and dismissed suggestions are stored in the graph and change later rankings, once the
 * projection has been rebuilt after the write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { seedIfEmpty } from '../../seeds/load/seed.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { suggestPartners } from '../../graph/analytics/index.js';

const editor = { id: 'coordinator-1', displayName: 'Samordnare' };

describe('decisions on suggestions', () => {
  let temp: TempStore;
  let store: GraphStore;
  let convictus: string;
  beforeAll(async () => {
    temp = await tempStore();
    store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] }, { projectionDebounceMs: 5000 });
    await seedIfEmpty(store.engine);
    convictus = (await store.organisations.list({ text: 'Convictus' })).nodes[0]!.id;
  });
  afterAll(async () => {
    store.projections.close();
    await temp.cleanup();
  });

  it('a dismissed candidate is no longer suggested, an accepted one becomes a partner', async () => {
    const before = suggestPartners(await store.projections.current(), convictus, { limit: 10 }).suggestions.map((s) => s.organisationId);
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [dismissed, accepted] = before;
    const builtBefore = (await store.projections.current()).builtAt;
    await store.decisions.record({ organisationId: convictus, candidateId: dismissed, decision: 'DISMISSED', reason: 'Vi har redan kontakt' }, editor);
    await store.decisions.record({ organisationId: convictus, candidateId: accepted, decision: 'ACCEPTED' }, editor);
    // The writes scheduled rebuilds; the stale projection still answers until they are done.
    expect((await store.projections.current()).builtAt).toBe(builtBefore);
    const p = await store.projections.fresh();
    expect(p.builtAt).toBeGreaterThan(builtBefore);
    const after = suggestPartners(p, convictus, { limit: 10 }).suggestions.map((s) => s.organisationId);
    expect(after).not.toContain(dismissed);
    expect(after).not.toContain(accepted);
  });

  it('refuses decisions about unknown organisations or about itself, naming the field', async () => {
    await expect(store.decisions.record({ organisationId: convictus, candidateId: 'org:nope', decision: 'DISMISSED' }, editor)).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'input.candidateId' });
    await expect(store.decisions.record({ organisationId: convictus, candidateId: convictus, decision: 'DISMISSED' }, editor)).rejects.toMatchObject({ field: 'input.candidateId' });
    await expect(store.decisions.record({ organisationId: convictus, candidateId: 'org:x', decision: 'MAYBE' }, editor)).rejects.toMatchObject({ field: 'input.decision' });
  });
});
