/**
 * The seeded Stockholm graph as a new user gets it (what `npm start` loads into an empty store):
 * counts, provenance on every fact, the signatories of Bilaga 1, idempotence, user edits kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphSize, tempStore, type TempStore } from '../helpers/store.js';
import { seedIfEmpty, seedStore } from '../../seeds/load/seed.js';
import { SEED_DIR, readSeed } from '../../seeds/load/build-batch.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { provenanceProblems } from '../helpers/provenance-check.js';
import { defineStatement } from '../../graph/cypher/statement.js';
import { fold } from '../../graph/text/fold.js';

const q = <R>(name: string, cypher: string) => defineStatement<Record<string, never>, R>({ name: `test.${name}`, mode: 'read', cypher, example: {} });
const SIGNATORIES = q<{ name: string }>('signatories', "MATCH (o:Organisation)-[p:PARTY_TO]->(a:Agreement {id: 'agr:stockholm-compact-2012'}) WHERE p.role = 'SIGNATORY' RETURN o.name AS name");
const DISTRICTS_WITH_GEOMETRY = q<{ kind: string; n: number }>('districtsWithGeometry', 'MATCH (d:District) WHERE d.geometry IS NOT NULL RETURN d.kind AS kind, count(*) AS n');
const SDO_IN_STOCKHOLM = q<{ n: number }>('sdoInStockholm', "MATCH (d:District {kind: 'STADSDELSOMRADE'})-[:PART_OF]->(m:District {id: 'district:municipality-0180'}) RETURN count(d) AS n");
const SDO_MERGED = q<{ name: string; into: string; validTo: string }>(
  'sdoMerged',
  "MATCH (d:District {kind: 'STADSDELSOMRADE'})-[:PART_OF]->(m:District {kind: 'STADSDELSOMRADE'}) RETURN d.name AS name, m.name AS into, d.validTo AS validTo",
);
const SD_IN_SDO = q<{ n: number }>('sdInSdo', "MATCH (d:District {kind: 'STADSDEL'})-[:PART_OF]->(:District {kind: 'STADSDELSOMRADE'}) RETURN count(d) AS n");
const INFERRED_WITHOUT_RULE = q<{ n: number }>('inferredWithoutRule', "MATCH ()-[r:SERVES]->() WHERE r.basis = 'INFERRED' AND r.rule IS NULL RETURN count(r) AS n");
const ADJACENT_SDO = q<{ n: number }>('adjacentSdo', "MATCH (a:District {kind: 'STADSDELSOMRADE'})-[:ADJACENT_TO]-(b:District) RETURN count(DISTINCT a) AS n");
const MUNICIPALITIES = q<{ n: number }>('municipalities', "MATCH (m:District {kind: 'MUNICIPALITY'})-[:PART_OF]->(:District {kind: 'REGION'})-[:PART_OF]->(:District {kind: 'COUNTRY'}) RETURN count(m) AS n");
const INFERRED_AS_STATED = q<{ n: number }>('inferredAsStated', "MATCH ()-[r:SERVES]->() WHERE r.sourceId = 'src:inference' AND r.basis <> 'INFERRED' RETURN count(r) AS n");

describe('the seeded Stockholm graph', () => {
  let temp: TempStore;
  let store: GraphStore;
  const counts = () => graphSize(store.engine);

  beforeAll(async () => {
    temp = await tempStore();
    store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] });
    const report = await seedIfEmpty(store.engine);
    expect(report?.nodesAdded).toBeGreaterThan(600);
  });
  afterAll(async () => temp.cleanup());

  it('holds the 75 signatories linked to the 2012 compact', async () => {
    const rows = await store.engine.read((tx) => tx.run(SIGNATORIES, {}));
    expect(new Set(rows.map((r) => r.name)).size).toBe(75);
  });

  it('holds Stockholm\'s 11 stadsdelsområden (the 4 merged in 2023 inside the 2 they became) and 117 stadsdelar, all with geometry, and their neighbours', async () => {
    const [sdo, merged, sd, geometry, adjacent, municipalities] = await store.engine.read(async (tx) => [
      (await tx.run(SDO_IN_STOCKHOLM, {}))[0]!.n,
      await tx.run(SDO_MERGED, {}),
      (await tx.run(SD_IN_SDO, {}))[0]!.n,
      Object.fromEntries((await tx.run(DISTRICTS_WITH_GEOMETRY, {})).map((r) => [r.kind, r.n])),
      (await tx.run(ADJACENT_SDO, {}))[0]!.n,
      (await tx.run(MUNICIPALITIES, {}))[0]!.n,
    ]);
    expect([sdo, sd]).toEqual([11, 117]);
    expect(merged.map((m) => `${m.name} → ${m.into} (${m.validTo})`).sort()).toEqual([
      'Norrmalm → Norra innerstaden (2023-06-30)',
      'Rinkeby-Kista → Järva (2023-06-30)',
      'Spånga-Tensta → Järva (2023-06-30)',
      'Östermalm → Norra innerstaden (2023-06-30)',
    ]);
    expect(geometry).toEqual({ STADSDELSOMRADE: 15, STADSDEL: 117 });
    expect(adjacent).toBe(15);
    expect(municipalities).toBe(290);
  });

  it('gives every inferred target group its rule', async () => {
    expect((await store.engine.read((tx) => tx.run(INFERRED_WITHOUT_RULE, {})))[0]!.n).toBe(0);
  });

  it('gives every node and relationship a provenance source that exists, and never shows an inference as stated', async () => {
    expect(await provenanceProblems(store.engine)).toEqual([]);
    expect((await store.engine.read((tx) => tx.run(INFERRED_AS_STATED, {})))[0]!.n).toBe(0);
  });

  it('names every signatory of Bilaga 1: none lost, none invented (OCR corrections in signatories-2012.json)', async () => {
    const text = fs.readFileSync(path.join(SEED_DIR, 'sources', '000_156b05d8a2f45dba.txt'), 'utf8');
    const start = text.lastIndexOf('Bilaga 1');
    expect(start).toBeGreaterThan(0);
    const appendix = text.slice(start).split('\n').map((l) => l.trim());
    const mapping = readSeed<{ ocr: string; name: string; organisationId: string }>('signatories-2012.json');
    const orgs = new Map(readSeed<{ id: string; name: string }>('organisations.json').map((o) => [o.id, o.name]));
    expect(mapping).toHaveLength(75);
    for (const m of mapping) {
      // The OCR text is in Bilaga 1 (entries broken over two lines are joined with a space in the mapping).
      const joined = appendix.join(' ');
      expect(joined, m.ocr).toContain(m.ocr);
      expect(orgs.get(m.organisationId), m.organisationId).toBe(m.name);
      // The correction is a correction, not a different organisation: most letters agree once folded.
      const a = fold(m.ocr).replace(/[^a-z]/g, '');
      const b = fold(m.name).replace(/[^a-z]/g, '');
      const common = [...a].filter((ch, i) => b[i] === ch || b.includes(ch)).length;
      expect(common / Math.max(a.length, b.length), `${m.ocr} -> ${m.name}`).toBeGreaterThan(0.6);
    }
    const stored = new Set((await store.engine.read((tx) => tx.run(SIGNATORIES, {}))).map((r) => r.name));
    expect(stored).toEqual(new Set(mapping.map((m) => m.name)));
  });

  it('changes nothing when seeded again', async () => {
    const before = await counts();
    const report = await seedStore(store.engine);
    expect(report).toMatchObject({ nodesAdded: 0, relationshipsAdded: 0 });
    expect(await counts()).toEqual(before);
    expect(await seedIfEmpty(store.engine)).toBeNull();
  });

  it("keeps a person's edits over the seed, and says so", async () => {
    const convictus = (await store.organisations.list({ text: 'Convictus' })).nodes[0]!;
    await store.organisations.update(convictus.id, { version: convictus.version, description: 'Rättad av en redaktör.' }, { id: 'editor', displayName: 'Redaktör' });
    const report = await seedStore(store.engine);
    expect(report.keptEntered).toBeGreaterThanOrEqual(1);
    expect((await store.organisations.get(convictus.id))!).toMatchObject({ description: 'Rättad av en redaktör.', basis: 'ENTERED' });
  });
});
