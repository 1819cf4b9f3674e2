/**
 * The audit trail of an organisation, an agreement or a collaboration as its page shows it to those
 * who may edit it: what changed (named by the edit form's labels), and what can be undone. Pure: no
 * requests, no Svelte, so it is unit-tested (test/weblib/history.test.ts).
 */
import type { HistoryFieldsFragment } from '$lib/graphql/generated.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import { isMessageKey } from '$lib/i18n/index.js';
import { AGREEMENT_LABELS, COLLABORATION_LABELS } from '$lib/agreement-edit/fields.js';

export type HistoryRecord = HistoryFieldsFragment;
/** Also the key of the object in an UPDATE's before/after snapshots (graph/repo/editing.ts). */
export type HistoryEntity = 'organisation' | 'agreement' | 'collaboration';

/** The API reverts these actions (graph/repo/editing.ts `revert`), and only an entity's latest change. */
const REVERTABLE: Record<HistoryEntity, ReadonlySet<string>> = {
  organisation: new Set(['UPDATE', 'DELETE', 'LINK_ADD', 'LINK_REMOVE', 'SET_LINKS', 'SUGGESTION_DECISION', 'IMPORT', 'MERGE']),
  agreement: new Set(['UPDATE', 'LINK_ADD', 'LINK_REMOVE']),
  collaboration: new Set(['UPDATE', 'LINK_ADD', 'LINK_REMOVE']),
};
export const canRevert = (r: HistoryRecord, index: number, entity: HistoryEntity): boolean => index === 0 && REVERTABLE[entity].has(r.action);

/** The section's texts that name the object. */
export const HISTORY_TEXTS: Record<HistoryEntity, { intro: MessageKey; caption: MessageKey; conflict: MessageKey }> = {
  organisation: { intro: 'history.intro', caption: 'history.caption', conflict: 'history.revert.conflict' },
  agreement: { intro: 'history.intro.agreement', caption: 'history.caption.agreement', conflict: 'history.revert.conflict.agreement' },
  collaboration: { intro: 'history.intro.collaboration', caption: 'history.caption.collaboration', conflict: 'history.revert.conflict.collaboration' },
};

/** An action as the reader knows it: a link of an agreement is a party, of a collaboration a participant. */
export function actionKey(action: string, entity: HistoryEntity): MessageKey | null {
  for (const key of [`history.action.${entity}.${action}`, `history.action.${action}`]) if (isMessageKey(key)) return key;
  return null;
}

const parse = (s: string | null | undefined): Record<string, unknown> | null => {
  if (!s) return null;
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/** Bookkeeping every write changes: not what the editor changed. */
const IGNORED = new Set(['version', 'recordedAt', 'updatedAt', 'searchText', 'sourceId', 'sourceLocator', 'basis', 'confidence', 'provenance']);

/** The properties an UPDATE changed (from its before/after snapshots). */
export function changedProperties(r: HistoryRecord, entity: HistoryEntity): string[] {
  if (r.action !== 'UPDATE') return [];
  const before = parse(r.before)?.[entity] as Record<string, unknown> | undefined;
  const after = parse(r.after)?.[entity] as Record<string, unknown> | undefined;
  if (!before || !after) return [];
  return Object.keys(after).filter((k) => !IGNORED.has(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

const FORM_LABELS: Record<'agreement' | 'collaboration', Partial<Record<string, MessageKey>>> = { agreement: AGREEMENT_LABELS, collaboration: COLLABORATION_LABELS };

/** A changed property as the reader knows it: the edit form's label, else (null) the property's own name. */
export function propertyLabelKey(property: string, entity: HistoryEntity): MessageKey | null {
  if (entity !== 'organisation') return Object.hasOwn(FORM_LABELS[entity], property) ? (FORM_LABELS[entity][property] ?? null) : null;
  for (const key of [`history.property.${property}`, `edit.${property}`]) if (isMessageKey(key)) return key;
  return null;
}

/** A partnership-suggestion decision as the history names it: the partner and what was decided. */
export function suggestionDecision(r: HistoryRecord): { decision: 'ACCEPTED' | 'DISMISSED'; partnerId: string; partnerName: string | null } | null {
  if (r.action !== 'SUGGESTION_DECISION') return null;
  const after = parse(r.after);
  const decision = after?.['decision'];
  const partnerId = after?.['candidateId'];
  if ((decision !== 'ACCEPTED' && decision !== 'DISMISSED') || typeof partnerId !== 'string') return null;
  const name = after?.['candidateName'];
  return { decision, partnerId, partnerName: typeof name === 'string' ? name : null };
}

/** The whole import an organisation's IMPORT record belongs to: its own record (which the API reverts as one unit), the file and what it did. */
export interface WholeImport {
  importId: string;
  file: string | null;
  counts: { organisationsCreated: number; organisationsUpdated: number; links: number } | null;
}

export function wholeImport(r: HistoryRecord): WholeImport | null {
  if (r.action !== 'IMPORT') return null;
  const after = parse(r.after);
  const importId = after?.['import'];
  if (typeof importId !== 'string') return null;
  const file = after?.['file'];
  const c = after?.['importCounts'] as Record<string, unknown> | undefined;
  const n = (k: string) => (typeof c?.[k] === 'number' ? (c[k] as number) : null);
  const [created, updated, links] = [n('organisationsCreated'), n('organisationsUpdated'), n('links')];
  return {
    importId,
    file: typeof file === 'string' ? file : null,
    counts: created !== null && updated !== null && links !== null ? { organisationsCreated: created, organisationsUpdated: updated, links } : null,
  };
}

/**
 * The other record of a merge as the history names it: on the survivor's MERGE and UNMERGE the
 * merged record, on the merged record's MERGED_INTO the survivor. `linked`: whether its page is
 * worth linking to (a merged record's address only leads back to the survivor).
 */
export function mergeOther(r: HistoryRecord): { id: string; name: string | null; linked: boolean } | null {
  const after = parse(r.after);
  const pick = (idKey: string, nameKey: string, linked: boolean) => {
    const id = after?.[idKey];
    const name = after?.[nameKey];
    return typeof id === 'string' ? { id, name: typeof name === 'string' ? name : null, linked } : null;
  };
  if (r.action === 'MERGE') return pick('mergedId', 'mergedName', false);
  if (r.action === 'UNMERGE') return pick('mergedId', 'mergedName', true);
  if (r.action === 'MERGED_INTO') return pick('survivorId', 'survivorName', true);
  return null;
}
