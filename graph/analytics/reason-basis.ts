/**
 * Whether a reason (why two organisations overlap, or why one is suggested to the other) rests on
 * an inferred fact: a shared target group, district, resource, agreement or umbrella counts as
 * inferred when either organisation's link to it (or to something narrower or inside it) is
 * INFERRED and nothing else of that organisation's says it. So a suggestion that rests on the
 * curators' reading of a name says so, instead of passing for a stated fact.
 */
import type { Projection } from './projection.js';
import type { Reason } from './reasons.js';

/** Whether every link of organisation `o` that qualifies for target `t` (itself or below it in `below`) is inferred. */
function onlyInferred(row: Int32Array | ArrayLike<number>, qualifies: (x: number) => boolean, inferred: (x: number) => boolean): boolean {
  let any = false;
  for (let k = 0; k < row.length; k++) {
    const x = row[k]!;
    if (!qualifies(x)) continue;
    any = true;
    if (!inferred(x)) return false;
  }
  return any;
}

const within = (self: number, below: Int32Array) => (x: number) => x === self || below.includes(x);

export function reasonInferred(p: Projection, a: number, b: number, r: Reason): boolean {
  const both = (test: (o: number, i: number) => boolean) => [a, b].some((o, i) => test(o, i));
  switch (r.kind) {
    case 'SHARED_TARGET_GROUP': {
      const t = p.tgIndex.get(r.targetGroupIds?.[0] ?? '');
      if (t === undefined) return false;
      return both((o) => onlyInferred(p.orgTg.row(o), within(t, p.tgDescendants[t]!), (x) => p.isInferred('serves', o, x)));
    }
    case 'SHARED_DISTRICT':
    case 'ADJACENT_DISTRICT': {
      const ids = r.districtIds ?? [];
      return both((o, i) => {
        const d = p.districtIndex.get((r.kind === 'ADJACENT_DISTRICT' ? ids[i] : ids[0]) ?? '');
        if (d === undefined) return false;
        return onlyInferred(p.orgDistrict.row(o), within(d, p.districtDescendants[d]!), (x) => p.isInferred('activeIn', o, x));
      });
    }
    case 'COMPLEMENTARY_RESOURCE': {
      // The asking organisation needs (or offers) each resource, the other offers (or needs) it.
      const [needer, offerer] = r.direction === 'NEEDS_WHAT_YOU_OFFER' ? [b, a] : [a, b];
      const ids = (r.resourceTypeIds ?? []).map((id) => p.resourceTypeIndex.get(id)).filter((x): x is number => x !== undefined);
      return ids.length > 0 && ids.every((res) => p.isInferred('needs', needer, res) || p.isInferred('offers', offerer, res));
    }
    case 'COMMON_AGREEMENT': {
      const g = p.agreementIndex.get(r.agreementIds?.[0] ?? '');
      return g !== undefined && both((o) => p.isInferred('partyTo', o, g));
    }
    case 'COMMON_UMBRELLA': {
      const u = p.orgIndex.get(r.umbrellaIds?.[0] ?? '');
      return u !== undefined && both((o) => p.isInferred('memberOf', o, u));
    }
    default:
      return false;
  }
}

/** The reasons with `inferred` set, for the pair (a, b) given by id. */
export function withBasis<R extends Reason>(p: Projection, aId: string, bId: string, reasons: readonly R[]): (R & { inferred: boolean })[] {
  const a = p.orgIndex.get(aId);
  const b = p.orgIndex.get(bId);
  return reasons.map((r) => ({ ...r, inferred: a !== undefined && b !== undefined && reasonInferred(p, a, b, r) }));
}
