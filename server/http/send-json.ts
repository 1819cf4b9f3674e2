import type { ServerResponse } from 'node:http';

/** A JSON answer no cache keeps: the statuses and refusals of the plain HTTP routes (health, backup, export, OIDC). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
