/** Web Worker: computes the overlap network's layout off the main thread (see layout.ts). */
import { forceLayout, type LayoutInput } from './layout.js';

export interface LayoutAnswer {
  positions: Float64Array;
  /** Time the layout itself took in the worker (the rest of the wait is the worker's start and the messages). */
  ms: number;
}

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  const started = performance.now();
  const positions = forceLayout(event.data);
  const answer: LayoutAnswer = { positions, ms: performance.now() - started };
  (self as unknown as Worker).postMessage(answer, [positions.buffer]);
};
