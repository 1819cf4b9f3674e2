/**
 * A small, deterministic synthetic civil-society graph for evaluating suggestions (and, scaled up,
 * for benchmarks): a seeded PRNG (mulberry32) drives everything, so a seed gives the same graph.
 *
 * Shape: a country, regions, municipalities; Stockholm with 14 stadsdelsområden and 117 stadsdelar,
 * Göteborg and Malmö with stadsdelsområden too, other municipalities with localities (stadsdelar
 * directly under the municipality, more of them in larger municipalities, so that localities hold
 * about the same number of organisations); adjacency between neighbouring stadsdelar. A two-level taxonomy
 * of target groups with skewed popularity (a few broad groups are served by very many). Organisations
 * are mostly local (a stadsdel, sometimes two neighbouring ones), some municipal, regional or national.
 *
 * Collaborations are planted by a latent process the analytics do not see directly: organisations
 * are more likely to collaborate when they share a district and a specific target group, less when
 * they only share a broad group or an area; some through common agreements and umbrellas, some to
 * close a triangle (a partner's partner), some for a resource one offers and the other needs, and
 * some at random. Every organisation is flagged synthetic.
 */
import { mulberry32 } from '../prng.js';
import type {
  AgreementInput,
  CollaborationInput,
  DistrictInput,
  IdPair,
  OrganisationInput,
  ProjectionInput,
  ResourceTypeInput,
  TargetGroupInput,
} from '../projection.js';
import type { AgreementKind, AgreementStatus, DistrictKind } from '../../model/types.js';

export interface SyntheticOptions {
  seed: number;
  organisations: number;
  regions?: number;
  municipalities?: number;
  /** Mean local organisations per locality in an ordinary municipality (more localities in larger ones). */
  organisationsPerLocality?: number;
  targetGroupRoots?: number;
  childrenPerRoot?: number;
  /** Mean number of homophilous partner draws per organisation. */
  partnerDraws?: number;
  /** Reference "now" for contact verification dates (epoch ms). */
  now?: number;
}

const ROOT_NAMES = [
  ['Barn och unga', 'Children and young people'],
  ['Personer i hemlöshet', 'People experiencing homelessness'],
  ['Äldre', 'Older people'],
  ['Nyanlända', 'Newly arrived'],
  ['Personer med funktionsnedsättning', 'People with disabilities'],
  ['Våldsutsatta', 'People exposed to violence'],
  ['Personer med missbruk', 'People with substance use problems'],
  ['Arbetslösa', 'Unemployed people'],
  ['Föräldrar', 'Parents'],
  ['HBTQI-personer', 'LGBTQI people'],
  ['Studenter', 'Students'],
  ['Anhöriga', 'Relatives and carers'],
] as const;

const RESOURCES = [
  ['Lokaler', 'Premises'],
  ['Ansökningskompetens', 'Grant-application expertise'],
  ['Volontärer', 'Volunteers'],
  ['Tolkning', 'Interpreting'],
  ['Juridisk rådgivning', 'Legal advice'],
  ['Kommunikation', 'Communications'],
  ['Transport', 'Transport'],
  ['Kök', 'Kitchen'],
  ['Utbildning', 'Training'],
  ['Ekonomiadministration', 'Bookkeeping'],
  ['IT-stöd', 'IT support'],
  ['Handledning', 'Supervision'],
] as const;

const DAY = 86_400_000;

export function generateSynthetic(options: SyntheticOptions): ProjectionInput {
  const rng = mulberry32(options.seed);
  const N = options.organisations;
  const R = options.regions ?? Math.max(2, Math.min(21, Math.round(N / 12000)));
  const M = options.municipalities ?? Math.max(R + 2, Math.min(290, Math.round(N / 900)));
  const perLocality = options.organisationsPerLocality ?? 50;
  const roots = Math.min(options.targetGroupRoots ?? 12, 12);
  const childrenPerRoot = options.childrenPerRoot ?? 9;
  const draws = options.partnerDraws ?? 1.6;
  const now = options.now ?? Date.UTC(2026, 10, 1);

  const int = (n: number) => Math.floor(rng() * n);
  const pick = <T>(arr: readonly T[]): T => arr[int(arr.length)]!;
  /** Index drawn with probability ∝ weights (cumulative array). */
  const draw = (cum: Float64Array): number => {
    const x = rng() * cum[cum.length - 1]!;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const cumulative = (w: number[]) => {
    const c = new Float64Array(w.length);
    let s = 0;
    w.forEach((x, i) => (c[i] = s += x));
    return c;
  };

  // Districts
  const districts: DistrictInput[] = [];
  const dParent: number[] = [];
  const addDistrict = (name: string, kind: DistrictKind, parent: number): number => {
    const i = districts.length;
    districts.push({ id: `d${i}`, name, kind, partOfId: parent >= 0 ? `d${parent}` : null });
    dParent.push(parent);
    return i;
  };
  const adjacency: IdPair[] = [];
  const adj = (x: number, y: number) => adjacency.push([`d${x}`, `d${y}`]);
  const country = addDistrict('Sverige', 'COUNTRY', -1);
  const regions: number[] = [];
  for (let r = 0; r < R; r++) regions.push(addDistrict(r === 0 ? 'Stockholms län' : `Region ${r}`, 'REGION', country));
  const municipalities: number[] = [];
  const municipalityOf: number[] = []; // district → municipality (or -1)
  const localities: number[][] = []; // municipality idx → its stadsdelar
  const cities: [string, number, number][] = [
    ['Stockholm', 14, 117],
    ['Göteborg', 10, 60],
    ['Malmö', 5, 30],
  ];
  const zipf = Array.from({ length: M }, (_, m) => 1 / Math.pow(m + 1, 0.9));
  const zipfSum = zipf.reduce((a, b) => a + b, 0);
  for (let m = 0; m < M; m++) {
    const city = cities[m];
    const L = Math.max(3, Math.min(120, Math.round((N * 0.7 * zipf[m]!) / zipfSum / perLocality)));
    const region = regions[m % R]!;
    const md = addDistrict(city ? city[0] : `Kommun ${m}`, 'MUNICIPALITY', region);
    municipalities.push(md);
    const locs: number[] = [];
    if (city) {
      const [name, areas, parts] = city;
      let made = 0;
      for (let a = 0; a < areas; a++) {
        const area = addDistrict(`${name} område ${a + 1}`, 'STADSDELSOMRADE', md);
        const count = Math.floor(((a + 1) * parts) / areas) - Math.floor((a * parts) / areas);
        for (let k = 0; k < count; k++) {
          const sd = addDistrict(`${name} stadsdel ${++made}`, 'STADSDEL', area);
          if (locs.length > 0) adj(locs[locs.length - 1]!, sd);
          locs.push(sd);
        }
      }
      // A few cross links so the chain is not a line.
      for (let k = 0; k + 3 < locs.length; k += 4) adj(locs[k]!, locs[k + 3]!);
    } else {
      for (let k = 0; k < L; k++) {
        const sd = addDistrict(`Kommun ${m} ort ${k + 1}`, 'STADSDEL', md);
        if (locs.length > 0) adj(locs[locs.length - 1]!, sd);
        locs.push(sd);
      }
    }
    localities.push(locs);
  }
  for (let d = 0; d < districts.length; d++) {
    let x = d;
    while (x >= 0 && districts[x]!.kind !== 'MUNICIPALITY') x = dParent[x]!;
    municipalityOf.push(x);
  }
  const municipalityWeight = cumulative(zipf);

  // Target groups: roots with children; popularity skewed (Zipf) at both levels.
  const targetGroups: TargetGroupInput[] = [];
  const tgRoot: number[] = [];
  const children: number[][] = [];
  for (let r = 0; r < roots; r++) {
    const [sv, en] = ROOT_NAMES[r]!;
    targetGroups.push({ id: `tg${targetGroups.length}`, name: sv, nameEn: en, broaderId: null });
    tgRoot.push(r);
  }
  for (let r = 0; r < roots; r++) {
    const list: number[] = [];
    for (let c = 0; c < childrenPerRoot; c++) {
      const i = targetGroups.length;
      const [sv, en] = ROOT_NAMES[r]!;
      targetGroups.push({ id: `tg${i}`, name: `${sv}: grupp ${c + 1}`, nameEn: `${en}: group ${c + 1}`, broaderId: `tg${r}` });
      tgRoot.push(r);
      list.push(i);
    }
    children.push(list);
  }
  const rootWeight = cumulative(Array.from({ length: roots }, (_, r) => 1 / Math.pow(r + 1, 1.1)));
  const childWeight = cumulative(Array.from({ length: childrenPerRoot }, (_, c) => 1 / Math.pow(c + 1, 1.2)));

  const resourceTypes: ResourceTypeInput[] = RESOURCES.map(([sv, en], i) => ({ id: `rt${i}`, name: sv, nameEn: en }));

  // Organisations
  const organisations: OrganisationInput[] = [];
  const orgDistricts: number[][] = [];
  const orgTgs: number[][] = [];
  const orgMunicipality: number[] = [];
  const orgOffers: number[][] = [];
  const orgNeeds: number[][] = [];
  const serves: IdPair[] = [];
  const activeIn: IdPair[] = [];
  const offers: IdPair[] = [];
  const needs: IdPair[] = [];
  const districtMembers: number[][] = districts.map(() => []);
  const tgMembers: number[][] = targetGroups.map(() => []);
  const municipalityMembers = new Map<number, number[]>();
  const prefixes = ['Föreningen', 'Stiftelsen', 'Nätverket', 'Kooperativet', 'Klubben', 'Förbundet'];
  for (let o = 0; o < N; o++) {
    const m = draw(municipalityWeight);
    const locs = localities[m]!;
    const scope = rng();
    const ds: number[] = [];
    if (scope < 0.7) {
      const k = int(locs.length);
      ds.push(locs[k]!);
      if (rng() < 0.25 && locs.length > 1) ds.push(locs[k + 1 < locs.length ? k + 1 : k - 1]!);
    } else if (scope < 0.88) ds.push(municipalities[m]!);
    else if (scope < 0.96) ds.push(dParent[municipalities[m]!]!);
    else ds.push(country);
    const theme = draw(rootWeight);
    const nTg = rng() < 0.4 ? 1 : rng() < 0.67 ? 2 : 3;
    const tgs = new Set<number>();
    for (let k = 0; k < nTg; k++) {
      const r = rng() < 0.75 ? theme : draw(rootWeight);
      tgs.add(rng() < 0.6 ? children[r]![draw(childWeight)]! : r);
    }
    const off = new Set<number>();
    const nee = new Set<number>();
    if (rng() < 0.35) off.add(int(resourceTypes.length));
    if (rng() < 0.15) off.add(int(resourceTypes.length));
    if (rng() < 0.35) nee.add(int(resourceTypes.length));
    if (rng() < 0.15) nee.add(int(resourceTypes.length));
    for (const r of off) nee.delete(r);
    const verifiedRoll = rng();
    organisations.push({
      id: `o${o}`,
      name: `${prefixes[o % prefixes.length]} ${o}`,
      contactVerifiedAt: verifiedRoll < 0.1 ? null : now - Math.floor(rng() * 730) * DAY,
      synthetic: true,
    });
    orgDistricts.push(ds);
    orgTgs.push([...tgs]);
    orgOffers.push([...off]);
    orgNeeds.push([...nee]);
    orgMunicipality.push(municipalityOf[ds[0]!]!);
    for (const d of ds) {
      activeIn.push([`o${o}`, `d${d}`]);
      districtMembers[d]!.push(o);
    }
    const mu = municipalityOf[ds[0]!]!;
    if (mu >= 0) {
      let list = municipalityMembers.get(mu);
      if (!list) municipalityMembers.set(mu, (list = []));
      list.push(o);
    }
    for (const t of tgs) {
      serves.push([`o${o}`, `tg${t}`]);
      tgMembers[t]!.push(o);
    }
    for (const r of off) offers.push([`o${o}`, `rt${r}`]);
    for (const r of nee) needs.push([`o${o}`, `rt${r}`]);
  }
  const offerersByMunicipality = new Map<string, number[]>();
  for (let o = 0; o < N; o++) {
    for (const r of orgOffers[o]!) {
      const key = `${orgMunicipality[o]}:${r}`;
      let list = offerersByMunicipality.get(key);
      if (!list) offerersByMunicipality.set(key, (list = []));
      list.push(o);
    }
  }

  // Umbrellas: about 0.5 % of organisations; members join one with their theme.
  const memberOf: IdPair[] = [];
  const umbrellasByRoot: number[][] = Array.from({ length: roots }, () => []);
  const umbrellaMembers = new Map<number, number[]>();
  const umbrellaCount = Math.max(2, Math.round(N * 0.005));
  for (let k = 0; k < umbrellaCount; k++) {
    const u = int(N);
    const r = tgRoot[orgTgs[u]![0]!]!;
    if (!umbrellaMembers.has(u)) {
      umbrellasByRoot[r]!.push(u);
      umbrellaMembers.set(u, []);
    }
  }
  for (let o = 0; o < N; o++) {
    if (rng() >= 0.3) continue;
    const list = umbrellasByRoot[tgRoot[orgTgs[o]![0]!]!]!;
    if (list.length === 0) continue;
    const u = pick(list);
    if (u === o) continue;
    // jscpd:ignore-start — kept: two separate generators whose umbrella loop and agreement lists happen to end alike
    memberOf.push([`o${o}`, `o${u}`]);
    umbrellaMembers.get(u)!.push(o);
  }

  // Agreements: in a municipality, a public body and 1–4 organisations there, often sharing a group.
  const agreements: AgreementInput[] = [];
  const partyTo: IdPair[] = [];
  // jscpd:ignore-end
  const agreementParties: number[][] = [];
  const kinds: AgreementKind[] = ['IOP', 'IOP', 'GRANT', 'PROCUREMENT', 'COMPACT'];
  const statuses: AgreementStatus[] = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'ENDED', 'PLANNED'];
  const bool = (pTrue: number) => (rng() < 0.15 ? null : rng() < pTrue);
  for (let g = 0; g < Math.max(1, Math.round(N / 50)); g++) {
    const first = int(N);
    const mu = orgMunicipality[first]!;
    const pool = (mu >= 0 ? municipalityMembers.get(mu) : undefined) ?? [first];
    const parties = new Set<number>([first]);
    const want = 1 + int(4);
    for (let tries = 0; tries < 20 && parties.size < want; tries++) {
      const c = pick(pool);
      if (orgTgs[c]!.some((t) => tgRoot[t] === tgRoot[orgTgs[first]![0]!]) || rng() < 0.2) parties.add(c);
    }
    const status = pick(statuses);
    const id = `ag${g}`;
    agreements.push({
      id,
      name: `Överenskommelse ${g}`,
      kind: pick(kinds),
      isSummary: false,
      summaryCount: null,
      societalChallenge: rng() < 0.15 ? null : rng() < 0.7 ? 'Formulerad samhällsutmaning' : '',
      politicalProgramme: rng() < 0.15 ? null : rng() < 0.6 ? 'Program' : '',
      societalChallengeStated: null,
      politicalProgrammeStated: null,
      steeringMeetingsPerYear: rng() < 0.15 ? null : int(5),
      commitmentsBeyondFunding: bool(0.5),
      followUpPlan: bool(0.5),
      evaluatedAtExpiry: status === 'ENDED' ? bool(0.4) : null,
      documentedConsiderations: bool(0.6),
      endDate: status === 'ENDED' ? '2025-12-31' : '2028-12-31',
      status,
    });
    partyTo.push([`pb${mu}`, id]);
    for (const o of parties) partyTo.push([`o${o}`, id]);
    agreementParties.push([...parties]);
  }
  const orgAgreements: number[][] = Array.from({ length: N }, () => []);
  agreementParties.forEach((ps, g) => ps.forEach((o) => orgAgreements[o]!.push(g)));

  // Collaborations (the latent process).
  const partnerSets: Set<number>[] = Array.from({ length: N }, () => new Set());
  const pairs: [number, number][] = [];
  const link = (a: number, b: number): boolean => {
    if (a === b || partnerSets[a]!.has(b)) return false;
    partnerSets[a]!.add(b);
    partnerSets[b]!.add(a);
    pairs.push([a, b]);
    return true;
  };
  const tgSet = orgTgs.map((t) => new Set(t));
  const affinity = (a: number, c: number): number => {
    let best = 0.04;
    for (const t of orgTgs[a]!) {
      if (tgSet[c]!.has(t)) best = Math.max(best, t < roots ? 0.3 : 0.9);
      else {
        for (const u of orgTgs[c]!) if (tgRoot[u] === tgRoot[t]) best = Math.max(best, 0.12);
      }
    }
    return best;
  };
  const near = (a: number, c: number): number => {
    const da = orgDistricts[a]!;
    const dc = orgDistricts[c]!;
    if (da.some((d) => dc.includes(d))) return 1;
    if (orgMunicipality[a] === orgMunicipality[c] && orgMunicipality[a]! >= 0) return 0.35;
    return 0.05;
  };
  for (let a = 0; a < N; a++) {
    const k = Math.floor(rng() * 2 * draws + 0.5);
    for (let j = 0; j < k; j++) {
      const r = rng();
      if (r < 0.5) {
        // Local and topical: someone in one of my districts (or my municipality's localities).
        const d = pick(orgDistricts[a]!);
        const kind = districts[d]!.kind;
        const pool =
          kind === 'STADSDEL'
            ? districtMembers[d]!
            : kind === 'MUNICIPALITY'
              ? (municipalityMembers.get(d) ?? [])
              : districtMembers[d]!;
        for (let tries = 0; tries < 8 && pool.length > 1; tries++) {
          const c = pick(pool);
          if (c !== a && rng() < affinity(a, c)) {
            link(a, c);
            break;
          }
        }
      } else if (r < 0.75) {
        // Topical, near: someone serving one of my groups, the closer the likelier.
        const t = pick(orgTgs[a]!);
        const pool = tgMembers[t]!;
        for (let tries = 0; tries < 12 && pool.length > 1; tries++) {
          const c = pick(pool);
          if (c !== a && rng() < near(a, c) * (t < roots ? 0.4 : 1)) {
            link(a, c);
            break;
          }
        }
      } else if (r < 0.83) {
        // Through a common agreement or umbrella.
        const via: number[] = [];
        for (const g of orgAgreements[a]!) via.push(...agreementParties[g]!);
        const ums = umbrellaMembers.get(a);
        if (ums) via.push(...ums);
        if (via.length > 0) link(a, pick(via));
      } else if (r < 0.9) {
        // A resource I need, offered in my municipality.
        const needsOf = orgNeeds[a]!;
        if (needsOf.length > 0) {
          const pool = offerersByMunicipality.get(`${orgMunicipality[a]}:${pick(needsOf)}`);
          if (pool && pool.length > 0) link(a, pick(pool));
        }
      } else if (r < 0.95) {
        link(a, int(N));
      }
    }
  }
  // Triadic closure: a partner's partner.
  for (let round = 0; round < 2; round++) {
    for (let a = 0; a < N; a++) {
      if (rng() >= 0.3 || partnerSets[a]!.size === 0) continue;
      const p = pick([...partnerSets[a]!]);
      const ps = [...partnerSets[p]!];
      if (ps.length < 2) continue;
      link(a, pick(ps));
    }
  }
  const collaborations: CollaborationInput[] = pairs.map(([a, b], i) => ({
    id: `c${i}`,
    name: `Samarbete ${i}`,
    kind: 'JOINT_PROJECT',
    participantIds: [`o${a}`, `o${b}`],
  }));
  // A few local networks of 3–6 organisations in one stadsdel sharing a group.
  const networks = Math.round(N / 40);
  for (let k = 0; k < networks; k++) {
    const seed = int(N);
    const d = orgDistricts[seed]![0]!;
    const pool = districtMembers[d]!;
    const members = new Set<number>([seed]);
    const size = 3 + int(4);
    for (let tries = 0; tries < 20 && members.size < size; tries++) {
      const c = pick(pool);
      if (rng() < affinity(seed, c)) members.add(c);
    }
    if (members.size < 3) continue;
    const ids = [...members];
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) link(ids[i]!, ids[j]!);
    collaborations.push({
      id: `n${k}`,
      name: `Nätverk ${k}`,
      kind: 'NETWORK',
      participantIds: ids.map((o) => `o${o}`),
    });
  }

  return {
    organisations,
    targetGroups,
    districts,
    adjacency,
    serves,
    activeIn,
    agreements,
    partyTo,
    memberOf,
    collaborations,
    offers,
    needs,
    resourceTypes,
    decisions: [],
  };
}
