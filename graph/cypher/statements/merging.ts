/**
 * Writes of merging two organisations and undoing it (graph/repo/merging.ts) that keep provenance
 * as it was: the survivor's properties written with the provenance given (its own on undo), and a
 * merged organisation recreated exactly as its snapshot holds it.
 */
import { defineStatement } from '../statement.js';
import { ORGANISATION_MAP, ORGANISATION_SET } from '../fragments.js';
import type { OrganisationRecord } from '../../model/records.js';
import type { OrganisationWrite } from './organisations.js';

/** An organisation's properties with their provenance as given, `recordedAt` included. */
export interface OrganisationRestore extends Omit<OrganisationWrite, 'now'> {
  recordedAt: number | null;
  now: number;
}

const EXAMPLE: OrganisationRestore = {
  id: 'org:example',
  name: 'Exempelföreningen',
  aliases: ['Exemplet'],
  search: 'exempelforeningen | exemplet',
  orgNumber: null,
  legalForm: null,
  description: null,
  website: null,
  email: null,
  phone: null,
  address: null,
  contactVerifiedAt: null,
  status: null,
  statusSince: null,
  fieldProvenance: null,
  sourceId: 'src:example',
  sourceLocator: null,
  basis: 'ENTERED',
  confidence: 1,
  synthetic: false,
  recordedAt: 0,
  now: 0,
};

type OrgRow = { org: OrganisationRecord };

export const merging = {
  /** The survivor's properties at the version read; the version goes up. A null parameter clears the property. */
  writeOrganisation: defineStatement<OrganisationRestore & { version: number }, OrgRow>({
    name: 'merging.writeOrganisation',
    mode: 'write',
    cypher: `MATCH (o:Organisation {id: $id}) WHERE o.version = $version
SET ${ORGANISATION_SET},
  o.recordedAt = $recordedAt, o.synthetic = $synthetic, o.updatedAt = $now, o.version = o.version + 1
RETURN ${ORGANISATION_MAP} AS org`,
    example: { ...EXAMPLE, version: 1 },
  }),

  /** A merged organisation back as its snapshot holds it: provenance, creation time, a version above the one it had. */
  recreateOrganisation: defineStatement<OrganisationRestore & { version: number; createdAt: number | null }, OrgRow>({
    name: 'merging.recreateOrganisation',
    mode: 'write',
    cypher: `CREATE (o:Organisation {id: $id, name: $name, aliases: $aliases, search: $search, orgNumber: $orgNumber,
  legalForm: $legalForm, description: $description, website: $website, email: $email, phone: $phone, address: $address,
  contactVerifiedAt: $contactVerifiedAt, status: $status, statusSince: $statusSince, fieldProvenance: $fieldProvenance,
  sourceId: $sourceId, sourceLocator: $sourceLocator, basis: $basis, confidence: $confidence, recordedAt: $recordedAt,
  synthetic: $synthetic, version: $version, createdAt: $createdAt, updatedAt: $now})
RETURN ${ORGANISATION_MAP} AS org`,
    example: { ...EXAMPLE, id: 'org:example-restored', version: 2, createdAt: 0 },
  }),
} as const;
