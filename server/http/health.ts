/**
 * GET /healthz: whether the server and its store answer. The server answers within ANSWER_MS
 * whatever the store is doing: it asks the store (a trivial read) and waits that long for it. A
 * store that answers is `ok`. One that is still busy (the commit of a large import holds new
 * reads for about a second) is reported `busy`, still 200, as long as it answered within
 * STALE_MS before; a store that has not answered for that long, or fails, is 503. While a ping
 * has already gone unanswered for ANSWER_MS, the store is known to be busy and the answer does
 * not wait again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphStore } from '../../graph/store.js';
import { meta } from '../../graph/cypher/statements/meta.js';
import { sendJson } from './send-json.js';

/** How long an answer waits for the store. */
export const ANSWER_MS = 100;
/** How long the store may go without answering before the server reports it unavailable. */
export const STALE_MS = 30_000;

export function healthRoute(store: GraphStore) {
  let lastAnswer = Date.now();
  let pending: Promise<boolean> | null = null;
  let pendingSince = 0;

  /** One ping at a time: a busy store is not asked again until it has answered. */
  const ping = () => {
    if (pending) return pending;
    pendingSince = performance.now();
    return (pending = store.engine
      .read((tx) => tx.run(meta.ping, {}))
      .then(
        () => {
          lastAnswer = Date.now();
          return true;
        },
        () => false,
      )
      .finally(() => (pending = null)));
  };

  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const waited = pending ? started - pendingSince : 0;
    const answered = await Promise.race([ping(), new Promise<'busy'>((resolve) => (timer = setTimeout(() => resolve('busy'), Math.max(0, ANSWER_MS - waited))))]);
    clearTimeout(timer);
    const ms = Math.round(performance.now() - started);
    if (answered === true) return sendJson(res, 200, { status: 'ok', engine: store.engine.kind, schemaVersion: store.schema.to, ms });
    if (answered === 'busy' && Date.now() - lastAnswer < STALE_MS) return sendJson(res, 200, { status: 'busy', engine: store.engine.kind, schemaVersion: store.schema.to, ms });
    sendJson(res, 503, { status: 'unavailable', engine: store.engine.kind });
  };
}
