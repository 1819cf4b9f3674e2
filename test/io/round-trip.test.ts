/**
 * The CSV export imported again into the store it came from changes nothing: every node, every
 * link and its provenance (basis, source, locator, confidence, rule, role) are as they were; the
 * only new node is the audit record saying who imported which file. An inferred link stays
 * inferred, a signatory stays a signatory, a stadsdel stays a stadsdel. The facts file (one row per
 * fact with its provenance) imported into an empty store with the same catalogue gives back every
 * organisation with its links, roles, kinds, notes, bases and sources. A Windows-1252 file with
 * the en dash, curly quotes and € keeps them exactly through import, export and import again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { loadView } from '../../graph/io/export/view.js';
import { toCsv, toLinksCsv } from '../../graph/io/export/csv.js';
import { importSpreadsheet, previewImport } from '../../graph/io/import/importer.js';
import type { GraphEngine } from '../../graph/engines/port.js';
import { tempStore, type TempStore } from '../helpers/store.js';
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { seedStore } from '../../seeds/load/seed.js';
import type { GraphBatch } from '../../graph/bulk/batch.js';
import type { NodeLabel } from '../../graph/model/model.js';
import { cp1252Text, storeLines } from './helpers.js';

/** The store as the backup writes it, but its own bookkeeping (SchemaMeta: schema version and, on Neo4j, write locks). */
const graphLines = (engine: GraphEngine) => storeLines(engine, { skipLabels: ['SchemaMeta'] });

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
    const report = await importSpreadsheet(store.engine, file, { fileName: 'export.csv', inProcess: true });
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

/** The seed's catalogue: sources, target groups, districts, resource types, public bodies; no organisation, agreement or collaboration. */
function catalogueOnly(batch: GraphBatch): GraphBatch {
  const left: readonly NodeLabel[] = ['Organisation', 'Agreement', 'Collaboration'];
  return {
    nodes: Object.fromEntries(Object.entries(batch.nodes).filter(([label]) => !left.includes(label as NodeLabel))),
    rels: Object.fromEntries(Object.entries(batch.rels).map(([type, rows]) => [type, rows!.filter((r) => !left.includes(r.fromLabel) && !left.includes(r.toLabel))])),
  };
}

type Line = { kind: string; label?: string; type?: string; from?: string; to?: string; fromLabel?: string; toLabel?: string; props: Record<string, unknown> };
/** What the facts file carries: the organisations' public facts, their links, and the name and kind of the agreements and collaborations they are party to. */
function organisationFacts(lines: string[]) {
  const parsed = lines.map((l) => JSON.parse(l) as Line);
  const omit = (props: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(props).filter(([k, v]) => !keys.includes(k) && v !== null));
  // Not public (e-mail, phone, when contacts were checked) or the store's own bookkeeping.
  const local = ['email', 'phone', 'contactVerifiedAt', 'version', 'createdAt', 'updatedAt'];
  return {
    organisations: parsed.filter((l) => l.label === 'Organisation').map((l) => JSON.stringify(omit(l.props, local))).sort(),
    links: parsed.filter((l) => l.kind === 'rel' && l.fromLabel === 'Organisation').map((l) => JSON.stringify({ type: l.type, from: l.from, to: l.to, props: omit(l.props, []) })).sort(),
    named: parsed.filter((l) => l.label === 'Agreement' || l.label === 'Collaboration').map((l) => `${l.label} ${l.props['id']} ${l.props['name']} ${l.props['kind']}`).sort(),
  };
}

describe('the facts file', () => {
  it('imported into the same store changes nothing', async () => {
    const before = await graphLines(temp.engine);
    const report = await importSpreadsheet(store.engine, toLinksCsv(await loadView(store, {})), { fileName: 'fakta.csv' });
    expect(report.committed).toBe(true);
    expect(report.summary.organisationsCreated).toBe(0);
    expect(report.summary.links).toBe(0);
    const change = difference(before, await graphLines(temp.engine));
    expect(change.gone).toEqual([]);
    expect(change.added).toEqual([]);
  });

  it('imported into an empty store with the same catalogue gives back every organisation, link, role, kind, note, basis and source', async () => {
    const file = toLinksCsv(await loadView(store, {}));
    const target = await tempStore();
    try {
      await seedStore(target.engine, catalogueOnly(buildSeedBatch()));
      const want = organisationFacts(await graphLines(temp.engine));
      // The preview (as the web app's import shows it) counts what would be added and writes nothing.
      const catalogue = await graphLines(target.engine);
      const preview = await previewImport(target.engine, file, { fileName: 'fakta.csv' });
      expect(preview.report).toMatchObject({ committed: false, summary: { organisationsCreated: want.organisations.length } });
      expect(await graphLines(target.engine)).toEqual(catalogue);

      const report = await importSpreadsheet(target.engine, file, { fileName: 'fakta.csv' });
      expect(report.committed).toBe(true);
      const got = organisationFacts(await graphLines(target.engine));
      expect(report.summary.organisationsCreated).toBe(want.organisations.length);
      // The seed's links include every kind: inferred ones, signatories, resources with notes, umbrellas.
      for (const needle of ['"basis":"INFERRED"', '"role":"SIGNATORY"', '"type":"OFFERS"', '"type":"MEMBER_OF"', '"type":"PARTICIPATES_IN"']) expect(want.links.some((l) => l.includes(needle)), needle).toBe(true);
      expect(got.organisations).toEqual(want.organisations);
      expect(got.links).toEqual(want.links);
      // The agreements and collaborations organisations take part in, with their names and kinds.
      const linked = new Set(want.links.map((l) => (JSON.parse(l) as { to: string }).to));
      const named = want.named.filter((n) => linked.has(n.split(' ')[1]!));
      expect(named.length).toBeGreaterThan(5);
      expect(got.named).toEqual(named);
      // Again: nothing more.
      const again = await importSpreadsheet(target.engine, file, { fileName: 'fakta.csv' });
      expect(again.summary.organisationsCreated + again.summary.links).toBe(0);
    } finally {
      await target.cleanup();
    }
  });

  it('loads its audit record with the facts: no fact lands without it, even when no later write can', async () => {
    const file = toLinksCsv(await loadView(store, { text: 'Stadsmission' }));
    const target = await tempStore();
    try {
      await seedStore(target.engine, catalogueOnly(buildSeedBatch()));
      // After the load, the store takes no further write (as if the process had stopped there).
      let loaded = false;
      const raw = target.engine;
      const engine = new Proxy(raw, {
        get(t, key) {
          if (key === 'bulkLoad') return async (batch: GraphBatch) => ((loaded = true), t.bulkLoad(batch));
          if (key === 'write' && loaded) return async () => Promise.reject(new Error('the store takes no more writes'));
          const value = Reflect.get(t, key, t) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
        },
      });
      const report = await importSpreadsheet(engine, file, { fileName: 'fakta.csv' });
      expect(report.committed).toBe(true);
      expect(report.summary.organisationsCreated).toBeGreaterThan(0);
      const audits = (await graphLines(raw)).filter(isAudit).map((l) => JSON.parse(l) as { props: { action: string; entityType: string; after: string } });
      expect(audits).toHaveLength(1);
      expect(audits[0]!.props).toMatchObject({ action: 'IMPORT', entityType: 'Import' });
      expect((JSON.parse(audits[0]!.props.after) as { created: string[] }).created).toHaveLength(report.summary.organisationsCreated);
    } finally {
      await target.cleanup();
    }
  });

  it('refuses a fact citing a source the store lacks, naming the row and column, and writes nothing', async () => {
    const text = toLinksCsv(await loadView(store, { text: 'Convictus' })).toString('utf8');
    const rows = text.split('\r\n');
    const cited = rows.findIndex((r, i) => i > 0 && r.includes(';src:'));
    rows[cited] = rows[cited]!.replace(/;src:[^;]+;/, ';src:finns-inte;');
    const target = await tempStore();
    try {
      await seedStore(target.engine, catalogueOnly(buildSeedBatch()));
      const before = await graphLines(target.engine);
      await expect(importSpreadsheet(target.engine, Buffer.from(rows.join('\r\n'), 'utf8'), { fileName: 'fakta.csv' })).rejects.toMatchObject({ problems: [{ field: `rows.${cited + 1}.källa` }] });
      expect(await graphLines(target.engine)).toEqual(before);
    } finally {
      await target.cleanup();
    }
  });
});

describe('a Windows-1252 file with – ” and €', () => {
  const NAME = 'Kaffe – ”Fika” för € 20';
  const DESCRIPTION = 'Öppet ’alla’ dagar… — “välkomna”';

  it('keeps the characters through import and export, and its export imported again changes nothing', async () => {
    const first = await importSpreadsheet(store.engine, cp1252Text(`Namn;Beskrivning;Målgrupp\r\n${NAME};${DESCRIPTION};Personer i hemlöshet\r\n`), { fileName: 'fika.csv', inProcess: true });
    expect(first.committed).toBe(true);
    expect(first.file.encoding).toBe('windows-1252');
    expect(first.summary.organisationsCreated).toBe(1);

    const exported = toCsv(await loadView(store, { text: 'Fika' }));
    const rows = parseCsv(exported.toString('utf8').slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r['namn'] === NAME);
    expect(row?.['beskrivning']).toBe(DESCRIPTION);
    expect(row?.['målgrupper']).toBe('Personer i hemlöshet');

    const before = await graphLines(temp.engine);
    const again = await importSpreadsheet(store.engine, exported, { fileName: 'fika-export.csv', inProcess: true });
    expect(again.committed).toBe(true);
    const change = difference(before, await graphLines(temp.engine));
    expect(change.gone).toEqual([]);
    expect(change.added).toEqual([]);
    // And its export is the same file, byte for byte.
    expect(toCsv(await loadView(store, { text: 'Fika' })).equals(exported)).toBe(true);
  });
});
