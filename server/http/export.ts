/**
 * GET /export?format=csv|json|graphml|hsds&targetGroup=…&district=…&agreementKind=…&offers=…&needs=…&text=…
 * The organisations a filter selects, as a file download. Public data only (see graph/io/export/view.ts).
 * Bad parameters get a 400 naming the parameter; engine failures a 500 without details.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphStore } from '../../graph/store.js';
import { GraphError, ValidationError } from '../../graph/errors.js';
import { loadView } from '../../graph/io/export/view.js';
import { EXPORT_FORMATS, filterFromParams, isExportFormat } from '../../graph/io/export/formats.js';
import { log } from '../log.js';

export async function exportHandler(store: GraphStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  try {
    const view = await loadView(store, filterFromParams((name) => url.searchParams.getAll(name)));
    const spec = EXPORT_FORMATS[format];
    const body = spec.write(view);
    res.writeHead(200, {
      'content-type': spec.contentType,
      'content-length': body.byteLength,
      'content-disposition': `attachment; filename="samverkan-${view.generatedAt.slice(0, 10)}.${spec.extension}"`,
      'cache-control': 'no-store',
      'x-organisations': String(view.organisations.length),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    if (error instanceof ValidationError) return send(res, 400, { error: error.code, problems: error.problems.map((p) => ({ field: p.field.replace(/^filter\./, ''), message: p.message })) });
    if (error instanceof GraphError && error.code !== 'ENGINE_ERROR') return send(res, 400, { error: error.code, message: error.message });
    log('error', 'export failed', { message: error instanceof Error ? error.message : String(error) });
    send(res, 500, { error: 'INTERNAL_SERVER_ERROR' });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
