/** The importer at size: 10,000 rows in one transaction, then the same file again. */
import { describe, expect, it } from 'vitest';
import { importSpreadsheet } from '../../graph/io/import/importer.js';
import { cp1252, orgNumber, seededStoreForFile, organisationsByName } from './helpers.js';

const store = seededStoreForFile();

const count = async () => (await organisationsByName(store.engine)).size;

describe('import at size', () => {
  it('imports 10,000 rows in one transaction', async () => {
    const lines = ['Namn;Organisationsnummer;Målgrupp;Stadsdel;Webbplats'];
    const tgs = ['Äldre', 'Barn och unga', 'Personer i hemlöshet', 'Nyanlända'];
    const ds = ['Kista', 'Rinkeby', 'Skärholmen', 'Södermalm', 'Farsta'];
    for (let i = 0; i < 10_000; i++) lines.push(`Massförening ${i};${orgNumber(10_000 + i)};${tgs[i % 4]};${ds[i % 5]};https://mass${i}.example.se`);
    const before = await count();
    const phases = new Set<string>();
    const report = await importSpreadsheet(store.engine, cp1252(lines.join('\r\n')), { onProgress: (p) => phases.add(p.phase) });
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ rows: 10_000, organisationsCreated: 10_000, links: 20_000 });
    expect(await count()).toBe(before + 10_000);
    expect([...phases]).toEqual(['read', 'validate', 'match', 'write', 'done']);

    // The same file again: every row is its organisation by number and changes nothing (no field
    // differs, so none is written); links it stated already are left alone.
    const again = await importSpreadsheet(store.engine, cp1252(lines.join('\r\n')));
    expect(again.summary).toMatchObject({ organisationsCreated: 0, organisationsUpdated: 0, links: 20_000 });
    expect(await count()).toBe(before + 10_000);
  });
});
