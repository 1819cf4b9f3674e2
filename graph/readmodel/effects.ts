/**
 * What a committed write did to what the read model holds, told from the statements it ran
 * (their names and parameters; graph/store.ts records them). A write statement this module does
 * not know makes the model reload: an unknown write can never leave it stale.
 */
import { ORGANISATION_LINKS } from '../model/links.js';
import type { LinkKind } from './model.js';

export interface StatementRun {
  name: string;
  params: object;
}

export type Effect =
  /** Re-read these organisations' records (missing ones were deleted). */
  | { type: 'organisations'; ids: string[] }
  /** Re-read one organisation's links of one kind. */
  | { type: 'links'; kind: LinkKind; id: string }
  /** Re-read an agreement or collaboration (gone: its links went with it). */
  | { type: 'node'; label: 'Agreement' | 'Collaboration'; id: string }
  /** Changed only what the analytics projection holds (suggestion decisions): the read model and search ignore it, the projection rebuilds. */
  | { type: 'analytics'; reason: string }
  | { type: 'reload'; reason: string };

/**
 * Writes that touch nothing the read model holds: sources and the accounts side
 * (users, sessions, audit records, verification tokens, contact persons), which every audited
 * edit also writes, the counters of sign-in failures, reset links and writes per account, and public
 * bodies (the model holds none).
 */
const INDEPENDENT_PREFIXES = ['users.', 'sessions.', 'audit.', 'verificationTokens.', 'contactPersons.', 'secrets.', 'publicBodies.', 'throttles.', 'resetTokens.', 'writeWindows.', 'importUploads.', 'importJobs.'];
const INDEPENDENT = new Set(['locks.ContactPerson', 'locks.User', 'locks.PublicBody', 'sources.ensurePersonEntry', 'editing.renameSource', 'io.ensureImportSource', 'importRevert.deleteSource']);
const independent = (name: string) => INDEPENDENT.has(name) || INDEPENDENT_PREFIXES.some((p) => name.startsWith(p));

/** The link kind of each relationship type that starts at an organisation (writes of others change nothing the model holds). */
const LINK_KIND_OF = new Map<string, LinkKind>(
  (Object.entries(ORGANISATION_LINKS) as [LinkKind, { type: string; from: string; to: string }][]).map(([kind, p]) => [`${p.type}.${p.from}.${p.to}`, kind]),
);
/** The link kinds an import sets, by import column (the names of graph/cypher/statements/import-revert.ts). */
const KIND_OF_IMPORT_COLUMN = new Map<string, LinkKind>(
  (Object.entries(ORGANISATION_LINKS) as [LinkKind, { importColumn: string | null }][]).flatMap(([kind, p]) => (p.importColumn ? [[p.importColumn, kind] as const] : [])),
);
/** Hierarchies the filters walk: a change there reloads (rare: catalogue edits). */
const HIERARCHIES = new Set(['BROADER.TargetGroup.TargetGroup', 'PART_OF.District.District']);
/** Relationships the analytics projection holds and the read model does not: public bodies' parties to agreements, districts bordering. */
const ANALYTICS_ONLY = new Set(['PARTY_TO.PublicBody.Agreement', 'ADJACENT_TO.District.District']);

export function effectsOf(runs: readonly StatementRun[]): Effect[] {
  const out: Effect[] = [];
  for (const { name, params } of runs) {
    const p = params as Record<string, unknown>;
    if (independent(name)) continue;
    switch (name) {
      case 'decisions.record':
      case 'decisions.put':
        out.push({ type: 'analytics', reason: name });
        continue;
      case 'organisations.create':
      case 'organisations.update':
      case 'organisations.delete':
      case 'editing.touchOrganisation':
      case 'editing.clearOrganisationEmail':
      case 'merging.writeOrganisation':
      case 'merging.recreateOrganisation':
      case 'locks.Organisation':
        out.push({ type: 'organisations', ids: [String(p['id'])] });
        continue;
      case 'organisations.upsertMany':
      case 'importRevert.restoreOrganisations':
        out.push({ type: 'organisations', ids: (p['rows'] as { id: string }[]).map((r) => r.id) });
        continue;
      case 'agreements.create':
      case 'agreements.delete':
      case 'editing.updateAgreement':
      case 'locks.Agreement':
        out.push({ type: 'node', label: 'Agreement', id: String(p['id']) });
        continue;
      case 'collaborations.create':
      case 'collaborations.delete':
      case 'editing.updateCollaboration':
      case 'locks.Collaboration':
        out.push({ type: 'node', label: 'Collaboration', id: String(p['id']) });
        continue;
    }
    const reverted = /^importRevert\.removeLinks\.(\w+)$/.exec(name);
    const revertedKind = reverted ? KIND_OF_IMPORT_COLUMN.get(reverted[1]!) : undefined;
    if (revertedKind) {
      const rows = p['pairs'] as { from: string }[];
      for (const id of new Set(rows.map((r) => r.from))) out.push({ type: 'links', kind: revertedKind, id });
      continue;
    }
    const link = /^links\.([A-Z_]+\.[A-Za-z]+\.[A-Za-z]+)\.(link|unlink)$/.exec(name);
    if (link) {
      const kind = LINK_KIND_OF.get(link[1]!);
      if (kind) out.push({ type: 'links', kind, id: String(p['from']) });
      else if (HIERARCHIES.has(link[1]!)) out.push({ type: 'reload', reason: name });
      else if (ANALYTICS_ONLY.has(link[1]!)) out.push({ type: 'analytics', reason: name });
      continue;
    }
    out.push({ type: 'reload', reason: name });
  }
  return out;
}
