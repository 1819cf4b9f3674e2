/**
 * The local GraphiQL works with no internet: the page and every script and style it references
 * come from this server (no CDN), the styles pull nothing from elsewhere, and Debian's Chromium,
 * with every host but the server unresolvable, renders GraphiQL from it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testServer, type TestServer } from '../helpers/harness.js';

const CHROMIUM = '/usr/bin/chromium';

describe('local GraphiQL', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await testServer();
  });
  afterAll(async () => {
    await s.close();
  });

  const references = (html: string) => [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);

  it('serves the page and every asset it references from this server', async () => {
    const origin = new URL(s.server.url).origin;
    for (const [url, headers] of [
      [`${s.server.url}/graphiql`, {}],
      [`${s.server.url}/graphql`, { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }],
    ] as const) {
      const page = await fetch(url, { headers });
      expect(page.status, url).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      const html = await page.text();
      expect(html).not.toMatch(/https?:\/\//);
      const refs = references(html);
      expect(refs.length).toBeGreaterThanOrEqual(5);
      for (const ref of refs) {
        const target = new URL(ref, url);
        expect(target.origin, ref).toBe(origin);
        const res = await fetch(target);
        expect(res.status, ref).toBe(200);
        const body = await res.text();
        if (ref.endsWith('.css')) {
          expect(res.headers.get('content-type')).toMatch(/^text\/css/);
          for (const [, u] of body.matchAll(/url\(\s*['"]?([^'")]+)/g)) expect(u!.startsWith('data:') || new URL(u!, target).origin === origin, u).toBe(true);
          expect(body).not.toMatch(/@import\s+(url\()?['"]?https?:/);
        } else {
          expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
          expect(body.length).toBeGreaterThan(100);
          // Scripts load nothing by URL: no dynamic import or script tag pointing off-host.
          expect(body).not.toMatch(/import\(\s*['"]https?:/);
          expect(body).not.toMatch(/\.src\s*=\s*['"]https?:/);
        }
      }
    }
    // Assets are only the listed files: no path tricks.
    for (const bad of ['/graphiql/assets/../../package.json', '/graphiql/assets/%2e%2e%2fpackage.json', '/graphiql/assets/index.umd.js.map', '/graphiql/assets/']) {
      expect((await fetch(`${s.server.url}${bad}`)).status, bad).toBe(404);
    }
    // A GraphQL GET for JSON is still GraphQL, not the page.
    const json = await fetch(`${s.server.url}/graphql?query=${encodeURIComponent('{ sources { id } }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(json.headers.get('content-type')).toMatch(/json/);
    expect(((await json.json()) as { data: { sources: unknown[] } }).data.sources.length).toBeGreaterThan(3);
  });

  it('renders in Chromium with every other host unreachable', async () => {
    expect(fs.existsSync(CHROMIUM), 'Debian chromium (apt-get install chromium; .ci/run installs it)').toBe(true);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-chromium-'));
    try {
      const { stdout } = await promisify(execFile)(
        CHROMIUM,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          `--user-data-dir=${profile}`,
          // No internet: every host name but the loopback address fails to resolve.
          '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
          '--virtual-time-budget=15000',
          '--dump-dom',
          `${s.server.url}/graphiql`,
        ],
        { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      );
      expect(stdout).toMatch(/class="graphiql-container"/);
      expect(stdout).toMatch(/graphiql-query-editor|CodeMirror/);
      expect(stdout).toContain('tg:hemlosa'); // the default query, in GraphiQL's editor
      expect(stdout).not.toContain('Laddar GraphiQL');
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });
});
