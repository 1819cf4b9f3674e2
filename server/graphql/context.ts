/**
 * Per-request context: the store, the request's language, and DataLoaders so that a page of
 * organisations with their links costs one store query per kind of link, not one per row.
 */
import DataLoader from 'dataloader';
import type { GraphStore } from '../../graph/store.js';
import type { OrganisationLinkKind } from '../../graph/repo/links.js';
import type { LinkRecord, OrganisationRecord, OwnedLinkRecord } from '../../graph/model/records.js';
import type { DistrictRecord, PublicBodyRecord, ResourceTypeRecord, SourceRecord, TargetGroupRecord } from '../../graph/cypher/statements/catalogue.js';
import type { AgreementRecord } from '../../graph/cypher/statements/agreements.js';
import { incomingStatement } from '../../graph/cypher/statements/links.js';
import type { AgreementPartyModel } from './models.js';
import { anonymousAuth, type RequestAuth } from '../auth/service.js';

export interface GraphQLContext {
  store: GraphStore;
  lang: 'sv' | 'en';
  organisations: DataLoader<string, OrganisationRecord | null>;
  links(kind: OrganisationLinkKind): DataLoader<string, LinkRecord[]>;
  sources: DataLoader<string, SourceRecord | null>;
  targetGroups: DataLoader<string, TargetGroupRecord | null>;
  districts: DataLoader<string, DistrictRecord | null>;
  resourceTypes: DataLoader<string, ResourceTypeRecord | null>;
  /** District geometry (GeoJSON text), read only when a client asks for it. */
  geometries: DataLoader<string, string | null>;
  publicBodies: DataLoader<string, PublicBodyRecord | null>;
  agreements: DataLoader<string, AgreementRecord | null>;
  /** The parties of agreements: organisations and public bodies, with role and provenance, by name. */
  agreementParties: DataLoader<string, AgreementPartyModel[]>;
  /** The participants of collaborations, in the same shape as agreements' parties. */
  collaborationParticipants: DataLoader<string, AgreementPartyModel[]>;
  /** The districts each agreement covers, with provenance. */
  agreementCovers: DataLoader<string, OwnedLinkRecord[]>;
  /** Who is asking: the viewer, the request's session, cookies to set. */
  auth: RequestAuth;
  /** Aborted when the request is stopped (its time is up, or the client went away): work not yet started must not start. */
  signal: AbortSignal;
  /**
   * What the HTTP handler learns of the request once its operation is known (Apollo hands its
   * plugins and resolvers a shallow copy of the context, so this is an object shared by reference).
   */
  request: RequestState;
}

export interface RequestState {
  /** Whether the request is a mutation. */
  mutation: boolean;
  /** Whether the request is bounded, cancellable work that may run past the usual time limit (an import preview). */
  longRunning: boolean;
}

export function createContext(store: GraphStore, lang: 'sv' | 'en', auth: RequestAuth = anonymousAuth(), signal: AbortSignal = new AbortController().signal): GraphQLContext {
  const linkLoaders = new Map<OrganisationLinkKind, DataLoader<string, LinkRecord[]>>();
  const all = <T extends { id: string }>(load: () => Promise<T[]>) => {
    let cached: Promise<Map<string, T>> | null = null;
    return new DataLoader<string, T | null>(async (ids) => {
      cached ??= load().then((rows) => new Map(rows.map((r) => [r.id, r])));
      const byId = await cached;
      return ids.map((id) => byId.get(id) ?? null);
    });
  };
  return {
    store,
    lang,
    auth,
    signal,
    request: { mutation: false, longRunning: false },
    organisations: new DataLoader<string, OrganisationRecord | null>(async (ids) => {
      const byId = await store.organisations.getMany(ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    links(kind) {
      let loader = linkLoaders.get(kind);
      if (!loader) {
        loader = new DataLoader<string, LinkRecord[]>(async (ids) => {
          const byOrg = await store.links.outgoing(kind, ids);
          return ids.map((id) => byOrg.get(id) ?? []);
        });
        linkLoaders.set(kind, loader);
      }
      return loader;
    },
    sources: all(() => store.catalogue.sources()),
    targetGroups: all(() => store.catalogue.targetGroups()),
    resourceTypes: all(() => store.catalogue.resourceTypes()),
    districts: new DataLoader<string, DistrictRecord | null>(async (ids) => {
      const byId = await store.catalogue.districtsByIds(ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    geometries: new DataLoader<string, string | null>(async (ids) => {
      const byId = await store.catalogue.geometry(ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    publicBodies: all(() => store.catalogue.publicBodies()),
    agreements: new DataLoader<string, AgreementRecord | null>(async (ids) => {
      const byId = await store.catalogue.agreementsByIds(ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    agreementParties: membersLoader(store, 'agreement', 'PARTY_TO', 'Agreement'),
    collaborationParticipants: membersLoader(store, 'collaboration', 'PARTICIPATES_IN', 'Collaboration'),
    agreementCovers: new DataLoader<string, OwnedLinkRecord[]>(async (ids) => {
      const byId = await store.catalogue.agreementCovers(ids);
      return ids.map((id) => byId.get(id) ?? []);
    }),
  };
}

/** Organisations and public bodies linked to agreements (PARTY_TO) or collaborations (PARTICIPATES_IN), with role and provenance. */
function membersLoader(store: GraphStore, kind: 'agreement' | 'collaboration', type: 'PARTY_TO' | 'PARTICIPATES_IN', to: 'Agreement' | 'Collaboration') {
  return new DataLoader<string, AgreementPartyModel[]>(async (ids) => {
    const [organisations, bodies] = await Promise.all([
      store.links.incoming(kind, ids),
      store.engine.read((tx) => tx.run(incomingStatement({ type, from: 'PublicBody', to }), { ids: [...ids] })),
    ]);
    const out = new Map<string, AgreementPartyModel[]>(ids.map((id) => [id, []]));
    for (const { link } of bodies) out.get(link.ownerId)?.push({ kind: 'PUBLIC_BODY', link });
    for (const [id, links] of organisations) out.get(id)?.push(...links.map((link) => ({ kind: 'ORGANISATION' as const, link })));
    // Public bodies (the city's side) first, then organisations; each by name.
    return ids.map((id) => out.get(id) ?? []);
  });
}
