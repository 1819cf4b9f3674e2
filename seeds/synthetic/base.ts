/** The real taxonomy and geography of the seed, as the synthetic generator's base. */
import type { GraphBatch } from '../../graph/bulk/batch.js';
import type { DistrictKind } from '../../graph/model/types.js';
import type { SyntheticBase } from './generate.js';

export function baseFromSeed(seed: GraphBatch): SyntheticBase {
  const broader = new Map((seed.rels.BROADER ?? []).map((r) => [r.from, r.to]));
  const partOf = new Map((seed.rels.PART_OF ?? []).filter((r) => r.fromLabel === 'District').map((r) => [r.from, r.to]));
  return {
    targetGroups: (seed.nodes.TargetGroup ?? []).map((t) => ({
      id: t.id,
      name: String(t['name']),
      nameEn: (t['nameEn'] as string | null) ?? null,
      broaderId: broader.get(t.id) ?? null,
    })),
    districts: (seed.nodes.District ?? []).map((d) => ({
      id: d.id,
      name: String(d['name']),
      kind: d['kind'] as DistrictKind,
      partOfId: partOf.get(d.id) ?? null,
      code: (d['code'] as string | null) ?? null,
    })),
    adjacency: (seed.rels.ADJACENT_TO ?? []).map((r) => [r.from, r.to] as const),
    resourceTypes: (seed.nodes.ResourceType ?? []).map((r) => ({ id: r.id, name: String(r['name']), nameEn: (r['nameEn'] as string | null) ?? null })),
  };
}
