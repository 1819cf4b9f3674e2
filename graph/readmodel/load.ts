/**
 * Builds a ReadModel from the store: everything in one read transaction (one snapshot) through
 * the CSV exports of graph/readmodel/export.ts.
 */
import type { GraphEngine } from '../engines/port.js';
import type { Basis } from '../model/types.js';
import type { OrganisationRecord, Provenance } from '../model/records.js';
import { EXPORTS, EXTRA_OF, ORGANISATION_COLUMNS, nextTick, type Exporter, type Row } from './export.js';
import { LINK_KINDS, ReadModel, TARGET_OF, type TargetLabel } from './model.js';

export interface LoadTimings {
  ms: number;
  /** Process CPU time of the load (user + system): what it costs without other load on the machine. */
  cpuMs: number;
  organisations: number;
  links: number;
  exports: Exporter['timings'];
}

/** Rows put into the model between two returns to the event loop: a load runs beside requests. */
const SLICE = 5_000;

const NODE_EXPORTS: [string, TargetLabel][] = [
  ['targetGroups', 'TargetGroup'],
  ['districts', 'District'],
  ['resourceTypes', 'ResourceType'],
  ['agreements', 'Agreement'],
  ['collaborations', 'Collaboration'],
];

export async function loadReadModel(engine: GraphEngine, exporter: Exporter, shouldStop?: () => boolean): Promise<{ model: ReadModel; timings: LoadTimings }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  exporter.timings = [];
  const model = new ReadModel();
  model.beginBulk();
  let links = 0;
  await engine.read(async (tx) => {
    const small = await exporter.export(tx, [...NODE_EXPORTS.map(([n]) => EXPORTS[n]!), EXPORTS['broader']!, EXPORTS['partOf']!], shouldStop);
    for (const [name, label] of NODE_EXPORTS) {
      for (const r of small.get(name)!) model.putNode(label, { id: r[0] as string, name: r[1] as string | null, extra: (r[2] ?? null) as string | null });
    }
    for (const r of small.get('broader')!) model.addHierarchy('BROADER', r[0] as string, r[1] as string);
    for (const r of small.get('partOf')!) model.addHierarchy('PART_OF', r[0] as string, r[1] as string);

    const orgs = await exporter.export(tx, [EXPORTS['organisations']!, EXPORTS['aliases']!], shouldStop);
    const aliasCount = new Map<string, number>();
    let seen = 0;
    for (const r of orgs.get('organisations')!) {
      if (++seen % SLICE === 0) await nextTick();
      const { record, search } = organisationOf(r);
      const n = r[ORGANISATION_COLUMNS.length] as number;
      record.aliases = n < 0 ? null : [];
      if (n > 0) aliasCount.set(record.id, n);
      model.putOrganisation(record, search);
    }
    const aliasRows = orgs.get('aliases')!;
    // The export does not promise row order: place each alias by its index.
    for (const r of aliasRows) {
      if (++seen % SLICE === 0) await nextTick();
      const entry = model.orgs.get(r[0] as string);
      if (entry?.record.aliases) entry.record.aliases[(r[1] as number) - 1] = r[2] as string;
    }
    orgs.clear();

    // One kind at a time, so only one export's rows are held at once.
    for (const kind of LINK_KINDS) {
      const rows = (await exporter.export(tx, [EXPORTS[`link.${kind}`]!], shouldStop)).get(`link.${kind}`)!;
      const extra = EXTRA_OF[kind];
      for (const r of rows) {
        if (++seen % SLICE === 0) await nextTick();
        const entry = model.orgs.get(r[0] as string);
        if (!entry) continue;
        model.addEdge(entry, kind, {
          to: internTarget(model, kind, r[1] as string),
          prov: model.provenance(provenanceAt(r, 2)),
          role: extra === 'role' ? (r[10] as string | null) : null,
          note: extra === 'note' ? (r[10] as string | null) : null,
        });
        links++;
      }
    }
  });
  // The order, the ranks and the search bitsets are built here, before the model answers, not by the first search.
  model.ranked();
  const used = process.cpuUsage(cpu);
  return { model, timings: { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, organisations: model.size, links, exports: exporter.timings } };
}

/** Targets' ids as the model's own strings (one string per id instead of one per link). */
function internTarget(model: ReadModel, kind: (typeof LINK_KINDS)[number], id: string): string {
  const label = TARGET_OF[kind];
  if (label === 'Organisation') return model.orgs.get(id)?.record.id ?? id;
  return model.nodes[label].get(id)?.id ?? id;
}

export function provenanceAt(r: Row, at: number): Provenance {
  return {
    sourceId: r[at] as string | null,
    sourceLocator: r[at + 1] as string | null,
    basis: r[at + 2] as Basis | null,
    confidence: r[at + 3] as number | null,
    recordedAt: r[at + 4] as number | null,
    synthetic: r[at + 5] as boolean | null,
    quote: r[at + 6] as string | null,
    rule: r[at + 7] as Provenance['rule'],
  };
}

const COLUMN_AT = Object.fromEntries(ORGANISATION_COLUMNS.map((c, i) => [c, i])) as Record<(typeof ORGANISATION_COLUMNS)[number], number>;

/** A row of the organisations export as the record ORGANISATION_MAP gives (aliases set by the caller). */
function organisationOf(r: Row): { record: OrganisationRecord; search: string | null } {
  const v = (p: (typeof ORGANISATION_COLUMNS)[number]) => r[COLUMN_AT[p]] as never;
  const record: OrganisationRecord = {
    id: v('id'),
    name: v('name'),
    aliases: null,
    orgNumber: v('orgNumber'),
    legalForm: v('legalForm'),
    description: v('description'),
    website: v('website'),
    email: v('email'),
    phone: v('phone'),
    address: v('address'),
    contactVerifiedAt: v('contactVerifiedAt'),
    status: v('status'),
    statusSince: v('statusSince'),
    fieldProvenance: v('fieldProvenance'),
    version: v('version'),
    createdAt: v('createdAt'),
    updatedAt: v('updatedAt'),
    sourceId: v('sourceId'),
    sourceLocator: v('sourceLocator'),
    basis: v('basis'),
    confidence: v('confidence'),
    quote: v('quote'),
    rule: v('rule'),
    recordedAt: v('recordedAt'),
    synthetic: v('synthetic'),
  };
  return { record, search: v('search') };
}
