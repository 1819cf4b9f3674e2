/**
 * Starts the overlap network's slow parts as soon as the data is there (the route's load, in the
 * browser), in parallel and before the page hydrates: the layout in a Web Worker, and loading
 * cytoscape. The marks (`network:*`) are read by `npm run bench:web`.
 */
import type { Core, CytoscapeOptions } from 'cytoscape';
import { layoutInput, type OverlapGraph } from './elements.js';
import { forceLayout, type LayoutInput } from './layout.js';

export interface PreparedNetwork {
  /** x, y of node i at [2i], [2i + 1], in the order of graph.nodes. */
  positions: Promise<Float64Array>;
  cytoscape: Promise<(options: CytoscapeOptions) => Core>;
}

export function prepareNetwork(graph: OverlapGraph): PreparedNetwork {
  performance.mark('network:prepare');
  const input = layoutInput(graph);
  // Without workers (or if the worker fails) the same layout runs here, on the main thread.
  const positions = inWorker(input)
    .catch(() => forceLayout(input))
    .then((p) => {
      performance.mark('network:layout-done');
      return p;
    });
  const cytoscape = import('cytoscape').then((m) => {
    performance.mark('network:cytoscape-loaded');
    return m.default;
  });
  // Handled where they are awaited; this keeps an unused preparation (left page) from reporting.
  cytoscape.catch(() => undefined);
  return { positions, cytoscape };
}

function inWorker(input: LayoutInput): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    if (typeof Worker === 'undefined') return reject(new Error('no workers'));
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<Float64Array>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'layout worker failed'));
    };
    worker.postMessage(input);
  });
}
