/** Reference data: target groups, districts, public bodies, resource types, sources, agreements. */
import type { GraphEngine } from '../engines/port.js';
import { districts, publicBodies, resourceTypes, sources, targetGroups, type DistrictRecord, type PublicBodyRecord } from '../cypher/statements/catalogue.js';
import type { OwnedLinkRecord } from '../model/records.js';
import type { RowOf } from '../cypher/statement.js';
import { agreements, collaborations } from '../cypher/statements/agreements.js';
import { DISTRICT_KINDS, AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../model/types.js';
import { ValidationError } from '../errors.js';

type TargetGroupRow = RowOf<typeof targetGroups.all>['tg'];
type ResourceTypeRow = RowOf<typeof resourceTypes.all>['resource'];

export class CatalogueRepository {
  /**
   * Target groups, districts (without their shapes) and resource types as last read: every
   * search that names one asks for them (hundreds, read whole). Kept until a write the store cannot follow in detail, which
   * every change to them is (`forget`, from graph/store.ts; other servers' writes arrive through
   * the change feed). Shared: callers only read them.
   */
  private known: { targetGroups?: Promise<TargetGroupRow[]>; resourceTypes?: Promise<ResourceTypeRow[]>; districts?: Promise<{ all: DistrictRecord[]; byId: Map<string, DistrictRecord> }> } = {};

  constructor(private readonly engine: GraphEngine) {}

  /** Forgets what it keeps (after a catalogue write, a bulk load or a restore). */
  forget(): void {
    this.known = {};
  }

  async targetGroups(): Promise<TargetGroupRow[]> {
    const read = (this.known.targetGroups ??= this.engine.read((tx) => tx.run(targetGroups.all, {})).then((rows) => rows.map((r) => r.tg)));
    // A failed read is not kept.
    read.catch(() => this.known.targetGroups === read && delete this.known.targetGroups);
    return read;
  }

  /** Districts of a kind; with `validOn` (YYYY-MM-DD), only those that exist on that day (a division). */
  async districts(kind?: string | null, validOn?: string | null): Promise<DistrictRecord[]> {
    if (kind && !(DISTRICT_KINDS as readonly string[]).includes(kind)) {
      throw new ValidationError([{ field: 'kind', message: `must be one of ${DISTRICT_KINDS.join(', ')}` }]);
    }
    if (validOn && !isCalendarDay(validOn)) throw new ValidationError([{ field: 'validOn', message: 'must be a date YYYY-MM-DD' }]);
    const all = (await this.allDistricts()).filter((d) => !kind || d.kind === kind);
    return validOn ? all.filter((d) => (!d.validFrom || d.validFrom <= validOn) && (!d.validTo || d.validTo >= validOn)) : all;
  }

  async districtsByIds(ids: readonly string[]): Promise<Map<string, DistrictRecord>> {
    if (!ids.length) return new Map();
    const { byId } = await this.knownDistricts();
    const out = new Map<string, DistrictRecord>();
    for (const id of ids) {
      const d = byId.get(id);
      if (d) out.set(id, d);
    }
    return out;
  }

  private async allDistricts(): Promise<DistrictRecord[]> {
    return (await this.knownDistricts()).all;
  }

  /** Every district in (name, id) order and by id, kept as target groups are. */
  private knownDistricts(): Promise<{ all: DistrictRecord[]; byId: Map<string, DistrictRecord> }> {
    const read = (this.known.districts ??= this.engine.read((tx) => tx.run(districts.byKind, { kind: '' })).then((rows) => {
      const all = rows.map((r) => r.district);
      return { all, byId: new Map(all.map((d) => [d.id, d])) };
    }));
    read.catch(() => this.known.districts === read && delete this.known.districts);
    return read;
  }

  async geometry(ids: readonly string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows = await this.engine.read((tx) => tx.run(districts.geometry, { ids: [...ids] }));
    return new Map(rows.map((r) => [r.id, r.geometry]));
  }

  async publicBodies() {
    return (await this.engine.read((tx) => tx.run(publicBodies.all, {}))).map((r) => r.body);
  }

  async publicBodiesByIds(ids: readonly string[]): Promise<Map<string, PublicBodyRecord>> {
    if (!ids.length) return new Map();
    const rows = await this.engine.read((tx) => tx.run(publicBodies.byIds, { ids: [...ids] }));
    return new Map(rows.map((r) => [r.body.id, r.body]));
  }

  /** The districts each agreement covers, with each link's provenance. */
  async agreementCovers(ids: readonly string[]): Promise<Map<string, OwnedLinkRecord[]>> {
    const out = new Map<string, OwnedLinkRecord[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    for (const r of await this.engine.read((tx) => tx.run(agreements.covers, { ids: [...ids] }))) out.get(r.link.ownerId)?.push(r.link);
    return out;
  }

  async resourceTypes(): Promise<ResourceTypeRow[]> {
    const read = (this.known.resourceTypes ??= this.engine.read((tx) => tx.run(resourceTypes.all, {})).then((rows) => rows.map((r) => r.resource)));
    read.catch(() => this.known.resourceTypes === read && delete this.known.resourceTypes);
    return read;
  }

  async sources() {
    return (await this.engine.read((tx) => tx.run(sources.all, {}))).map((r) => r.source);
  }

  /**
   * Agreements by kind and status; with `covering`, only those covering one of the districts or a
   * district inside them (a region: the region, its municipalities and their districts). Each id in
   * `covering` must be a district (`field` names the argument in errors).
   */
  async agreements(filter: { kinds?: readonly string[] | null; statuses?: readonly string[] | null; covering?: readonly string[] | null; coveringField?: string } = {}) {
    const kinds = filter.kinds ?? [];
    const statuses = filter.statuses ?? [];
    const badKind = kinds.findIndex((k) => !(AGREEMENT_KINDS as readonly string[]).includes(k));
    if (badKind >= 0) throw new ValidationError([{ field: `filter.kinds.${badKind}`, message: `must be one of ${AGREEMENT_KINDS.join(', ')}` }]);
    const badStatus = statuses.findIndex((k) => !(AGREEMENT_STATUSES as readonly string[]).includes(k));
    if (badStatus >= 0) throw new ValidationError([{ field: `filter.statuses.${badStatus}`, message: `must be one of ${AGREEMENT_STATUSES.join(', ')}` }]);
    const covering = filter.covering ? [...new Set(filter.covering)] : null;
    return this.engine.read(async (tx) => {
      let only: Set<string> | null = null;
      if (covering) {
        if (!covering.length) return [];
        const found = new Set((await tx.run(districts.byIds, { ids: covering })).map((r) => r.district.id));
        const field = filter.coveringField ?? 'covering';
        const missing = covering.map((id, i) => ({ id, i })).filter((x) => !found.has(x.id));
        if (missing.length) throw new ValidationError(missing.map((x) => ({ field: `${field}.${x.i}`, message: `${JSON.stringify(x.id)} is not a district` })));
        only = new Set((await tx.run(agreements.covering, { ids: covering })).map((r) => r.id));
      }
      const rows = await tx.run(agreements.list, {
        byKinds: kinds.length > 0,
        kinds: kinds.length ? [...kinds] : ['-'],
        byStatus: statuses.length > 0,
        statuses: statuses.length ? [...statuses] : ['-'],
      });
      return rows.map((r) => r.agreement).filter((a) => !only || only.has(a.id));
    });
  }

  async agreementsByIds(ids: readonly string[]) {
    if (!ids.length) return new Map();
    const rows = await this.engine.read((tx) => tx.run(agreements.byIds, { ids: [...ids] }));
    return new Map(rows.map((r) => [r.agreement.id, r.agreement]));
  }

  async collaborationsByIds(ids: readonly string[]) {
    if (!ids.length) return new Map();
    const rows = await this.engine.read((tx) => tx.run(collaborations.byIds, { ids: [...ids] }));
    return new Map(rows.map((r) => [r.collaboration.id, r.collaboration]));
  }
}

/** A real calendar day written YYYY-MM-DD. */
function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
}
