/**
 * What the merge page shows and sends, kept apart from Svelte so it is unit-tested
 * (test/weblib/merge.test.ts): which record survives, the preview's parts as the reader knows them,
 * and the mutation's input at the versions the preview read.
 */
import type { MergePreviewQuery, MergeLinkOutcome, OrganisationLinkKind } from '$lib/graphql/generated.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import { isMessageKey } from '$lib/i18n/index.js';

export type Preview = NonNullable<MergePreviewQuery['mergePreview']['preview']>;
export type PreviewLink = Preview['links'][number];

/** Which of the two records stays: the one whose page this is, or the one picked. */
export type Keep = 'this' | 'other';

export function roles(thisId: string, otherId: string, keep: Keep): { survivorId: string; mergedId: string } {
  return keep === 'this' ? { survivorId: thisId, mergedId: otherId } : { survivorId: otherId, mergedId: thisId };
}

/** The mutation's input: the two records at the versions the preview showed (a later change is a conflict). */
export function mergeInput(p: Preview) {
  return { survivorId: p.survivor.id, survivorVersion: p.survivor.version, mergedId: p.merged.id, mergedVersion: p.merged.version };
}

/** A filled field as the edit form labels it. */
export function fieldLabelKey(field: string): MessageKey | null {
  const key = `edit.${field}`;
  return isMessageKey(key) ? key : null;
}

export const kindKey = (kind: OrganisationLinkKind): MessageKey => `merge.kind.${kind}`;

/** The links by what becomes of them, in the order the preview lists them: moved, kept, dropped. */
export function byOutcome(links: readonly PreviewLink[]): { outcome: MergeLinkOutcome; links: PreviewLink[] }[] {
  const order: MergeLinkOutcome[] = ['MOVE', 'KEEP_SURVIVORS', 'DROP'];
  return order.map((outcome) => ({ outcome, links: links.filter((l) => l.outcome === outcome) })).filter((g) => g.links.length > 0);
}
