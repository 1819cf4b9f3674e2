/**
 * Who is writing. A person's entries are attributed to a Source node of kind PERSON_ENTRY
 * (one per person), so entered facts are traceable like any other.
 */
import type { Tx } from '../engines/port.js';
import { sources } from '../cypher/statements/catalogue.js';

export interface Actor {
  /** Stable user id (accounts) or a system name ("seed", "import"). */
  id: string;
  /** Shown as the source's title. */
  displayName: string;
}

export interface EnteredSource {
  sourceId: string;
  basis: 'ENTERED';
  sourceLocator: null;
  confidence: 1;
}

export async function personSource(tx: Tx, actor: Actor): Promise<EnteredSource> {
  const id = `src:person:${actor.id}`;
  await tx.run(sources.ensurePersonEntry, { id, title: `Uppgift från ${actor.displayName}`, now: Date.now() });
  return { sourceId: id, basis: 'ENTERED', sourceLocator: null, confidence: 1 };
}
