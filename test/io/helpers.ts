/** Files built for the import tests. */
import { io } from '../../graph/cypher/statements/io.js';
import type { GraphEngine } from '../../graph/engines/port.js';

/** A valid Swedish organisation number (Luhn check digit) from a serial number: 802xxx-xxxC. */
export { orgNumber } from '../../graph/io/bench/generate.js';

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
