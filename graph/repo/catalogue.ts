/** Reference data: target groups, districts, public bodies, resource types, sources, agreements. */
import type { GraphEngine } from '../engines/port.js';
import { districts, publicBodies, resourceTypes, sources, targetGroups, type DistrictRecord } from '../cypher/statements/catalogue.js';
import { agreements, collaborations } from '../cypher/statements/agreements.js';
import { DISTRICT_KINDS, AGREEMENT_KINDS, AGREEMENT_STATUSES } from '../model/types.js';
import { ValidationError } from '../errors.js';

export class CatalogueRepository {
  constructor(private readonly engine: GraphEngine) {}

  async targetGroups() {
    return (await this.engine.read((tx) => tx.run(targetGroups.all, {}))).map((r) => r.tg);
  }

  async districts(kind?: string | null): Promise<DistrictRecord[]> {
    if (kind && !(DISTRICT_KINDS as readonly string[]).includes(kind)) {
      throw new ValidationError([{ field: 'kind', message: `must be one of ${DISTRICT_KINDS.join(', ')}` }]);
    }
    return (await this.engine.read((tx) => tx.run(districts.byKind, { kind: kind ?? '' }))).map((r) => r.district);
  }

  async districtsByIds(ids: readonly string[]): Promise<Map<string, DistrictRecord>> {
    if (!ids.length) return new Map();
    const rows = await this.engine.read((tx) => tx.run(districts.byIds, { ids: [...ids] }));
    return new Map(rows.map((r) => [r.district.id, r.district]));
  }

  async geometry(ids: readonly string[]): Promise<Map<string, string | null>> {
    if (!ids.length) return new Map();
    const rows = await this.engine.read((tx) => tx.run(districts.geometry, { ids: [...ids] }));
    return new Map(rows.map((r) => [r.id, r.geometry]));
  }

  async publicBodies() {
    return (await this.engine.read((tx) => tx.run(publicBodies.all, {}))).map((r) => r.body);
  }

  async resourceTypes() {
    return (await this.engine.read((tx) => tx.run(resourceTypes.all, {}))).map((r) => r.resource);
  }

  async sources() {
    return (await this.engine.read((tx) => tx.run(sources.all, {}))).map((r) => r.source);
  }

  async agreements(filter: { kinds?: readonly string[] | null; statuses?: readonly string[] | null } = {}) {
    const kinds = filter.kinds ?? [];
    const statuses = filter.statuses ?? [];
    const badKind = kinds.findIndex((k) => !(AGREEMENT_KINDS as readonly string[]).includes(k));
    if (badKind >= 0) throw new ValidationError([{ field: `filter.kinds.${badKind}`, message: `must be one of ${AGREEMENT_KINDS.join(', ')}` }]);
    const badStatus = statuses.findIndex((k) => !(AGREEMENT_STATUSES as readonly string[]).includes(k));
    if (badStatus >= 0) throw new ValidationError([{ field: `filter.statuses.${badStatus}`, message: `must be one of ${AGREEMENT_STATUSES.join(', ')}` }]);
    const rows = await this.engine.read((tx) =>
      tx.run(agreements.list, {
        byKinds: kinds.length > 0,
        kinds: kinds.length ? [...kinds] : ['-'],
        byStatus: statuses.length > 0,
        statuses: statuses.length ? [...statuses] : ['-'],
      }),
    );
    return rows.map((r) => r.agreement);
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
