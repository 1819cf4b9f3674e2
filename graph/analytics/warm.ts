/**
 * Prepare a freshly built projection before it is swapped in, so that no request pays for lazily
 * built indexes: the organisations' name order and the pair-search indexes for the default overlap
 * weights. Heavy whole-graph answers (communities of the whole country) are better computed in a
 * worker; pass `communities: true` to compute them here (several seconds at Sweden scale).
 */
import { communities } from './communities.js';
import { DEFAULT_OVERLAP_WEIGHTS } from './overlap.js';
import { preparePairSearch, preparePairSearchInSlices } from './pair-candidates.js';
import type { Projection } from './projection.js';

export function warmAnalytics(p: Projection, options: { communities?: boolean } = {}): Projection {
  p.warm();
  preparePairSearch(p, DEFAULT_OVERLAP_WEIGHTS);
  if (options.communities) communities(p);
  return p;
}

/**
 * The same preparation with pauses (`pause()` awaited between slices of organisations), for a
 * projection already answering requests: a patched one whose pair-search indexes were dropped.
 * Stops when `stale()` says the projection is no longer wanted.
 */
export async function warmAnalyticsInSlices(p: Projection, pause: () => Promise<void>, stale: () => boolean): Promise<void> {
  p.warm();
  await pause();
  if (!stale()) await preparePairSearchInSlices(p, pause, stale, DEFAULT_OVERLAP_WEIGHTS);
}
