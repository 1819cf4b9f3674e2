/**
 * Cytoscape, loaded only by the pages that draw a network (the overlap network, a profile's ego
 * network): it stays out of the start page's bundle. One import for the app; a failed one is
 * forgotten, so the next attempt (a new filter, another profile) tries again.
 */
import type cytoscapeFn from 'cytoscape';

let pending: Promise<typeof cytoscapeFn> | null = null;

export function importCytoscape(): Promise<typeof cytoscapeFn> {
  pending ??= import('cytoscape').then(
    (m) => m.default,
    (e: unknown) => {
      pending = null;
      throw e;
    },
  );
  return pending;
}
