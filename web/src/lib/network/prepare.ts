/**
 * Starts the overlap network's slow parts in the browser as early as the route's load runs, in
 * parallel and before the graph has even arrived: the layout worker boots (its module loads and
 * compiles) while the API answers and gets the graph the moment it is there, and cytoscape is
 * imported. The marks (`network:*`) are read by `npm run bench:web`.
 */
import type { Core, CytoscapeOptions } from 'cytoscape';
import { layoutInput, type OverlapGraph } from './elements.js';
import { forceLayout, type LayoutInput } from './layout.js';
import type { LayoutAnswer } from './layout.worker.js';

export interface PreparedNetwork {
  /** x, y of node i at [2i], [2i + 1], in the order of graph.nodes. */
  positions: Promise<Float64Array>;
  cytoscape: Promise<(options: CytoscapeOptions) => Core>;
}

/** `graph` resolves to the graph to lay out, or null when there is none to draw (the worker is then let go). */
export function prepareNetwork(graph: Promise<OverlapGraph | null>): PreparedNetwork {
  performance.mark('network:prepare');
  const worker = startWorker();
  const positions = graph.then((g) => {
    if (!g || g.nodes.length === 0) {
      worker?.terminate();
      throw new Error('nothing to lay out');
    }
    performance.mark('network:graph-loaded');
    const input = layoutInput(g);
    // Without workers (or if the worker fails) the same layout runs here, on the main thread.
    return (worker ? worker.run(input) : Promise.reject(new Error('no workers')))
      .catch(() => {
        const started = performance.now();
        return { positions: forceLayout(input), ms: performance.now() - started };
      })
      .then(({ positions, ms }) => {
        performance.mark('network:layout-done', { detail: { layoutMs: Math.round(ms) } });
        return positions;
      });
  }, (e: unknown) => {
    worker?.terminate();
    throw e;
  });
  const cytoscape = import('cytoscape').then((m) => {
    performance.mark('network:cytoscape-loaded');
    return m.default;
  });
  // Handled where they are awaited; this keeps an unused preparation (no graph, left page) from reporting.
  positions.catch(() => undefined);
  cytoscape.catch(() => undefined);
  return { positions, cytoscape };
}

interface LayoutWorker {
  run(input: LayoutInput): Promise<LayoutAnswer>;
  terminate(): void;
}

/** The worker starts now; an error before `run` (its module failed to load) is kept for `run` to report. */
function startWorker(): LayoutWorker | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  let failed: Error | null = null;
  let settle: { resolve: (a: LayoutAnswer) => void; reject: (e: Error) => void } | null = null;
  worker.onmessage = (e: MessageEvent<LayoutAnswer>) => {
    worker.terminate();
    settle?.resolve(e.data);
  };
  worker.onerror = (e) => {
    worker.terminate();
    failed = new Error(e.message || 'layout worker failed');
    settle?.reject(failed);
  };
  return {
    run: (input) =>
      new Promise((resolve, reject) => {
        if (failed) return reject(failed);
        settle = { resolve, reject };
        worker.postMessage(input);
      }),
    terminate: () => worker.terminate(),
  };
}
