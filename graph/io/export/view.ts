/**
 * The data of an export: the organisations a filter selects (the repository's
 * OrganisationFilter: target groups, districts, agreement kinds, resources, text) with their
 * links and the reference nodes they point at. Public data only: e-mail addresses and phone
 * numbers (which may be a person's) are left out, as are accounts and suggestion decisions.
 */
import type { GraphStore } from '../../store.js';
import type { LinkRecord, OrganisationRecord } from '../../model/records.js';
import type { DistrictRecord, SourceRecord, TargetGroupRecord } from '../../cypher/statements/catalogue.js';
import { parseFieldProvenance, type FieldProvenance } from '../../model/facts.js';
import { EXPORT_LINK_KINDS, type OrganisationLinkKind } from '../../model/links.js';
import { MAX_PAGE } from '../../repo/organisations.js';

export interface ExportOrganisation {
  id: string;
  name: string;
  aliases: string[];
  orgNumber: string | null;
  legalForm: string | null;
  description: string | null;
  website: string | null;
  address: string | null;
  /** Whether it still works (null: not recorded), and since when. */
  status: string | null;
  statusSince: string | null;
  /** The record's own provenance: where the organisation is named. */
  sourceId: string | null;
  sourceLocator: string | null;
  basis: string | null;
  confidence: number | null;
  quote: string | null;
  rule: string | null;
  recordedAt: number | null;
  /** Each about fact's own provenance (description, legal form, website, status). */
  fieldProvenance: FieldProvenance;
  synthetic: boolean;
  updatedAt: number | null;
  links: Record<ExportLinkKind, LinkRecord[]>;
}

/** Every link kind, in export order (graph/model/links.ts). */
export const EXPORT_LINKS = EXPORT_LINK_KINDS;
export type ExportLinkKind = OrganisationLinkKind;

export interface ExportView {
  generatedAt: string;
  filter: unknown;
  organisations: ExportOrganisation[];
  targetGroups: Map<string, TargetGroupRecord>;
  districts: Map<string, DistrictRecord>;
  /** The sources the facts cite, for their titles and dates. */
  sources: Map<string, SourceRecord>;
}

const LINK_CHUNK = 500;

export async function loadView(store: GraphStore, filter: unknown = {}, onProgress?: (done: number, total: number) => void): Promise<ExportView> {
  const records: OrganisationRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.organisations.list(filter, { first: MAX_PAGE, ...(after ? { after } : {}) });
    records.push(...page.nodes);
    onProgress?.(records.length, page.totalCount);
    if (!page.hasNextPage || !page.endCursor) break;
    after = page.endCursor;
  }
  const links = new Map<string, Record<ExportLinkKind, LinkRecord[]>>(records.map((o) => [o.id, Object.fromEntries(EXPORT_LINKS.map((k) => [k, []])) as unknown as Record<ExportLinkKind, LinkRecord[]>]));
  for (let i = 0; i < records.length; i += LINK_CHUNK) {
    const ids = records.slice(i, i + LINK_CHUNK).map((o) => o.id);
    for (const kind of EXPORT_LINKS) {
      for (const [owner, list] of await store.links.outgoing(kind, ids)) links.get(owner)![kind] = list;
    }
  }
  const [tgs, ds, srcs] = await Promise.all([store.catalogue.targetGroups(), store.catalogue.districts(), store.catalogue.sources()]);
  return {
    generatedAt: new Date().toISOString(),
    filter,
    organisations: records.map((o) => ({
      id: o.id,
      name: o.name,
      aliases: o.aliases ?? [],
      orgNumber: o.orgNumber,
      legalForm: o.legalForm,
      description: o.description,
      website: o.website,
      address: o.address,
      status: o.status,
      statusSince: o.statusSince,
      sourceId: o.sourceId,
      sourceLocator: o.sourceLocator,
      basis: o.basis,
      confidence: o.confidence,
      quote: o.quote,
      rule: o.rule,
      recordedAt: o.recordedAt,
      fieldProvenance: parseFieldProvenance(o.fieldProvenance),
      synthetic: o.synthetic ?? false,
      updatedAt: o.updatedAt,
      links: links.get(o.id)!,
    })),
    targetGroups: new Map(tgs.map((t) => [t.id, t])),
    districts: new Map(ds.map((d) => [d.id, d])),
    // A person's entry source names the person: exports hold public data only, so its title is not exported.
    sources: new Map(srcs.map((x) => [x.id, x.kind === 'PERSON_ENTRY' ? { ...x, title: 'Uppgift inmatad av en användare i Samverkan' } : x])),
  };
}
