/**
 * Searches on target groups, districts and resources intersect bitsets by rank
 * (graph/readmodel/bitset.ts, ReadModel.members): the bits must follow link changes made after
 * they were built, and pages, cursors and totals must be what a scan of every entry gives.
 */
import { describe, expect, it } from 'vitest';
import { andInto, countBits, eachBit, setBit, clearBit, wordsFor } from '../../graph/readmodel/bitset.js';
import { ReadModel, compareEntries, type Edge, type LinkKind, type OrgEntry } from '../../graph/readmodel/model.js';
import { listOrganisations } from '../../graph/readmodel/queries.js';
import { decodeCursor } from '../../graph/repo/cursor.js';
import { prov, record } from './readmodel-records.js';

describe('bitset', () => {
  it('sets, clears, counts and walks bits across word boundaries, the sign bit included', () => {
    const bits = new Uint32Array(wordsFor(100));
    expect(bits.length).toBe(4);
    for (const i of [0, 5, 31, 32, 63, 64, 99]) setBit(bits, i);
    clearBit(bits, 5);
    expect(countBits(bits)).toBe(6);
    const seen: number[] = [];
    eachBit(bits, 0, (i) => (seen.push(i), true));
    expect(seen).toEqual([0, 31, 32, 63, 64, 99]);
    const from: number[] = [];
    eachBit(bits, 32, (i) => (from.push(i), from.length < 3));
    expect(from).toEqual([32, 63, 64]);
    const other = new Uint32Array(4);
    setBit(other, 31);
    setBit(other, 99);
    setBit(other, 98);
    const both = new Uint32Array(4);
    andInto(both, bits, other);
    const common: number[] = [];
    eachBit(both, 0, (i) => (common.push(i), true));
    expect(common).toEqual([31, 99]);
  });
});

describe('read-model bitset search', () => {
  const edge = (model: ReadModel, to: string): Edge => ({ to, prov: model.provenance(prov as never), role: null, note: null });

  function build(): ReadModel {
    const model = new ReadModel();
    for (const tg of ['tg:a', 'tg:b', 'tg:c']) model.putNode('TargetGroup', { id: tg, name: tg, extra: null });
    for (const d of ['d:1', 'd:2', 'd:3']) model.putNode('District', { id: d, name: d, extra: 'STADSDEL' });
    model.putNode('District', { id: 'd:city', name: 'city', extra: 'MUNICIPALITY' });
    model.addHierarchy('PART_OF', 'd:1', 'd:city');
    model.addHierarchy('PART_OF', 'd:2', 'd:city');
    for (let i = 0; i < 300; i++) {
      const entry = model.putOrganisation(record(`org:${i}`, `Förening ${String((i * 7919) % 301).padStart(3, '0')}`), `forening ${i}`);
      model.addEdge(entry, 'targetGroup', edge(model, ['tg:a', 'tg:b', 'tg:c'][i % 3]!));
      if (i % 5 === 0) model.addEdge(entry, 'targetGroup', edge(model, 'tg:c'));
      model.addEdge(entry, 'district', edge(model, ['d:1', 'd:2', 'd:3'][i % 4 === 3 ? 2 : i % 2]!));
    }
    return model;
  }

  /** What a scan of every entry gives: ids in (name, id) order. */
  function scan(model: ReadModel, tgs: string[], districts: string[], text = ''): string[] {
    const has = (e: OrgEntry, kind: LinkKind, ids: string[]) => ids.length === 0 || e.out[kind].some((x) => ids.includes(x.to));
    return [...model.orgs.values()]
      .filter((e) => has(e, 'targetGroup', tgs) && has(e, 'district', districts) && (text === '' || (e.search ?? '').includes(text)))
      .sort(compareEntries)
      .map((e) => e.record.id);
  }

  function pages(model: ReadModel, filter: { targetGroups?: string[]; districts?: string[]; text?: string }, first: number): { ids: string[]; totals: Set<number> } {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after = null;
    for (;;) {
      const page = listOrganisations(model, filter, first, after);
      ids.push(...page.nodes.map((n) => n.id));
      totals.add(page.totalCount);
      if (!page.hasNextPage) return { ids, totals };
      after = decodeCursor(page.endCursor!);
    }
  }

  it('pages, cursors and totals equal a scan, also after links change under built bitsets', () => {
    const model = build();
    const city = ['d:city', 'd:1', 'd:2']; // the municipality with what is inside it
    const check = () => {
      for (const [tgs, ds, text] of [[['tg:a'], []], [['tg:c'], ['d:city']], [['tg:a', 'tg:b'], ['d:3']], [[], ['d:city']], [['tg:c'], ['d:1'], 'forening 1']] as [string[], string[], string?][]) {
        const expected = scan(model, tgs, ds.includes('d:city') ? city : ds, text ?? '');
        const filter = { ...(tgs.length ? { targetGroups: tgs } : {}), ...(ds.length ? { districts: ds } : {}), ...(text ? { text } : {}) };
        const got = pages(model, filter, 7);
        expect(got.ids, JSON.stringify(filter)).toEqual(expected);
        expect([...got.totals], JSON.stringify(filter)).toEqual([expected.length]);
      }
    };
    check();
    // Link changes while the bits are current (no organisation moves in the order).
    const moved = model.orgs.get('org:0')!;
    model.setEdges(moved, 'targetGroup', [edge(model, 'tg:b')]);
    model.setEdges(model.orgs.get('org:7')!, 'district', [edge(model, 'd:1'), edge(model, 'd:3')]);
    model.setEdges(model.orgs.get('org:8')!, 'district', []);
    model.addEdge(model.orgs.get('org:9')!, 'targetGroup', edge(model, 'tg:a'));
    model.removeNode('TargetGroup', 'tg:b');
    model.putNode('TargetGroup', { id: 'tg:b', name: 'tg:b', extra: null });
    model.setEdges(model.orgs.get('org:12')!, 'targetGroup', [edge(model, 'tg:b')]);
    check();
    expect(listOrganisations(model, { targetGroups: ['tg:b'] }, 300, null).nodes.map((n) => n.id)).toEqual(['org:12']);
    // A rename, a new organisation and a removal renumber the ranks: the bits are rebuilt.
    model.putOrganisation(record('org:3', 'Aaa först'), 'aaa');
    const added = model.putOrganisation(record('org:new', 'Förening 000 ny'), 'ny');
    model.addEdge(added, 'targetGroup', edge(model, 'tg:c'));
    model.addEdge(added, 'district', edge(model, 'd:2'));
    model.removeOrganisation('org:4');
    check();
  });
});

describe('read-model bitset search on an empty model', () => {
  it('answers nothing found instead of failing', () => {
    const model = new ReadModel();
    model.putNode('TargetGroup', { id: 'tg:a', name: 'A', extra: null });
    expect(listOrganisations(model, { targetGroups: ['tg:a'] }, 10, null)).toMatchObject({ nodes: [], totalCount: 0, hasNextPage: false });
  });
});
