/**
 * Communities of the collaboration graph (Louvain, graphology's implementation, with a seeded
 * random source so the answer is reproducible), to show the sector's clusters. Organisations
 * without any collaboration in scope belong to no community (see the isolation gaps for them).
 * Community ids are 0.. in order of size (largest first), ties by the first member's id.
 */
import { collaborationSubgraph } from './collaboration-graph.js';
import { louvain } from './graphology-interop.js';
import { compareIds } from './ordering.js';
import { mulberry32 } from './prng.js';
import type { Projection } from './projection.js';
import { resolveScope, scopeKey, type OrganisationScope } from './scope.js';

export interface CommunityOptions {
  scope?: OrganisationScope;
  /** Louvain resolution (higher → smaller communities). Default 1. */
  resolution?: number;
  seed?: number;
  /** Communities smaller than this are left out of the list (still in organisationCommunity). Default 2. */
  minSize?: number;
  /** How many of the most common target groups and districts to describe each community by. Default 3. */
  topFeatures?: number;
}

export interface Community {
  id: number;
  organisationIds: string[];
  size: number;
  /** Collaboration edges inside the community. */
  internalEdges: number;
  /** Collaboration edges to other communities. */
  externalEdges: number;
  topTargetGroups: { targetGroupId: string; count: number }[];
  topDistricts: { districtId: string; count: number }[];
}

export interface Communities {
  communities: Community[];
  modularity: number;
  /** organisation id → community id, for every organisation with a collaboration in scope. */
  organisationCommunity: Record<string, number>;
  /** Organisations in scope without any collaboration there. */
  isolatedCount: number;
  projectionBuiltAt: number;
}

export function communities(p: Projection, options: CommunityOptions = {}): Communities {
  const key = `communities:${scopeKey(options.scope)}:${options.resolution ?? 1}:${options.seed ?? 1}:${options.minSize ?? 2}:${options.topFeatures ?? 3}`;
  return p.memo(key, () => computeCommunities(p, options));
}

/** organisation index → community id (renumbered), for the subgraph of a scope. Memoised. */
export function communityAssignment(
  p: Projection,
  scope: OrganisationScope | undefined,
  seed = 1,
  resolution = 1,
): { assignment: Map<number, number>; modularity: number; count: number } {
  return p.memo(`community-assignment:${scopeKey(scope)}:${seed}:${resolution}`, () => {
    const orgs = resolveScope(p, scope);
    const g = collaborationSubgraph(p, orgs);
    const assignment = new Map<number, number>();
    if (g.size === 0) return { assignment, modularity: 0, count: 0 };
    const detailed = louvain.detailed(g, { getEdgeWeight: 'weight', resolution, rng: mulberry32(seed) });
    const groups = new Map<number, string[]>();
    for (const [id, c] of Object.entries(detailed.communities)) {
      const list = groups.get(c);
      if (list) list.push(id);
      else groups.set(c, [id]);
    }
    const ordered = [...groups.values()].map((ids) => ids.sort(compareIds));
    ordered.sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!));
    ordered.forEach((ids, i) => {
      for (const id of ids) assignment.set(p.orgIndex.get(id)!, i);
    });
    return { assignment, modularity: detailed.modularity, count: ordered.length };
  });
}

function computeCommunities(p: Projection, options: CommunityOptions): Communities {
  const minSize = options.minSize ?? 2;
  const top = options.topFeatures ?? 3;
  const orgs = resolveScope(p, options.scope);
  const { assignment, modularity, count } = communityAssignment(p, options.scope, options.seed ?? 1, options.resolution ?? 1);
  const members: number[][] = Array.from({ length: count }, () => []);
  for (const [o, c] of assignment) members[c]!.push(o);
  const internal = new Array<number>(count).fill(0);
  const external = new Array<number>(count).fill(0);
  for (const [a, ca] of assignment) {
    for (let k = p.partners.start(a); k < p.partners.end(a); k++) {
      const b = p.partners.values[k]!;
      if (b <= a) continue;
      const cb = assignment.get(b);
      if (cb === undefined) continue;
      if (ca === cb) internal[ca]!++;
      else {
        external[ca]!++;
        external[cb]!++;
      }
    }
  }
  const topOf = (list: number[], csr: { start(i: number): number; end(i: number): number; values: Int32Array }, ids: readonly string[]) => {
    const counts = new Map<number, number>();
    for (const o of list) for (let k = csr.start(o); k < csr.end(o); k++) counts.set(csr.values[k]!, (counts.get(csr.values[k]!) ?? 0) + 1);
    return [...counts]
      .sort((x, y) => y[1] - x[1] || compareIds(ids[x[0]]!, ids[y[0]]!))
      .slice(0, top)
      .map(([i, n]) => ({ id: ids[i]!, count: n }));
  };
  const list: Community[] = [];
  for (let c = 0; c < count; c++) {
    const m = members[c]!;
    if (m.length < minSize) continue;
    list.push({
      id: c,
      organisationIds: m.map((o) => p.orgIds[o]!).sort(compareIds),
      size: m.length,
      internalEdges: internal[c]!,
      externalEdges: external[c]!,
      topTargetGroups: topOf(m, p.orgTg, p.tgIds).map((x) => ({ targetGroupId: x.id, count: x.count })),
      topDistricts: topOf(m, p.orgDistrict, p.districtIds).map((x) => ({ districtId: x.id, count: x.count })),
    });
  }
  const organisationCommunity: Record<string, number> = {};
  for (const [o, c] of assignment) organisationCommunity[p.orgIds[o]!] = c;
  return {
    communities: list,
    modularity,
    organisationCommunity,
    isolatedCount: orgs.length - assignment.size,
    projectionBuiltAt: p.builtAt,
  };
}
