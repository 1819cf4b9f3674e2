/** Data of the agreement and collaboration editing pages: the object at its current version, its members, the public bodies to pick from. */
import { error } from '@sveltejs/kit';
import { GraphQLRequestError, gql } from '$lib/graphql/client.js';
import { failLoad } from '$lib/graphql/errors.js';
import { AgreementForEditDocument, CollaborationForEditDocument, MemberCatalogueDocument, MemberNameDocument, type MemberChoicesFragment } from '$lib/graphql/generated.js';
import type { Lang } from '$lib/i18n/index.js';
import type { Agreement, Collaboration, Member } from './save.js';

type Fetch = typeof globalThis.fetch;
export type PublicBodies = MemberChoicesFragment['publicBodies'];
export type CoverPlaces = Pick<MemberChoicesFragment, 'coverRegions' | 'coverMunicipalities' | 'coverAreas'>;

/** The covered-places choice: regions, municipalities, stadsdelsområden (the ceased ones marked with their period), each by name. */
export function coverOptions(p: CoverPlaces, locale: string): { label: 'agrEdit.covers.regions' | 'agrEdit.covers.municipalities' | 'agrEdit.covers.areas'; options: { id: string; name: string }[] }[] {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, locale);
  return [
    { label: 'agrEdit.covers.regions', options: [...p.coverRegions].sort(byName) },
    { label: 'agrEdit.covers.municipalities', options: [...p.coverMunicipalities].sort(byName) },
    { label: 'agrEdit.covers.areas', options: [...p.coverAreas].sort(byName).map((d) => ({ id: d.id, name: d.validTo ? `${d.name} (–${d.validTo})` : d.name })) },
  ];
}

/** A compact can have hundreds of parties: pages of 100, at most 10 (as the agreement page reads them). */
const MAX_PARTY_PAGES = 10;

function notFoundOr(e: unknown): never {
  // An id the API refuses as bad input names nothing: a missing page.
  if (e instanceof GraphQLRequestError && e.badInput) error(404, { message: e.message, kind: 'notFound' });
  failLoad(e);
}

export async function loadAgreementForEdit(fetch: Fetch, id: string, lang: Lang): Promise<{ agreement: Agreement; parties: Member[]; publicBodies: PublicBodies; places: CoverPlaces }> {
  let first;
  try {
    first = await gql(fetch, AgreementForEditDocument, { id }, lang);
  } catch (e) {
    notFoundOr(e);
  }
  if (!first.agreement) error(404, { message: `no agreement ${id}`, kind: 'notFound' });
  const { parties: page, ...agreement } = first.agreement;
  const parties: Member[] = [...page.nodes];
  let info = page.pageInfo;
  try {
    for (let n = 1; n < MAX_PARTY_PAGES && info.hasNextPage && info.endCursor; n++) {
      const next = await gql(fetch, AgreementForEditDocument, { id, after: info.endCursor }, lang);
      if (!next.agreement) break;
      parties.push(...next.agreement.parties.nodes);
      info = next.agreement.parties.pageInfo;
    }
  } catch (e) {
    failLoad(e);
  }
  return { agreement, parties, publicBodies: first.publicBodies, places: first };
}

export async function loadCollaborationForEdit(fetch: Fetch, id: string, lang: Lang): Promise<{ collaboration: Collaboration; publicBodies: PublicBodies }> {
  let data;
  try {
    data = await gql(fetch, CollaborationForEditDocument, { id }, lang);
  } catch (e) {
    notFoundOr(e);
  }
  if (!data.collaboration) error(404, { message: `no collaboration ${id}`, kind: 'notFound' });
  return { collaboration: data.collaboration, publicBodies: data.publicBodies };
}

/** At most this many members proposed through the URL (`?p=id&p=id`, from a profile or an agreement). */
export const MAX_PROPOSED = 20;

/**
 * The choices for a new agreement or collaboration, and the members the link proposed (`?p=`):
 * public bodies by the list, organisations by name; ids naming neither are left out.
 */
export async function loadNewMembers(fetch: Fetch, proposed: readonly string[], lang: Lang): Promise<{ publicBodies: PublicBodies; places: CoverPlaces; proposed: Member[] }> {
  let catalogue: MemberChoicesFragment;
  try {
    catalogue = await gql(fetch, MemberCatalogueDocument, {}, lang);
  } catch (e) {
    failLoad(e);
  }
  const publicBodies = catalogue.publicBodies;
  const ids = [...new Set(proposed)].slice(0, MAX_PROPOSED);
  const found = await Promise.all(
    ids.map(async (id): Promise<Member | null> => {
      const body = publicBodies.find((b) => b.id === id);
      if (body) return { id, name: lang === 'en' && body.nameEn ? body.nameEn : body.name, kind: 'PUBLIC_BODY', role: null };
      const org = await gql(fetch, MemberNameDocument, { id }, lang).then((r) => r.organisation, () => null);
      return org ? { id: org.id, name: org.name, kind: 'ORGANISATION', role: null } : null;
    }),
  );
  return { publicBodies, places: catalogue, proposed: found.filter((m): m is Member => m !== null) };
}
