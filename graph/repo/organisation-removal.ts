/**
 * Deleting an organisation inside a write transaction, with the snapshot that lets it be restored
 * (graph/repo/editing.ts `restoreOrganisation`): its properties and its outgoing links. Its
 * contact persons and pending verification links go with it (no orphaned personal data).
 */
import type { Tx } from '../engines/port.js';
import { organisations } from '../cypher/statements/organisations.js';
import { contactPersons, verificationTokens } from '../cypher/statements/contacts.js';
import { outgoingOneStatement } from '../cypher/statements/links.js';
import { ORGANISATION_LINKS, type OrganisationLinkKind } from './links.js';
import type { LinkRecord, OrganisationRecord } from '../model/records.js';

/** What an organisation's audit snapshot holds: its properties, and on delete its links too. */
export interface OrganisationSnapshot {
  organisation: OrganisationRecord;
  links?: Partial<Record<OrganisationLinkKind, LinkRecord[]>>;
  /** The import source it cites, when deleted with it (a reverted import): recreated if it is restored. */
  source?: ImportSourceSnapshot;
}

export interface ImportSourceSnapshot {
  id: string;
  title: string;
  location: string;
  date: string;
  publisher: string;
}

const KINDS = Object.keys(ORGANISATION_LINKS) as OrganisationLinkKind[];

/** The organisation's outgoing links of every kind, as a snapshot keeps them. */
export async function linksSnapshot(tx: Tx, id: string): Promise<Partial<Record<OrganisationLinkKind, LinkRecord[]>>> {
  const links: Partial<Record<OrganisationLinkKind, LinkRecord[]>> = {};
  for (const kind of KINDS) links[kind] = (await tx.run(outgoingOneStatement(ORGANISATION_LINKS[kind]), { id })).map((r) => r.link);
  return links;
}

/** Removes what goes with the organisation and returns its links' snapshot; the caller deletes the node (or lets its repository). */
export async function prepareRemoval(tx: Tx, id: string): Promise<Partial<Record<OrganisationLinkKind, LinkRecord[]>>> {
  const links = await linksSnapshot(tx, id);
  for (const { person } of await tx.run(contactPersons.forOrganisation, { organisationId: id })) await tx.run(contactPersons.delete, { id: person.id });
  await tx.run(verificationTokens.deleteForOrganisation, { organisationId: id });
  return links;
}

/** Deletes the organisation (it must exist) and returns its snapshot. */
export async function removeOrganisation(tx: Tx, current: OrganisationRecord): Promise<OrganisationSnapshot> {
  const links = await prepareRemoval(tx, current.id);
  await tx.run(organisations.delete, { id: current.id });
  return { organisation: current, links };
}
