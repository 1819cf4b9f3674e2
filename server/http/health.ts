/** GET /healthz: 200 when the store answers a query, 503 when it does not. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphStore } from '../../graph/store.js';
import { meta } from '../../graph/cypher/statements/meta.js';

export async function health(store: GraphStore, _req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  try {
    await store.engine.read((tx) => tx.run(meta.ping, {}));
    send(res, 200, { status: 'ok', engine: store.engine.kind, schemaVersion: store.schema.to, ms: Math.round(performance.now() - started) });
  } catch {
    send(res, 503, { status: 'unavailable', engine: store.engine.kind });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
