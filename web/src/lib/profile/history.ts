/** An organisation's audit trail as the profile shows it to editors: what changed, and what can be undone. */
import type { OrganisationHistoryQuery } from '$lib/graphql/generated.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import { isMessageKey } from '$lib/i18n/index.js';

export type HistoryRecord = OrganisationHistoryQuery['organisationHistory'][number];

/** The API reverts these actions (graph/repo/editing.ts), and only an entity's latest change. */
const REVERTABLE = new Set(['UPDATE', 'DELETE', 'LINK_ADD', 'LINK_REMOVE', 'SET_LINKS']);
export const canRevert = (r: HistoryRecord, index: number): boolean => index === 0 && REVERTABLE.has(r.action);

export function actionKey(action: string): MessageKey | null {
  const key = `history.action.${action}`;
  return isMessageKey(key) ? key : null;
}

const parse = (s: string | null | undefined): Record<string, unknown> | null => {
  if (!s) return null;
  try {
    return JSON.parse(s) as Record<string, unknown>;
  } catch {
    return null;
  }
};

/** The organisation properties an UPDATE changed (from its before/after snapshots). */
export function changedProperties(r: HistoryRecord): string[] {
  if (r.action !== 'UPDATE') return [];
  const before = parse(r.before)?.['organisation'] as Record<string, unknown> | undefined;
  const after = parse(r.after)?.['organisation'] as Record<string, unknown> | undefined;
  if (!before || !after) return [];
  const ignore = new Set(['version', 'recordedAt', 'updatedAt', 'searchText', 'sourceId', 'sourceLocator', 'basis', 'confidence', 'provenance']);
  return Object.keys(after).filter((k) => !ignore.has(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** A changed property as the reader knows it: the edit form's label, else the property's own name. */
export function propertyLabelKey(property: string): MessageKey | null {
  for (const key of [`history.property.${property}`, `edit.${property}`]) if (isMessageKey(key)) return key;
  return null;
}
