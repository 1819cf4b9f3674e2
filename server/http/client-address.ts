/**
 * The client's address, as rate limits and sign-in lockouts see it. Behind reverse proxies
 * (TRUST_PROXY = how many of them stand in front of this server) it is the address the nearest
 * untrusted hop gave in X-Forwarded-For; without them it is the socket's peer. Addresses a client
 * writes itself further left in the header are never trusted.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export function trustedProxies(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['TRUST_PROXY'];
  if (raw === undefined || raw === '' || raw === 'false') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUST_PROXY must be the number of proxies in front of the server (0–10), not ${raw}`);
  return n;
}

export function clientAddress(req: IncomingMessage, proxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!proxies) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  // The peer is the last proxy; each trusted proxy appended the address it was reached from.
  const chain = [...hops, peer];
  const client = chain[Math.max(0, chain.length - 1 - proxies)] ?? peer;
  return isIP(client) ? client : peer;
}
