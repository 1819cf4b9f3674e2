/**
 * A local GraphiQL: the page at GET /graphiql (and GET /graphql when a browser asks for HTML), its
 * scripts and styles served from node_modules (graphiql's UMD build, React 18's UMD builds) under
 * /graphiql/assets/. Nothing comes from a CDN, so it works with no internet; the page's
 * Content-Security-Policy only allows this server ('self').
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const GRAPHIQL_PATH = '/graphiql';
const ASSETS = `${GRAPHIQL_PATH}/assets/`;

/** The files the page may load: public name → package and file inside it. Nothing else is served. */
const FILES: Record<string, { pkg: string; file: string; type: string }> = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
};

/** Our own two small files: the page's style and the script that mounts GraphiQL. */
const OWN: Record<string, { body: string; type: string }> = {
  'page.css': { type: 'text/css; charset=utf-8', body: 'html, body, #graphiql { height: 100%; margin: 0; }\n' },
  'start.js': {
    type: 'text/javascript; charset=utf-8',
    body: `// Mounts GraphiQL on this server's /graphql (no CDN: every script comes from this server).
(function () {
  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).toString() });
  var defaultQuery = [
    '# Samverkan GraphQL. Exempel: organisationer som arbetar med personer i hemlöshet på Södermalm.',
    '# Example: organisations working with homeless people in Södermalm.',
    'query {',
    '  organisations(filter: { targetGroups: ["tg:hemlosa"], districts: ["district:sdo-sodermalm"], includeWider: true }, first: 20) {',
    '    totalCount',
    '    edges { node { id name targetGroups { name provenance { basis source { title } } } } }',
    '  }',
    '}',
    '',
  ].join('\\n');
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, defaultEditorToolsVisibility: true }),
  );
})();
`,
  },
};

const PAGE = `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Samverkan GraphQL – GraphiQL</title>
<link rel="stylesheet" href="${ASSETS}graphiql.min.css">
<link rel="stylesheet" href="${ASSETS}page.css">
</head>
<body>
<div id="graphiql" role="main">Laddar GraphiQL… (Loading GraphiQL…) GraphiQL behöver JavaScript. GraphiQL needs JavaScript.</div>
<script src="${ASSETS}react.production.min.js"></script>
<script src="${ASSETS}react-dom.production.min.js"></script>
<script src="${ASSETS}graphiql.min.js"></script>
<script src="${ASSETS}start.js"></script>
</body>
</html>
`;

// GraphiQL's editors set inline styles (React style attributes): 'unsafe-inline' for styles only.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const require = createRequire(import.meta.url);

/** A package's file in the nearest node_modules that has it (packages' `exports` may hide subpaths from require.resolve). */
function packageFile(pkg: string, file: string): string {
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const candidate = path.join(dir, pkg, file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${pkg}/${file} is not installed`);
}

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
  etag: string;
}
const cache = new Map<string, Asset>();

function asset(name: string): Asset | null {
  const hit = cache.get(name);
  if (hit) return hit;
  let body: Buffer;
  let type: string;
  const own = OWN[name];
  const file = FILES[name];
  if (own) {
    body = Buffer.from(own.body, 'utf8');
    type = own.type;
  } else if (file) {
    body = fs.readFileSync(packageFile(file.pkg, file.file));
    type = file.type;
  } else return null;
  // The minified bundles name source maps we do not serve; drop the comment so browsers do not ask.
  if (type.startsWith('text/javascript') || type.startsWith('text/css')) body = Buffer.from(body.toString('utf8').replace(/\n?\/[/*]# sourceMappingURL=[^\n]*\s*$/, '\n'), 'utf8');
  const made: Asset = { body, gzip: zlib.gzipSync(body), type, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
  cache.set(name, made);
  return made;
}

/** A browser navigating to /graphql (HTML first in Accept, no query in the URL) gets the page. */
export function wantsGraphiQL(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.searchParams.has('query')) return false;
  const accept = (req.headers.accept ?? '').toLowerCase();
  const html = accept.indexOf('text/html');
  const json = Math.min(...['application/json', 'application/graphql-response+json'].map((t) => (accept.includes(t) ? accept.indexOf(t) : Infinity)));
  return html >= 0 && html < json;
}

export function serveGraphiQLPage(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : PAGE);
}

/** GET /graphiql/assets/<name>: one of the files above, gzipped when the client accepts it. */
export function serveGraphiQLAsset(req: IncomingMessage, res: ServerResponse): void {
  const name = (req.url ?? '').split('?')[0]!.slice(ASSETS.length);
  const found = req.method === 'GET' || req.method === 'HEAD' ? asset(name) : null;
  if (!found) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
    return;
  }
  if (req.headers['if-none-match'] === found.etag) {
    res.writeHead(304, { etag: found.etag });
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? found.gzip : found.body;
  res.writeHead(200, {
    'content-type': found.type,
    'content-length': body.length,
    'cache-control': 'public, max-age=86400',
    etag: found.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export const isGraphiQLAsset = (pathname: string) => pathname.startsWith(ASSETS);
