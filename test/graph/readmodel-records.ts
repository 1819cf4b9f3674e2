/** Records for the read model's in-memory tests (no store): stated facts from one test source. */
import type { OrganisationRecord } from '../../graph/model/records.js';

export const prov = { sourceId: 'src:test', sourceLocator: null, basis: 'STATED', confidence: null, recordedAt: 0, synthetic: false } as const;

/** An organisation with just an id and a name. */
export const record = (id: string, name: string) => ({ ...prov, id, name, aliases: null, version: 1, createdAt: null, updatedAt: null }) as unknown as OrganisationRecord;
