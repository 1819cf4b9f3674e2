/**
 * `npm run backup -- out.jsonl [--url URL --token TOKEN]`: the whole store (every label and
 * relationship type of the model) as JSON Lines, one consistent state, written with mode 0600
 * (it holds password hashes, sessions and personal data).
 *
 * While `npm start` runs, the backup goes through it (its control file, server/control.ts, or
 * --url and --token): the embedded store is the server's alone, and on Neo4j the server pauses
 * its writes while the backup is read. With no server running, the store is opened here.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openStore } from '../../graph/store.js';
import { consistentBackup } from '../../graph/io/backup/backup.js';
import { failWith, usage } from '../../graph/io/cli/common.js';
import { controlFilePath, readControl } from '../control.js';

const USAGE = 'usage: npm run backup -- <out.jsonl> [--url http://host:port --token TOKEN]';
let parsed;
try {
  parsed = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' } }, allowPositionals: true });
} catch {
  usage(USAGE);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || positionals.length !== 1) usage(USAGE);

const partial = `${file}.partial`;
const out = fs.createWriteStream(partial, { encoding: 'utf8', mode: 0o600 });
const control = values.url ? { url: values.url, token: values.token ?? '' } : readControl(controlFilePath());

try {
  let summary: string;
  if (control) {
    const res = await fetch(`${control.url.replace(/\/$/, '')}/admin/backup`, { headers: { authorization: `Bearer ${control.token}` } });
    if (!res.ok || !res.body) throw new Error(`the server at ${control.url} answered ${res.status}: ${await res.text()}`);
    let tail = '';
    for await (const chunk of Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>)) {
      tail = (tail + (chunk as Buffer).toString('utf8')).slice(-65536);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    // Only a complete backup gets the name asked for (restore also refuses one without its footer).
    const footer = JSON.parse(tail.trimEnd().split('\n').pop() ?? '{}') as { kind?: string; nodes?: number; relationships?: number };
    if (footer.kind !== 'footer') throw new Error('the backup ended without its footer: it is incomplete');
    summary = `${footer.nodes} nodes and ${footer.relationships} relationships through the server at ${control.url}`;
  } else {
    const store = await openStore(undefined, { readModel: false }).catch((error: unknown) => {
      throw new Error(`cannot open the store (${error instanceof Error ? error.message : String(error)}); if a server holds it, pass --url and --token`);
    });
    try {
      const footer = await consistentBackup(store, async (line) => {
        if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
      });
      summary = `${footer.nodes} nodes and ${footer.relationships} relationships from the ${store.engine.kind} store`;
    } finally {
      await store.close();
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  fs.renameSync(partial, file);
  fs.chmodSync(file, 0o600);
  console.error(`backup: ${summary} to ${file} (mode 0600)`);
} catch (error) {
  out.destroy();
  fs.rmSync(partial, { force: true });
  failWith(error);
}
