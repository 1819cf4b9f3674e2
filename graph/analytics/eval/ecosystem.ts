/**
 * A second synthetic generator for the suggestion evaluation, built apart from the method and with
 * another structure than synthetic.ts, so that a method tuned to one cannot win by construction:
 *
 * - Geography: municipalities of very different sizes (Zipf), each a square grid of stadsdelar
 *   (bordering up, down, left and right; large ones grouped into stadsdelsområden of 2×2), denser
 *   in the centre; organisations mostly local, some in two stadsdelar of their municipality, some
 *   municipal, regional or national.
 * - A three-level taxonomy (themes, groups, subgroups); organisations serve one to four groups,
 *   mostly within one theme, at any level.
 * - Each organisation has a hidden capacity (log-normal): some are far more active than others.
 * - Collaborations form year by year over fifteen years (each has a start date), by four
 *   mechanisms: homophily (a partner drawn from the same municipality, likelier the same stadsdel,
 *   a bordering one, a shared group or theme, and the more capacity it has), umbrella-driven
 *   networks (an umbrella convenes three to six of its members), complementarity (someone offering
 *   a resource one needs, in reach), and random ties across the country. No triadic closure is
 *   planted (triangles arise only from the networks).
 *
 * Agreements: a compact in every municipality with most of its organisations as parties (common,
 * so it says little) and small IOPs. Every organisation is flagged synthetic. Deterministic per seed.
 */
import { mulberry32 } from '../prng.js';
import type { AgreementInput, CollaborationInput, DistrictInput, IdPair, OrganisationInput, ProjectionInput, ResourceTypeInput, TargetGroupInput } from '../projection.js';

export interface EcosystemOptions {
  seed: number;
  organisations: number;
  /** First year collaborations form (default 2011); they form over `years` years (default 15). */
  startYear?: number;
  years?: number;
}

const THEMES = ['Barn och unga', 'Äldre', 'Nyanlända', 'Funktionsnedsättning', 'Hemlöshet', 'Missbruk', 'Våldsutsatta', 'Arbetsmarknad'];
const RESOURCES = ['Lokaler', 'Volontärer', 'Tolkning', 'Juridik', 'Transport', 'Kök', 'Utbildning', 'Ekonomi', 'IT', 'Handledning'];

export function generateEcosystem(options: EcosystemOptions): ProjectionInput {
  const rng = mulberry32(options.seed * 2654435761 + 97);
  const N = options.organisations;
  const startYear = options.startYear ?? 2011;
  const years = options.years ?? 15;
  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)]!;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const weighted = (weights: readonly number[]): number => {
    let total = 0;
    for (const w of weights) total += w;
    let x = rng() * total;
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
    return weights.length - 1;
  };

  // Geography
  const districts: DistrictInput[] = [];
  const adjacency: IdPair[] = [];
  const add = (name: string, kind: DistrictInput['kind'], parent: number): number => {
    districts.push({ id: `e${districts.length}`, name, kind, partOfId: parent >= 0 ? `e${parent}` : null });
    return districts.length - 1;
  };
  const country = add('Landet', 'COUNTRY', -1);
  const regions = [add('Region Norr', 'REGION', country), add('Region Syd', 'REGION', country)];
  const M = Math.max(4, Math.round(N / 350));
  const size = Array.from({ length: M }, (_, m) => 1 / Math.pow(m + 1, 1.1));
  const sizeSum = size.reduce((s, x) => s + x, 0);
  const municipalities: number[] = [];
  const cells: number[][] = []; // municipality → its stadsdelar (row-major grid)
  const cellWeight: number[][] = [];
  const regionOf: number[] = [];
  for (let m = 0; m < M; m++) {
    const region = regions[m % 2]!;
    const md = add(`Kommun ${m + 1}`, 'MUNICIPALITY', region);
    municipalities.push(md);
    regionOf.push(region);
    const g = Math.max(2, Math.min(9, Math.round(Math.sqrt((N * size[m]!) / sizeSum / 30))));
    const grid: number[] = [];
    const weights: number[] = [];
    const areas = new Map<string, number>();
    for (let r = 0; r < g; r++) {
      for (let c = 0; c < g; c++) {
        let parent = md;
        if (g >= 4) {
          const key = `${r >> 1}:${c >> 1}`;
          if (!areas.has(key)) areas.set(key, add(`Kommun ${m + 1} område ${areas.size + 1}`, 'STADSDELSOMRADE', md));
          parent = areas.get(key)!;
        }
        const d = add(`Kommun ${m + 1} del ${r * g + c + 1}`, 'STADSDEL', parent);
        grid.push(d);
        const dr = r - (g - 1) / 2;
        const dc = c - (g - 1) / 2;
        weights.push(Math.exp(-(dr * dr + dc * dc) / (g * 0.8)) + 0.15);
        if (c > 0) adjacency.push([`e${grid[grid.length - 2]!}`, `e${d}`]);
        if (r > 0) adjacency.push([`e${grid[grid.length - 1 - g]!}`, `e${d}`]);
      }
    }
    cells.push(grid);
    cellWeight.push(weights);
  }
  const neighbours = new Map<number, Set<number>>();
  for (const [x, y] of adjacency) {
    const a = Number(x.slice(1));
    const b = Number(y.slice(1));
    (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
    (neighbours.get(b) ?? neighbours.set(b, new Set()).get(b)!).add(a);
  }

  // Taxonomy: themes > groups > subgroups
  const targetGroups: TargetGroupInput[] = [];
  const themeOf: number[] = [];
  const levelOf: number[] = [];
  const byTheme: number[][][] = []; // theme → level → group indexes
  THEMES.forEach((name, t) => {
    const root = targetGroups.length;
    targetGroups.push({ id: `g${root}`, name, nameEn: null, broaderId: null });
    themeOf.push(t);
    levelOf.push(0);
    const levels: number[][] = [[root], [], []];
    for (let c = 0; c < 3; c++) {
      const child = targetGroups.length;
      targetGroups.push({ id: `g${child}`, name: `${name}: ${c + 1}`, nameEn: null, broaderId: `g${root}` });
      themeOf.push(t);
      levelOf.push(1);
      levels[1]!.push(child);
      for (let s = 0; s < 2; s++) {
        const sub = targetGroups.length;
        targetGroups.push({ id: `g${sub}`, name: `${name}: ${c + 1}.${s + 1}`, nameEn: null, broaderId: `g${child}` });
        themeOf.push(t);
        levelOf.push(2);
        levels[2]!.push(sub);
      }
    }
    byTheme.push(levels);
  });
  const themeWeight = THEMES.map((_, t) => 1 / Math.pow(t + 1, 0.8));
  const resourceTypes: ResourceTypeInput[] = RESOURCES.map((name, i) => ({ id: `r${i}`, name, nameEn: null }));
  const resourceWeight = RESOURCES.map((_, i) => 1 / (i + 1));

  // Organisations
  const organisations: OrganisationInput[] = [];
  const serves: IdPair[] = [];
  const activeIn: IdPair[] = [];
  const offers: IdPair[] = [];
  const needs: IdPair[] = [];
  const home: number[] = []; // municipality index
  const orgCells: number[][] = []; // stadsdelar (empty for wider ones)
  const orgGroups: Set<number>[] = [];
  const orgTheme: number[] = [];
  const capacity: number[] = [];
  const orgNeeds: number[][] = [];
  const byMunicipality: number[][] = Array.from({ length: M }, () => []);
  const offerers = new Map<string, number[]>(); // `${municipality}:${resource}`
  for (let o = 0; o < N; o++) {
    const m = weighted(size);
    home.push(m);
    byMunicipality[m]!.push(o);
    const grid = cells[m]!;
    const scope = rng();
    const where: number[] = [];
    const local: number[] = [];
    if (scope < 0.65) local.push(grid[weighted(cellWeight[m]!)]!);
    else if (scope < 0.75) {
      local.push(grid[weighted(cellWeight[m]!)]!);
      const other = grid[weighted(cellWeight[m]!)]!;
      if (other !== local[0]) local.push(other);
    } else if (scope < 0.9) where.push(municipalities[m]!);
    else if (scope < 0.97) where.push(regionOf[m]!);
    else where.push(country);
    where.push(...local);
    orgCells.push(local);
    for (const d of where) activeIn.push([`o${o}`, `e${d}`]);
    const theme = weighted(themeWeight);
    orgTheme.push(theme);
    const groups = new Set<number>();
    const count = 1 + weighted([0.4, 0.3, 0.2, 0.1]);
    for (let k = 0; k < count; k++) {
      const t = rng() < 0.8 ? theme : weighted(themeWeight);
      groups.add(pick(byTheme[t]![weighted([0.25, 0.45, 0.3])]!));
    }
    orgGroups.push(groups);
    for (const g of groups) serves.push([`o${o}`, `g${g}`]);
    capacity.push(Math.exp(0.8 * gauss()));
    const off = new Set<number>();
    const nee = new Set<number>();
    if (rng() < 0.45) off.add(weighted(resourceWeight));
    if (rng() < 0.2) off.add(int(RESOURCES.length));
    if (rng() < 0.4) nee.add(weighted(resourceWeight));
    if (rng() < 0.15) nee.add(int(RESOURCES.length));
    for (const r of off) nee.delete(r);
    for (const r of off) {
      offers.push([`o${o}`, `r${r}`]);
      const key = `${m}:${r}`;
      (offerers.get(key) ?? offerers.set(key, []).get(key)!).push(o);
    }
    for (const r of nee) needs.push([`o${o}`, `r${r}`]);
    orgNeeds.push([...nee]);
    organisations.push({ id: `o${o}`, name: `Organisation ${o}`, contactVerifiedAt: null, synthetic: true });
  }

  // Umbrellas: about 1 % of organisations, each for one theme; a third of organisations join one of their theme's.
  const memberOf: IdPair[] = [];
  const umbrellas: number[] = [];
  const umbrellaMembers = new Map<number, number[]>();
  const umbrellasByTheme: number[][] = THEMES.map(() => []);
  for (let k = 0; k < Math.max(THEMES.length, Math.round(N * 0.01)); k++) {
    const u = int(N);
    if (umbrellaMembers.has(u)) continue;
    umbrellaMembers.set(u, []);
    umbrellas.push(u);
    umbrellasByTheme[orgTheme[u]!]!.push(u);
  }
  for (let o = 0; o < N; o++) {
    if (umbrellaMembers.has(o) || rng() >= 0.35) continue;
    const list = umbrellasByTheme[orgTheme[o]!]!;
    if (list.length === 0) continue;
    // Prefer an umbrella from the same municipality.
    const sameHome = list.filter((u) => home[u] === home[o]);
    const u = sameHome.length > 0 && rng() < 0.6 ? pick(sameHome) : pick(list);
    // jscpd:ignore-start — kept: two separate generators whose umbrella loop and agreement lists happen to end alike
    memberOf.push([`o${o}`, `o${u}`]);
    umbrellaMembers.get(u)!.push(o);
  }

  // Agreements: a compact per municipality (most local organisations sign), small IOPs.
  const agreements: AgreementInput[] = [];
  const partyTo: IdPair[] = [];
  // jscpd:ignore-end
  const agreement = (id: string, name: string, kind: AgreementInput['kind']): AgreementInput => ({
    id, name, kind, isSummary: false, summaryCount: null, societalChallenge: null, politicalProgramme: null, societalChallengeStated: null,
    politicalProgrammeStated: null, steeringMeetingsPerYear: null, commitmentsBeyondFunding: null, followUpPlan: null, evaluatedAtExpiry: null,
    documentedConsiderations: null, endDate: null, startDate: null, status: 'ACTIVE',
  });
  const iopParties: number[][] = [];
  for (let m = 0; m < M; m++) {
    const id = `compact${m}`;
    agreements.push(agreement(id, `Överenskommelse ${m + 1}`, 'COMPACT'));
    partyTo.push([`pb${m}`, id]);
    for (const o of byMunicipality[m]!) if (rng() < 0.55) partyTo.push([`o${o}`, id]);
  }
  for (let k = 0; k < Math.round(N / 60); k++) {
    const first = int(N);
    const pool = byMunicipality[home[first]!]!.filter((o) => orgTheme[o] === orgTheme[first]);
    const parties = new Set([first]);
    const want = 1 + int(3);
    for (let tries = 0; tries < 10 && parties.size < want; tries++) parties.add(pick(pool));
    const id = `iop${k}`;
    agreements.push(agreement(id, `IOP ${k + 1}`, 'IOP'));
    partyTo.push([`pb${home[first]}`, id]);
    for (const o of parties) partyTo.push([`o${o}`, id]);
    iopParties.push([...parties]);
  }
  const orgIops: number[][] = Array.from({ length: N }, () => []);
  iopParties.forEach((ps) => ps.forEach((o) => orgIops[o]!.push(...ps.filter((x) => x !== o))));

  // Collaborations, year by year.
  const collaborations: CollaborationInput[] = [];
  const pairs = new Set<string>();
  const date = (year: number) => `${year}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;
  const collaborate = (members: number[], year: number, kind: CollaborationInput['kind']) => {
    const unique = [...new Set(members)];
    if (unique.length < 2) return;
    if (unique.length === 2) {
      const key = unique[0]! < unique[1]! ? `${unique[0]}:${unique[1]}` : `${unique[1]}:${unique[0]}`;
      if (pairs.has(key)) return;
      pairs.add(key);
    }
    collaborations.push({ id: `k${collaborations.length}`, name: `Samverkan ${collaborations.length + 1}`, kind, participantIds: unique.map((o) => `o${o}`), startDate: date(year) });
  };
  const affinity = (a: number, c: number): number => {
    let x = 0;
    const ca = orgCells[a]!;
    const cc = orgCells[c]!;
    if (ca.some((d) => cc.includes(d))) x += 2;
    else if (ca.some((d) => cc.some((e) => neighbours.get(d)?.has(e)))) x += 1;
    let group = 0;
    for (const g of orgGroups[a]!) if (orgGroups[c]!.has(g)) group = Math.max(group, 1.5);
    if (group === 0 && orgTheme[a] === orgTheme[c]) group = 0.7;
    return Math.exp(x + group) * capacity[c]!;
  };
  const perYear = 0.9 / years;
  for (let y = 0; y < years; y++) {
    const year = startYear + y;
    for (let a = 0; a < N; a++) {
      if (rng() >= perYear * capacity[a]!) continue;
      const r = rng();
      if (r < 0.55) {
        // Homophily: a partner from the same municipality, by place, group and capacity.
        const pool = byMunicipality[home[a]!]!;
        const sample = Array.from({ length: Math.min(25, pool.length) }, () => pick(pool)).filter((c) => c !== a);
        if (sample.length > 0) collaborate([a, sample[weighted(sample.map((c) => affinity(a, c)))]!], year, 'JOINT_PROJECT');
      } else if (r < 0.75) {
        // Complementarity: someone offering what I need, in my municipality.
        const need = orgNeeds[a]!;
        const pool = need.length > 0 ? offerers.get(`${home[a]}:${pick(need)}`) : undefined;
        if (pool && pool.length > 0) collaborate([a, pool[weighted(pool.map((c) => capacity[c]!))]!], year, 'SHARED_PREMISES');
      } else if (r < 0.85) {
        // Through an IOP.
        if (orgIops[a]!.length > 0) collaborate([a, pick(orgIops[a]!)], year, 'JOINT_PROJECT');
      } else {
        // A random tie anywhere.
        collaborate([a, int(N)], year, 'EXPERIENCE_EXCHANGE');
      }
    }
    // Umbrella-driven networks: an umbrella convenes three to six of its members.
    for (const u of umbrellas) {
      const members = umbrellaMembers.get(u)!;
      if (members.length < 3 || rng() >= 0.25) continue;
      const first = pick(members);
      const near = members.filter((o) => home[o] === home[first]);
      const pool = near.length >= 3 ? near : members;
      const want = 3 + int(4);
      const chosen = new Set([first]);
      for (let tries = 0; tries < 20 && chosen.size < want; tries++) chosen.add(pool[weighted(pool.map((c) => capacity[c]!))]!);
      if (chosen.size >= 3) collaborate([...chosen], year, 'NETWORK');
    }
  }

  return { organisations, targetGroups, districts, adjacency, serves, activeIn, agreements, partyTo, memberOf, collaborations, offers, needs, resourceTypes, decisions: [] };
}
