/**
 * Hide collaboration edges (pairs of organisations sharing a collaboration) for the evaluation:
 * the training input keeps the other pairs (as two-party collaborations, so that removing one pair
 * of a network does not drop the rest) and the hidden pairs are the answers to find.
 *
 * - `hideEdges`: a random fraction of the pairs.
 * - `hideLatest`: the pairs that formed last (by the start of their first collaboration), the
 *   fraction nearest the end: the suggestions are asked to foresee what came next from what was
 *   known before. Used wherever collaborations have dates.
 */
import { mulberry32 } from '../prng.js';
import type { CollaborationInput, ProjectionInput } from '../projection.js';

export interface EdgeSplit {
  train: ProjectionInput;
  /** organisation id → its hidden partners. */
  hidden: Map<string, Set<string>>;
  hiddenEdgeCount: number;
  trainEdgeCount: number;
  /** How the edges were hidden. */
  holdout: 'random' | 'time';
  /** For a time-based holdout: the first start date hidden. */
  cutoff?: string;
}

export interface CollaborationEdge {
  a: string;
  b: string;
  /** The start of the first collaboration of the pair (null = not known). */
  start: string | null;
}

/** Unique unordered pairs (a < b) of organisations sharing a collaboration, in first-seen order, with their first start. */
export function collaborationEdges(input: ProjectionInput): CollaborationEdge[] {
  const orgs = new Set(input.organisations.map((o) => o.id));
  const seen = new Map<string, CollaborationEdge>();
  for (const c of input.collaborations) {
    const ps = [...new Set(c.participantIds.filter((p) => orgs.has(p)))];
    const start = c.startDate ?? null;
    for (let i = 0; i < ps.length; i++) {
      for (let j = i + 1; j < ps.length; j++) {
        const [a, b] = ps[i]! < ps[j]! ? [ps[i]!, ps[j]!] : [ps[j]!, ps[i]!];
        const key = `${a}\u0000${b}`;
        const edge = seen.get(key);
        if (!edge) seen.set(key, { a, b, start });
        else if (start !== null && (edge.start === null || start < edge.start)) edge.start = start;
      }
    }
  }
  return [...seen.values()];
}

function split(input: ProjectionInput, edges: readonly CollaborationEdge[], hide: (i: number) => boolean, holdout: EdgeSplit['holdout']): EdgeSplit {
  const hidden = new Map<string, Set<string>>();
  const trainCollabs: CollaborationInput[] = [];
  let hiddenCount = 0;
  edges.forEach(({ a, b, start }, i) => {
    if (hide(i)) {
      hiddenCount++;
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        let s = hidden.get(x);
        if (!s) hidden.set(x, (s = new Set()));
        s.add(y);
      }
    } else {
      trainCollabs.push({ id: `train-${i}`, name: `Samarbete ${i}`, kind: 'JOINT_PROJECT', participantIds: [a, b], startDate: start });
    }
  });
  return { train: { ...input, collaborations: trainCollabs }, hidden, hiddenEdgeCount: hiddenCount, trainEdgeCount: edges.length - hiddenCount, holdout };
}

export function hideEdges(input: ProjectionInput, fraction: number, seed: number): EdgeSplit {
  const edges = collaborationEdges(input);
  const rng = mulberry32(seed);
  const order = edges.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const hiddenIdx = new Set(order.slice(0, Math.round(edges.length * fraction)));
  return split(input, edges, (i) => hiddenIdx.has(i), 'random');
}

/**
 * Hides the pairs whose first collaboration started on or after the cutoff: the latest start date
 * such that at least `fraction` of the dated pairs are hidden. Undated pairs stay in training.
 */
export function hideLatest(input: ProjectionInput, fraction: number): EdgeSplit {
  const edges = collaborationEdges(input);
  const dates = edges.map((e) => e.start).filter((d): d is string => d !== null).sort();
  if (dates.length === 0) throw new Error('no collaboration has a start date: use a random holdout');
  const cutoff = dates[Math.max(0, dates.length - Math.max(1, Math.round(dates.length * fraction)))]!;
  return { ...split(input, edges, (i) => edges[i]!.start !== null && edges[i]!.start! >= cutoff, 'time'), cutoff };
}

/** Do the collaborations carry start dates (then the holdout is by time)? */
export function hasDates(input: ProjectionInput): boolean {
  return input.collaborations.some((c) => c.startDate);
}
