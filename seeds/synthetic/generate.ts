/**
 * Deterministic synthetic graph generator: realistic graphs at Stockholm scale (~3,000
 * organisations in Stockholm's districts) or Sweden scale (250,000 organisations across all
 * municipalities, about 2.5 million relationships) on top of the real taxonomy and geography of
 * the seed. Pure: no database, no clock unless `now` is left out (and even then only the
 * timestamps move; every random choice depends on the seed alone).
 *
 * The shape follows what is known about the sector:
 * - degree distributions are skewed: a few target groups are hubs with tens of thousands of
 *   organisations, most organisations serve one to three target groups in one to three districts,
 *   a handful of national umbrella organisations have more than 10,000 members (power law);
 * - organisations collaborate mostly with organisations serving the same target group, in
 *   collaboration groups and experience exchange, projects, practical matters (premises, grant
 *   applications) and opinion forming (the 2016 evaluation of Stockholm's compact, source 000,
 *   Table 9), so collaboration partners are drawn preferentially among organisations sharing a
 *   target group and a district or municipality, with some triadic closure (partners of partners);
 * - agreements with public bodies are mostly grants, then idea-based public partnerships (IOP,
 *   with the 2021 audit's criteria randomly met or missing, source 004), procurements and a few
 *   local and regional compacts with many signatories (source 003).
 *
 * Every node and relationship is flagged `synthetic: true` with source `src:synthetic`. Base
 * nodes (target groups, districts, resource types) are referenced by id and not re-emitted;
 * synthetic additions to them (sub-municipal districts, narrower target groups) are.
 */
import type { GraphBatch, NodeRow, PropertyValue, RelRow } from '../../graph/bulk/batch.js';
import type { NodeLabel, RelType } from '../../graph/model/model.js';
import type {
  AgreementKind,
  AgreementStatus,
  CollaborationKind,
  DistrictKind,
  GovernmentLevel,
  PartyRole,
  PublicBodyKind,
} from '../../graph/model/types.js';
import { foldForSearch, searchText } from '../../graph/text/fold.js';
import { AliasTable, CumulativeTable, Random, hashString, zipfSampler } from './random.js';

export const SYNTHETIC_SOURCE_ID = 'src:synthetic';

export interface SyntheticBase {
  targetGroups: readonly { id: string; name: string; nameEn?: string | null; broaderId: string | null }[];
  districts: readonly { id: string; name: string; kind: DistrictKind; partOfId: string | null; code?: string | null }[];
  adjacency: readonly (readonly [string, string])[];
  resourceTypes: readonly { id: string; name: string; nameEn?: string | null }[];
}

export type SyntheticScale = 'stockholm' | 'sweden';

export interface SyntheticOptions {
  scale: SyntheticScale;
  seed: number;
  base: SyntheticBase;
  /** Epoch ms for recordedAt/createdAt and the dates spread before it; defaults to the clock. */
  now?: number;
  /** Overrides the scale's number of organisations (tests); the other counts scale with it. */
  organisations?: number;
}

export interface SyntheticStats {
  scale: SyntheticScale;
  seed: number;
  organisations: number;
  umbrellas: number;
  collaborations: number;
  agreements: number;
  publicBodies: number;
  /** Target groups / districts: in the base, added synthetically, and in all. */
  targetGroups: { base: number; synthetic: number; total: number };
  districts: { base: number; synthetic: number; total: number };
  nodes: number;
  relationships: number;
  nodesByLabel: Partial<Record<NodeLabel, number>>;
  relsByType: Partial<Record<RelType, number>>;
  generationMs: number;
  /** Time per phase (base, organisations, memberships, indexes, collaborations, agreements). */
  phasesMs: Record<string, number>;
}

export interface SyntheticResult {
  batch: GraphBatch;
  stats: SyntheticStats;
}

/** Per-scale sizes. Collaborations, agreements and umbrellas scale with the number of organisations. */
export const SCALES = {
  stockholm: { organisations: 3_000 },
  sweden: { organisations: 250_000, districtsTotal: 3_500 },
} as const;
const PER_ORGANISATION = { collaborations: 0.24, agreements: 0.08, umbrellas: 0.0016 } as const;
/** Below this many target groups in the base taxonomy, narrower synthetic ones are added. */
export const MIN_TARGET_GROUPS = 120;

// ---------------------------------------------------------------------------------------------
// Organisation numbers

/** Luhn check digit of the first nine digits of a Swedish organisation number. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    let v = (nineDigits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

/** NNNNNN-NNNN with a correct Luhn check digit and third digit >= 2 (organisations, not persons). */
export function isValidOrgNumber(value: string): boolean {
  const m = /^(\d{6})-?(\d{4})$/.exec(value);
  if (!m) return false;
  const digits = m[1]! + m[2]!;
  if (digits.charCodeAt(2) - 48 < 2) return false;
  return luhnCheckDigit(digits.slice(0, 9)) === digits.charCodeAt(9) - 48;
}

function orgNumber(rng: Random, groupDigit: number): string {
  let s = String(groupDigit) + String(rng.int(10)) + String(2 + rng.int(8));
  for (let i = 0; i < 6; i++) s += String(rng.int(10));
  const full = s + String(luhnCheckDigit(s));
  return `${full.slice(0, 6)}-${full.slice(6)}`;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (Swedish name parts)

const LEGAL_FORMS = ['ideell förening', 'stiftelse', 'ekonomisk förening', 'registrerat trossamfund'] as const;
const LEGAL_FORM_TABLE = new CumulativeTable([0.75, 0.12, 0.08, 0.05]);
/** Organisation-number group digit per legal form: 8 ideella föreningar and stiftelser, 7 ekonomiska föreningar. */
const LEGAL_FORM_GROUP = [8, 8, 7, 8] as const;

const WORDS = [
  'Fyren', 'Bron', 'Vägen', 'Gläntan', 'Kompassen', 'Ankaret', 'Hoppet', 'Solrosen', 'Ljuspunkten', 'Gemenskapen',
  'Mötesplatsen', 'Trappan', 'Regnbågen', 'Linden', 'Eken', 'Björken', 'Navet', 'Källan', 'Oasen', 'Framtiden',
  'Nystarten', 'Vändpunkten', 'Stegen', 'Bryggan', 'Hamnen', 'Stjärnan', 'Tryggheten', 'Vänskapen', 'Kraften', 'Glädjen',
  'Fjärilen', 'Tranan', 'Pärlan', 'Ängen', 'Gnistan', 'Ledstjärnan', 'Vågen', 'Porten', 'Spiran', 'Klövern',
  'Ekorren', 'Svalan', 'Lärkan', 'Rönnen', 'Almen', 'Hasseln', 'Viljan', 'Modet', 'Handen', 'Skölden',
  'Fristaden', 'Vardagen', 'Grannen', 'Nätet', 'Ringen', 'Cirkeln', 'Kretsen', 'Lyktan', 'Facklan', 'Stigen',
  'Vindrosen', 'Morgonljuset', 'Kvarnen', 'Smedjan', 'Verkstan', 'Torget', 'Gården', 'Tallen', 'Blåklockan', 'Vitsippan',
] as const;
/** Definite-form adjectives that go with the definite nouns above ("Gröna Gläntan", "Södra Bryggan"). */
const ADJECTIVES = ['Nya', 'Gamla', 'Lilla', 'Stora', 'Gröna', 'Blå', 'Röda', 'Gyllene', 'Öppna', 'Trygga', 'Ljusa', 'Norra', 'Södra', 'Östra', 'Västra'] as const;
const COMPOUNDS = [
  'anhörig', 'brukar', 'kultur', 'idrotts', 'pensionärs', 'invandrar', 'kvinno', 'ungdoms', 'hyresgäst', 'stöd',
  'frivillig', 'grannskaps', 'hembygds', 'föräldra', 'social', 'nykterhets',
] as const;
const JOURS = ['Kvinnojouren', 'Tjejjouren', 'Killjouren', 'Ungdomsjouren'] as const;
const SURNAMES = ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Lindqvist', 'Berg', 'Holm', 'Wallin'] as const;
const CONGREGATIONS = ['missionsförsamling', 'frikyrkoförsamling', 'pingstförsamling', 'baptistförsamling'] as const;
const CHURCHES = [
  'Korskyrkan', 'Pingstkyrkan', 'Missionskyrkan', 'Betaniakyrkan', 'Elimkyrkan', 'Filadelfiakyrkan', 'Salemkyrkan',
  'Immanuelskyrkan', 'Betlehemskyrkan', 'Smyrnakyrkan', 'Saronkyrkan', 'Sionkyrkan', 'Evangeliikyrkan', 'Vägkyrkan',
] as const;
const ACTIVITIES = [
  'Erbjuder mötesplatser och samtalsgrupper.',
  'Driver frivilligverksamhet med besök och stödsamtal.',
  'Ordnar läxhjälp och fritidsaktiviteter.',
  'Ger råd och stöd i kontakter med myndigheter.',
  'Anordnar kurser, studiecirklar och kulturaktiviteter.',
  'Bedriver opinionsbildning och påverkansarbete.',
  'Samordnar volontärer och delar lokaler med andra föreningar.',
] as const;
const COLLABORATION_AREAS = [
  'mötesplatser', 'stöd till våldsutsatta', 'hemlöshet', 'integration och etablering', 'stöd till anhöriga',
  'fritid för barn och unga', 'psykisk hälsa', 'ofrivillig ensamhet', 'arbetsträning', 'föräldraskapsstöd',
] as const;
/** The six principles of the national and Stockholm compacts (source 001). */
const COMPACT_PRINCIPLES = ['dialog', 'kvalitet', 'självständighet och oberoende', 'långsiktighet', 'öppenhet och insyn', 'mångfald'];
const PROJECT_WORDS = ['Brobyggarna', 'Tillsammans', 'Vägar framåt', 'Nya steg', 'Mötas', 'Gemensam grund', 'Trygg i vardagen', 'Öppna dörrar'] as const;

const COLLABORATION_KINDS: readonly CollaborationKind[] = [
  'NETWORK',
  'EXPERIENCE_EXCHANGE',
  'JOINT_PROJECT',
  'OPINION_FORMING',
  'SHARED_PREMISES',
  'OTHER',
];
const COLLABORATION_KIND_TABLE = new CumulativeTable([0.25, 0.24, 0.2, 0.12, 0.11, 0.08]);
/**
 * How a collaboration's partners are found, per kind (cumulative): same target group and district,
 * same target group and municipality, same district (any target group), same target group
 * anywhere, partner of a partner (triadic closure), anyone.
 */
const PARTNER_STRATEGIES: readonly (readonly number[])[] = [
  cumulative([0.3, 0.3, 0.05, 0.1, 0.15, 0.1]), // NETWORK
  cumulative([0.25, 0.3, 0.05, 0.15, 0.15, 0.1]), // EXPERIENCE_EXCHANGE
  cumulative([0.3, 0.25, 0.1, 0.05, 0.2, 0.1]), // JOINT_PROJECT
  cumulative([0.1, 0.2, 0.05, 0.35, 0.2, 0.1]), // OPINION_FORMING
  cumulative([0.2, 0.1, 0.45, 0.0, 0.15, 0.1]), // SHARED_PREMISES
  cumulative([0.2, 0.2, 0.15, 0.1, 0.15, 0.2]), // OTHER
];
/** Participants per collaboration: 2..8, mostly small. */
const PARTICIPANT_COUNT = new CumulativeTable([0.17, 0.18, 0.16, 0.14, 0.11, 0.09, 0.15]);
/** Target groups per organisation: 1..10, most one to three. */
const TG_COUNT = new CumulativeTable([0.29, 0.29, 0.2, 0.09, 0.045, 0.028, 0.02, 0.015, 0.011, 0.011]);
/** Local districts per organisation: 1..6. */
const DISTRICT_COUNT = new CumulativeTable([0.38, 0.28, 0.18, 0.09, 0.045, 0.025]);
/** Umbrella memberships per (non-umbrella) organisation: 0..4 (a national federation, a regional or local council, ...). */
const MEMBERSHIP_COUNT = new CumulativeTable([0.16, 0.26, 0.26, 0.18, 0.14]);
/** Resource types offered / needed per organisation: 0..2 (mean 0.5). */
const RESOURCE_COUNT = new CumulativeTable([0.6, 0.3, 0.1]);

const AGREEMENT_KINDS_DRAWN: readonly AgreementKind[] = ['GRANT', 'IOP', 'PROCUREMENT', 'OTHER'];
const AGREEMENT_KIND_TABLE = new CumulativeTable([0.55, 0.18, 0.14, 0.13]);

function cumulative(ws: readonly number[]): number[] {
  const out: number[] = [];
  let acc = 0;
  for (const w of ws) out.push((acc += w));
  out[out.length - 1] = 1;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Population-like weights for municipalities (thousands of inhabitants, roughly 2023). Others
// get a stable log-normal weight derived from their id, median ~15,000.

const POPULATION_K: ReadonlyMap<string, number> = new Map([
  ['stockholm', 985], ['goteborg', 604], ['malmo', 362], ['uppsala', 242], ['linkoping', 167], ['orebro', 159],
  ['vasteras', 158], ['helsingborg', 151], ['norrkoping', 145], ['jonkoping', 144], ['umea', 131], ['lund', 128],
  ['boras', 115], ['huddinge', 115], ['nacka', 109], ['eskilstuna', 107], ['halmstad', 104], ['gavle', 103],
  ['sodertalje', 101], ['sundsvall', 99], ['haninge', 97], ['vaxjo', 96], ['karlstad', 95], ['botkyrka', 95],
  ['kristianstad', 86], ['kungsbacka', 85], ['solna', 85], ['jarfalla', 85], ['lulea', 80], ['sollentuna', 75],
  ['taby', 75], ['skelleftea', 74], ['kalmar', 71], ['varberg', 67], ['karlskrona', 67], ['ostersund', 64],
  ['norrtalje', 63], ['falun', 60], ['trollhattan', 60], ['uddevalla', 57], ['sundbyberg', 54],
]);

function municipalityKey(name: string): string {
  return foldForSearch(name).replace(/\s+(kommun|stad)$/, '');
}

function populationWeight(name: string, id: string): number {
  const key = municipalityKey(name);
  const known = POPULATION_K.get(key) ?? (key.endsWith('s') ? POPULATION_K.get(key.slice(0, -1)) : undefined);
  if (known !== undefined) return known;
  const r = new Random(hashString(id), 7);
  return Math.min(55, Math.max(2.4, r.logNormal(Math.log(15), 0.75)));
}

function isStockholm(d: { name: string; code?: string | null }): boolean {
  if (d.code === '0180') return true;
  const key = municipalityKey(d.name);
  return key === 'stockholm' || key === 'stockholms';
}

/** "Stockholms stad" → "Stockholm"-style display name for use inside other names. */
function displayName(name: string): string {
  const stripped = name.replace(/\s+(kommun|stad)$/i, '');
  return stripped.length > 0 ? stripped : name;
}

function genitive(name: string): string {
  return /[sxzSXZ]$/.test(name) ? name : `${name}s`;
}

/** Lower-case the first letter for use inside a phrase, unless the word is an acronym ("HBTQI-personer"). */
function phrase(name: string): string {
  if (name.length > 1 && name[1] === name[1]!.toUpperCase() && name[1] !== name[1]!.toLowerCase()) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]!}`;
}

/** A host-name label from an already folded name: "föreningen fyren i farsta" → "foreningen-fyren-i-farsta" (at most 48 characters, cut at a word). */
function slug(folded: string): string {
  let s = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (s.length > 48) {
    const cut = s.lastIndexOf('-', 48);
    s = s.slice(0, cut > 16 ? cut : 48);
  }
  return s || 'forening';
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;

// ---------------------------------------------------------------------------------------------
// Emission

type Props = Readonly<Record<string, PropertyValue>>;

class Emitter {
  readonly nodes: Partial<Record<NodeLabel, NodeRow[]>> = {};
  readonly rels: Partial<Record<RelType, RelRow[]>> = {};
  /** Shared (frozen) provenance props of every relationship row without a role. */
  readonly relProps: Props;
  readonly nodeProv: Props;
  private readonly roles = new Map<string, Props>();

  constructor(
    readonly locator: string,
    readonly now: number,
  ) {
    const prov = {
      sourceId: SYNTHETIC_SOURCE_ID,
      sourceLocator: locator,
      basis: 'STATED',
      confidence: 1,
      recordedAt: now,
      synthetic: true,
    } as const;
    this.relProps = Object.freeze({ ...prov });
    this.nodeProv = Object.freeze({ ...prov, version: 1, createdAt: now, updatedAt: now });
  }

  role(role: PartyRole): Props {
    let p = this.roles.get(role);
    if (!p) this.roles.set(role, (p = Object.freeze({ ...this.relProps, role })));
    return p;
  }

  nodeList(label: NodeLabel): NodeRow[] {
    let rows = this.nodes[label];
    if (!rows) this.nodes[label] = rows = [];
    return rows;
  }

  relList(type: RelType): RelRow[] {
    let rows = this.rels[type];
    if (!rows) this.rels[type] = rows = [];
    return rows;
  }
}

function rel(from: string, to: string, fromLabel: NodeLabel, toLabel: NodeLabel, props: Props): RelRow {
  return { from, to, fromLabel, toLabel, props };
}

/** Appends v to flat[start..] unless already there; true if appended. */
function pushUnique(flat: number[], start: number, v: number): boolean {
  for (let i = start; i < flat.length; i++) if (flat[i] === v) return false;
  flat.push(v);
  return true;
}

/**
 * Compressed sparse rows: the values of key k are items[start[k] .. start[k+1]). Built in two
 * passes without intermediate key arrays: count(key) for every entry, then put(key, value) for
 * every entry in the same order.
 */
class Csr {
  readonly start: Int32Array;
  items: Int32Array = new Int32Array(0);
  private fill: Int32Array | null = null;

  constructor(nKeys: number) {
    this.start = new Int32Array(nKeys + 1);
  }

  count(key: number): void {
    this.start[key + 1] = this.start[key + 1]! + 1;
  }

  put(key: number, value: number): void {
    let fill = this.fill;
    if (fill === null) {
      const start = this.start;
      for (let k = 1; k < start.length; k++) start[k] = start[k]! + start[k - 1]!;
      this.items = new Int32Array(start[start.length - 1]!);
      fill = this.fill = start.slice(0, start.length - 1);
    }
    this.items[fill[key]!] = value;
    fill[key] = fill[key]! + 1;
  }
}

function csrPick(csr: Csr, key: number, rng: Random): number {
  const s = csr.start[key]!;
  const e = csr.start[key + 1]!;
  return e > s ? csr.items[s + rng.int(e - s)]! : -1;
}

function csrSize(csr: Csr, key: number): number {
  return csr.start[key + 1]! - csr.start[key]!;
}

// ---------------------------------------------------------------------------------------------
// Geography

const SCOPE_LOCAL = 0;
const SCOPE_CITY = 1;
const SCOPE_REGIONAL = 2;
const SCOPE_NATIONAL = 3;

interface Geography {
  ids: string[];
  /** Name used inside organisation and collaboration names ("Farsta", "Göteborg"). */
  places: string[];
  kinds: DistrictKind[];
  parent: number[];
  baseCount: number;
  country: number;
  /** District index of each municipality in scope. */
  munis: number[];
  muniWeight: number[];
  muniAlias: AliasTable;
  /** Region (district index) of each municipality, or -1. */
  muniRegion: number[];
  /** Regions in scope (district indices), their municipalities (positions in munis) and samplers. */
  regions: number[];
  regionPosOfMuni: number[];
  regionMunis: number[][];
  regionMuniTable: CumulativeTable[];
  regionAlias: AliasTable | null;
  /** Sub-municipal districts per municipality: leaves (weighted) and intermediate ones. */
  leaves: number[][];
  leafTable: (CumulativeTable | null)[];
  inter: number[][];
  neighbours: (number[] | undefined)[];
  stockholm: number;
  synthetic: number;
}

function buildGeography(
  base: SyntheticBase,
  scale: SyntheticScale,
  organisations: number,
  rng: Random,
  em: Emitter,
): Geography {
  const ids: string[] = [];
  const places: string[] = [];
  const kinds: DistrictKind[] = [];
  const parent: number[] = [];
  const index = new Map<string, number>();
  for (const d of base.districts) {
    if (index.has(d.id)) throw new Error(`base district ${d.id} appears twice`);
    index.set(d.id, ids.length);
    ids.push(d.id);
    kinds.push(d.kind);
    places.push(d.kind === 'MUNICIPALITY' ? displayName(d.name) : d.name);
    parent.push(-1);
  }
  base.districts.forEach((d, i) => {
    if (d.partOfId !== null) parent[i] = index.get(d.partOfId) ?? -1;
  });
  const baseCount = ids.length;
  const ancestorOfKind = (i: number, kind: DistrictKind): number => {
    for (let x = parent[i]!, guard = 0; x >= 0 && guard < 16; x = parent[x]!, guard++) if (kinds[x] === kind) return x;
    return -1;
  };

  const allMunis: number[] = [];
  for (let i = 0; i < baseCount; i++) if (kinds[i] === 'MUNICIPALITY') allMunis.push(i);
  if (allMunis.length === 0) throw new Error('the base geography has no municipality');
  let stockholmDistrict = allMunis.find((i) => isStockholm(base.districts[i]!)) ?? -1;

  // Base descendants of each municipality.
  const children: number[][] = ids.map(() => []);
  for (let i = 0; i < baseCount; i++) if (parent[i]! >= 0) children[parent[i]!]!.push(i);
  const descendants = (m: number): number[] => {
    const out: number[] = [];
    const stack = [...children[m]!];
    while (stack.length) {
      const x = stack.shift()!;
      out.push(x);
      stack.push(...children[x]!);
    }
    return out;
  };
  if (stockholmDistrict < 0 && scale === 'stockholm') {
    // No Stockholm in the base: the municipality with most sub-districts stands in.
    stockholmDistrict = allMunis.reduce((best, m) => (descendants(m).length > descendants(best).length ? m : best), allMunis[0]!);
  }
  const munis = scale === 'stockholm' ? [stockholmDistrict] : allMunis;
  const muniWeight = munis.map((m) => populationWeight(base.districts[m]!.name, ids[m]!));
  const local: number[][] = munis.map((m) => descendants(m));

  // Synthetic sub-municipal districts (kind STADSDEL, part of the municipality).
  const quota = new Array<number>(munis.length).fill(0);
  if (scale === 'sweden') {
    const target = Math.round(SCALES.sweden.districtsTotal * Math.min(1, organisations / SCALES.sweden.organisations));
    const wanted = Math.max(0, target - baseCount);
    const bare = munis.map((_, p) => p).filter((p) => local[p]!.length === 0);
    if (wanted > 0 && bare.length > 0) {
      const w = bare.map((p) => Math.pow(muniWeight[p]!, 0.75));
      const sum = w.reduce((a, b) => a + b, 0);
      const exact = w.map((x) => (wanted * x) / sum);
      const alloc = exact.map((x) => Math.max(1, Math.floor(x)));
      let left = wanted - alloc.reduce((a, b) => a + b, 0);
      const order = exact.map((x, j) => [x - Math.floor(x), j] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      for (let j = 0; left > 0 && j < order.length; j++, left--) alloc[order[j]![1]] = alloc[order[j]![1]]! + 1;
      bare.forEach((p, j) => (quota[p] = alloc[j]!));
    }
  } else if (local[0]!.length < 5) {
    quota[0] = 12 - local[0]!.length;
  }

  const neighbourSets: (number[] | undefined)[] = [];
  const addNeighbour = (a: number, b: number): boolean => {
    if (a === b) return false;
    const na = (neighbourSets[a] ??= []);
    if (na.includes(b)) return false;
    na.push(b);
    (neighbourSets[b] ??= []).push(a);
    return true;
  };
  for (const [a, b] of base.adjacency) {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia !== undefined && ib !== undefined) addNeighbour(ia, ib);
  }

  let synthetic = 0;
  const districtRows = em.nodeList('District');
  const partOf = em.relList('PART_OF');
  const adjacent = em.relList('ADJACENT_TO');
  munis.forEach((m, p) => {
    const count = quota[p]!;
    const first = ids.length;
    for (let k = 1; k <= count; k++) {
      const id = `syn:district:${++synthetic}`;
      const name = `${places[m]!} område ${k}`;
      ids.push(id);
      places.push(places[m]!);
      kinds.push('STADSDEL');
      parent.push(m);
      local[p]!.push(ids.length - 1);
      districtRows.push({ id, ...em.nodeProv, name, kind: 'STADSDEL', code: null, geometry: null, search: foldForSearch(name) });
      partOf.push(rel(id, ids[m]!, 'District', 'District', em.relProps));
    }
    // A chain of neighbours, closed to a ring, with a few chords.
    for (let k = 1; k < count; k++) {
      const a = first + k - 1;
      const b = first + k;
      if (addNeighbour(a, b)) adjacent.push(rel(ids[a]!, ids[b]!, 'District', 'District', em.relProps));
      if (k + 1 < count && rng.chance(0.3) && addNeighbour(a, first + k + 1))
        adjacent.push(rel(ids[a]!, ids[first + k + 1]!, 'District', 'District', em.relProps));
    }
    if (count >= 4 && addNeighbour(first + count - 1, first))
      adjacent.push(rel(ids[first + count - 1]!, ids[first]!, 'District', 'District', em.relProps));
  });

  const hasChildren = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) if (parent[i]! >= 0) hasChildren[parent[i]!] = 1;
  const leaves = local.map((ds) => ds.filter((d) => !hasChildren[d]));
  const inter = local.map((ds) => ds.filter((d) => hasChildren[d]));
  const leafTable = leaves.map((ls) => (ls.length ? new CumulativeTable(ls.map(() => rng.logNormal(0, 0.6))) : null));

  const muniRegion = munis.map((m) => ancestorOfKind(m, 'REGION'));
  const regions: number[] = [];
  const regionPos = new Map<number, number>();
  const regionPosOfMuni = muniRegion.map((r) => {
    if (r < 0) return -1;
    let pos = regionPos.get(r);
    if (pos === undefined) {
      regionPos.set(r, (pos = regions.length));
      regions.push(r);
    }
    return pos;
  });
  const regionMunis: number[][] = regions.map(() => []);
  regionPosOfMuni.forEach((r, p) => r >= 0 && regionMunis[r]!.push(p));
  const regionMuniTable = regionMunis.map((ps) => new CumulativeTable(ps.map((p) => muniWeight[p]!)));
  const regionAlias = regions.length ? new AliasTable(regionMunis.map((ps) => ps.reduce((a, p) => a + muniWeight[p]!, 0))) : null;

  let country = kinds.indexOf('COUNTRY');
  for (const r of regions) {
    const c = ancestorOfKind(r, 'COUNTRY');
    if (c >= 0) {
      country = c;
      break;
    }
  }

  return {
    ids,
    places,
    kinds,
    parent,
    baseCount,
    country,
    munis,
    muniWeight,
    muniAlias: new AliasTable(muniWeight),
    muniRegion,
    regions,
    regionPosOfMuni,
    regionMunis,
    regionMuniTable,
    regionAlias,
    leaves,
    leafTable,
    inter,
    neighbours: neighbourSets,
    stockholm: munis.indexOf(stockholmDistrict),
    synthetic,
  };
}

// ---------------------------------------------------------------------------------------------
// Target groups and resource types

interface Taxonomy {
  ids: string[];
  /** Phrase used inside names and descriptions (the real ancestor's name for synthetic groups). */
  phrases: string[];
  baseCount: number;
  popularity: AliasTable;
  /** Parent, children and siblings of each group (for an organisation's related second groups). */
  related: number[][];
}

function buildTaxonomy(base: SyntheticBase, rng: Random, em: Emitter): Taxonomy {
  if (base.targetGroups.length === 0) throw new Error('the base taxonomy has no target groups');
  const ids: string[] = [];
  const names: string[] = [];
  const phrases: string[] = [];
  const parent: number[] = [];
  const index = new Map<string, number>();
  for (const t of base.targetGroups) {
    if (index.has(t.id)) throw new Error(`base target group ${t.id} appears twice`);
    index.set(t.id, ids.length);
    ids.push(t.id);
    names.push(t.name);
    phrases.push(phrase(t.name));
    parent.push(-1);
  }
  base.targetGroups.forEach((t, i) => {
    if (t.broaderId !== null) parent[i] = index.get(t.broaderId) ?? -1;
  });
  const baseCount = ids.length;
  const depth = ids.map((_, i) => {
    let d = 0;
    for (let x = parent[i]!; x >= 0 && d < 16; x = parent[x]!) d++;
    return d;
  });

  const tgRows = em.nodeList('TargetGroup');
  const broader = em.relList('BROADER');
  const variants = new Array<number>(baseCount).fill(0);
  for (let j = 0; baseCount + j < MIN_TARGET_GROUPS; j++) {
    const p = rng.int(baseCount);
    const v = (variants[p] = variants[p]! + 1);
    const id = `syn:tg:${j + 1}`;
    const src = base.targetGroups[p]!;
    const name = `${src.name} – variant ${v}`;
    const nameEn = src.nameEn ? `${src.nameEn} – variant ${v}` : null;
    ids.push(id);
    names.push(name);
    phrases.push(phrases[p]!);
    parent.push(p);
    depth.push(depth[p]! + 1);
    tgRows.push({
      id,
      ...em.nodeProv,
      name,
      nameEn,
      description: `Syntetisk, smalare målgrupp inom ${phrases[p]!}.`,
      search: foldForSearch(name),
    });
    broader.push(rel(id, src.id, 'TargetGroup', 'TargetGroup', em.relProps));
  }

  // Popularity: broad real groups first (shuffled within a level), narrow synthetic ones last; Zipf(1).
  const order = rng.shuffle(ids.map((_, i) => i).slice(0, baseCount)).sort((a, b) => depth[a]! - depth[b]!);
  order.push(...rng.shuffle(ids.map((_, i) => i).slice(baseCount)));
  const weights = new Float64Array(ids.length);
  order.forEach((t, rank) => (weights[t] = 1 / (rank + 1)));

  const children: number[][] = ids.map(() => []);
  parent.forEach((p, i) => p >= 0 && children[p]!.push(i));
  const related = ids.map((_, i) => {
    const out = [...children[i]!];
    const p = parent[i]!;
    if (p >= 0) {
      out.push(p);
      for (const s of children[p]!) if (s !== i) out.push(s);
    }
    return out;
  });
  return { ids, phrases, baseCount, popularity: new AliasTable(weights), related };
}

// ---------------------------------------------------------------------------------------------
// The generator

export function generateSynthetic(opts: SyntheticOptions): SyntheticResult {
  const started = performance.now();
  const { scale, seed, base } = opts;
  const now = Math.round(opts.now ?? Date.now());
  const n = opts.organisations ?? SCALES[scale].organisations;
  if (!Number.isInteger(n) || n < 20) throw new RangeError('organisations must be an integer >= 20');
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');

  const em = new Emitter(`seed ${seed}`, now);
  const phasesMs: Record<string, number> = {};
  let last = started;
  const mark = (phase: string) => {
    const t = performance.now();
    phasesMs[phase] = Math.round(t - last);
    last = t;
  };
  const geo = buildGeography(base, scale, n, new Random(seed, 1), em);
  const tax = buildTaxonomy(base, new Random(seed, 2), em);
  const nD = geo.ids.length;
  const nM = geo.munis.length;
  const nT = tax.ids.length;

  // Source node.
  em.nodeList('Source').push({
    id: SYNTHETIC_SOURCE_ID,
    ...em.nodeProv,
    title: `Samverkan: syntetiska data (seed ${seed})`,
    kind: 'SYNTHETIC',
    publisher: 'Samverkan',
    date: isoDate(now),
    location: 'seeds/synthetic/generate.ts',
    licence: 'CC0-1.0',
  });

  // Resource types: a few common (premises, volunteers), most rarer.
  const resIds = base.resourceTypes.map((r) => r.id);
  const resRng = new Random(seed, 3);
  const resTable = resIds.length
    ? (() => {
        const order = resRng.shuffle(resIds.map((_, i) => i));
        const w = new Float64Array(resIds.length);
        order.forEach((r, rank) => (w[r] = 1 / Math.pow(rank + 1, 0.8)));
        return new CumulativeTable(w);
      })()
    : null;

  mark('base');

  // ---- Umbrella organisations, planned before the organisations so their scope is known.
  const urng = new Random(seed, 4);
  const nUmbrella = Math.min(Math.floor(n / 4), Math.max(20, Math.round(n * PER_ORGANISATION.umbrellas)));
  const nNational = Math.max(2, Math.round(nUmbrella * 0.1));
  const nRegional = geo.regions.length ? Math.round(nUmbrella * 0.3) : 0;
  const umbLevel = new Uint8Array(nUmbrella);
  const umbHome = new Int32Array(nUmbrella);
  const umbOrg = new Int32Array(nUmbrella);
  const umbRankOf = new Int32Array(n).fill(-1);
  const regionUmbs: number[][] = geo.regions.map(() => []);
  const muniUmbs: number[][] = geo.munis.map(() => []);
  for (let u = 0; u < nUmbrella; u++) {
    if (u < nNational) {
      umbLevel[u] = SCOPE_NATIONAL;
      umbHome[u] = geo.stockholm >= 0 && urng.chance(0.6) ? geo.stockholm : geo.muniAlias.sample(urng);
    } else if (u < nNational + nRegional && geo.regionAlias) {
      const r = geo.regionAlias.sample(urng);
      umbLevel[u] = SCOPE_REGIONAL;
      umbHome[u] = geo.regionMunis[r]![geo.regionMuniTable[r]!.sample(urng)]!;
      regionUmbs[r]!.push(u);
    } else {
      umbLevel[u] = SCOPE_CITY;
      umbHome[u] = geo.muniAlias.sample(urng);
      muniUmbs[umbHome[u]!]!.push(u);
    }
    let o: number;
    do o = urng.int(n);
    while (umbRankOf[o]! >= 0);
    umbRankOf[o] = u;
    umbOrg[u] = o;
  }

  // ---- Organisations
  const rng = new Random(seed, 5);
  const orgIds: string[] = new Array<string>(n);
  const orgNames: string[] = new Array<string>(n);
  const orgHome = new Int32Array(n);
  const orgTgStart = new Int32Array(n + 1);
  const orgTgFlat: number[] = [];
  const orgDistStart = new Int32Array(n + 1);
  const orgDistFlat: number[] = [];
  const nameCount = new Map<string, number>();
  const orgNumbers = new Set<string>();
  const orgRows = em.nodeList('Organisation');
  const serves = em.relList('SERVES');
  const activeIn = em.relList('ACTIVE_IN');
  const offers = em.relList('OFFERS');
  const needs = em.relList('NEEDS');
  const threeYears = 3 * YEAR;

  for (let i = 0; i < n; i++) {
    const id = `syn:org:${i + 1}`;
    orgIds[i] = id;
    const urank = umbRankOf[i]!;
    let home: number;
    let scope: number;
    if (urank >= 0) {
      home = umbHome[urank]!;
      scope = umbLevel[urank]!;
    } else {
      home = geo.muniAlias.sample(rng);
      const r = rng.next();
      scope = r < 0.02 ? SCOPE_NATIONAL : r < 0.05 ? SCOPE_REGIONAL : r < 0.15 ? SCOPE_CITY : SCOPE_LOCAL;
    }
    if (scope === SCOPE_NATIONAL && geo.country < 0) scope = SCOPE_REGIONAL;
    if (scope === SCOPE_REGIONAL && geo.muniRegion[home]! < 0) scope = SCOPE_CITY;
    const leaves = geo.leaves[home]!;
    const inter = geo.inter[home]!;
    if (scope === SCOPE_LOCAL && leaves.length === 0 && inter.length === 0) scope = SCOPE_CITY;
    orgHome[i] = home;
    const muniD = geo.munis[home]!;

    // ACTIVE_IN
    const ds = orgDistFlat.length;
    if (scope === SCOPE_NATIONAL) {
      orgDistFlat.push(geo.country);
      if (rng.chance(0.3)) orgDistFlat.push(muniD);
    } else if (scope === SCOPE_REGIONAL) {
      orgDistFlat.push(geo.muniRegion[home]!);
      if (rng.chance(0.3)) orgDistFlat.push(muniD);
    } else if (scope === SCOPE_CITY) {
      orgDistFlat.push(muniD);
      if (leaves.length && rng.chance(0.2)) orgDistFlat.push(leaves[geo.leafTable[home]!.sample(rng)]!);
    } else {
      const k = DISTRICT_COUNT.sample(rng) + 1;
      const lt = geo.leafTable[home] ?? null;
      orgDistFlat.push(lt === null || (inter.length > 0 && rng.chance(0.15)) ? rng.pick(inter) : leaves[lt.sample(rng)]!);
      for (let a = 1, tries = 0; a < k && tries < 4 * k; tries++) {
        const prev = orgDistFlat[ds + rng.int(orgDistFlat.length - ds)]!;
        const nb = geo.neighbours[prev];
        let cand: number;
        if (nb !== undefined && rng.chance(0.6)) cand = nb[rng.int(nb.length)]!;
        else if (lt !== null) cand = leaves[lt.sample(rng)]!;
        else cand = rng.pick(inter);
        if (pushUnique(orgDistFlat, ds, cand)) a++;
      }
    }
    orgDistStart[i + 1] = orgDistFlat.length;
    for (let j = ds; j < orgDistFlat.length; j++) activeIn.push(rel(id, geo.ids[orgDistFlat[j]!]!, 'Organisation', 'District', em.relProps));

    // SERVES
    const ts = orgTgFlat.length;
    const kt = Math.min(nT, urank >= 0 ? 1 + rng.int(3) : TG_COUNT.sample(rng) + 1);
    const first = tax.popularity.sample(rng);
    orgTgFlat.push(first);
    const rel1 = tax.related[first]!;
    for (let a = 1, tries = 0; a < kt && tries < 6 * kt; tries++) {
      const cand = rel1.length && rng.chance(0.4) ? rel1[rng.int(rel1.length)]! : tax.popularity.sample(rng);
      if (pushUnique(orgTgFlat, ts, cand)) a++;
    }
    orgTgStart[i + 1] = orgTgFlat.length;
    for (let j = ts; j < orgTgFlat.length; j++) serves.push(rel(id, tax.ids[orgTgFlat[j]!]!, 'Organisation', 'TargetGroup', em.relProps));

    // Properties
    const form = urank >= 0 ? 0 : LEGAL_FORM_TABLE.sample(rng);
    const primary = orgDistFlat[ds]!;
    const place = scope === SCOPE_NATIONAL ? 'Sverige' : geo.places[primary]!;
    const tgPhrase = tax.phrases[first]!;
    // A taken name is drawn again a few times before it gets a sequence number.
    let name = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      name = urank >= 0 ? umbrellaName(rng, scope, place, tgPhrase) : organisationName(rng, form, place, tgPhrase);
      if (!nameCount.has(name)) break;
    }
    const seen = nameCount.get(name);
    nameCount.set(name, (seen ?? 0) + 1);
    if (seen !== undefined) name = `${name} ${seen + 1}`;
    orgNames[i] = name;

    let aliases: string[] | null = null;
    if (rng.chance(0.15)) {
      const alias = aliasOf(name);
      if (alias !== null) aliases = [alias];
    }
    let number: string | null = null;
    if (rng.chance(0.6)) {
      do number = orgNumber(rng, LEGAL_FORM_GROUP[form]!);
      while (orgNumbers.has(number));
      orgNumbers.add(number);
    }
    const folded = foldForSearch(name);
    const s = slug(folded);
    const tgList: string[] = [];
    for (let j = ts; j < orgTgFlat.length && tgList.length < 3; j++) {
      const p = tax.phrases[orgTgFlat[j]!]!;
      if (!tgList.includes(p)) tgList.push(p);
    }
    const where =
      scope === SCOPE_NATIONAL
        ? 'i hela Sverige'
        : scope === SCOPE_REGIONAL
          ? `i ${geo.places[geo.muniRegion[home]!]!}`
          : scope === SCOPE_CITY
            ? `i hela ${geo.places[muniD]!}`
            : `i ${place}`;
    let description =
      urank >= 0
        ? `Paraplyorganisation ${where} för föreningar som arbetar med ${listPhrase(tgList)}.`
        : `${capitalise(LEGAL_FORMS[form]!)} ${where} som arbetar med ${listPhrase(tgList)}.`;
    if (rng.chance(0.6)) description += ` ${rng.pick(ACTIVITIES)}`;

    orgRows.push({
      id,
      ...em.nodeProv,
      name,
      aliases,
      search: aliases === null ? folded : searchText(name, aliases),
      orgNumber: number,
      legalForm: LEGAL_FORMS[form]!,
      description,
      website: rng.chance(0.35) ? `https://${s}.example` : null,
      email: rng.chance(0.8) ? `info@${s}.example` : null,
      phone: null,
      address: null,
      contactVerifiedAt: rng.chance(0.85) ? now - Math.floor(rng.next() * threeYears) : null,
    });

    // OFFERS / NEEDS
    if (resTable !== null) {
      const ko = Math.min(resIds.length, RESOURCE_COUNT.sample(rng));
      const kn = Math.min(resIds.length, RESOURCE_COUNT.sample(rng));
      let offered = 0; // bit set of offered resource indices (first 31)
      const offeredList: number[] = [];
      for (let a = 0, tries = 0; a < ko && tries < 8; tries++) {
        const r = resTable.sample(rng);
        if (offeredList.includes(r)) continue;
        offeredList.push(r);
        if (r < 31) offered |= 1 << r;
        offers.push(rel(id, resIds[r]!, 'Organisation', 'ResourceType', em.relProps));
        a++;
      }
      const neededList: number[] = [];
      for (let a = 0, tries = 0; a < kn && tries < 8; tries++) {
        const r = resTable.sample(rng);
        if (neededList.includes(r) || (r < 31 ? (offered & (1 << r)) !== 0 : offeredList.includes(r))) continue;
        neededList.push(r);
        needs.push(rel(id, resIds[r]!, 'Organisation', 'ResourceType', em.relProps));
        a++;
      }
    }
  }

  mark('organisations');

  // ---- MEMBER_OF umbrella organisations (power law: a handful of national ones are huge).
  const mrng = new Random(seed, 6);
  const memberOf = em.relList('MEMBER_OF');
  const nationalAlias = zipfSampler(nNational, 1.0);
  const tgNational: number[][] = tax.ids.map(() => []);
  for (let u = 0; u < nNational; u++) tgNational[orgTgFlat[orgTgStart[umbOrg[u]!]!]!]!.push(u);
  const chosen: number[] = [];
  const thematic: number[] = [];
  const pickNational = (o: number): number => {
    if (mrng.chance(0.35)) {
      thematic.length = 0;
      for (let j = orgTgStart[o]!; j < orgTgStart[o + 1]!; j++) for (const u of tgNational[orgTgFlat[j]!]!) thematic.push(u);
      if (thematic.length) {
        thematic.sort((a, b) => a - b);
        const x = mrng.next();
        return thematic[Math.floor(thematic.length * x * x)]!;
      }
    }
    return nationalAlias.sample(mrng);
  };
  const skewedPick = (list: readonly number[]): number => {
    const x = mrng.next();
    return list[Math.floor(list.length * x * x)]!;
  };
  for (let o = 0; o < n; o++) {
    const own = umbRankOf[o]!;
    chosen.length = 0;
    if (own >= 0) {
      // Regional and local umbrellas belong to national ones (and local ones to regional ones).
      if (umbLevel[own] === SCOPE_NATIONAL) continue;
      if (mrng.chance(0.6)) chosen.push(pickNational(o));
      const rp = geo.regionPosOfMuni[orgHome[o]!]!;
      if (umbLevel[own] === SCOPE_CITY && rp >= 0 && regionUmbs[rp]!.length && mrng.chance(0.3)) chosen.push(skewedPick(regionUmbs[rp]!));
    } else {
      const k = MEMBERSHIP_COUNT.sample(mrng);
      for (let tries = 0; chosen.length < k && tries < 3 * k; tries++) {
        const r = mrng.next();
        let u = -1;
        if (r < 0.62) u = pickNational(o);
        else if (r < 0.86) {
          const rp = geo.regionPosOfMuni[orgHome[o]!]!;
          if (rp >= 0 && regionUmbs[rp]!.length) u = skewedPick(regionUmbs[rp]!);
        } else if (muniUmbs[orgHome[o]!]!.length) u = skewedPick(muniUmbs[orgHome[o]!]!);
        if (u < 0) u = nationalAlias.sample(mrng);
        if (!chosen.includes(u)) chosen.push(u);
      }
    }
    for (const u of chosen) memberOf.push(rel(orgIds[o]!, orgIds[umbOrg[u]!]!, 'Organisation', 'Organisation', em.relProps));
  }

  mark('memberships');

  // ---- Public bodies: a social committee per municipality, a regional board per region, a
  // district committee per stadsdelsområde.
  const pbRows = em.nodeList('PublicBody');
  const covers = em.relList('COVERS');
  const pbIds: string[] = [];
  const addPublicBody = (name: string, nameEn: string, kind: PublicBodyKind, level: GovernmentLevel, district: number): number => {
    const id = `syn:pb:${pbIds.length + 1}`;
    pbIds.push(id);
    pbRows.push({ id, ...em.nodeProv, name, nameEn, kind, level, formerNames: null, search: foldForSearch(name) });
    covers.push(rel(id, geo.ids[district]!, 'PublicBody', 'District', em.relProps));
    return pbIds.length - 1;
  };
  const muniPb = geo.munis.map((m) =>
    addPublicBody(`Socialnämnden i ${geo.places[m]!}`, `Social Services Committee, ${geo.places[m]!}`, 'COMMITTEE', 'MUNICIPAL', m),
  );
  const regionPb = geo.regions.map((r) =>
    addPublicBody(`Regionstyrelsen, ${geo.places[r]!}`, `Regional Executive Board, ${geo.places[r]!}`, 'COMMITTEE', 'REGIONAL', r),
  );
  const districtPb = new Int32Array(nD).fill(-1);
  geo.inter.forEach((list) => {
    for (const d of list)
      if (geo.kinds[d] === 'STADSDELSOMRADE')
        districtPb[d] = addPublicBody(`${geo.places[d]!} stadsdelsnämnd`, `${geo.places[d]!} District Committee`, 'COMMITTEE', 'DISTRICT', d);
  });
  const committeeOf = (d: number): number => {
    for (let x = d, guard = 0; x >= 0 && guard < 8; x = geo.parent[x]!, guard++) if (districtPb[x]! >= 0) return districtPb[x]!;
    return -1;
  };

  // ---- Indexes for partner selection (organisations by target group, by target group and
  // municipality, by target group and district, by district, by municipality).
  const byTg = new Csr(nT);
  const byTgMuni = new Csr(nT * nM);
  const byTgDist = new Csr(nT * nD);
  const byDist = new Csr(nD);
  const byMuni = new Csr(nM);
  for (let pass = 0; pass < 2; pass++) {
    for (let o = 0; o < n; o++) {
      const home = orgHome[o]!;
      const d0 = orgDistStart[o]!;
      const d1 = orgDistStart[o + 1]!;
      const t1 = orgTgStart[o + 1]!;
      if (pass === 0) {
        byMuni.count(home);
        for (let j = d0; j < d1; j++) byDist.count(orgDistFlat[j]!);
        for (let t = orgTgStart[o]!; t < t1; t++) {
          const tg = orgTgFlat[t]!;
          byTg.count(tg);
          byTgMuni.count(tg * nM + home);
          for (let j = d0; j < d1; j++) byTgDist.count(tg * nD + orgDistFlat[j]!);
        }
      } else {
        byMuni.put(home, o);
        for (let j = d0; j < d1; j++) byDist.put(orgDistFlat[j]!, o);
        for (let t = orgTgStart[o]!; t < t1; t++) {
          const tg = orgTgFlat[t]!;
          byTg.put(tg, o);
          byTgMuni.put(tg * nM + home, o);
          for (let j = d0; j < d1; j++) byTgDist.put(tg * nD + orgDistFlat[j]!, o);
        }
      }
    }
  }
  mark('indexes');

  // ---- Collaborations
  const crng = new Random(seed, 7);
  const nCollab = Math.round(n * PER_ORGANISATION.collaborations);
  const collabRows = em.nodeList('Collaboration');
  const participates = em.relList('PARTICIPATES_IN');
  const concerns = em.relList('CONCERNS');
  const collabStart = new Int32Array(nCollab + 1);
  const partFlat: number[] = [];
  const orgCollabs: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const coordinator = em.role('COORDINATOR');
  const member = em.role('MEMBER');
  for (let c = 0; c < nCollab; c++) {
    const id = `syn:collab:${c + 1}`;
    const kindIdx = COLLABORATION_KIND_TABLE.sample(crng);
    const kind = COLLABORATION_KINDS[kindIdx]!;
    const strategies = PARTNER_STRATEGIES[kindIdx]!;
    const seedOrg = partFlat.length && crng.chance(0.35) ? partFlat[crng.int(partFlat.length)]! : crng.int(n);
    const t0 = orgTgStart[seedOrg]!;
    const focus = orgTgFlat[t0 + crng.int(orgTgStart[seedOrg + 1]! - t0)]!;
    const d0 = orgDistStart[seedOrg]!;
    const locus = orgDistFlat[d0 + crng.int(orgDistStart[seedOrg + 1]! - d0)]!;
    const home = orgHome[seedOrg]!;
    const size = PARTICIPANT_COUNT.sample(crng) + 2;
    const start = partFlat.length;
    partFlat.push(seedOrg);
    for (let tries = 0; partFlat.length - start < size && tries < 5 * size; tries++) {
      const r = crng.next();
      let s = 0;
      while (s < 5 && r >= strategies[s]!) s++;
      let cand = -1;
      if (s === 0) cand = csrPick(byTgDist, focus * nD + locus, crng);
      else if (s === 1) cand = csrPick(byTgMuni, focus * nM + home, crng);
      else if (s === 2) cand = csrPick(byDist, locus, crng);
      else if (s === 3) cand = csrPick(byTg, focus, crng);
      else if (s === 4) {
        const p = partFlat[start + crng.int(partFlat.length - start)]!;
        const cl = orgCollabs[p];
        if (cl !== undefined) {
          const c2 = cl[crng.int(cl.length)]!;
          const a = collabStart[c2]!;
          cand = partFlat[a + crng.int(collabStart[c2 + 1]! - a)]!;
        }
      } else cand = crng.int(n);
      if (cand >= 0) pushUnique(partFlat, start, cand);
    }
    while (partFlat.length - start < 2) pushUnique(partFlat, start, crng.int(n));
    collabStart[c + 1] = partFlat.length;

    for (let j = start; j < partFlat.length; j++) {
      const o = partFlat[j]!;
      (orgCollabs[o] ??= []).push(c);
      participates.push(rel(orgIds[o]!, id, 'Organisation', 'Collaboration', j === start ? coordinator : member));
    }
    if (crng.chance(0.1)) participates.push(rel(pbIds[muniPb[home]!]!, id, 'PublicBody', 'Collaboration', em.role(crng.chance(0.4) ? 'FUNDER' : 'PARTY')));

    concerns.push(rel(id, tax.ids[focus]!, 'Collaboration', 'TargetGroup', em.relProps));
    if (crng.chance(0.3)) {
      const o = partFlat[start + 1 + crng.int(partFlat.length - start - 1)]!;
      const t = orgTgFlat[orgTgStart[o]! + crng.int(orgTgStart[o + 1]! - orgTgStart[o]!)]!;
      if (t !== focus) concerns.push(rel(id, tax.ids[t]!, 'Collaboration', 'TargetGroup', em.relProps));
    }
    activeIn.push(rel(id, geo.ids[locus]!, 'Collaboration', 'District', em.relProps));
    if (crng.chance(0.25)) {
      const o = partFlat[start + 1 + crng.int(partFlat.length - start - 1)]!;
      const d = orgDistFlat[orgDistStart[o]!]!;
      if (d !== locus) activeIn.push(rel(id, geo.ids[d]!, 'Collaboration', 'District', em.relProps));
    }

    const place = geo.kinds[locus] === 'COUNTRY' ? 'Sverige' : geo.places[locus]!;
    const tg = tax.phrases[focus]!;
    const startMs = now - Math.floor(crng.next() * 8 * YEAR);
    const endMs = crng.chance(kind === 'JOINT_PROJECT' ? 0.6 : 0.25) ? startMs + Math.floor((0.5 + crng.next() * 2.5) * YEAR) : null;
    collabRows.push({
      id,
      ...em.nodeProv,
      name: `${collaborationName(crng, kind, tg, place)} (${new Date(startMs).getUTCFullYear()})`,
      kind,
      description: collaborationDescription(kind, tg, place),
      startDate: isoDate(startMs),
      endDate: endMs === null ? null : isoDate(endMs),
    });
  }

  mark('collaborations');

  // ---- Agreements with public bodies.
  const arng = new Random(seed, 8);
  const nAgreement = Math.round(n * PER_ORGANISATION.agreements);
  const agreementRows = em.nodeList('Agreement');
  const partyTo = em.relList('PARTY_TO');
  let agreements = 0;
  const newAgreementId = (): string => `syn:agr:${++agreements}`;
  const nCompact = Math.min(nAgreement, scale === 'sweden' ? Math.max(1, Math.round(geo.regions.length * 0.5 + nM * 0.08)) : 1);
  for (let c = 0; c < nCompact; c++) {
    const id = newAgreementId();
    const regional = geo.regionAlias !== null && scale === 'sweden' && arng.chance(0.3);
    const rp = regional ? geo.regionAlias!.sample(arng) : -1;
    const m = regional ? -1 : scale === 'stockholm' ? 0 : geo.muniAlias.sample(arng);
    const pb = regional ? regionPb[rp]! : muniPb[m]!;
    const area = regional ? geo.regions[rp]! : geo.munis[m]!;
    const areaName = geo.places[area]!;
    const pool = regional ? geo.regionMunis[rp]!.reduce((a, p) => a + csrSize(byMuni, p), 0) : csrSize(byMuni, m);
    const want = Math.min(Math.floor(pool / 2), arng.powerLawInt(15, 300, 1.6));
    const signatories = new Set<number>();
    for (let tries = 0; signatories.size < want && tries < want * 4; tries++) {
      const mm = regional ? geo.regionMunis[rp]![geo.regionMuniTable[rp]!.sample(arng)]! : m;
      const o = csrPick(byMuni, mm, arng);
      if (o >= 0) signatories.add(o);
    }
    partyTo.push(rel(pbIds[pb]!, id, 'PublicBody', 'Agreement', em.role('SIGNATORY')));
    for (const o of signatories) partyTo.push(rel(orgIds[o]!, id, 'Organisation', 'Agreement', em.role('SIGNATORY')));
    covers.push(rel(id, geo.ids[area]!, 'Agreement', 'District', em.relProps));
    const startMs = now - Math.floor((2 + arng.next() * 12) * YEAR);
    const name = regional
      ? `Regional överenskommelse mellan ${areaName} och den idéburna sektorn`
      : `Lokal överenskommelse mellan ${areaName} och den idéburna sektorn`;
    agreementRows.push(
      agreementRow(em, id, name, 'COMPACT', arng.chance(0.85) ? 'ACTIVE' : 'ENDED', {
        description: `Överenskommelse om samverkan mellan ${areaName} och idéburna organisationer, med gemensamma principer och åtaganden.`,
        startDate: isoDate(startMs),
        principles: COMPACT_PRINCIPLES,
      }),
    );
  }

  for (let a = nCompact; a < nAgreement; a++) {
    const id = newAgreementId();
    const kind = AGREEMENT_KINDS_DRAWN[AGREEMENT_KIND_TABLE.sample(arng)]!;
    const lead = arng.int(n);
    const home = orgHome[lead]!;
    const primary = orgDistFlat[orgDistStart[lead]!]!;
    const committee = committeeOf(primary);
    const rp = geo.regionPosOfMuni[home]!;
    const r = arng.next();
    let pb: number;
    let area: number;
    if (committee >= 0 && r < 0.4) {
      pb = committee;
      area = primary;
    } else if (rp >= 0 && r > 0.85) {
      pb = regionPb[rp]!;
      area = geo.regions[rp]!;
    } else {
      pb = muniPb[home]!;
      area = geo.kinds[primary] === 'COUNTRY' || geo.kinds[primary] === 'REGION' ? geo.munis[home]! : primary;
    }
    const t0 = orgTgStart[lead]!;
    const focus = orgTgFlat[t0 + arng.int(orgTgStart[lead + 1]! - t0)]!;
    const tg = tax.phrases[focus]!;
    const place = geo.places[area]!;

    const parties: number[] = [lead];
    // IOPs often have several organisations; a fifth of grants are joint applications.
    const extra = kind === 'IOP' ? arng.int(3) : kind === 'OTHER' || (kind === 'GRANT' && arng.chance(0.2)) ? 1 : 0;
    for (let j = 0, tries = 0; j < extra && tries < 6; tries++) {
      const o = arng.chance(0.7) ? csrPick(byTgMuni, focus * nM + home, arng) : csrPick(byMuni, home, arng);
      if (o >= 0 && pushUnique(parties, 0, o)) j++;
    }
    const orgRole: PartyRole = kind === 'GRANT' ? 'RECIPIENT' : kind === 'PROCUREMENT' ? 'PROVIDER' : 'PARTY';
    partyTo.push(rel(pbIds[pb]!, id, 'PublicBody', 'Agreement', em.role(kind === 'GRANT' ? 'FUNDER' : 'PARTY')));
    for (const o of parties) partyTo.push(rel(orgIds[o]!, id, 'Organisation', 'Agreement', em.role(orgRole)));
    concerns.push(rel(id, tax.ids[focus]!, 'Agreement', 'TargetGroup', em.relProps));
    if (arng.chance(0.3)) {
      const t = orgTgFlat[t0 + arng.int(orgTgStart[lead + 1]! - t0)]!;
      if (t !== focus) concerns.push(rel(id, tax.ids[t]!, 'Agreement', 'TargetGroup', em.relProps));
    }
    covers.push(rel(id, geo.ids[area]!, 'Agreement', 'District', em.relProps));

    // Dates and status.
    const years = kind === 'GRANT' ? 1 : kind === 'IOP' ? 1 + arng.int(4) : kind === 'PROCUREMENT' ? 2 + arng.int(3) : 1 + arng.int(3);
    const sr = arng.next();
    let status: AgreementStatus;
    let startMs: number;
    if (sr < 0.05) {
      status = 'PLANNED';
      startMs = now + Math.floor((1 + arng.next() * 180) * DAY);
    } else {
      startMs = now - Math.floor(arng.next() * 6 * YEAR);
      status = sr < 0.1 ? 'UNKNOWN' : startMs + years * YEAR > now ? 'ACTIVE' : 'ENDED';
    }
    const endMs = status === 'UNKNOWN' ? null : startMs + Math.floor(years * YEAR) - DAY;
    const year = new Date(startMs).getUTCFullYear();
    const [lo, hi] = kind === 'GRANT' ? [20e3, 2e6] : kind === 'IOP' ? [300e3, 15e6] : kind === 'PROCUREMENT' ? [500e3, 30e6] : [50e3, 1e6];
    const valueSek = arng.chance(0.9) ? Math.round(arng.logUniform(lo, hi) / 1000) * 1000 : null;

    const fields: Partial<Record<string, PropertyValue>> = {
      startDate: isoDate(startMs),
      endDate: endMs === null ? null : isoDate(endMs),
      valueSek,
    };
    let name: string;
    if (kind === 'GRANT') {
      name = `${arng.chance(0.6) ? 'Verksamhetsbidrag' : 'Projektbidrag'} ${year}: ${orgNames[lead]!}`;
      fields.description = `Bidrag från ${pbRows[pb]!.name as string} till ${orgNames[lead]!} för arbete med ${tg}.`;
    } else if (kind === 'IOP') {
      name = `IOP om ${tg} i ${place} (${year})`;
      fields.description = `Idéburet offentligt partnerskap för ${tg} i ${place}.`;
      const areas = new Set<string>();
      for (let j = 1 + arng.int(3); areas.size < j; ) areas.add(arng.pick(COLLABORATION_AREAS));
      fields.collaborationAreas = [...areas];
      // The 2021 audit's criteria, randomly met or missing.
      fields.societalChallenge = arng.chance(0.7) ? `Behov av stöd för ${tg} i ${place} som kommunen inte ensam kan möta` : null;
      fields.politicalProgramme = arng.chance(0.6) ? `Kommunfullmäktiges program för ${tg}` : null;
      // An audited IOP without the text states none (the audit's "Nej").
      fields.societalChallengeStated = fields.societalChallenge !== null;
      fields.politicalProgrammeStated = fields.politicalProgramme !== null;
      fields.steeringMeetingsPerYear = arng.chance(0.8) ? arng.pick([1, 2, 4, 6, 10, 12]) : null;
      fields.commitmentsBeyondFunding = arng.chance(0.5);
      fields.followUpPlan = arng.chance(0.9) ? arng.chance(0.7) : null;
      fields.evaluatedAtExpiry = status === 'ENDED' ? arng.chance(0.4) : null;
      fields.documentedConsiderations = arng.chance(0.85) ? arng.chance(0.6) : null;
      const met =
        Number(fields.societalChallenge !== null) +
        Number(fields.politicalProgramme !== null) +
        Number(fields.followUpPlan === true) +
        Number(fields.evaluatedAtExpiry === true) +
        Number(fields.documentedConsiderations === true);
      fields.auditNotes = `Syntetisk granskning: ${met} av 5 kriterier uppfyllda.`;
    } else if (kind === 'PROCUREMENT') {
      name = `Upphandling av stöd för ${tg}, ${place} (${year})`;
      fields.description = `Upphandlad tjänst för ${tg} i ${place}.`;
    } else {
      name = `Avtal om ${arng.pick(COLLABORATION_AREAS)} i ${place} (${year})`;
      fields.description = `Överenskommelse med ${pbRows[pb]!.name as string} om samarbete kring ${tg}.`;
    }
    agreementRows.push(agreementRow(em, id, name, kind, status, fields));
  }

  mark('agreements');

  // Leave out labels and types with no rows (e.g. no synthetic districts at Stockholm scale).
  for (const label of Object.keys(em.nodes) as NodeLabel[]) if (em.nodes[label]!.length === 0) delete em.nodes[label];
  for (const type of Object.keys(em.rels) as RelType[]) if (em.rels[type]!.length === 0) delete em.rels[type];
  const batch: GraphBatch = { nodes: em.nodes, rels: em.rels };
  const nodesByLabel: Partial<Record<NodeLabel, number>> = {};
  const relsByType: Partial<Record<RelType, number>> = {};
  let nodes = 0;
  let relationships = 0;
  for (const [label, rows] of Object.entries(batch.nodes) as [NodeLabel, NodeRow[]][]) {
    nodesByLabel[label] = rows.length;
    nodes += rows.length;
  }
  for (const [type, rows] of Object.entries(batch.rels) as [RelType, RelRow[]][]) {
    relsByType[type] = rows.length;
    relationships += rows.length;
  }
  return {
    batch,
    stats: {
      scale,
      seed,
      organisations: n,
      umbrellas: nUmbrella,
      collaborations: nCollab,
      agreements,
      publicBodies: pbIds.length,
      targetGroups: { base: tax.baseCount, synthetic: nT - tax.baseCount, total: nT },
      districts: { base: geo.baseCount, synthetic: geo.synthetic, total: nD },
      nodes,
      relationships,
      nodesByLabel,
      relsByType,
      generationMs: Math.round(performance.now() - started),
      phasesMs,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Names and texts

function organisationName(rng: Random, form: number, place: string, tg: string): string {
  const w = rng.chance(0.65) ? `${rng.pick(ADJECTIVES)} ${rng.pick(WORDS)}` : rng.pick(WORDS);
  switch (form) {
    case 1: {
      const r = rng.int(4);
      if (r === 0) return `Stiftelsen ${w}`;
      if (r === 1) return `Stiftelsen ${w} i ${place}`;
      if (r === 2) return `Stiftelsen ${rng.pick(SURNAMES)}s minnesfond i ${place}`;
      return `Stiftelsen för ${tg} i ${place}`;
    }
    case 2: {
      const r = rng.int(3);
      if (r === 0) return `${w} ekonomisk förening`;
      if (r === 1) return `Kooperativet ${w} i ${place}`;
      return `Sociala företaget ${w} i ${place}`;
    }
    case 3:
      return rng.chance(0.2) ? `${place} ${rng.pick(CONGREGATIONS)}` : `${rng.pick(CHURCHES)} i ${place}`;
    default: {
      const r = rng.next();
      if (r < 0.32) return `Föreningen ${w} i ${place}`;
      if (r < 0.42) return `Föreningen för ${tg} i ${place}`;
      if (r < 0.49) return `${genitive(place)} ${rng.pick(COMPOUNDS)}förening`;
      if (r < 0.57) return `${capitalise(rng.pick(COMPOUNDS))}föreningen ${w}`;
      if (r < 0.75) return `${capitalise(rng.pick(COMPOUNDS))}föreningen ${w} i ${place}`;
      if (r < 0.76) return `Hela Människan ${place}`;
      if (r < 0.8) return `${rng.pick(JOURS)} ${place}`;
      if (r < 0.94) return `Träffpunkt ${w} i ${place}`;
      return `Ideella föreningen ${w}`;
    }
  }
}

function umbrellaName(rng: Random, scope: number, place: string, tg: string): string {
  const c = rng.pick(COMPOUNDS);
  if (scope === SCOPE_NATIONAL) {
    const r = rng.int(6);
    if (r === 0) return `Riksförbundet för ${tg}`;
    if (r === 1) return `Sveriges ${c}föreningars riksförbund`;
    if (r === 2) return `Nationella samarbetsrådet för ${tg}`;
    if (r === 3) return `${capitalise(c)}förbundet Sverige`;
    if (r === 4) return `Riksorganisationen ${rng.pick(WORDS)}`;
    return `Förbundet ${rng.pick(ADJECTIVES)} ${rng.pick(WORDS)}`;
  }
  if (scope === SCOPE_REGIONAL) return rng.chance(0.5) ? `${capitalise(c)}förbundet ${place}` : `Samarbetsrådet för ${tg} i ${place}`;
  return rng.chance(0.5) ? `${genitive(place)} ${c}föreningars samarbetsråd` : `Samverkansforum för ${tg} i ${place}`;
}

/** A short name: the name without its "Föreningen"/"Stiftelsen" prefix, or its initials. */
function aliasOf(name: string): string | null {
  const m = /^(Föreningen|Stiftelsen|Kooperativet|Ideella föreningen) (.+)$/.exec(name);
  if (m && !m[2]!.startsWith('för ')) return m[2]!;
  const initials = name
    .split(/[\s–-]+/)
    .filter((w) => w.length > 2 && !/^\d+$/.test(w))
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
  return initials.length >= 2 && initials.length <= 5 && initials !== name ? initials : null;
}

function collaborationName(rng: Random, kind: CollaborationKind, tg: string, place: string): string {
  switch (kind) {
    case 'NETWORK':
      return `Nätverket för ${tg} i ${place}`;
    case 'EXPERIENCE_EXCHANGE':
      return `Erfarenhetsutbyte om ${tg} i ${place}`;
    case 'JOINT_PROJECT':
      return `Projekt ${rng.pick(PROJECT_WORDS)}: ${tg} i ${place}`;
    case 'OPINION_FORMING':
      return `Opinionsgruppen för ${tg}`;
    case 'SHARED_PREMISES':
      return `Gemensamma lokaler i ${place}`;
    default:
      return `Samverkan kring ${tg} i ${place}`;
  }
}

function collaborationDescription(kind: CollaborationKind, tg: string, place: string): string {
  switch (kind) {
    case 'NETWORK':
      return `Samverkansgrupp för organisationer som arbetar med ${tg} i ${place}.`;
    case 'EXPERIENCE_EXCHANGE':
      return `Regelbundet erfarenhetsutbyte mellan organisationer som möter ${tg}.`;
    case 'JOINT_PROJECT':
      return `Gemensamt projekt för ${tg} i ${place}, med gemensam bidragsansökan.`;
    case 'OPINION_FORMING':
      return `Gemensam opinionsbildning och påverkansarbete för ${tg}.`;
    case 'SHARED_PREMISES':
      return `Organisationer som delar lokaler och praktiska resurser i ${place}.`;
    default:
      return `Samverkan kring ${tg} i ${place}.`;
  }
}

function agreementRow(
  em: Emitter,
  id: string,
  name: string,
  kind: AgreementKind,
  status: AgreementStatus,
  fields: Partial<Record<string, PropertyValue>>,
): NodeRow {
  return {
    id,
    ...em.nodeProv,
    name,
    kind,
    status,
    description: fields.description ?? null,
    startDate: fields.startDate ?? null,
    endDate: fields.endDate ?? null,
    valueSek: fields.valueSek ?? null,
    valueMinSek: null,
    valueMaxSek: null,
    isSummary: false,
    summaryCount: null,
    collaborationAreas: fields.collaborationAreas ?? null,
    principles: fields.principles ?? null,
    jointCommitments: null,
    cityCommitments: null,
    sectorCommitments: null,
    societalChallenge: fields.societalChallenge ?? null,
    politicalProgramme: fields.politicalProgramme ?? null,
    societalChallengeStated: fields.societalChallengeStated ?? null,
    politicalProgrammeStated: fields.politicalProgrammeStated ?? null,
    steeringMeetingsPerYear: fields.steeringMeetingsPerYear ?? null,
    commitmentsBeyondFunding: fields.commitmentsBeyondFunding ?? null,
    followUpPlan: fields.followUpPlan ?? null,
    evaluatedAtExpiry: fields.evaluatedAtExpiry ?? null,
    documentedConsiderations: fields.documentedConsiderations ?? null,
    auditNotes: fields.auditNotes ?? null,
    search: foldForSearch(name),
  };
}
