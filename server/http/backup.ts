/**
 * GET /admin/backup: a full, consistent backup as JSON Lines, streamed (graph/io/backup). For an
 * admin's session (with its CSRF token in x-csrf-token, so no other site can start one) or a
 * local command holding the control token (`authorization: Bearer …`, server/control.ts).
 * Writes pause on Neo4j while it is read (graph/write-gate.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphStore } from '../../graph/store.js';
import { consistentBackup } from '../../graph/io/backup/backup.js';
import type { AuthService } from '../auth/service.js';
import { sameSecret } from '../control.js';
import { log } from '../log.js';
import { sendJson } from './send-json.js';

export function backupHandler(store: GraphStore, auth: AuthService, controlToken: string | null) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' }, { allow: 'GET' });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let who: string;
    if (bearer !== undefined) {
      if (!controlToken || !sameSecret(bearer, controlToken)) return sendJson(res, 401, { error: 'UNAUTHENTICATED' });
      who = 'control';
    } else {
      const a = await auth.forRequest(req);
      if (!a.viewer) return sendJson(res, 401, { error: 'UNAUTHENTICATED' });
      if (a.viewer.role !== 'ADMIN') return sendJson(res, 403, { error: 'FORBIDDEN' });
      if (!a.csrfHeader || !sameSecret(a.csrfHeader, a.viewer.csrfToken)) return sendJson(res, 403, { error: 'FORBIDDEN', reason: 'CSRF' });
      who = a.viewer.id;
    }
    const started = performance.now();
    res.writeHead(200, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="samverkan-backup-${new Date().toISOString().slice(0, 10)}.jsonl"`,
      'cache-control': 'no-store',
    });
    try {
      const footer = await consistentBackup(store, async (line) => {
        if (!res.write(JSON.stringify(line) + '\n')) await new Promise<void>((resolve) => res.once('drain', resolve));
      });
      res.end();
      log('info', 'backup', { by: who, nodes: footer.nodes, relationships: footer.relationships, ms: Math.round(performance.now() - started) });
    } catch (error) {
      // The client sees a file without a footer, which restore refuses.
      log('error', 'backup failed', { message: error instanceof Error ? error.message : String(error) });
      res.destroy();
    }
  };
}
