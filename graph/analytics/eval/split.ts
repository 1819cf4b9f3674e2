/**
 * Hide a fraction of the collaboration edges (pairs of organisations sharing a collaboration):
 * the training input keeps the other pairs (as two-party collaborations, so that removing one pair
 * of a network does not drop the rest) and the hidden pairs are the answers to find.
 */
import { mulberry32 } from '../prng.js';
import type { CollaborationInput, ProjectionInput } from '../projection.js';

export interface EdgeSplit {
  train: ProjectionInput;
  /** organisation id → its hidden partners. */
  hidden: Map<string, Set<string>>;
  hiddenEdgeCount: number;
  trainEdgeCount: number;
}

/** Unique unordered pairs (a < b) of organisations sharing a collaboration, in first-seen order. */
export function collaborationEdges(input: ProjectionInput): [string, string][] {
  const orgs = new Set(input.organisations.map((o) => o.id));
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const c of input.collaborations) {
    const ps = [...new Set(c.participantIds.filter((p) => orgs.has(p)))];
    for (let i = 0; i < ps.length; i++) {
      for (let j = i + 1; j < ps.length; j++) {
        const [a, b] = ps[i]! < ps[j]! ? [ps[i]!, ps[j]!] : [ps[j]!, ps[i]!];
        const key = `${a}\u0000${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push([a, b]);
      }
    }
  }
  return out;
}

export function hideEdges(input: ProjectionInput, fraction: number, seed: number): EdgeSplit {
  const edges = collaborationEdges(input);
  const rng = mulberry32(seed);
  const order = edges.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const hiddenCount = Math.round(edges.length * fraction);
  const hiddenIdx = new Set(order.slice(0, hiddenCount));
  const hidden = new Map<string, Set<string>>();
  const trainCollabs: CollaborationInput[] = [];
  edges.forEach(([a, b], i) => {
    if (hiddenIdx.has(i)) {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        let s = hidden.get(x);
        if (!s) hidden.set(x, (s = new Set()));
        s.add(y);
      }
    } else {
      trainCollabs.push({ id: `train-${i}`, name: `Samarbete ${i}`, kind: 'JOINT_PROJECT', participantIds: [a, b] });
    }
  });
  return {
    train: { ...input, collaborations: trainCollabs },
    hidden,
    hiddenEdgeCount: hiddenCount,
    trainEdgeCount: edges.length - hiddenCount,
  };
}
