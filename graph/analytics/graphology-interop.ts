/**
 * ESM/CommonJS interop for the graphology packages. They ship CommonJS (`module.exports = fn`)
 * with ES-style declarations (`export default`), so under NodeNext the default import is typed as
 * the module namespace while at run time it is the function itself. This file is the only place
 * that knows; the rest of the module imports from here.
 */
import graphologyModule from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import * as dijkstraModule from 'graphology-shortest-path/dijkstra.js';

function interopDefault<T>(mod: unknown, typed: T): T {
  const withDefault = mod as { default?: unknown };
  return (withDefault.default ?? mod ?? typed) as T;
}

// `graphologyModule` is the Graph constructor at run time, which also carries UndirectedGraph.
const graphologyRuntime = interopDefault(graphologyModule, graphologyModule) as unknown as typeof graphologyModule;
export const UndirectedGraph = graphologyRuntime.UndirectedGraph;
export type UndirectedGraph<N extends object = Record<string, unknown>, E extends object = Record<string, unknown>> =
  InstanceType<typeof graphologyModule.UndirectedGraph<N, E>>;

export const louvain = interopDefault(louvainModule, louvainModule.default);
export const betweennessCentrality = interopDefault(betweennessModule, betweennessModule.default);
export const bidirectionalDijkstra = interopDefault<typeof dijkstraModule>(dijkstraModule, dijkstraModule).bidirectional ?? (dijkstraModule as unknown as { default: typeof dijkstraModule }).default.bidirectional;
