/**
 * The read model's data: organisation records with their outgoing links (with provenance), the
 * nodes those links point at, inverted indexes (target → organisations) and the hierarchies
 * "including narrower" and "including inside" walk. It mirrors the store in normalised form:
 * a link holds the target's id, so renaming a target or an organisation touches one entry.
 * Only mutations the sync layer derives from committed writes change it (graph/readmodel/sync.ts).
 */
import { LINK_KINDS, ORGANISATION_LINKS, type LinkTargetLabel, type OrganisationLinkKind } from '../model/links.js';
import type { OrganisationRecord, Provenance } from '../model/records.js';
import { compareText } from '../text/order.js';
import { clearBit, orInto, setBit, wordsFor, type Bits } from './bitset.js';

/** The organisation links the model holds: every kind of graph/model/links.ts. */
export { LINK_KINDS };
export type LinkKind = OrganisationLinkKind;

/** The kinds searches filter by through bitsets (graph/readmodel/bitset.ts); agreements are too many targets for a bitset each. */
export const BITSET_KINDS = ['targetGroup', 'district', 'offers', 'needs'] as const;
export type BitsetKind = (typeof BITSET_KINDS)[number];
export const isBitsetKind = (kind: LinkKind): kind is BitsetKind => (BITSET_KINDS as readonly string[]).includes(kind);

/** The labels links point at, other than Organisation (umbrella links point at organisations). */
export type TargetLabel = Exclude<LinkTargetLabel, 'Organisation'>;
export const TARGET_LABELS = [...new Set(LINK_KINDS.map((k) => ORGANISATION_LINKS[k].to))].filter((l): l is TargetLabel => l !== 'Organisation');

export const TARGET_OF = Object.fromEntries(LINK_KINDS.map((k) => [k, ORGANISATION_LINKS[k].to])) as Record<LinkKind, TargetLabel | 'Organisation'>;

/** A value for every link kind. */
const perKind = <T>(make: () => T): Record<LinkKind, T> => Object.fromEntries(LINK_KINDS.map((k) => [k, make()])) as Record<LinkKind, T>;

/** A node a link points at: what a link shows of it. `extra` is nameEn (target groups) or kind. */
export interface TargetNode {
  id: string;
  name: string | null;
  extra: string | null;
}

/** A relationship from an organisation: its target and its own properties. Provenance objects are shared. */
export interface Edge {
  to: string;
  prov: Readonly<Provenance>;
  role: string | null;
  note: string | null;
}

export interface OrgEntry {
  record: OrganisationRecord;
  search: string | null;
  out: Record<LinkKind, Edge[]>;
  /** Its position in the (name, id) order; current only as `ReadModel.ranked()` returns. */
  rank: number;
  /**
   * The last search that visited this entry (queries.ts): dedupes a union of index sets without
   * building a Set of tens of thousands of entries. Searches are synchronous, so one at a time.
   */
  visit: number;
}

const emptyOut = (): Record<LinkKind, Edge[]> => perKind(() => []);

export class ReadModel {
  readonly orgs = new Map<string, OrgEntry>();
  /** Every organisation ordered by (name, id) as the engine orders them: keyset pages walk it. */
  private ordered: OrgEntry[] = [];
  private orderedValid = true;
  /** Whether every entry's `rank` is its index in `ordered` (and `bits` is built). */
  private ranksValid = false;
  /**
   * How many times the ranks were numbered (never 0): a rank read while this was n is still the
   * same organisation's while it is n, since adding, removing or renaming any renumbers them.
   */
  rankings = 0;
  /**
   * Per bitset kind, target id → the organisations linked to it as bits by rank; current while
   * the ranks are (null otherwise: rebuilt with them). Links changing keep them in step.
   */
  private bits: Record<BitsetKind, Map<string, Bits>> | null = null;
  /**
   * Unions of several targets' bits (a municipality with its districts), kept until a link or
   * rank changes; the least recently used go first (1,024 at Sweden scale: 32 MB).
   */
  private readonly unions = new Map<string, Bits>();
  private static readonly UNIONS_KEPT = 1024;
  private slab = new Uint32Array(0);
  private slabWords = 0;
  private slabUsed = 0;
  readonly nodes: Record<TargetLabel, Map<string, TargetNode>> = {
    TargetGroup: new Map(),
    District: new Map(),
    ResourceType: new Map(),
    Agreement: new Map(),
    Collaboration: new Map(),
  };
  /** target id → organisations with a link of that kind to it (for umbrella: the members). */
  readonly byTarget: Record<LinkKind, Map<string, Set<OrgEntry>>> = perKind(() => new Map());
  /** BROADER reversed (group → narrower groups) and PART_OF both ways (district → inner, district → outer). */
  readonly narrower = new Map<string, string[]>();
  readonly inner = new Map<string, string[]>();
  readonly outer = new Map<string, string[]>();
  private readonly provenances = new Map<string, Readonly<Provenance>>();

  /** One shared object per distinct provenance (millions of links share a few hundred). */
  provenance(p: Provenance): Readonly<Provenance> {
    const key = `${p.sourceId}\u0001${p.sourceLocator}\u0001${p.basis}\u0001${p.confidence}\u0001${p.recordedAt}\u0001${p.synthetic}\u0001${p.quote}\u0001${p.rule}`;
    let shared = this.provenances.get(key);
    if (!shared) {
      shared = Object.freeze({ sourceId: p.sourceId, sourceLocator: p.sourceLocator, basis: p.basis, confidence: p.confidence, quote: p.quote, rule: p.rule, recordedAt: p.recordedAt, synthetic: p.synthetic });
      this.provenances.set(key, shared);
    }
    return shared;
  }

  get size(): number {
    return this.orgs.size;
  }

  /** Organisations in (name, id) order. */
  inOrder(): readonly OrgEntry[] {
    if (!this.orderedValid) {
      this.ordered = [...this.orgs.values()].sort(compareEntries);
      this.orderedValid = true;
      this.invalidateRanks();
    }
    return this.ordered;
  }

  /**
   * Organisations in (name, id) order with each entry's `rank` set to its position, so that
   * searches order their matches by comparing numbers instead of names. A write that moves an
   * organisation in the order renumbers them all at the next search.
   */
  ranked(): readonly OrgEntry[] {
    const all = this.inOrder();
    if (!this.ranksValid) {
      this.rankings = (this.rankings + 1) >>> 0 || 1;
      for (let i = 0; i < all.length; i++) all[i]!.rank = i;
      this.ranksValid = true;
      this.bits = this.buildBits(all);
    }
    return all;
  }

  /**
   * The organisations with a link of `kind` to any of `ids`, as bits by rank; read-only, and
   * current only until the next write. Call `ranked()` first.
   */
  members(kind: BitsetKind, ids: ReadonlySet<string>): Bits {
    const bits = this.bits![kind];
    const words = wordsFor(this.ordered.length);
    if (ids.size === 1) {
      for (const id of ids) return bits.get(id) ?? this.noBits(words);
    }
    const key = `${kind}\u0001${[...ids].sort().join('\u0001')}`;
    let union = this.unions.get(key);
    if (union) {
      // Least recently used goes first: move this one to the end.
      this.unions.delete(key);
      this.unions.set(key, union);
    } else {
      union = new Uint32Array(words);
      for (const id of ids) {
        const b = bits.get(id);
        if (b) orInto(union, b);
      }
      if (this.unions.size >= ReadModel.UNIONS_KEPT) this.unions.delete(this.unions.keys().next().value!);
      this.unions.set(key, union);
    }
    return union;
  }

  /**
   * The bits of every target, as views into one slab: thousands of separate 31 KB buffers (at
   * Sweden scale) made V8 collect the whole heap again and again for their external memory, so
   * a rebuild took seconds. A rebuild with as many words reuses the slab.
   */
  /**
   * The bits of every target, from the inverted index (no string keys hashed per link), as views
   * into one slab: thousands of separate 31 KB buffers at Sweden scale strain the collector with
   * external memory. A rebuild with as many words reuses the slab.
   */
  private buildBits(all: readonly OrgEntry[]): Record<BitsetKind, Map<string, Bits>> {
    const words = wordsFor(all.length);
    const count = BITSET_KINDS.reduce((n, kind) => n + this.byTarget[kind].size, 0);
    // Room for targets that gain their first organisation before the next rebuild.
    const wanted = (count + 64) * words;
    if (this.slabWords !== words || this.slab.length < wanted || this.slab.length > 2 * wanted) this.slab = new Uint32Array(Math.ceil(wanted * 1.25));
    else this.slab.fill(0);
    this.slabWords = words;
    this.slabUsed = 0;
    const built = { targetGroup: new Map(), district: new Map(), offers: new Map(), needs: new Map() } as Record<BitsetKind, Map<string, Bits>>;
    for (const kind of BITSET_KINDS) {
      for (const [id, members] of this.byTarget[kind]) {
        const bits = this.newBits();
        for (const entry of members) setBit(bits, entry.rank);
        built[kind].set(id, bits);
      }
    }
    this.unions.clear();
    return built;
  }

  /** Sets an organisation's bit for a target it now links to (the target's bits made if it had none). */
  private linkBit(bits: Map<string, Bits>, target: string, rank: number): void {
    let b = bits.get(target);
    if (!b) bits.set(target, (b = this.newBits()));
    setBit(b, rank);
    this.unions.clear();
  }

  private none = new Uint32Array(0);

  /** No organisation (shared: a target without any, asked for often, allocates nothing). */
  private noBits(words: number): Bits {
    if (this.none.length !== words) this.none = new Uint32Array(words);
    return this.none;
  }

  /** Zeroed bits for one target: from the slab while it has room. */
  private newBits(): Bits {
    const words = this.slabWords;
    if (this.slabUsed + words <= this.slab.length) {
      const view = this.slab.subarray(this.slabUsed, this.slabUsed + words);
      this.slabUsed += words;
      return view;
    }
    return new Uint32Array(words);
  }

  private invalidateRanks(): void {
    this.ranksValid = false;
    this.bits = null;
    this.unions.clear();
  }

  /** Inserts or replaces an organisation's record (its links are kept). */
  putOrganisation(record: OrganisationRecord, search: string | null): OrgEntry {
    const existing = this.orgs.get(record.id);
    if (existing) {
      const moved = existing.record.name !== record.name;
      if (moved) this.unorder(existing);
      existing.record = record;
      existing.search = search;
      if (moved) this.order(existing);
      return existing;
    }
    const entry: OrgEntry = { record, search, out: emptyOut(), rank: -1, visit: 0 };
    this.orgs.set(record.id, entry);
    this.order(entry);
    return entry;
  }

  /** Removes an organisation with every link from or to it (DETACH DELETE). */
  removeOrganisation(id: string): void {
    const entry = this.orgs.get(id);
    if (!entry) return;
    for (const kind of LINK_KINDS) this.setEdges(entry, kind, []);
    for (const member of [...(this.byTarget.umbrella.get(id) ?? [])]) {
      this.setEdges(member, 'umbrella', member.out.umbrella.filter((e) => e.to !== id));
    }
    this.byTarget.umbrella.delete(id);
    this.unorder(entry);
    this.orgs.delete(id);
  }

  /** Replaces an organisation's links of one kind, keeping the inverted index in step. */
  setEdges(entry: OrgEntry, kind: LinkKind, edges: Edge[]): void {
    const index = this.byTarget[kind];
    const bits = this.bits && isBitsetKind(kind) ? this.bits[kind] : null;
    for (const e of entry.out[kind]) {
      const b = bits?.get(e.to);
      if (b) {
        clearBit(b, entry.rank);
        this.unions.clear();
      }
      const set = index.get(e.to);
      if (!set) continue;
      set.delete(entry);
      if (!set.size) index.delete(e.to);
    }
    entry.out[kind] = edges;
    for (const e of edges) addTo(index, e.to, entry);
    if (bits) for (const e of edges) this.linkBit(bits, e.to, entry.rank);
  }

  /** Adds one link during a load (no replacement bookkeeping). */
  addEdge(entry: OrgEntry, kind: LinkKind, edge: Edge): void {
    entry.out[kind].push(edge);
    addTo(this.byTarget[kind], edge.to, entry);
    if (this.bits && isBitsetKind(kind)) this.linkBit(this.bits[kind], edge.to, entry.rank);
  }

  putNode(label: TargetLabel, node: TargetNode): void {
    this.nodes[label].set(node.id, node);
  }

  /** Removes a node and every organisation's links to it (DETACH DELETE). */
  removeNode(label: TargetLabel, id: string): void {
    if (!this.nodes[label].delete(id)) return;
    for (const kind of LINK_KINDS) {
      if (TARGET_OF[kind] !== label) continue;
      for (const entry of [...(this.byTarget[kind].get(id) ?? [])]) this.setEdges(entry, kind, entry.out[kind].filter((e) => e.to !== id));
    }
  }

  addHierarchy(kind: 'BROADER' | 'PART_OF', from: string, to: string): void {
    if (kind === 'BROADER') push(this.narrower, to, from);
    else {
      push(this.inner, to, from);
      push(this.outer, from, to);
    }
  }

  /** The name a link shows for a target. */
  targetName(kind: LinkKind, id: string): string | null {
    const label = TARGET_OF[kind];
    return label === 'Organisation' ? (this.orgs.get(id)?.record.name ?? null) : (this.nodes[label].get(id)?.name ?? null);
  }

  private order(entry: OrgEntry): void {
    if (!this.orderedValid) return;
    const at = lowerBound(this.ordered, entry.record.name, entry.record.id);
    this.ordered.splice(at, 0, entry);
    this.invalidateRanks();
  }

  private unorder(entry: OrgEntry): void {
    if (!this.orderedValid) return;
    const at = lowerBound(this.ordered, entry.record.name, entry.record.id);
    this.invalidateRanks();
    if (this.ordered[at] === entry) this.ordered.splice(at, 1);
    else this.orderedValid = false; // not where it should be: rebuild on next use
  }

  /** During a bulk load: build the order once at the end instead of inserting one by one. */
  beginBulk(): void {
    this.orderedValid = false;
    this.invalidateRanks();
  }
}

function addTo(index: Map<string, Set<OrgEntry>>, key: string, entry: OrgEntry): void {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(entry);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function compareEntries(a: OrgEntry, b: OrgEntry): number {
  return compareText(a.record.name, b.record.name) || compareText(a.record.id, b.record.id);
}

/** First position in `list` whose (name, id) is not before the given key. */
export function lowerBound(list: readonly OrgEntry[], name: string, id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = list[mid]!.record;
    if ((compareText(r.name, name) || compareText(r.id, id)) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
