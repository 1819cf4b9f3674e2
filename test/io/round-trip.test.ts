/**
 * The CSV export imported again into the store it came from changes nothing: every node, every
 * link and its provenance (basis, source, locator, confidence, rule, role) are as they were; the
 * only new node is the audit record saying who imported which file. An inferred link stays
 * inferred, a signatory stays a signatory, a stadsdel stays a stadsdel. A Windows-1252 file with
 * the en dash, curly quotes and € keeps them exactly through import, export and import again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { loadView } from '../../graph/io/export/view.js';
import { toCsv } from '../../graph/io/export/csv.js';
import { importSpreadsheet } from '../../graph/io/import/importer.js';
import { backupStore } from '../../graph/io/backup/backup.js';
import type { BackupLine } from '../../graph/io/backup/format.js';
import type { GraphEngine } from '../../graph/engines/port.js';
import { tempStore, type TempStore } from '../helpers/store.js';
import { cp1252Text } from './helpers.js';

/** Every node and relationship with all its properties, as the backup writes them, in a stable order. */
async function graphLines(engine: GraphEngine): Promise<string[]> {
  const lines: string[] = [];
  await backupStore(engine, (line: BackupLine) => {
    if (line.kind === 'node' || line.kind === 'rel') lines.push(JSON.stringify(line));
  });
  return lines.sort();
}

const isAudit = (line: string) => (JSON.parse(line) as { label?: string }).label === 'AuditRecord';

/** What an import changed: lines gone and lines new, apart from its own audit record. */
function difference(before: string[], after: string[]) {
  const had = new Set(before);
  const has = new Set(after);
  return { gone: before.filter((l) => !has.has(l)), added: after.filter((l) => !had.has(l) && !isAudit(l)), audits: after.filter((l) => !had.has(l) && isAudit(l)).length };
}

let temp: TempStore;
let store: GraphStore;
beforeAll(async () => {
  temp = await tempStore({ seeded: true });
  store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] });
});
afterAll(async () => {
  store?.projections.close();
  await temp?.cleanup();
});

describe('the CSV export imported into the same store', () => {
  it('changes no node, no link and no provenance', async () => {
    const before = await graphLines(temp.engine);
    const links = before.filter((l) => l.startsWith('{"kind":"rel"'));
    // The seed holds what an import could flatten: inferred links, signatories, stadsdelar named like their stadsdelsområde.
    expect(links.some((l) => l.includes('"basis":"INFERRED"'))).toBe(true);
    expect(links.some((l) => l.includes('"role":"SIGNATORY"'))).toBe(true);

    const file = toCsv(await loadView(store, {}));
    const report = await importSpreadsheet(temp.engine, file, { fileName: 'export.csv', inProcess: true });
    expect(report.committed).toBe(true);
    expect(report.summary.importedRows).toBeGreaterThan(80);
    expect(report.summary.organisationsCreated).toBe(0);
    expect(report.summary.organisationsUpdated).toBe(0);

    const change = difference(before, await graphLines(temp.engine));
    expect(change.gone).toEqual([]);
    expect(change.added).toEqual([]);
    expect(change.audits).toBe(1);
  });
});

describe('a Windows-1252 file with – ” and €', () => {
  const NAME = 'Kaffe – ”Fika” för € 20';
  const DESCRIPTION = 'Öppet ’alla’ dagar… — “välkomna”';

  it('keeps the characters through import and export, and its export imported again changes nothing', async () => {
    const first = await importSpreadsheet(temp.engine, cp1252Text(`Namn;Beskrivning;Målgrupp\r\n${NAME};${DESCRIPTION};Personer i hemlöshet\r\n`), { fileName: 'fika.csv', inProcess: true });
    expect(first.committed).toBe(true);
    expect(first.file.encoding).toBe('windows-1252');
    expect(first.summary.organisationsCreated).toBe(1);

    const exported = toCsv(await loadView(store, { text: 'Fika' }));
    const rows = parseCsv(exported.toString('utf8').slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r['namn'] === NAME);
    expect(row?.['beskrivning']).toBe(DESCRIPTION);
    expect(row?.['målgrupper']).toBe('Personer i hemlöshet');

    const before = await graphLines(temp.engine);
    const again = await importSpreadsheet(temp.engine, exported, { fileName: 'fika-export.csv', inProcess: true });
    expect(again.committed).toBe(true);
    const change = difference(before, await graphLines(temp.engine));
    expect(change.gone).toEqual([]);
    expect(change.added).toEqual([]);
    // And its export is the same file, byte for byte.
    expect(toCsv(await loadView(store, { text: 'Fika' })).equals(exported)).toBe(true);
  });
});
