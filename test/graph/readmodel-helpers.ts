/**
 * Shared by the read model tests: two stores over one engine, one reading from the engine and
 * one from the warm read model, and the filter combinations to compare them on.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { whenStarted } from '../helpers/when-started.js';
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { seedStore } from '../../seeds/load/seed.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import type { GraphEngine } from '../../graph/engines/port.js';
import type { ReadModel } from '../../graph/readmodel/model.js';
import { AGREEMENT_KINDS } from '../../graph/model/types.js';
import { ORGANISATION_LINKS, type OrganisationLinkKind } from '../../graph/repo/links.js';

const SCHEMA = { from: 1, to: 1, columnsAdded: [] };

export interface Pair {
  engine: GraphStore;
  model: GraphStore;
  warm(): Promise<ReadModel>;
}

export async function storePair(raw: GraphEngine): Promise<Pair> {
  // Both search the same index (on Neo4j the model's store would search in memory, the other in
  // Neo4j's full-text index): what is compared here is the read model, not the two indexes
  // (test/search/engines-agree.test.ts compares those).
  const engine = storeOver(raw, SCHEMA, { searchInMemory: true });
  const model = storeOver(raw, SCHEMA, { readModel: true });
  const warm = async () => {
    const m = await model.readModel!.warm();
    expect(m).not.toBeNull();
    return m!;
  };
  await warm();
  return { engine, model, warm };
}

/** For the enclosing `describe`: the Stockholm seed in a temporary store and a pair over it, closed after its tests. */
export function seededPairForSuite(): Pair {
  let temp: TempStore | undefined;
  let pair: Pair | undefined;
  beforeAll(async () => {
    temp = await tempStore();
    await seedStore(temp.engine, buildSeedBatch());
    pair = await storePair(temp.engine);
  }, 60_000);
  afterAll(async () => {
    await pair?.model.readModel!.close();
    await temp?.cleanup();
  });
  return whenStarted(() => pair);
}

/** Runs `read` on both stores and expects the same answer (or the same error), with the model serving. */
export async function same<T>(pair: Pair, read: (s: GraphStore) => Promise<T>): Promise<T> {
  expect(pair.model.readModel!.ready, 'the read model should be warm').not.toBeNull();
  const [fromEngine, fromModel] = await Promise.allSettled([read(pair.engine), read(pair.model)]);
  if (fromEngine.status === 'rejected') {
    expect(fromModel.status).toBe('rejected');
    const e = fromEngine.reason as { code?: string; field?: string; message: string };
    const m = (fromModel as PromiseRejectedResult).reason as { code?: string; field?: string; message: string };
    expect({ code: m.code, field: m.field, message: m.message }).toEqual({ code: e.code, field: e.field, message: e.message });
    throw fromEngine.reason;
  }
  expect(fromModel.status).toBe('fulfilled');
  expect((fromModel as PromiseFulfilledResult<T>).value).toEqual(fromEngine.value);
  return fromEngine.value;
}

/** Every combination of the five filters, over values drawn from the graph, with text and flags. */
export function filterCombinations(model: ReadModel, texts: string[]): Record<string, unknown>[] {
  const broadGroups = [...model.narrower.keys()].slice(0, 3);
  const leafGroup = [...model.nodes.TargetGroup.keys()].find((id) => !model.narrower.has(id))!;
  const outerDistricts = [...model.inner.keys()].filter((d) => (model.inner.get(d)?.length ?? 0) > 1);
  const municipality = outerDistricts.find((d) => model.nodes.District.get(d)?.extra === 'MUNICIPALITY') ?? outerDistricts[0]!;
  const area = outerDistricts.find((d) => model.nodes.District.get(d)?.extra === 'STADSDELSOMRADE') ?? outerDistricts[1]!;
  const leafDistrict = [...model.nodes.District.keys()].find((d) => !model.inner.has(d) && model.byTarget.district.has(d))!;
  const offered = [...model.byTarget.offers.keys()].slice(0, 2);
  const needed = [...model.byTarget.needs.keys()].slice(0, 2);
  const values = {
    targetGroups: [[broadGroups[0]!], [leafGroup], broadGroups],
    districts: [[municipality], [area], [leafDistrict, area]],
    agreementKinds: [['IOP'], [...AGREEMENT_KINDS].slice(0, 3)],
    resourcesOffered: [offered, ['res:does-not-exist']],
    resourcesNeeded: [needed],
  } as Record<string, unknown[][]>;
  const keys = Object.keys(values);
  const out: Record<string, unknown>[] = [{}];
  // Every combination of filters in use, each with its first value…
  for (let mask = 1; mask < 1 << keys.length; mask++) {
    const f: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      if (mask & (1 << i)) f[k] = values[k]![0];
    });
    out.push(f);
  }
  // …and every value of each filter, alone and beside a target group.
  for (const k of keys) for (const v of values[k]!.slice(1)) out.push({ [k]: v }, { [k]: v, targetGroups: [broadGroups[0]!] });
  for (const t of texts) out.push({ text: t }, { text: t, targetGroups: [broadGroups[0]!] });
  out.push({ synthetic: true }, { synthetic: false }, { districts: [area], includeWider: true }, { districts: [leafDistrict], targetGroups: [broadGroups[0]!], includeWider: true });
  out.push({ targetGroups: [] }, { districts: [], agreementKinds: [] });
  return out;
}

export const LINK_KINDS = Object.keys(ORGANISATION_LINKS) as OrganisationLinkKind[];

/** Walks every page of a list on both stores, comparing each page. Returns the ids in order. */
export async function allPages(pair: Pair, filter: unknown, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await same(pair, (s) => s.organisations.list(filter, { first, after }));
    ids.push(...page.nodes.map((n) => n.id));
    if (!page.hasNextPage) return ids;
    after = page.endCursor;
  }
  throw new Error('pagination did not end');
}
