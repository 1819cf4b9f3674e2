/**
 * Searches order their matches by each entry's rank in the read model's (name, id) order
 * (graph/readmodel/model.ts `ranked`): after writes that insert, rename or remove organisations,
 * a page must still be the first matches in (name, id) order.
 */
import { describe, expect, it } from 'vitest';
import { ReadModel, compareEntries, type OrgEntry } from '../../graph/readmodel/model.js';
import { listOrganisations } from '../../graph/readmodel/queries.js';
import { prov, record } from './readmodel-records.js';

function expectedPage(model: ReadModel, tg: string, first: number): string[] {
  const matching = [...model.orgs.values()].filter((e: OrgEntry) => e.out.targetGroup.some((x) => x.to === tg));
  return matching.sort(compareEntries).slice(0, first).map((e) => e.record.id);
}

describe('read-model search order by rank', () => {
  it('pages in (name, id) order through inserts, renames and removals', () => {
    const model = new ReadModel();
    model.putNode('TargetGroup', { id: 'tg:a', name: 'A', extra: null });
    model.putNode('TargetGroup', { id: 'tg:b', name: 'B', extra: null });
    // Deterministic names in scrambled order, some equal (ordered by id then), one outside the BMP.
    const names = Array.from({ length: 400 }, (_, i) => `Förening ${String((i * 7919) % 401).padStart(3, '0')}${i % 50 === 0 ? ' 𝔄' : ''}`);
    names.forEach((name, i) => {
      const entry = model.putOrganisation(record(`org:${i}`, i % 97 === 0 ? 'Förening 100' : name), null);
      model.addEdge(entry, 'targetGroup', { to: i % 3 === 0 ? 'tg:b' : 'tg:a', prov: model.provenance(prov as never), role: null, note: null });
    });
    const page = (tg: string, first = 25) => listOrganisations(model, { targetGroups: [tg] }, first, null).nodes.map((n) => n.id);
    expect(page('tg:a')).toEqual(expectedPage(model, 'tg:a', 25));
    expect(page('tg:b', 200)).toEqual(expectedPage(model, 'tg:b', 200));

    // A rename to the front of the order, one to the back, a new organisation and a removal.
    model.putOrganisation(record('org:5', 'Aaa först'), null);
    model.putOrganisation(record('org:1', 'Öööö sist'), null);
    const added = model.putOrganisation(record('org:new', 'Förening 000 ny'), null);
    model.addEdge(added, 'targetGroup', { to: 'tg:a', prov: model.provenance(prov as never), role: null, note: null });
    model.removeOrganisation('org:2');
    const after = page('tg:a', 300);
    expect(after[0]).toBe('org:5');
    expect(after).toContain('org:new');
    expect(after).not.toContain('org:2');
    expect(after).toEqual(expectedPage(model, 'tg:a', 300));
    expect(page('tg:a', 5)).toEqual(expectedPage(model, 'tg:a', 5));
  });
});
