/**
 * Micro-benchmark of the analytics on a generated Sweden-scale input (default 250,000
 * organisations): projection build, suggestions for 200 random organisations (p50/p95), coverage
 * of the 117-stadsdel municipality, collaboration gaps for single target groups (the largest, a
 * large, a median one), and the heavier memoised answers. The generated input is dropped once the
 * projection is built (as the server would), so its garbage does not weigh on the timings.
 * Run: npx tsx graph/analytics/eval/scale-bench.ts [--orgs N] [--seed S]
 */
import { brokers } from '../brokers.js';
import { communities } from '../communities.js';
import { coverage } from '../coverage.js';
import { agreementGaps } from '../gaps-agreements.js';
import { collaborationGaps } from '../gaps-collaboration.js';
import { coverageGaps } from '../gaps-coverage.js';
import { overlapGraph } from '../overlap-graph.js';
import { mulberry32 } from '../prng.js';
import { Projection, type ProjectionInput } from '../projection.js';
import { suggestPartners } from '../suggestions.js';
import { warmAnalytics } from '../warm.js';
import { generateSynthetic } from './synthetic.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const orgs = Number(arg('orgs') ?? 250_000);
const seed = Number(arg('seed') ?? 42);

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}
function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}
function repeat(n: number, f: () => unknown): number[] {
  f(); // warm-up
  return Array.from({ length: n }, () => time(f)[1]);
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const stats = (xs: number[]) => `p50 ${ms(percentile(xs, 0.5))}, p95 ${ms(percentile(xs, 0.95))}, max ${ms(Math.max(...xs))}`;

function relationshipCount(input: ProjectionInput): number {
  const participations = input.collaborations.reduce((s, c) => s + c.participantIds.length, 0);
  return (
    input.serves.length +
    input.activeIn.length +
    input.partyTo.length +
    input.memberOf.length +
    participations +
    input.offers.length +
    input.needs.length +
    input.adjacency.length +
    input.targetGroups.filter((t) => t.broaderId).length +
    input.districts.filter((d) => d.partOfId).length
  );
}

function make(): Projection {
  const [input, genMs] = time(() => generateSynthetic({ seed, organisations: orgs, partnerDraws: 5 }));
  console.log(
    `input: ${input.organisations.length} organisations, ${input.targetGroups.length} target groups, ${input.districts.length} districts, ` +
      `${input.collaborations.length} collaborations, ~${(relationshipCount(input) / 1e6).toFixed(2)} M relationships (generated in ${ms(genMs)})`,
  );
  const [built, buildMs] = time(() => new Projection(input));
  const p = built;
  console.log(`projection build: ${ms(buildMs)}; warmAnalytics(): ${ms(time(() => warmAnalytics(p))[1])}`);
  return p;
}
const p = make();
globalThis.gc?.();
console.log(`heap used after build (input dropped): ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

// Suggestions
const rng = mulberry32(seed);
const sample = Array.from({ length: 200 }, () => p.orgIds[Math.floor(rng() * p.orgCount)]!);
for (let i = 0; i < 20; i++) suggestPartners(p, sample[i]!);
const times: number[] = [];
let considered = 0;
for (const id of sample) {
  const [r, t] = time(() => suggestPartners(p, id));
  times.push(t);
  considered += r.candidatesConsidered;
}
console.log(`suggestions, 200 random organisations: ${stats(times)}; mean candidates considered ${(considered / sample.length).toFixed(0)}`);

// Coverage
const sthlm = p.districtIds[p.districtNames.indexOf('Stockholm')]!;
const m = p.districtIndex.get(sthlm)!;
const stadsdelar = p.districtDescendants[m]!.filter((d) => p.districtKinds[d] === 'STADSDEL').length;
const roots = p.tgIds.filter((_, t) => p.tgParent[t] === -1);
const five = [roots[0]!, roots[1]!, p.tgIds[20]!, p.tgIds[40]!, p.tgIds[60]!];
for (const groups of [five, roots]) {
  const xs = repeat(10, () => coverage(p, { municipalityId: sthlm, level: 'STADSDEL', targetGroupIds: groups }));
  console.log(`coverage Stockholm (${p.districtOrgClosure.size(m)} organisations), ${stadsdelar} stadsdelar × ${groups.length} target groups: ${stats(xs)}`);
}
const cgs = repeat(5, () => coverageGaps(p, { municipalityId: sthlm, level: 'STADSDEL', targetGroupIds: roots }));
console.log(`coverage gaps Stockholm × ${roots.length} groups: ${stats(cgs)}`);

// Collaboration gaps for one target group
const bySize = p.tgIds.map((id, t) => ({ id, name: p.tgNames[t]!, n: p.tgOrgClosure.size(t) })).sort((a, b) => b.n - a.n);
for (const g of [bySize[0]!, bySize[2]!, bySize[10]!, bySize[Math.floor(bySize.length / 2)]!]) {
  let last: ReturnType<typeof collaborationGaps> | undefined;
  const xs = repeat(3, () => (last = collaborationGaps(p, { scope: { targetGroupIds: [g.id] } })));
  const r = last!;
  console.log(
    `collaboration gaps for "${g.name}" (${g.n} organisations): ${stats(xs)}; ${r.totals.pairs} high-overlap pairs, ` +
      `${r.totals.clusters} clusters, ${r.totals.targetGroups} group gaps, ${r.totals.isolated} isolated`,
  );
}

const [ag, agMs] = time(() => agreementGaps(p, {}));
console.log(`agreement gaps (all ${p.agreementCount} agreements): ${ms(agMs)} (${ag.auditCriteria.length} audit, ${ag.signatoryContacts.length} contacts)`);

const area = p.districtIds[p.districtKinds.indexOf('STADSDELSOMRADE')]!;
const areaName = p.districtName(area)!;
const [og, ogMs] = time(() => overlapGraph(p, { scope: { districtIds: [area], targetGroupIds: [roots[0]!] } }));
console.log(`overlap graph (${areaName} × ${p.targetGroupName(roots[0]!, 'sv')}, threshold 0.5): ${ms(ogMs)}; ${og.nodes.length} nodes, ${og.edges.length} edges`);
const [br, brMs] = time(() => brokers(p, { scope: { districtIds: [area] } }));
console.log(`brokers in ${areaName} (betweenness on ${br.nodeCount} nodes, ${br.edgeCount} edges, with Louvain): ${ms(brMs)}; again (memoised) ${ms(time(() => brokers(p, { scope: { districtIds: [area] } }))[1])}`);
const [cm, cmMs] = time(() => communities(p));
console.log(`communities, whole graph (Louvain): ${ms(cmMs)}; ${cm.communities.length} communities, modularity ${cm.modularity.toFixed(3)}`);
