/** The collaboration page's logic, kept out of the component: the kind's name and where a participant's name points. */
import type { CollaborationPageQuery } from '$lib/graphql/generated.js';
import type { MessageKey } from '$lib/i18n/sv.js';
import { isMessageKey } from '$lib/i18n/index.js';

export type CollaborationDetail = NonNullable<CollaborationPageQuery['collaboration']>;
export type Participant = CollaborationDetail['participants'][number];

/** The kind (an API code such as NETWORK) in the page's language; null for a code the app does not know (shown as it is). */
export function kindKey(kind: string): MessageKey | null {
  const key = `collabKind.${kind}`;
  return isMessageKey(key) ? key : null;
}

/** An organisation's profile (without the language prefix); public bodies have no page. */
export const participantPath = (p: Participant): string | null => (p.organisation ? `/organisation/${encodeURIComponent(p.organisation.id)}` : null);
