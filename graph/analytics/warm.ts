/**
 * Prepare a freshly built projection before it is swapped in, so that no request pays for lazily
 * built indexes: the organisations' name order and the pair-search indexes for the default overlap
 * weights. Heavy whole-graph answers (communities of the whole country) are better computed in a
 * worker; pass `communities: true` to compute them here (several seconds at Sweden scale).
 */
import { communities } from './communities.js';
import { DEFAULT_OVERLAP_WEIGHTS } from './overlap.js';
import { preparePairSearch } from './pair-candidates.js';
import type { Projection } from './projection.js';

export function warmAnalytics(p: Projection, options: { communities?: boolean } = {}): Projection {
  p.warm();
  preparePairSearch(p, DEFAULT_OVERLAP_WEIGHTS);
  if (options.communities) communities(p);
  return p;
}
