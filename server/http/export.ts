/**
 * GET /export?format=csv|json|graphml|hsds&targetGroup=…&district=…&agreementKind=…&offers=…&needs=…&text=…
 * The organisations a filter selects, as a file download. Public data only (see graph/io/export/view.ts).
 * Bad parameters get a 400 naming the parameter; engine failures a 500 without details.
 *
 * An export is bounded work: one at a time per client address (another answers 429 with
 * Retry-After), EXPORT_LIMITS.concurrent at a time on the server (a few more wait their turn;
 * past that 503 with Retry-After), and its body is streamed a piece at a time with the event loop
 * given back between pieces, so other requests are answered while a large export is written.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { GraphStore } from '../../graph/store.js';
import { GraphError, ValidationError } from '../../graph/errors.js';
import { loadView } from '../../graph/io/export/view.js';
import { EXPORT_FORMATS, filterFromParams, isExportFormat } from '../../graph/io/export/formats.js';
import { clientAddress } from './client-address.js';
import { log } from '../log.js';
import { sendJson } from './send-json.js';

export const EXPORT_LIMITS = {
  /** Exports one client address may have running. */
  perClient: 1,
  /** Exports the server writes at once. */
  concurrent: 2,
  /** Exports that may wait for a turn; more are refused. */
  queued: 8,
  /** Work between two returns to the event loop while writing (ms). */
  sliceMs: 8,
} as const;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function exportRoute(store: GraphStore, options: { trustProxy?: number } = {}) {
  const perClient = new Map<string, number>();
  let active = 0;
  const waiting: (() => void)[] = [];

  const release = (client: string) => {
    const n = (perClient.get(client) ?? 1) - 1;
    if (n <= 0) perClient.delete(client);
    else perClient.set(client, n);
    active--;
    waiting.shift()?.();
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'method not allowed' }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const format = url.searchParams.get('format') ?? 'csv';
    if (!isExportFormat(format)) {
      return send(res, 400, { error: 'BAD_USER_INPUT', problems: [{ field: 'format', message: `must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}` }] });
    }
    const client = clientAddress(req, options.trustProxy ?? 0);
    if ((perClient.get(client) ?? 0) >= EXPORT_LIMITS.perClient) {
      return send(res, 429, { error: 'RATE_LIMITED', limit: 'EXPORTS_PER_CLIENT', max: EXPORT_LIMITS.perClient, message: `At most ${EXPORT_LIMITS.perClient} export at a time per client: wait for the running one.` }, { 'retry-after': '5' });
    }
    if (active >= EXPORT_LIMITS.concurrent && waiting.length >= EXPORT_LIMITS.queued) {
      return send(res, 503, { error: 'BUSY', limit: 'EXPORTS_CONCURRENT', max: EXPORT_LIMITS.concurrent, message: 'The server is writing as many exports as it can: try again shortly.' }, { 'retry-after': '10' });
    }
    perClient.set(client, (perClient.get(client) ?? 0) + 1);
    while (active >= EXPORT_LIMITS.concurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      const view = await loadView(store, filterFromParams((name) => url.searchParams.getAll(name)));
      const spec = EXPORT_FORMATS[format];
      res.writeHead(200, {
        'content-type': spec.contentType,
        'content-disposition': `attachment; filename="samverkan-${view.generatedAt.slice(0, 10)}.${spec.extension}"`,
        'cache-control': 'no-store',
        'x-organisations': String(view.organisations.length),
      });
      if (req.method === 'HEAD') return void res.end();
      let slice = performance.now();
      for (const chunk of spec.chunks(view)) {
        if (res.destroyed) return;
        if (!res.write(chunk)) await once(res, 'drain');
        if (performance.now() - slice > EXPORT_LIMITS.sliceMs) {
          await nextTick();
          slice = performance.now();
        }
      }
      res.end();
    } catch (error) {
      if (error instanceof ValidationError) return send(res, 400, { error: error.code, problems: error.problems.map((p) => ({ field: p.field.replace(/^filter\./, ''), message: p.message })) });
      if (error instanceof GraphError && error.code !== 'ENGINE_ERROR') return send(res, 400, { error: error.code, message: error.message });
      log('error', 'export failed', { message: error instanceof Error ? error.message : String(error) });
      send(res, 500, { error: 'INTERNAL_SERVER_ERROR' });
    } finally {
      release(client);
    }
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  sendJson(res, status, body, headers);
}
