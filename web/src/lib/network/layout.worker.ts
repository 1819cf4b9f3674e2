/** Web Worker: computes the overlap network's layout off the main thread (see layout.ts). */
import { forceLayout, type LayoutInput } from './layout.js';

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  const positions = forceLayout(event.data);
  (self as unknown as Worker).postMessage(positions, [positions.buffer]);
};
