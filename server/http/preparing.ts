/**
 * First start: the port answers at once. Until the app is ready (the web app built, the store
 * opened and seeded) every request gets 503 with Retry-After and a page, in Swedish and English,
 * that says the app is being prepared and reloads itself; /healthz says `starting`. When the app
 * is ready, startServer takes over this same server (its `listening` option): no refused connection.
 */
import http from 'node:http';

const PAGE = `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5"><title>Samverkan förbereds</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}</style></head>
<body><main>
<h1>Samverkan förbereds</h1>
<p>Appen startar: webbappen byggs och databasen öppnas (första gången fylls den med Stockholmsgrafen). Sidan laddas om av sig själv om några sekunder.</p>
<p lang="en">Samverkan is being prepared: the web app is built and the store opened (seeded on the first start). This page reloads itself in a few seconds.</p>
</main></body></html>
`;

export const RETRY_AFTER_SECONDS = 5;

/** Listens on `port`/`host` and answers 503 "being prepared" until the app takes the server over. */
export async function listenPreparing(port: number, host: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const headers = { 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (path === '/healthz' || path === '/graphql' || (req.headers.accept ?? '').includes('application/json')) {
      res.writeHead(503, { ...headers, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'starting', errors: [{ message: 'Samverkan förbereds. The app is being prepared.', extensions: { code: 'STARTING' } }] }));
      return;
    }
    res.writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : PAGE);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/**
 * Builds the web app when its build is missing or stale (web/scripts/ensure-build.mjs) in a child
 * process, so the preparing server keeps answering meanwhile. A failed build leaves the API up
 * (loadWebHandler warns that the app is not built).
 */
export async function ensureWebBuild(): Promise<boolean> {
  const { spawn } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const script = fileURLToPath(new URL('../../web/scripts/ensure-build.mjs', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { stdio: 'inherit' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}
