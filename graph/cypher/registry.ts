/**
 * Every named statement of the application, in one list: the statement tests execute each on
 * the embedded engine and lint its Neo4j form. A statement file not listed here is a test failure.
 */
import type { Statement } from './statement.js';
import { meta } from './statements/meta.js';
import { organisations } from './statements/organisations.js';
import { organisationLists } from './statements/organisation-lists.js';
import { links } from './statements/links.js';
import { agreements, collaborations } from './statements/agreements.js';
import { districts, publicBodies, resourceTypes, sources, targetGroups } from './statements/catalogue.js';
import { bulkStatements } from '../bulk/statements.js';
import { neo4jLoad } from '../bulk/neo4j-load-statements.js';
import { provenanceFacts, quality } from './statements/quality.js';
import { neighbourhood } from './statements/neighbourhood.js';
import { projection } from './statements/projection.js';
import { decisions, storedDecisions } from './statements/decisions.js';
import { merging } from './statements/merging.js';
import { readModelStatements } from '../readmodel/statements.js';
import { users } from './statements/users.js';
import { sessions } from './statements/sessions.js';
import { audit } from './statements/audit.js';
import { contactPersons, staleContacts, verificationTokens } from './statements/contacts.js';
import { editing } from './statements/editing.js';
import { io } from './statements/io.js';
import { importRevert } from './statements/import-revert.js';
import { locks } from './statements/locks.js';
import { feedStatements } from '../feed/statements.js';
import { secrets } from './statements/secrets.js';
import { search, searchDocuments } from './statements/search.js';
import { resetTokens, throttles } from './statements/throttles.js';
import { importJobs, importUploads } from './statements/imports.js';

type AnyStatement = Statement<never, unknown>;

function collect(group: Record<string, unknown>): AnyStatement[] {
  const out: AnyStatement[] = [];
  for (const v of Object.values(group)) {
    if (v && typeof v === 'object' && 'parts' in v && 'name' in v) out.push(v as AnyStatement);
    else if (v && typeof v === 'object') out.push(...collect(v as Record<string, unknown>));
  }
  return out;
}

export const STATEMENT_GROUPS = {
  meta,
  organisations,
  organisationLists,
  links,
  agreements,
  collaborations,
  targetGroups,
  districts,
  publicBodies,
  resourceTypes,
  sources,
  quality,
  provenanceFacts,
  neighbourhood,
  projection,
  decisions,
  storedDecisions,
  merging,
  users,
  sessions,
  audit,
  verificationTokens,
  staleContacts,
  contactPersons,
  editing,
  io,
  importRevert,
  throttles,
  resetTokens,
  importUploads,
  importJobs,
  locks,
  feed: feedStatements,
  secrets,
  search,
  searchDocuments,
  bulk: bulkStatements,
  neo4jLoad,
  readModel: readModelStatements,
} as const;

export function allStatements(): AnyStatement[] {
  const list = collect(STATEMENT_GROUPS as unknown as Record<string, unknown>);
  const names = new Set<string>();
  for (const s of list) {
    if (names.has(s.name)) throw new Error(`two statements are named ${s.name}`);
    names.add(s.name);
  }
  return list;
}
