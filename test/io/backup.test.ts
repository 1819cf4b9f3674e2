/**
 * Backup then restore into an empty store gives the same nodes, relationships and properties;
 * a store that is not empty, or a truncated or foreign file, is refused without writing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONAL_LABELS, backupStore } from '../../graph/io/backup/backup.js';
import { readBackup, restoreStore } from '../../graph/io/backup/restore.js';
import type { BackupLine } from '../../graph/io/backup/format.js';
import { quality } from '../../graph/cypher/statements/quality.js';
import { NODES, RELATIONSHIPS } from '../../graph/model/model.js';
import { ConflictError, ValidationError } from '../../graph/errors.js';
import { importSpreadsheet } from '../../graph/io/import/importer.js';
import type { GraphEngine } from '../../graph/engines/port.js';
import { tempStore, type TempStore } from '../helpers/store.js';
import { utf8 } from './helpers.js';

async function dump(engine: GraphEngine): Promise<{ lines: string[]; body: string[] }> {
  const lines: string[] = [];
  await backupStore(engine, (l: BackupLine) => void lines.push(JSON.stringify(l)));
  // Everything but the header (which carries the time) and SchemaMeta (each store has its own).
  const body = lines.filter((l) => !l.startsWith('{"kind":"header"') && !l.includes('"label":"SchemaMeta"') && !l.startsWith('{"kind":"footer"')).sort();
  return { lines, body };
}

/** Counts by an independent read: the data-quality statements, per label and per type. */
async function counts(engine: GraphEngine): Promise<Record<string, number>> {
  return engine.read(async (tx) => {
    const out: Record<string, number> = {};
    for (const [label, s] of Object.entries(quality.nodeSources)) out[label] = (await tx.run(s, {})).reduce((n, r) => n + r.n, 0);
    for (const [type, s] of Object.entries(quality.relSources)) out[type] = (await tx.run(s, {})).reduce((n, r) => n + r.n, 0);
    return out;
  });
}

let source: TempStore;
let target: TempStore;
let original: { lines: string[]; body: string[] };

beforeAll(async () => {
  source = await tempStore({ seeded: true });
  // Facts of every basis: seeded (STATED, INFERRED), imported, and a person's entry, with lists and newlines.
  const report = await importSpreadsheet(source.engine, utf8('Namn;Alias;Beskrivning;Målgrupp;Överenskommelse\nBackupföreningen;BF | Backupen;"Två\nrader";Äldre;IOP Backup\n'), { basis: 'ENTERED' });
  expect(report.committed).toBe(true);
  original = await dump(source.engine);
  target = await tempStore();
});
afterAll(async () => {
  await source?.cleanup();
  await target?.cleanup();
});

describe('backup and restore', () => {
  it('covers every label and relationship type of the model (the change feed aside)', () => {
    const footer = JSON.parse(original.lines.at(-1)!) as { kind: string; counts: Record<string, number>; nodes: number };
    expect(footer.kind).toBe('footer');
    for (const label of Object.keys(NODES)) {
      if (OPERATIONAL_LABELS.has(label as keyof typeof NODES)) expect(footer.counts).not.toHaveProperty(label);
      else expect(footer.counts).toHaveProperty(label);
    }
    for (const [type, spec] of Object.entries(RELATIONSHIPS)) for (const [f, t] of spec.pairs) expect(footer.counts).toHaveProperty(`${type}:${f}:${t}`);
    expect(footer.nodes).toBeGreaterThan(600);
  });

  it('restores into an empty store with identical counts and properties', async () => {
    const report = await restoreStore(target.engine, original.lines);
    expect(report.nodes).toBeGreaterThan(600);
    expect(await counts(target.engine)).toEqual(await counts(source.engine));
    const restored = await dump(target.engine);
    expect(restored.body.length).toBe(original.body.length);
    expect(restored.body).toEqual(original.body);
    const org = restored.body.find((l) => l.includes('"name":"Backupföreningen"'))!;
    expect(JSON.parse(org).props).toMatchObject({ aliases: ['BF', 'Backupen'], description: 'Två\nrader', basis: 'ENTERED', version: 1 });
  });

  it('refuses a store that is not empty, and writes nothing', async () => {
    const before = await counts(target.engine);
    await expect(restoreStore(target.engine, original.lines)).rejects.toBeInstanceOf(ConflictError);
    expect(await counts(target.engine)).toEqual(before);
  });

  it('refuses truncated, foreign and newer files with a typed error', async () => {
    await expect(readBackup(original.lines.slice(0, -5))).rejects.toThrow(/without a footer/);
    const tampered = [...original.lines];
    tampered.splice(3, 1);
    await expect(readBackup(tampered)).rejects.toBeInstanceOf(ValidationError);
    await expect(readBackup(['{"kind":"node"}'])).rejects.toThrow(/header/);
    const newer = [JSON.stringify({ ...JSON.parse(original.lines[0]!), schemaVersion: 999 }), ...original.lines.slice(1)];
    await expect(readBackup(newer)).rejects.toThrow(/newer/);
    const unknown = [...original.lines.slice(0, -1), JSON.stringify({ kind: 'node', label: 'Martian', props: { id: 'm:1' } }), original.lines.at(-1)!];
    await expect(readBackup(unknown)).rejects.toThrow(/Martian|counts/);
  });
});
