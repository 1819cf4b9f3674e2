/** Files built for the import tests. */
import { io } from '../../graph/cypher/statements/io.js';
import type { GraphEngine } from '../../graph/engines/port.js';
import { backupStore } from '../../graph/io/backup/backup.js';
import type { BackupLine } from '../../graph/io/backup/format.js';
import { afterAll, beforeAll } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { whenStarted } from '../helpers/when-started.js';

/** A valid Swedish organisation number (Luhn check digit) from a serial number: 802xxx-xxxC. */
export { orgNumber } from '../../bench/import/generate.js';

/** Windows-1252 bytes of a text (Latin-1 covers åäöÅÄÖé, which is all the tests need). */
export function cp1252(text: string): Uint8Array {
  for (const ch of text) if (ch.charCodeAt(0) > 0xff) throw new Error(`${ch} is not in Latin-1`);
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export function utf8(text: string, bom = false): Uint8Array {
  const body = Buffer.from(text, 'utf8');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
}

export async function organisationsByName(engine: GraphEngine): Promise<Map<string, { id: string; name: string; aliases: string[] | null; orgNumber: string | null }>> {
  const rows = await engine.read((tx) => tx.run(io.organisationKeys, {}));
  return new Map(rows.map((r) => [r.name, r]));
}

/** Windows-1252's characters at 0x80–0x9F  by byte (the five bytes it leaves undefined are absent). */
export const CP1252_HIGH: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž',
  0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

/** Bytes of a Windows-1252 text: Latin-1 characters as themselves, the characters above from the table. */
export function cp1252Text(text: string): Uint8Array {
  const byChar = new Map(Object.entries(CP1252_HIGH).map(([b, c]) => [c, Number(b)]));
  return new Uint8Array([...text].map((c) => byChar.get(c) ?? (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : (() => { throw new Error(`${c} is not in Windows-1252`); })())));
}

export const ALL_HIGH = Object.values(CP1252_HIGH).join('');
/** A file as Swedish Excel saves it: `;`, CRLF, Windows-1252, with every character of 0x80–0x9F. */
export const FILE_TEXT = `Namn;Beskrivning\r\nKaffe – “Fika” för € 20;Öppet ’alla’ dagar… ${ALL_HIGH}\r\n`;

/** For the test file: the seeded store, opened before its tests and removed after (read when a test runs). */
export function seededStoreForFile(): TempStore {
  let store: TempStore | undefined;
  beforeAll(async () => {
    store = await tempStore({ seeded: true });
  });
  afterAll(async () => store?.cleanup());
  return whenStarted(() => store);
}

/**
 * Every node and relationship of a store with its properties, as the backup writes them, one
 * JSON line each, sorted: what a test compares before and after a change. Nodes of `skipLabels`
 * and the properties `skipProps` (say, versions a change moves on) are left out.
 */
export async function storeLines(engine: GraphEngine, { skipLabels = [], skipProps = [] }: { skipLabels?: readonly string[]; skipProps?: readonly string[] } = {}): Promise<string[]> {
  const lines: string[] = [];
  const without = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).filter(([k]) => !skipProps.includes(k)));
  await backupStore(engine, (line: BackupLine) => {
    if (line.kind === 'node' && !skipLabels.includes(line.label)) lines.push(JSON.stringify({ ...line, props: without(line.props) }));
    else if (line.kind === 'rel') lines.push(JSON.stringify({ ...line, props: without(line.props) }));
  });
  return lines.sort();
}
