/**
 * The web app (SvelteKit, adapter-node build in web/build) on the API's port: every path that is
 * not a server route. SSR requests from the app to /graphql come back to this same server over
 * loopback (web/src/hooks.server.ts reads the address from INTERNAL_ORIGIN_HEADER, which is set
 * here on every request so a client cannot choose it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { log } from '../log.js';

export const WEB_BUILD_DIR = fileURLToPath(new URL('../../web/build/', import.meta.url));
const INTERNAL_ORIGIN_HEADER = 'x-samverkan-internal-origin';
const PROTOCOL_HEADER = 'x-samverkan-protocol';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
export type WebHandler = (req: IncomingMessage, res: ServerResponse, internalOrigin: string) => void;

/** The built app's handler, or null (with a warning) when `npm run build:web` has not run. */
export async function loadWebHandler(buildDir = WEB_BUILD_DIR): Promise<WebHandler | null> {
  const file = path.join(buildDir, 'handler.js');
  if (!fs.existsSync(file)) {
    log('warn', 'the web app is not built: run `npm run build:web` (npm start does it)', { file });
    return null;
  }
  // This server speaks plain HTTP; behind a TLS proxy set ORIGIN (or PROTOCOL_HEADER/HOST_HEADER).
  if (!process.env['ORIGIN'] && !process.env['PROTOCOL_HEADER']) process.env['PROTOCOL_HEADER'] = PROTOCOL_HEADER;
  const { handler } = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
  return (req, res, internalOrigin) => {
    req.headers[INTERNAL_ORIGIN_HEADER] = internalOrigin;
    if (process.env['PROTOCOL_HEADER'] === PROTOCOL_HEADER) req.headers[PROTOCOL_HEADER] = 'http';
    handler(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    });
  };
}
