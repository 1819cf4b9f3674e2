/**
 * The search index's worker thread (threaded-index.ts starts it through graph/threads/): holds a
 * MemorySearchIndex and answers the main thread's requests one at a time, in the order sent.
 */
import { parentPort } from 'node:worker_threads';
import { MemorySearchIndex, type OrganisationDoc } from './memory-index.js';
import { packHits, transferOf, type IndexAnswer, type IndexRequest } from './index-protocol.js';

const port = parentPort!;
let docs: OrganisationDoc[] = [];
let index: MemorySearchIndex | null = null;

async function answer(request: Exclude<IndexRequest, { type: 'docs' | 'close' }>): Promise<IndexAnswer> {
  switch (request.type) {
    case 'build':
      index = await MemorySearchIndex.build(docs, request.catalogue);
      docs = [];
      return { id: request.id, done: true };
    case 'search':
      return { id: request.id, hits: packHits(built().search(request.text, request.limit)) };
    case 'update':
      built().update(request.changes);
      return { id: request.id, changed: built().changed };
  }
}

function built(): MemorySearchIndex {
  if (!index) throw new Error('the search index is not built yet');
  return index;
}

// A build lets the event loop through between slices: later requests wait for it in this queue.
let queue = Promise.resolve();
port.on('message', (request: IndexRequest) => {
  queue = queue.then(async () => {
    if (request.type === 'docs') {
      for (const d of request.docs) docs.push(d);
      return;
    }
    if (request.type === 'close') {
      index = null;
      port.close();
      return;
    }
    let reply: IndexAnswer;
    try {
      reply = await answer(request);
    } catch (e) {
      reply = { id: request.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply, 'hits' in reply ? transferOf(reply.hits) : []);
  });
});
