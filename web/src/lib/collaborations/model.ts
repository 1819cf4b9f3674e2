/** The collaboration page's logic, kept out of the component: where a participant's name points. */
import type { CollaborationPageQuery } from '$lib/graphql/generated.js';

export type CollaborationDetail = NonNullable<CollaborationPageQuery['collaboration']>;
export type Participant = CollaborationDetail['participants'][number];

/** An organisation's profile (without the language prefix); public bodies have no page. */
export const participantPath = (p: Participant): string | null => (p.organisation ? `/organisation/${encodeURIComponent(p.organisation.id)}` : null);
