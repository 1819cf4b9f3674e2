/**
 * Micro-benchmark of the analytics on a generated Sweden-scale input (default 250,000
 * organisations): projection build, suggestions for 200 random organisations (p50/p95), coverage
 * of the 117-stadsdel municipality, collaboration gaps for one target group, and the heavier
 * memoised answers. Run: npx tsx graph/analytics/eval/scale-bench.ts [--orgs N] [--seed S]
 */
import { Projection } from '../projection.js';
import { suggestPartners } from '../suggestions.js';
import { coverage } from '../coverage.js';
import { coverageGaps } from '../gaps-coverage.js';
import { collaborationGaps } from '../gaps-collaboration.js';
import { agreementGaps } from '../gaps-agreements.js';
import { communities } from '../communities.js';
import { brokers } from '../brokers.js';
import { overlapGraph } from '../overlap-graph.js';
import { mulberry32 } from '../prng.js';
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
const ms = (x: number) => `${x.toFixed(1)} ms`;

const [input, genMs] = time(() => generateSynthetic({ seed, organisations: orgs, partnerDraws: 3 }));
const participations = input.collaborations.reduce((s, c) => s + c.participantIds.length, 0);
const relationships =
  input.serves.length +
  input.activeIn.length +
  input.partyTo.length +
  input.memberOf.length +
  participations +
  input.offers.length +
  input.needs.length +
  input.adjacency.length +
  input.targetGroups.filter((t) => t.broaderId).length +
  input.districts.filter((d) => d.partOfId).length;
console.log(
  `input: ${input.organisations.length} organisations, ${input.targetGroups.length} target groups, ${input.districts.length} districts, ` +
    `${input.collaborations.length} collaborations, ~${(relationships / 1e6).toFixed(2)} M relationships (generated in ${ms(genMs)})`,
);

const [p, buildMs] = time(() => new Projection(input));
console.log(`projection build: ${ms(buildMs)}; heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

const rng = mulberry32(seed);
const sample = Array.from({ length: 200 }, () => p.orgIds[Math.floor(rng() * p.orgCount)]!);
for (let i = 0; i < 20; i++) suggestPartners(p, sample[i]!); // warm-up
const times: number[] = [];
let considered = 0;
for (const id of sample) {
  const [r, t] = time(() => suggestPartners(p, id));
  times.push(t);
  considered += r.candidatesConsidered;
}
console.log(
  `suggestions (200 random organisations): p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))}, max ${ms(
    Math.max(...times),
  )}; mean candidates considered ${(considered / sample.length).toFixed(0)}`,
);

const stockholm = p.districtIds[p.districtIndex.get('d0')! + 0]!; // placeholder, replaced below
void stockholm;
const sthlm = input.districts.find((d) => d.name === 'Stockholm')!.id;
const stadsdelar = p.districtDescendants[p.districtIndex.get(sthlm)!]!.filter((d) => p.districtKinds[d] === 'STADSDEL').length;
const roots = input.targetGroups.filter((t) => t.broaderId === null).map((t) => t.id);
const someGroups = [roots[0]!, roots[1]!, input.targetGroups[20]!.id, input.targetGroups[40]!.id, input.targetGroups[60]!.id];
for (const groups of [someGroups, roots]) {
  coverage(p, { municipalityId: sthlm, level: 'STADSDEL', targetGroupIds: groups });
  const cov: number[] = [];
  for (let i = 0; i < 10; i++) cov.push(time(() => coverage(p, { municipalityId: sthlm, level: 'STADSDEL', targetGroupIds: groups }))[1]);
  console.log(
    `coverage Stockholm, ${stadsdelar} stadsdelar × ${groups.length} target groups: p50 ${ms(percentile(cov, 0.5))}, max ${ms(Math.max(...cov))}`,
  );
}
const [cg, cgMs] = time(() => coverageGaps(p, { municipalityId: sthlm, level: 'STADSDEL', targetGroupIds: roots }));
console.log(`coverage gaps Stockholm × ${roots.length} groups: ${ms(cgMs)} (${cg.gaps.length} gaps)`);

const bySize = input.targetGroups
  .map((t) => ({ id: t.id, name: t.name, n: p.tgOrgClosure.size(p.tgIndex.get(t.id)!) }))
  .sort((a, b) => b.n - a.n);
const largest = bySize[0]!;
const median = bySize[Math.floor(bySize.length / 2)]!;
const smallChild = bySize.filter((t) => input.targetGroups.find((x) => x.id === t.id)!.broaderId)[10]!;
for (const g of [largest, smallChild, median]) {
  const [r, t] = time(() => collaborationGaps(p, { scope: { targetGroupIds: [g.id] } }));
  console.log(
    `collaboration gaps for "${g.name}" (${g.n} organisations): ${ms(t)}; ${r.totals.pairs} high-overlap pairs, ${r.totals.clusters} clusters, ` +
      `${r.totals.targetGroups} group gaps, ${r.totals.isolated} isolated${r.approximate ? ' (approximate: hubs skipped)' : ''}`,
  );
}
const [ag, agMs] = time(() => agreementGaps(p, {}));
console.log(`agreement gaps (all ${p.agreementCount} agreements): ${ms(agMs)} (${ag.auditCriteria.length} audit, ${ag.signatoryContacts.length} contacts)`);

const area = input.districts.find((d) => d.kind === 'STADSDELSOMRADE')!;
const [og, ogMs] = time(() => overlapGraph(p, { scope: { districtIds: [area.id], targetGroupIds: [roots[0]!] }, maxNodes: 5000 }));
console.log(`overlap graph (${area.name} × ${roots[0]}): ${ms(ogMs)}; ${og.nodes.length} nodes, ${og.edges.length} edges`);
const [br, brMs] = time(() => brokers(p, { scope: { districtIds: [sthlm] }, maxNodes: 50_000 }));
console.log(`brokers in Stockholm (betweenness on ${br.nodeCount} nodes, ${br.edgeCount} edges, incl. Louvain): ${ms(brMs)}`);
const [cm, cmMs] = time(() => communities(p));
console.log(`communities, whole graph (Louvain): ${ms(cmMs)}; ${cm.communities.length} communities, modularity ${cm.modularity.toFixed(3)}`);
