/**
 * Degree statistics of a GraphBatch: how skewed the generated (or any) graph is. Relationship
 * counts per type, organisations per target group, target groups and districts per organisation,
 * members per umbrella organisation, participants per collaboration, and how much more often
 * collaboration partners share a target group or district than random pairs of organisations.
 */
import type { GraphBatch, RelRow } from '../../graph/bulk/batch.js';
import { Random } from './random.js';

export interface Distribution {
  /** Number of items measured. */
  count: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  p90: number;
  p99: number;
}

export interface Ranked {
  id: string;
  count: number;
}

export interface Homophily {
  /** Pairs of organisations in the same collaboration measured. */
  pairs: number;
  /** Share of those pairs that serve a common target group / are active in a common district / either. */
  shareTargetGroup: number;
  shareDistrict: number;
  shareEither: number;
  /** The same shares for random pairs of organisations (the baseline). */
  randomTargetGroup: number;
  randomDistrict: number;
  randomEither: number;
}

export interface DegreeStats {
  nodes: number;
  relationships: number;
  nodesByLabel: Record<string, number>;
  relsByType: Record<string, number>;
  /** Over target groups with at least one SERVES relationship in the batch. */
  organisationsPerTargetGroup: Distribution & { top: Ranked[] };
  /** Over all Organisation nodes of the batch (0 for those serving none). */
  targetGroupsPerOrganisation: Distribution & { histogram: Record<string, number>; shareOneToThree: number };
  districtsPerOrganisation: Distribution & { histogram: Record<string, number>; shareOneToThree: number };
  /** Over districts with at least one organisation ACTIVE_IN them. */
  organisationsPerDistrict: Distribution & { top: Ranked[] };
  /** Over organisations with at least one member (MEMBER_OF target). */
  membersPerUmbrella: Distribution & { over10k: number; top: Ranked[] };
  participantsPerCollaboration: Distribution & { histogram: Record<string, number> };
  homophily: Homophily | null;
}

/** Summary of a list of numbers (sorted copy; the input is not changed). */
export function summarise(values: ArrayLike<number>): Distribution {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, min: 0, max: 0, mean: 0, median: 0, p90: 0, p99: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const q = (p: number) => sorted[Math.min(n - 1, Math.floor(p * n))]!;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return { count: n, min: sorted[0]!, max: sorted[n - 1]!, mean: sum / n, median, p90: q(0.9), p99: q(0.99) };
}

/** Counts of each value, values above `cap` pooled as "<cap>+". */
export function histogram(values: Iterable<number>, cap = 10): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    const key = v > cap ? `${cap}+` : String(v);
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

function countBy(rows: readonly RelRow[] | undefined, end: 'from' | 'to', filter?: (r: RelRow) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows ?? []) {
    if (filter && !filter(r)) continue;
    const k = r[end];
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function top(m: Map<string, number>, k = 5): Ranked[] {
  return [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([id, count]) => ({ id, count }));
}

function shareOneToThree(values: readonly number[]): number {
  if (!values.length) return 0;
  let k = 0;
  for (const v of values) if (v >= 1 && v <= 3) k++;
  return k / values.length;
}

export function degreeStats(batch: GraphBatch, opts: { homophilySamples?: number; seed?: number } = {}): DegreeStats {
  const nodesByLabel: Record<string, number> = {};
  const relsByType: Record<string, number> = {};
  let nodes = 0;
  let relationships = 0;
  for (const [label, rows] of Object.entries(batch.nodes)) {
    nodesByLabel[label] = rows?.length ?? 0;
    nodes += rows?.length ?? 0;
  }
  for (const [type, rows] of Object.entries(batch.rels)) {
    relsByType[type] = rows?.length ?? 0;
    relationships += rows?.length ?? 0;
  }
  const orgIds = (batch.nodes.Organisation ?? []).map((r) => r.id);
  const isOrg = (r: RelRow) => r.fromLabel === 'Organisation';

  const perTg = countBy(batch.rels.SERVES, 'to');
  const tgPerOrg = countBy(batch.rels.SERVES, 'from');
  const distPerOrg = countBy(batch.rels.ACTIVE_IN, 'from', isOrg);
  const perDistrict = countBy(batch.rels.ACTIVE_IN, 'to', isOrg);
  const perUmbrella = countBy(batch.rels.MEMBER_OF, 'to');
  const perCollab = countBy(batch.rels.PARTICIPATES_IN, 'to', isOrg);

  const tgCounts = orgIds.map((id) => tgPerOrg.get(id) ?? 0);
  const distCounts = orgIds.map((id) => distPerOrg.get(id) ?? 0);
  const umbrellaCounts = [...perUmbrella.values()];
  const collabCounts = [...perCollab.values()];

  return {
    nodes,
    relationships,
    nodesByLabel,
    relsByType,
    organisationsPerTargetGroup: { ...summarise([...perTg.values()]), top: top(perTg) },
    targetGroupsPerOrganisation: { ...summarise(tgCounts), histogram: histogram(tgCounts), shareOneToThree: shareOneToThree(tgCounts) },
    districtsPerOrganisation: { ...summarise(distCounts), histogram: histogram(distCounts), shareOneToThree: shareOneToThree(distCounts) },
    organisationsPerDistrict: { ...summarise([...perDistrict.values()]), top: top(perDistrict) },
    membersPerUmbrella: { ...summarise(umbrellaCounts), over10k: umbrellaCounts.filter((c) => c > 10_000).length, top: top(perUmbrella) },
    participantsPerCollaboration: { ...summarise(collabCounts), histogram: histogram(collabCounts) },
    homophily: homophily(batch, opts.homophilySamples ?? 100_000, opts.seed ?? 1),
  };
}

/**
 * How often pairs of organisations in the same collaboration share a target group or a district
 * (exact ACTIVE_IN district ids), against random pairs of organisations.
 */
export function homophily(batch: GraphBatch, samples = 100_000, seed = 1): Homophily | null {
  const orgIds = (batch.nodes.Organisation ?? []).map((r) => r.id);
  if (orgIds.length < 2 || !batch.rels.PARTICIPATES_IN?.length) return null;
  const index = new Map<string, number>();
  orgIds.forEach((id, i) => index.set(id, i));
  const tgs: string[][] = orgIds.map(() => []);
  const districts: string[][] = orgIds.map(() => []);
  for (const r of batch.rels.SERVES ?? []) {
    const i = index.get(r.from);
    if (i !== undefined) tgs[i]!.push(r.to);
  }
  for (const r of batch.rels.ACTIVE_IN ?? []) {
    const i = index.get(r.from);
    if (i !== undefined && r.fromLabel === 'Organisation') districts[i]!.push(r.to);
  }
  const shares = (a: number, b: number): [boolean, boolean] => [
    tgs[a]!.some((t) => tgs[b]!.includes(t)),
    districts[a]!.some((d) => districts[b]!.includes(d)),
  ];

  const members = new Map<string, number[]>();
  for (const r of batch.rels.PARTICIPATES_IN) {
    const i = index.get(r.from);
    if (i === undefined) continue;
    let list = members.get(r.to);
    if (!list) members.set(r.to, (list = []));
    list.push(i);
  }
  let pairs = 0;
  let tg = 0;
  let district = 0;
  let either = 0;
  for (const list of members.values()) {
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const [st, sd] = shares(list[x]!, list[y]!);
        pairs++;
        if (st) tg++;
        if (sd) district++;
        if (st || sd) either++;
      }
  }
  const rng = new Random(seed, 99);
  let rt = 0;
  let rd = 0;
  let re = 0;
  for (let s = 0; s < samples; s++) {
    const a = rng.int(orgIds.length);
    let b = rng.int(orgIds.length - 1);
    if (b >= a) b++;
    const [st, sd] = shares(a, b);
    if (st) rt++;
    if (sd) rd++;
    if (st || sd) re++;
  }
  const p = Math.max(1, pairs);
  const q = Math.max(1, samples);
  return {
    pairs,
    shareTargetGroup: tg / p,
    shareDistrict: district / p,
    shareEither: either / p,
    randomTargetGroup: rt / q,
    randomDistrict: rd / q,
    randomEither: re / q,
  };
}

const fmt = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(2));
const dist = (d: Distribution) => `n=${fmt(d.count)} min=${fmt(d.min)} median=${fmt(d.median)} mean=${fmt(d.mean)} p90=${fmt(d.p90)} p99=${fmt(d.p99)} max=${fmt(d.max)}`;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** A readable report; `name` resolves ids (e.g. base target groups) to names. */
export function formatDegreeStats(s: DegreeStats, name: (id: string) => string | undefined = () => undefined): string {
  const ranked = (list: Ranked[]) => list.map((r) => `${name(r.id) ?? r.id} (${fmt(r.count)})`).join(', ');
  const lines = [
    `nodes ${fmt(s.nodes)}, relationships ${fmt(s.relationships)}`,
    `nodes by label: ${Object.entries(s.nodesByLabel).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`,
    `relationships by type: ${Object.entries(s.relsByType).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`,
    `organisations per target group: ${dist(s.organisationsPerTargetGroup)}`,
    `  largest: ${ranked(s.organisationsPerTargetGroup.top)}`,
    `target groups per organisation: ${dist(s.targetGroupsPerOrganisation)}; 1–3: ${pct(s.targetGroupsPerOrganisation.shareOneToThree)}`,
    `  histogram: ${JSON.stringify(s.targetGroupsPerOrganisation.histogram)}`,
    `districts per organisation: ${dist(s.districtsPerOrganisation)}; 1–3: ${pct(s.districtsPerOrganisation.shareOneToThree)}`,
    `organisations per district: ${dist(s.organisationsPerDistrict)}`,
    `members per umbrella: ${dist(s.membersPerUmbrella)}; over 10,000: ${s.membersPerUmbrella.over10k}`,
    `  largest: ${ranked(s.membersPerUmbrella.top)}`,
    `participants per collaboration: ${dist(s.participantsPerCollaboration)}`,
    `  histogram: ${JSON.stringify(s.participantsPerCollaboration.histogram)}`,
  ];
  const h = s.homophily;
  if (h)
    lines.push(
      `collaboration partners sharing a target group ${pct(h.shareTargetGroup)} (random pairs ${pct(h.randomTargetGroup)}), ` +
        `a district ${pct(h.shareDistrict)} (${pct(h.randomDistrict)}), either ${pct(h.shareEither)} (${pct(h.randomEither)}); ${fmt(h.pairs)} pairs`,
    );
  return lines.join('\n');
}
