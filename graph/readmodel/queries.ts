/**
 * The repository's reads answered from the read model, with exactly the engine path's answers:
 * the same filter expansion (narrower target groups within 10 BROADER steps, districts inside
 * within 6 PART_OF steps, wider ones when asked), the same predicates, the same (name, id) order,
 * totals and cursors (graph/repo/cursor.ts). The statements these mirror are named beside each.
 */
import { planOrganisationFilter, type OrganisationFilterPlan } from '../filter/organisation-filter.js';
import type { OrganisationFilter } from '../validation/inputs.js';
import type { CursorKey } from '../repo/cursor.js';
import { encodeCursor } from '../repo/cursor.js';
import type { LinkRecord, OrganisationProfile, OrganisationRecord, OwnedLinkRecord } from '../model/records.js';
import { profileLinks } from '../model/links.js';
import type { NeighbourRow } from '../cypher/statements/neighbourhood.js';
import { compareEntries, isBitsetKind, lowerBound, TARGET_OF, type BitsetKind, type Edge, type LinkKind, type OrgEntry, type ReadModel } from './model.js';
import { andInto, countBits, eachBit, popcount32, type Bits } from './bitset.js';
import { compareText } from '../text/order.js';

export interface ModelPage {
  nodes: OrganisationRecord[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

/** A copy, so callers can't change the model through what they were given. */
export function recordOf(entry: OrgEntry): OrganisationRecord {
  const r = entry.record;
  return { ...r, aliases: r.aliases ? [...r.aliases] : r.aliases };
}

export function getOrganisation(model: ReadModel, id: string): OrganisationRecord | null {
  const entry = model.orgs.get(id);
  return entry ? recordOf(entry) : null;
}

export function getOrganisations(model: ReadModel, ids: readonly string[]): Map<string, OrganisationRecord> {
  const out = new Map<string, OrganisationRecord>();
  for (const id of ids) {
    const entry = model.orgs.get(id);
    if (entry) out.set(id, recordOf(entry));
  }
  return out;
}

/** What the link statements return for one relationship (links.*.outgoing / outgoingOne). */
function linkOf(model: ReadModel, kind: LinkKind, e: Edge): LinkRecord {
  return {
    id: e.to,
    name: model.targetName(kind, e.to) as string,
    detail: detailOf(model, kind, e),
    role: kind === 'agreement' || kind === 'collaboration' ? e.role : null,
    ...e.prov,
  };
}

/** links.ts detailOf: the relationship's note, else the target group's English name or the target's kind. */
function detailOf(model: ReadModel, kind: LinkKind, e: Edge): string | null {
  if (kind === 'offers' || kind === 'needs') return e.note;
  const label = TARGET_OF[kind];
  if (label === 'Organisation' || label === 'ResourceType') return null;
  return model.nodes[label].get(e.to)?.extra ?? null;
}

/** One organisation's links of one kind, ordered by the target's (name, id). */
function linksOf(model: ReadModel, entry: OrgEntry, kind: LinkKind): OwnedLinkRecord[] {
  const links = entry.out[kind].map((e) => ({ ownerId: entry.record.id, ...linkOf(model, kind, e) }));
  return links.sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
}

/** links.outgoing: the links of many organisations, grouped by organisation (every id a key). */
export function outgoingLinks(model: ReadModel, kind: LinkKind, ids: readonly string[]): Map<string, OwnedLinkRecord[]> {
  const out = new Map<string, OwnedLinkRecord[]>(ids.map((id) => [id, []]));
  for (const id of out.keys()) {
    const entry = model.orgs.get(id);
    if (entry) out.set(id, linksOf(model, entry, kind));
  }
  return out;
}

/** organisations.profile: the record, every kind of link, the first members by name and their count. */
export function profileOf(model: ReadModel, id: string, memberLimit: number): OrganisationProfile | null {
  const entry = model.orgs.get(id);
  if (!entry) return null;
  const members = [...(model.byTarget.umbrella.get(id) ?? [])];
  const first = smallest(members, memberLimit, compareEntries);
  return {
    organisation: recordOf(entry),
    ...profileLinks((k) => linksOf(model, entry, k)),
    members: first.flatMap((m) =>
      m.out.umbrella.filter((e) => e.to === id).map((e) => ({ id: m.record.id, name: m.record.name, detail: null, role: null, ...e.prov })),
    ),
    memberCount: members.reduce((n, m) => n + m.out.umbrella.filter((e) => e.to === id).length, 0),
  };
}

/** The `limit` smallest of `items` in order, without sorting them all (umbrellas have thousands of members). */
function smallest<T>(items: readonly T[], limit: number, compare: (a: T, b: T) => number): T[] {
  if (limit <= 0) return [];
  if (items.length <= limit * 4) return [...items].sort(compare).slice(0, limit);
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === limit && compare(item, kept[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(kept[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/** Target groups and their narrower groups within `depth` BROADER steps (targetGroups.withNarrower). */
function closure(start: readonly string[], next: Map<string, string[]>, minDepth: number, maxDepth: number): Set<string> {
  const seen = new Set<string>(start);
  const found = new Set<string>(minDepth === 0 ? start : []);
  let frontier = [...seen];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const nextFrontier: string[] = [];
    for (const id of frontier) {
      for (const n of next.get(id) ?? []) {
        found.add(n);
        if (!seen.has(n)) {
          seen.add(n);
          nextFrontier.push(n);
        }
      }
    }
    frontier = nextFrontier;
  }
  return found;
}

/** The filter's hierarchy questions answered from the model (graph/filter/organisation-filter.ts). */
function planOf(model: ReadModel, filter: OrganisationFilter): OrganisationFilterPlan {
  return planOrganisationFilter(filter, (q) => {
    switch (q.ask) {
      case 'existing':
        return new Set(q.ids.filter((id) => model.nodes[q.label].has(id)));
      case 'districtsWithInner':
        return closure(q.ids, model.inner, 0, 6);
      case 'districtsOuter':
        return closure(q.ids, model.outer, 1, 6);
      case 'targetGroupsWithNarrower':
        return closure(q.ids, model.narrower, 0, 10);
    }
  });
}

interface Condition {
  kind: LinkKind;
  /** The link targets accepted; also enumerated to find candidates in the index. */
  ids: ReadonlySet<string>;
}

/** Whether an organisation has a link of the condition's kind to one of its targets. */
function meets(e: OrgEntry, c: Condition): boolean {
  for (const edge of e.out[c.kind]) if (c.ids.has(edge.to)) return true;
  return false;
}

/**
 * organisations.list.<variant> and organisations.count.<variant>: the organisations matching
 * the filter, a page of `first` after `after`, and how many match in all.
 */
export function listOrganisations(model: ReadModel, filter: OrganisationFilter, first: number, after: CursorKey | null): ModelPage {
  const planned = planOf(model, filter);
  const conditions = conditionsOf(model, planned);

  const text = planned.text;
  const bySynthetic = planned.synthetic !== null;
  const synthetic = planned.synthetic ?? false;
  const passes = (e: OrgEntry) => (text === '' || (e.search !== null && e.search.includes(text))) && (!bySynthetic || e.record.synthetic === synthetic);
  const matches = conditions.length > 0 && conditions.every((c) => isBitsetKind(c.kind)) ? bitsetSearch(model, conditions as BitsetCondition[], first, after, text !== '' || bySynthetic ? passes : null) : scanSearch(model, conditions, first, after, passes);
  const nodes = matches.page.slice(0, first).map(recordOf);
  const cursors = nodes.map((o) => encodeCursor({ name: o.name, id: o.id }));
  return { nodes, cursors, hasNextPage: matches.page.length > first, endCursor: cursors[cursors.length - 1] ?? null, totalCount: matches.total };
}

/** The planned filter's link conditions (text and the synthetic flag aside). */
function conditionsOf(model: ReadModel, planned: OrganisationFilterPlan): Condition[] {
  const conditions: Condition[] = [];
  if (planned.districtIds) conditions.push(setCondition('district', planned.districtIds));
  if (planned.targetGroupIds) conditions.push(setCondition('targetGroup', planned.targetGroupIds));
  if (planned.agreementKinds) {
    const kinds = new Set<string>(planned.agreementKinds);
    const agreements = [...model.nodes.Agreement.values()].filter((a) => a.extra !== null && kinds.has(a.extra)).map((a) => a.id);
    conditions.push(setCondition('agreement', new Set(agreements)));
  }
  if (planned.offered) conditions.push(setCondition('offers', new Set(planned.offered)));
  if (planned.needed) conditions.push(setCondition('needs', new Set(planned.needed)));
  return conditions;
}

/** What a filter (text aside) selects, by rank: every one of `bits`, and `test` where not null. */
export interface RankFilter {
  bits: Bits[];
  test: ((rank: number) => boolean) | null;
}

/**
 * The filter (text aside) by rank: what a ranked text search keeps. Target groups, districts and
 * resources as bits (read a word at a time), the rest as a test. Ranks are those of
 * `model.ranked()`, current until the next write: use them at once.
 */
export function rankFilter(model: ReadModel, filter: OrganisationFilter): RankFilter {
  const ordered = model.ranked();
  const planned = planOf(model, filter);
  const conditions = conditionsOf(model, planned);
  const bits = conditions.filter((c): c is BitsetCondition => isBitsetKind(c.kind)).map((c) => model.members(c.kind, c.ids));
  const others = conditions.filter((c) => !isBitsetKind(c.kind));
  if (!others.length && planned.synthetic === null) return { bits, test: null };
  return {
    bits,
    test: (r) => {
      const e = ordered[r]!;
      return others.every((c) => meets(e, c)) && (planned.synthetic === null || e.record.synthetic === planned.synthetic);
    },
  };
}

/** Whether a RankFilter keeps the organisation of rank `r`. */
export function keeps(filter: RankFilter, r: number): boolean {
  for (const b of filter.bits) if (((b[r >>> 5]! >>> (r & 31)) & 1) === 0) return false;
  return !filter.test || filter.test(r);
}

/**
 * Sets in `into` the bits (by rank) of the organisations the filter (text aside) selects, the
 * first `limit` in (name, id) order: the organisations a text search takes as linked to an entry
 * it names. Ranks as for rankFilter.
 */
export function orSelected(model: ReadModel, filter: OrganisationFilter, limit: number, into: Bits): void {
  if (limit <= 0) return;
  const selected = rankFilter(model, filter);
  const { bits } = selected;
  if (bits.length > 0 && !selected.test) {
    // The bits' intersection a word at a time, up to the limit-th bit.
    let left = limit;
    for (let w = 0; w < bits[0]!.length && left > 0; w++) {
      let word = bits[0]![w]!;
      for (let i = 1; i < bits.length; i++) word &= bits[i]![w]!;
      if (word === 0) continue;
      const n = popcount32(word);
      // The last word taken: only its first `left` bits.
      if (n > left) for (let drop = n - left; drop > 0; drop--) word &= ~(1 << (31 - Math.clz32(word)));
      into[w]! |= word;
      left -= Math.min(n, left);
    }
    return;
  }
  for (let r = 0, n = 0; r < model.size && n < limit; r++) {
    if (!keeps(selected, r)) continue;
    into[r >>> 5]! |= 1 << (r & 31);
    n++;
  }
}

interface Matches {
  /** The first `first + 1` matches after the cursor, in (name, id) order. */
  page: OrgEntry[];
  total: number;
}

interface BitsetCondition extends Condition {
  kind: BitsetKind;
}

/** Reused between searches (they are synchronous): the intersection of several conditions. */
let scratch = new Uint32Array(0);

/**
 * Conditions on target groups, districts and resources: their organisations as bits by rank,
 * intersected; the page is the first set bits after the cursor, the total their count (or, with
 * a text or synthetic filter, the matches that pass it).
 */
function bitsetSearch(model: ReadModel, conditions: readonly BitsetCondition[], first: number, after: CursorKey | null, passes: ((e: OrgEntry) => boolean) | null): Matches {
  const ordered = model.ranked();
  let bits: Bits = model.members(conditions[0]!.kind, conditions[0]!.ids);
  if (conditions.length > 1) {
    if (scratch.length !== bits.length) scratch = new Uint32Array(bits.length);
    andInto(scratch, bits, model.members(conditions[1]!.kind, conditions[1]!.ids));
    for (const c of conditions.slice(2)) andInto(scratch, scratch, model.members(c.kind, c.ids));
    bits = scratch;
  }
  const start = after ? firstAfter(ordered, after) : 0;
  const page: OrgEntry[] = [];
  if (!passes) {
    eachBit(bits, start, (r) => page.push(ordered[r]!) <= first);
    return { page, total: countBits(bits) };
  }
  let total = 0;
  eachBit(bits, 0, (r) => {
    const e = ordered[r]!;
    if (passes(e)) {
      total++;
      if (r >= start && page.length <= first) page.push(e);
    }
    return true;
  });
  return { page, total };
}

/** The rank of the first organisation after the cursor's (name, id). */
function firstAfter(ordered: readonly OrgEntry[], after: CursorKey): number {
  const at = lowerBound(ordered, after.name, after.id);
  const r = ordered[at]?.record;
  return r && compareText(r.name, after.name) === 0 && compareText(r.id, after.id) === 0 ? at + 1 : at;
}

/** Other conditions (agreement kinds), or none: the candidates of the most selective condition, each checked against the rest. */
function scanSearch(model: ReadModel, conditions: readonly Condition[], first: number, after: CursorKey | null, passes: (e: OrgEntry) => boolean): Matches {
  // The candidates come from the index of the most selective condition, so they meet it already:
  // only the other conditions are checked on each.
  const { sources, best } = candidates(model, conditions);
  const rest = conditions.filter((c) => c !== best);
  // An organisation in several of the sources (two districts inside one municipality) is
  // checked once: its `visit` stamp says this search has seen it.
  const visit = ++visits;
  const deduplicate = sources.length > 1;
  const matched: OrgEntry[] = [];
  for (const source of sources) {
    for (const e of source) {
      if (deduplicate) {
        if (e.visit === visit) continue;
        e.visit = visit;
      }
      if (!passes(e)) continue;
      let ok = true;
      for (const c of rest) {
        if (!meets(e, c)) {
          ok = false;
          break;
        }
      }
      if (ok) matched.push(e);
    }
  }
  const afterKey = after ? (e: OrgEntry) => (compareText(e.record.name, after.name) || compareText(e.record.id, after.id)) > 0 : () => true;
  return { page: pageOf(model, matched, first + 1, afterKey, after), total: matched.length };
}

function setCondition(kind: LinkKind, ids: Set<string>): Condition {
  return { kind, ids };
}

/** Stamps searches for OrgEntry.visit; a float counts far beyond any process's searches. */
let visits = 0;

/**
 * Where the organisations that can match every condition are: the index sets of the most
 * selective condition's targets (an organisation may be in several), and that condition.
 */
function candidates(model: ReadModel, conditions: readonly Condition[]): { sources: readonly Iterable<OrgEntry>[]; best: Condition | null } {
  if (!conditions.length) return { sources: [model.inOrder()], best: null };
  let best: Condition | null = null;
  let bestSize = Infinity;
  for (const c of conditions) {
    let size = 0;
    for (const t of c.ids) size += model.byTarget[c.kind].get(t)?.size ?? 0;
    if (size < bestSize) {
      best = c;
      bestSize = size;
    }
  }
  const index = model.byTarget[best!.kind];
  const sources: ReadonlySet<OrgEntry>[] = [];
  for (const t of best!.ids) {
    const set = index.get(t);
    if (set?.size) sources.push(set);
  }
  return { sources, best };
}

/**
 * The first `limit` matches after the cursor in (name, id) order: the smallest by their rank in
 * the model's order (numbers compared, not names), found in one pass over the matches.
 */
function pageOf(model: ReadModel, matched: OrgEntry[], limit: number, isAfter: (e: OrgEntry) => boolean, after: CursorKey | null): OrgEntry[] {
  model.ranked();
  return smallest(after ? matched.filter(isAfter) : matched, limit, byRank);
}

const byRank = (a: OrgEntry, b: OrgEntry) => a.rank - b.rank;

const LOCAL_KINDS = new Set(['STADSDEL', 'STADSDELSOMRADE']);

function sharedTargetGroups(a: OrgEntry, b: OrgEntry): number {
  const mine = new Set(a.out.targetGroup.map((e) => e.to));
  const shared = new Set<string>();
  for (const e of b.out.targetGroup) if (mine.has(e.to)) shared.add(e.to);
  return shared.size;
}

/** neighbourhood.localPeers: organisations active in the same stadsdel or stadsdelsområde. */
export function localPeers(model: ReadModel, id: string, limit: number): NeighbourRow[] {
  const o = model.orgs.get(id);
  if (!o) return [];
  const shared = new Map<OrgEntry, number>();
  const districts = new Set(o.out.district.map((e) => e.to).filter((d) => LOCAL_KINDS.has(model.nodes.District.get(d)?.extra ?? '')));
  for (const d of districts) {
    for (const p of model.byTarget.district.get(d) ?? []) {
      if (p.record.id !== id) shared.set(p, (shared.get(p) ?? 0) + 1);
    }
  }
  const rows = [...shared].map(([p, n]) => ({ id: p.record.id, shared: n, sharedTargetGroups: sharedTargetGroups(o, p) }));
  return rows
    .sort((a, b) => b.sharedTargetGroups - a.sharedTargetGroups || b.shared - a.shared || compareText(a.id, b.id))
    .slice(0, Math.max(0, limit));
}

/** neighbourhood.partnersOfPartners: partners through collaborations, and theirs, with how many paths lead to each. */
export function partnersOfPartners(model: ReadModel, id: string, limit: number): NeighbourRow[] {
  const o = model.orgs.get(id);
  if (!o) return [];
  const partners = new Set<OrgEntry>();
  for (const e of o.out.collaboration) for (const p of model.byTarget.collaboration.get(e.to) ?? []) if (p.record.id !== id) partners.add(p);
  const paths = new Map<OrgEntry, number>();
  for (const p of partners) {
    for (const e of p.out.collaboration) {
      for (const q of model.byTarget.collaboration.get(e.to) ?? []) {
        // Not the organisation itself, nor the partner again: a path uses each relationship once.
        if (q.record.id === id || q === p) continue;
        paths.set(q, (paths.get(q) ?? 0) + 1);
      }
    }
  }
  const rows = [...paths].map(([q, n]) => ({ id: q.record.id, shared: n, sharedTargetGroups: sharedTargetGroups(o, q) }));
  return rows
    .sort((a, b) => b.shared - a.shared || b.sharedTargetGroups - a.sharedTargetGroups || compareText(a.id, b.id))
    .slice(0, Math.max(0, limit));
}
