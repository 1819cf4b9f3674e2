/**
 * `npm run check:provenance` as part of `npm test`: the same check (graph/quality/provenance-check.ts)
 * on the seeded graph, on the engine under test, with the figures the project promises; and proof
 * that the check fails when a fact's provenance is not true.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore, type TestStore } from '../helpers/harness.js';
import { checkProvenance, formatReport, reportHolds, type ProvenanceReport } from '../../graph/quality/provenance-check.js';
import { defineStatement } from '../../graph/cypher/statement.js';
import { SEED_DIR, buildSeedBatch } from '../../seeds/load/build-batch.js';

const ROOT = path.resolve(SEED_DIR, '..');

// Test-only writes that break one fact each, then put it back.
const SET_QUOTE = defineStatement<{ from: string; to: string; quote: string }, { n: number }>({
  name: 'test.provenance.setQuote',
  mode: 'write',
  cypher: 'MATCH (o:Organisation {id: $from})-[r:ACTIVE_IN]->(d:District {id: $to}) SET r.quote = $quote RETURN count(r) AS n',
  example: { from: 'org:x', to: 'district:x', quote: 'x' },
});
const SET_RULE = defineStatement<{ from: string; to: string; rule: string }, { n: number }>({
  name: 'test.provenance.setRule',
  mode: 'write',
  cypher: "MATCH (o:Organisation {id: $from})-[r:SERVES]->(t:TargetGroup {id: $to}) SET r.rule = CASE WHEN $rule = '' THEN NULL ELSE $rule END RETURN count(r) AS n",
  example: { from: 'org:x', to: 'tg:x', rule: '' },
});
const SET_SOURCE_KIND = defineStatement<{ id: string; kind: string }, { n: number }>({
  name: 'test.provenance.setSourceKind',
  mode: 'write',
  cypher: 'MATCH (s:Source {id: $id}) SET s.kind = $kind RETURN count(s) AS n',
  example: { id: 'src:x', kind: 'CURATION' },
});
const SET_FIELD_PROVENANCE = defineStatement<{ id: string; text: string }, { n: number }>({
  name: 'test.provenance.setFieldProvenance',
  mode: 'write',
  cypher: "MATCH (o:Organisation {id: $id}) SET o.fieldProvenance = CASE WHEN $text = '' THEN NULL ELSE $text END RETURN count(o) AS n",
  example: { id: 'org:x', text: '' },
});
const FIELD_PROVENANCE = defineStatement<{ id: string }, { text: string | null }>({
  name: 'test.provenance.fieldProvenance',
  mode: 'read',
  cypher: 'MATCH (o:Organisation {id: $id}) RETURN o.fieldProvenance AS text',
  example: { id: 'org:x' },
});

const full = (r: ProvenanceReport['statedQuoted']) => r.total > 0 && r.passed === r.total;

describe('the provenance check (npm run check:provenance)', () => {
  let t: TestStore;
  let seeded: ProvenanceReport;

  beforeAll(async () => {
    t = await seededStore();
    seeded = await checkProvenance(t.store.engine, ROOT);
  });
  afterAll(async () => t.close());

  it('is a script of the project', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['check:provenance']).toMatch(/seeds\/cli\/check-provenance\.ts/);
  });

  it('holds for the seeded graph: every figure at 100%, nothing attributed to a person who did not enter it', () => {
    expect(seeded.problems).toEqual([]);
    expect(full(seeded.statedQuoted)).toBe(true);
    expect(full(seeded.statedExternal)).toBe(true);
    expect(full(seeded.inferredWithRule)).toBe(true);
    expect(full(seeded.inferredEvidence)).toBe(true);
    expect(full(seeded.aboutWithOwnProvenance)).toBe(true);
    expect(seeded.misattributedToPerson).toBe(0);
    expect(seeded.unsourced).toBe(0);
    expect(reportHolds(seeded)).toBe(true);
    // Most facts cite one of the documents the repository holds; every one of their quotes is found.
    expect(seeded.statedQuoted.total).toBeGreaterThan(400);
    // The five documents, the district geometry, and the four web pages' cited passages.
    expect(seeded.sources.withCopy).toBe(10);
    expect(formatReport(seeded)).toMatch(/STATED facts whose quote is found in the cited source \(OCR-normalised\): (\d+) of \1 \(100%\)/);
  });

  it('fails when a STATED quote is not in its source', async () => {
    const engine = t.store.engine;
    const original = '75 idéburna organisationer verksamma i Stockholms stad';
    await engine.write((tx) => tx.run(SET_QUOTE, { from: 'org:abf-stockholm', to: 'district:municipality-0180', quote: 'grundad 1853' }));
    try {
      const r = await checkProvenance(engine, ROOT);
      expect(r.statedQuoted.passed).toBe(seeded.statedQuoted.passed - 1);
      expect(r.problems.join('\n')).toMatch(/ACTIVE_IN org:abf-stockholm → district:municipality-0180: STATED by src:000 .*quote not found: "grundad 1853"/);
      expect(reportHolds(r)).toBe(false);
    } finally {
      await engine.write((tx) => tx.run(SET_QUOTE, { from: 'org:abf-stockholm', to: 'district:municipality-0180', quote: original }));
    }
  });

  it('fails when an inference has no rule, or its name quote is not the name', async () => {
    const engine = t.store.engine;
    await engine.write((tx) => tx.run(SET_RULE, { from: 'org:afasiforeningen-i-stockholms-lan', to: 'tg:afasi', rule: '' }));
    try {
      const r = await checkProvenance(engine, ROOT);
      expect(r.inferredWithRule.passed).toBe(seeded.inferredWithRule.passed - 1);
      expect(r.problems).toContain('SERVES org:afasiforeningen-i-stockholms-lan → tg:afasi: INFERRED without a rule');
    } finally {
      await engine.write((tx) => tx.run(SET_RULE, { from: 'org:afasiforeningen-i-stockholms-lan', to: 'tg:afasi', rule: 'NAME' }));
    }
    expect(reportHolds(await checkProvenance(engine, ROOT))).toBe(true);
  });

  it('counts inferences credited to a person entry, as the curation source once was', async () => {
    const engine = t.store.engine;
    await engine.write((tx) => tx.run(SET_SOURCE_KIND, { id: 'src:inference', kind: 'PERSON_ENTRY' }));
    try {
      const r = await checkProvenance(engine, ROOT);
      // Every fact the seed attributes to the curation (nodes, relationships and about facts).
      expect(r.misattributedToPerson).toBe(curationFacts());
      expect(r.misattributedToPerson).toBeGreaterThan(100);
    } finally {
      await engine.write((tx) => tx.run(SET_SOURCE_KIND, { id: 'src:inference', kind: 'CURATION' }));
    }
  });

  it('fails when an about fact has no provenance of its own', async () => {
    const engine = t.store.engine;
    const [row] = await engine.read((tx) => tx.run(FIELD_PROVENANCE, { id: 'org:stockholms-stadsmission' }));
    await engine.write((tx) => tx.run(SET_FIELD_PROVENANCE, { id: 'org:stockholms-stadsmission', text: '' }));
    try {
      const r = await checkProvenance(engine, ROOT);
      expect(r.aboutWithOwnProvenance.passed).toBe(seeded.aboutWithOwnProvenance.passed - 1);
      expect(r.problems).toContain('Organisation org:stockholms-stadsmission: its description has no provenance of its own');
    } finally {
      await engine.write((tx) => tx.run(SET_FIELD_PROVENANCE, { id: 'org:stockholms-stadsmission', text: row!.text ?? '' }));
    }
  });
});

/** How many facts of the seed batch cite the curation source. */
function curationFacts(): number {
  const batch = buildSeedBatch(0);
  let n = 0;
  for (const [label, rows] of Object.entries(batch.nodes)) {
    for (const row of rows ?? []) {
      if (label !== 'Source' && row['sourceId'] === 'src:inference') n++;
      const facts = typeof row['fieldProvenance'] === 'string' ? (JSON.parse(row['fieldProvenance']) as Record<string, { sourceId: string }>) : {};
      n += Object.values(facts).filter((f) => f.sourceId === 'src:inference').length;
    }
  }
  for (const rows of Object.values(batch.rels)) n += (rows ?? []).filter((r) => r.props?.['sourceId'] === 'src:inference').length;
  return n;
}
