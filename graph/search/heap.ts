/**
 * mnemonist's binary heap. mnemonist is CommonJS and its typings declare an ES default export:
 * at run time the default import is the class itself.
 */
import HeapModule from 'mnemonist/heap.js';

export const Heap = HeapModule as unknown as typeof HeapModule.default;
