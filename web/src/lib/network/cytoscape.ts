/**
 * Cytoscape, loaded only by the pages that draw a network (it stays out of the start page's
 * bundle). The network route's load starts the import, so it downloads while the graph is fetched.
 * A failed import is forgotten, so the next attempt (a new filter, a reload of the view) tries again.
 * The mark is read by `npm run bench:web`.
 */
import type cytoscapeFn from 'cytoscape';

let pending: Promise<typeof cytoscapeFn> | null = null;

export function importCytoscape(): Promise<typeof cytoscapeFn> {
  pending ??= import('cytoscape').then(
    (m) => {
      performance.mark('network:cytoscape-loaded');
      return m.default;
    },
    (e: unknown) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}
