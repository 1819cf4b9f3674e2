/**
 * Schema migrations, in order. Adding labels, relationship types or properties needs no entry
 * here: applySchema derives those from the model. A change that must rewrite data (renaming a
 * property, splitting a type) bumps SCHEMA_VERSION in graph/model/model.ts and adds a step
 * whose `up` runs in one write transaction on either engine.
 */
import type { Tx } from '../engines/port.js';
import { meta } from '../cypher/statements/meta.js';

export interface Migration {
  /** The schema version this step produces. */
  readonly version: number;
  readonly description: string;
  up(tx: Tx): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'Initial model: organisations, target groups, districts, public bodies, agreements, collaborations, resources, sources.',
    async up() {
      // Tables, constraints and indexes come from the model; version 1 has no data to rewrite.
    },
  },
  {
    version: 2,
    description:
      'Provenance you can check: quotes and inference rules, the about facts\' own provenance, organisation status, district and public-body periods, audit findings. The curators\' inferences are a CURATION source, not a person\'s entry.',
    async up(tx) {
      // New properties come from the model (null until written). Facts seeded before this version
      // keep no quote or rule; the about facts have no provenance of their own until re-seeded or edited.
      await tx.run(meta.curationNotPersonEntry, { title: 'Samverkan: kurering av startdata (slutsatser av namn och av antydningar i källorna)' });
    },
  },
];
