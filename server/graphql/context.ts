/**
 * Per-request context: the store, the request's language, and DataLoaders so that a page of
 * organisations with their links costs one store query per kind of link, not one per row.
 */
import DataLoader from 'dataloader';
import type { GraphStore } from '../../graph/store.js';
import type { OrganisationLinkKind } from '../../graph/repo/links.js';
import type { LinkRecord, OrganisationRecord } from '../../graph/repo/records.js';
import type { DistrictRecord, SourceRecord, TargetGroupRecord } from '../../graph/cypher/statements/catalogue.js';
import { anonymousAuth, type RequestAuth } from '../auth/service.js';

export interface GraphQLContext {
  store: GraphStore;
  lang: 'sv' | 'en';
  organisations: DataLoader<string, OrganisationRecord | null>;
  links(kind: OrganisationLinkKind): DataLoader<string, LinkRecord[]>;
  sources: DataLoader<string, SourceRecord | null>;
  targetGroups: DataLoader<string, TargetGroupRecord | null>;
  districts: DataLoader<string, DistrictRecord | null>;
  /** Who is asking (accounts, issue 7): the viewer, the request's session, cookies to set. */
  auth: RequestAuth;
}

export function createContext(store: GraphStore, lang: 'sv' | 'en', auth: RequestAuth = anonymousAuth()): GraphQLContext {
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
    districts: new DataLoader<string, DistrictRecord | null>(async (ids) => {
      const byId = await store.catalogue.districtsByIds(ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
