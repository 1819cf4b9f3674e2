/**
 * What an import records so that the whole of it can be reverted exactly (graph/repo/import-revert.ts),
 * beyond the lists of what it created and changed: whether it created its source and the links it
 * added to existing organisations (a link they held already it leaves as it was). The properties an
 * import overwrote on an organisation are recorded in that organisation's own IMPORT record
 * (`previous`), only those it changed. Each entry is a few short values, so the record grows with
 * the rows and links of the file, which graph/io/import/limits.ts bounds.
 */
import type { ImportLinkKind } from '../../cypher/statements/io.js';

export interface ImportUndo {
  /** The import created its Source (the first import of the file): the revert deletes it. */
  sourceCreated: boolean;
  /** Links of existing organisations the import created, as [organisation, target] by kind. */
  linksAdded: Partial<Record<ImportLinkKind, [string, string][]>>;
}

const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v ?? null));
const same = (a: unknown, b: unknown) => JSON.stringify(plain(a)) === JSON.stringify(plain(b));

/**
 * The properties a write replaces with another value, as they were (`state`: the node's
 * properties before it). `recordedAt` is always among them: the write sets it to its own time.
 */
export function overwritten(state: Record<string, unknown>, written: object): Record<string, unknown> {
  const out: Record<string, unknown> = { recordedAt: plain(state['recordedAt']) };
  for (const [k, v] of Object.entries(written)) {
    if (k === 'id' || !(k in state)) continue;
    if (!same(state[k], v)) out[k] = plain(state[k]);
  }
  return out;
}
