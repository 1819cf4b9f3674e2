/**
 * Organisations: validated reads and writes over the named statements. Writes are one
 * transaction each; updates carry the version the editor read (optimistic concurrency).
 */
import type { GraphEngine, Tx } from '../engines/port.js';
import { organisations, type OrganisationWrite } from '../cypher/statements/organisations.js';
import { countStatement, listStatement, type OrganisationListParams } from '../cypher/statements/organisation-lists.js';
import type { OrganisationFilterKey } from '../cypher/fragments.js';
import { districts, targetGroups } from '../cypher/statements/catalogue.js';
import { ConflictError, NotFoundError, UniqueValueError, ValidationError } from '../errors.js';
import { searchText } from '../text/fold.js';
import { planOrganisationFilterAsync, type HierarchyQuestion } from '../filter/organisation-filter.js';
import {
  organisationCreate,
  organisationFilter,
  organisationUpdate,
  pageArgs,
  parseInput,
  LIMITS,
  type OrganisationCreate,
  type OrganisationFilter,
} from '../validation/inputs.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { newId } from './ids.js';
import { personSource, type Actor } from './actor.js';
import type { OrganisationProfile, OrganisationRecord, ProfileLinks } from '../model/records.js';
import { outgoingOneStatement } from '../cypher/statements/links.js';
import { LINK_KINDS, ORGANISATION_LINKS, type OrganisationLinkKind } from '../model/links.js';
import { neighbourhood, type NeighbourRow } from '../cypher/statements/neighbourhood.js';
import type { ReadModelService } from '../readmodel/sync.js';
import * as fromModel from '../readmodel/queries.js';
import { definedOnly } from './patch.js';
import { lockEntity } from './lock.js';
import { searchOrganisations, type FilterPlan, type SearchResultPage } from './organisation-search.js';
import type { HitSource } from '../search/sources.js';
import { aboutProvenance, factOf, type AboutValues } from './facts.js';
import { OrganisationMatcher } from '../io/import/match.js';

export interface Page<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
  /** With a text: the page is ranked by relevance, and says why each organisation matched. */
  search?: SearchResultPage['search'];
}

/**
 * Work a caller adds to a write's own transaction (the audit record of an edit): it commits or
 * rolls back with the change. `before` is the stored organisation, `after` the written one.
 */
export interface OrganisationWriteHooks {
  afterWrite?(tx: Tx, before: OrganisationRecord | null, after: OrganisationRecord | null): Promise<void>;
}

/** An organisation with a name like the one asked about; `matched` is its name or alias that is alike. */
export interface SimilarName {
  organisation: OrganisationRecord;
  score: number;
  matched: string;
  /** The same name or alias, letter for letter once case and diacritics are set aside. */
  exact: boolean;
}

/** Organisations the full-text index is asked for when looking for similar names. */
const SIMILAR_CANDIDATES = 25;

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = LIMITS.page;

export class OrganisationRepository {
  /** `readModel`: when it is warm, reads are answered from it (graph/readmodel/), with the engine's answers. */
  constructor(
    private readonly engine: GraphEngine,
    private readonly readModel: ReadModelService | null = null,
    private readonly hits: HitSource | null = null,
  ) {}

  async get(id: string): Promise<OrganisationRecord | null> {
    const model = this.readModel?.ready;
    if (model) return fromModel.getOrganisation(model, id);
    const [row] = await this.engine.read((tx) => tx.run(organisations.byId, { id }));
    return row?.org ?? null;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, OrganisationRecord>> {
    if (!ids.length) return new Map();
    const model = this.readModel?.ready;
    if (model) return fromModel.getOrganisations(model, ids);
    const rows = await this.engine.read((tx) => tx.run(organisations.byIds, { ids: [...ids] }));
    return new Map(rows.map((r) => [r.org.id, r.org]));
  }

  /**
   * Everything about one organisation, in one read transaction: each kind of link is a one-hop
   * statement from the organisation (cheap on both engines), members capped at `memberLimit`.
   */
  async profile(id: string, memberLimit = 50): Promise<OrganisationProfile | null> {
    const model = this.readModel?.ready;
    if (model) return fromModel.profileOf(model, id, memberLimit);
    return this.engine.read(async (tx) => {
      const [head] = await tx.run(organisations.byId, { id });
      if (!head) return null;
      const links = {} as ProfileLinks;
      for (const kind of LINK_KINDS) links[ORGANISATION_LINKS[kind].profile] = (await tx.run(outgoingOneStatement(ORGANISATION_LINKS[kind]), { id })).map((r) => r.link);
      return {
        organisation: head.org,
        ...links,
        members: (await tx.run(organisations.members, { id, limit: memberLimit })).map((r) => r.link),
        memberCount: (await tx.run(organisations.memberCount, { id }))[0]?.n ?? 0,
      };
    });
  }

  /**
   * Organisations matching `filter`, a page at a time: ordered by name (keyset cursors), or with
   * a text, by relevance (graph/repo/organisation-search.ts) when the store has a search index.
   */
  async list(filterInput: unknown, pageInput: unknown = {}): Promise<Page<OrganisationRecord>> {
    const filter = parseInput(organisationFilter, filterInput ?? {}, 'filter');
    const page = parseInput(pageArgs, pageInput ?? {}, 'page');
    const first = page.first ?? DEFAULT_PAGE;
    if (filter.text && this.hits) {
      return searchOrganisations({ engine: this.engine, hits: this.hits, readModel: this.readModel, plan: planFilter, getMany: (ids) => this.getMany(ids) }, filter, first, page.after ?? null);
    }
    const after = page.after ? decodeCursor(page.after, 'after') : null;
    const model = this.readModel?.ready;
    if (model) return fromModel.listOrganisations(model, filter, first, after);

    return this.engine.read(async (tx) => {
      const plan = await planFilter(tx, filter);
      if (!plan) return { nodes: [], cursors: [], hasNextPage: false, endCursor: null, totalCount: 0 };
      const rows = await tx.run(listStatement(plan.keys), { ...plan.params, afterName: after?.name ?? '', afterId: after?.id ?? '', limit: first + 1 });
      const [count] = await tx.run(countStatement(plan.keys), plan.params);
      const nodes = rows.slice(0, first).map((r) => r.org);
      const cursors = nodes.map((o) => encodeCursor({ name: o.name, id: o.id }));
      return {
        nodes,
        cursors,
        hasNextPage: rows.length > first,
        endCursor: cursors[cursors.length - 1] ?? null,
        totalCount: count?.n ?? 0,
      };
    });
  }

  /** Resolves once text searches are answered from the index they will be answered from (built in memory where the store reads from memory). */
  async warmSearch(): Promise<void> {
    await this.hits?.warm();
  }

  /**
   * Organisations whose name or an alias is the same as `name` or close to it (a typo, a missing
   * word): what an editor is warned of before creating or renaming one, so as not to make a second
   * record of the same body. The full-text index narrows the store to a few candidates, which the
   * import's name matcher then scores. `excludeId`: the organisation being renamed.
   */
  async similarNames(name: string, excludeId: string | null = null): Promise<SimilarName[]> {
    const wanted = name.trim();
    if (!wanted || wanted.length > LIMITS.name || !this.hits) return [];
    const hits = await this.hits.hits(wanted, SIMILAR_CANDIDATES);
    const found = await this.getMany(hits.organisations.map((h) => h.id).filter((id) => id !== excludeId));
    const matcher = new OrganisationMatcher([...found.values()].map((o) => ({ id: o.id, name: o.name, aliases: o.aliases ?? [], orgNumber: o.orgNumber ?? null })));
    return matcher.candidates(wanted).map((c) => ({ organisation: found.get(c.id)!, score: c.score, matched: c.matched, exact: c.score === 1 }));
  }

  /**
   * The 2-hop neighbourhood partnership suggestions start from: organisations active in the same
   * local districts, and partners of partners through collaborations (each with what is shared).
   */
  async neighbourhood(id: string, limit = 200): Promise<{ localPeers: NeighbourRow[]; partnersOfPartners: NeighbourRow[] }> {
    const model = this.readModel?.ready;
    if (model) return { localPeers: fromModel.localPeers(model, id, limit), partnersOfPartners: fromModel.partnersOfPartners(model, id, limit) };
    return this.engine.read(async (tx) => ({
      localPeers: await tx.run(neighbourhood.localPeers, { id, limit }),
      partnersOfPartners: await tx.run(neighbourhood.partnersOfPartners, { id, limit }),
    }));
  }

  async create(input: unknown, actor: Actor, hooks: OrganisationWriteHooks = {}): Promise<OrganisationRecord> {
    const data = parseInput(organisationCreate, input);
    return this.engine.write(async (tx) => {
      const source = await personSource(tx, actor);
      const id = data.id ?? (await this.freeId(tx, data.name));
      if (data.id && (await tx.run(organisations.version, { id: data.id })).length) {
        throw new ValidationError([{ field: 'input.id', message: `${JSON.stringify(data.id)} is already taken` }]);
      }
      await assertOrgNumberFree(tx, data.orgNumber ?? null, id);
      const [row] = await uniquely(tx.run(organisations.create, toWrite(id, data, source, Date.now(), null)));
      await hooks.afterWrite?.(tx, null, row!.org);
      return row!.org;
    });
  }

  async update(id: string, input: unknown, actor: Actor, hooks: OrganisationWriteHooks = {}): Promise<OrganisationRecord> {
    const patch = parseInput(organisationUpdate, input);
    return this.engine.write(async (tx) => {
      if (!(await lockEntity(tx, 'Organisation', id))) throw new NotFoundError('Organisation', id);
      // A scalar id start is an index lookup on LadybugDB (an UNWIND list is a hash join over the table).
      const [current] = await tx.run(organisations.byId, { id });
      if (!current) throw new NotFoundError('Organisation', id);
      if (current.org.version !== patch.version) {
        throw new ConflictError(
          `Organisation ${id} was changed by someone else (you edited version ${patch.version}, it is now ${current.org.version}): reload and apply your change again`,
          'input.version',
        );
      }
      const source = await personSource(tx, actor);
      const { version: _read, ...fields } = patch;
      const merged: OrganisationCreate = { ...organisationFields(current.org), ...definedOnly(fields) };
      if (merged.orgNumber !== current.org.orgNumber) await assertOrgNumberFree(tx, merged.orgNumber ?? null, id);
      const [row] = await uniquely(tx.run(organisations.update, { ...toWrite(id, merged, source, Date.now(), current.org), version: patch.version }));
      // The lock is held and the version matched, so no row means a race we must not hide.
      if (!row) throw new ConflictError(`Organisation ${id} changed while it was being updated`, 'input.version');
      await hooks.afterWrite?.(tx, current.org, row.org);
      return row.org;
    });
  }

  /**
   * Deletes an organisation and its relationships. With `version`, only if nobody changed it since
   * it was read; `beforeDelete` runs in the same transaction while the organisation still exists.
   */
  async delete(id: string, options: { version?: number; beforeDelete?(tx: Tx, current: OrganisationRecord): Promise<void> } = {}): Promise<void> {
    await this.engine.write(async (tx) => {
      if (options.version !== undefined && !(await lockEntity(tx, 'Organisation', id))) throw new NotFoundError('Organisation', id);
      const [current] = await tx.run(organisations.byId, { id });
      if (!current) throw new NotFoundError('Organisation', id);
      if (options.version !== undefined && current.org.version !== options.version) {
        throw new ConflictError(
          `Organisation ${id} was changed by someone else (you read version ${options.version}, it is now ${current.org.version}): reload before deleting`,
          'version',
        );
      }
      await options.beforeDelete?.(tx, current.org);
      await tx.run(organisations.delete, { id });
    });
  }

  /**
   * Creates or updates many organisations in one transaction, `batchSize` rows per statement.
   * Rows a person entered are not overwritten by rows that are not a person's entry.
   */
  async upsertMany(
    rows: readonly (OrganisationCreate & { id: string; sourceId: string; sourceLocator?: string | null; basis: string; confidence?: number | null; synthetic?: boolean })[],
    batchSize = 1000,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const prepared = rows.map((r, i) => {
      const data = parseInput(organisationCreate, r, `rows[${i}]`);
      const { now: _now, ...write } = toWrite(r.id, data, { sourceId: r.sourceId, basis: r.basis, sourceLocator: r.sourceLocator ?? null, confidence: r.confidence ?? 1 }, 0, null);
      return { ...write, synthetic: r.synthetic ?? false };
    });
    const now = Date.now();
    return this.engine.write(async (tx) => {
      let created = 0;
      let written = 0;
      for (let i = 0; i < prepared.length; i += batchSize) {
        const out = await tx.run(organisations.upsertMany, { rows: prepared.slice(i, i + batchSize), now });
        written += out.length;
        created += out.filter((r) => r.created).length;
      }
      return { created, updated: written - created, unchanged: prepared.length - written };
    });
  }

  private async freeId(tx: Tx, name: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = newId('org', name, attempt);
      if (!(await tx.run(organisations.version, { id })).length) return id;
    }
    return newId('org', name, 99);
  }
}

interface WriteSource {
  sourceId: string;
  sourceLocator?: string | null;
  basis: string;
  confidence?: number | null;
}

/** The about facts as compared between writes; the status fact is the status with its date, so a new date is a new fact. */
export const aboutValues = (o: { description?: string | null; legalForm?: string | null; website?: string | null; status?: string | null; statusSince?: string | null }): AboutValues => ({
  description: o.description ?? null,
  legalForm: o.legalForm ?? null,
  website: o.website ?? null,
  status: o.status ? [o.status, o.statusSince ?? ''].join(' ').trim() : null,
});

/** The written organisation; `before` (the stored one) keeps the provenance of the facts the write leaves as they were. */
function toWrite(id: string, d: OrganisationCreate, source: WriteSource, now: number, before: OrganisationRecord | null): OrganisationWrite {
  const aliases = [...new Set((d.aliases ?? []).filter((a) => a !== d.name))];
  const fieldProvenance = aboutProvenance(aboutValues(d), factOf(source, now || null), before ? { values: aboutValues(before), fieldProvenance: before.fieldProvenance } : null);
  return {
    id,
    name: d.name,
    aliases,
    search: searchText(d.name, aliases),
    orgNumber: d.orgNumber ?? null,
    legalForm: d.legalForm ?? null,
    description: d.description ?? null,
    website: d.website ?? null,
    email: d.email ?? null,
    phone: d.phone ?? null,
    address: d.address ?? null,
    contactVerifiedAt: d.contactVerifiedAt ?? null,
    status: d.status ?? null,
    statusSince: d.statusSince ?? null,
    fieldProvenance,
    sourceId: source.sourceId,
    sourceLocator: source.sourceLocator ?? null,
    basis: source.basis,
    confidence: source.confidence ?? 1,
    now,
    synthetic: false,
  };
}

/** A record's own fields as a write takes them (no id, provenance or version): an update's base, a revert's or restore's values. */
export function organisationFields(o: OrganisationRecord) {
  return {
    name: o.name,
    aliases: o.aliases ?? [],
    orgNumber: o.orgNumber,
    legalForm: o.legalForm,
    description: o.description,
    website: o.website,
    email: o.email,
    phone: o.phone,
    address: o.address,
    contactVerifiedAt: o.contactVerifiedAt,
    status: o.status ?? null,
    statusSince: o.statusSince ?? null,
  } satisfies OrganisationCreate;
}



/**
 * Expands a filter (narrower target groups, districts inside districts, optionally the wider
 * ones) into the list variant to run and its parameters. Null when the filter can match nothing.
 */
/** An organisation number is one organisation's: a second one is refused, naming the first. */
async function assertOrgNumberFree(tx: Tx, orgNumber: string | null, self: string): Promise<void> {
  if (!orgNumber) return;
  const other = (await tx.run(organisations.byOrgNumber, { orgNumber })).find((r) => r.id !== self);
  if (other) throw new ValidationError([{ field: 'input.orgNumber', message: `${orgNumber} is the organisation number of ${other.name} (${other.id})` }]);
}

/** A concurrent write that took the number first (Neo4j's constraint) is the same refusal. */
async function uniquely<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof UniqueValueError && error.property === 'orgNumber') throw new ValidationError([{ field: 'input.orgNumber', message: 'another organisation has this organisation number' }]);
    throw error;
  }
}

export type { FilterPlan, FilterPlanner } from './organisation-search.js';

async function planFilter(tx: Tx, filter: OrganisationFilter): Promise<FilterPlan | null> {
  const planned = await planOrganisationFilterAsync(filter, (q) => answer(tx, q));
  const keys: OrganisationFilterKey[] = [];
  const params: OrganisationListParams = { text: planned.text, bySynthetic: planned.synthetic !== null, synthetic: planned.synthetic ?? false };
  if (planned.districtIds) {
    keys.push('districts');
    params.districtIds = [...planned.districtIds];
  }
  if (planned.targetGroupIds) {
    keys.push('targetGroups');
    params.targetGroupIds = [...planned.targetGroupIds];
  }
  if (planned.agreementKinds) {
    keys.push('agreementKinds');
    params.agreementKinds = planned.agreementKinds;
  }
  if (planned.offered) {
    keys.push('offered');
    params.offered = planned.offered;
  }
  if (planned.needed) {
    keys.push('needed');
    params.needed = planned.needed;
  }
  // An empty list would match nothing (and LadybugDB 0.19 mis-evaluates `IN []`): answer directly.
  if (keys.some((k) => !(params[FILTER_LIST[k]] as string[] | undefined)?.length)) return null;
  return { keys, params };
}

const FILTER_LIST: Record<OrganisationFilterKey, keyof OrganisationListParams> = {
  districts: 'districtIds',
  targetGroups: 'targetGroupIds',
  agreementKinds: 'agreementKinds',
  offered: 'offered',
  needed: 'needed',
};

/** The filter's hierarchy questions answered by the store (graph/filter/organisation-filter.ts). */
async function answer(tx: Tx, q: HierarchyQuestion): Promise<Set<string>> {
  const { ids } = q;
  switch (q.ask) {
    case 'existing':
      return new Set(q.label === 'TargetGroup' ? (await tx.run(targetGroups.existing, { ids })).map((r) => r.id) : (await tx.run(districts.byIds, { ids })).map((r) => r.district.id));
    case 'districtsWithInner':
      return new Set((await tx.run(districts.withInner, { ids })).map((r) => r.id));
    case 'districtsOuter':
      return new Set((await tx.run(districts.outer, { ids })).map((r) => r.id));
    case 'targetGroupsWithNarrower':
      return new Set((await tx.run(targetGroups.withNarrower, { ids })).map((r) => r.id));
  }
}
