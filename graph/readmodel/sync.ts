/**
 * Keeps the read model coherent with the store: the embedded one this process owns, or Neo4j
 * (where other app servers' writes reach it through the change feed).
 *
 * - The first load runs in the background from `start()`; until it is done (and whenever the
 *   model is cold) `ready` is null and the repositories read from the engine.
 * - Every committed write reports the statements it ran (graph/store.ts). Before the write
 *   returns to its caller, the organisations, links and nodes it touched are re-read from the
 *   store and swapped into the model in one synchronous step: read-your-writes, and no reader
 *   sees half of a change. A rolled-back write reports nothing.
 * - A bulk load, or a write whose effect is unknown (graph/readmodel/effects.ts), makes the
 *   model cold at once and reloads it in the background. Writes committed during a load are
 *   re-read after it, before the new model answers.
 * - If re-reading fails, the model goes cold and reloads: reads stay correct, only slower.
 */
import type { GraphEngine } from '../engines/port.js';
import { outgoingOneStatement } from '../cypher/statements/links.js';
import { ORGANISATION_LINKS } from '../model/links.js';
import type { OrganisationRecord, OwnedLinkRecord } from '../model/records.js';
import { messageOf } from '../errors.js';
import { ExportStopped, GraphExporter, EXTRA_OF, type Exporter } from './export.js';
import { Neo4jExporter } from './export-neo4j.js';
import { loadReadModel, type LoadTimings } from './load.js';
import { ReadModel, type Edge, type LinkKind, type TargetNode } from './model.js';
import { effectsOf, type Effect, type StatementRun } from './effects.js';
import { readModelStatements } from './statements.js';

/** Above this many organisations or links in one write, reloading is cheaper than re-reading each. */
const MAX_TARGETED = 2000;

export interface ReadModelEvents {
  onLoaded?: (timings: LoadTimings) => void;
  onError?: (message: string) => void;
}

export class ReadModelService {
  private model: ReadModel | null = null;
  private loading: Promise<void> | null = null;
  private reloadRequested = false;
  /** Effects committed while a load runs: applied to the new model before it answers. */
  private pending: Effect[][] = [];
  private queue: Promise<void> = Promise.resolve();
  private exporter: Exporter | null = null;
  private started = false;
  private closed = false;
  /** Completed loads (tests and the benchmark read it). */
  loads = 0;
  lastLoad: LoadTimings | null = null;

  constructor(
    private readonly engine: GraphEngine,
    private readonly events: ReadModelEvents = {},
  ) {}

  /** The model if it is warm and current; null means: read from the engine. */
  get ready(): ReadModel | null {
    return this.model;
  }

  /** Starts the first load in the background. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.reload();
  }

  /** Resolves when the model is warm (or the service is closed: null). */
  async warm(): Promise<ReadModel | null> {
    this.start();
    for (let attempt = 0; ; attempt++) {
      if (this.model || this.closed) return this.model;
      if (this.loading) await this.loading;
      else if (attempt > 1) return null; // the load failed (reported through onError): the engine answers
      else this.reload();
    }
  }

  /** Called by the store after a write committed (its statements) or a bulk load ('bulk'). Never throws. */
  async committed(runs: readonly StatementRun[] | 'bulk'): Promise<void> {
    await this.changed(runs === 'bulk' ? [{ type: 'reload', reason: 'bulk load' }] : effectsOf(runs));
  }

  /** What a write changed (this process's, or another server's through the change feed). Never throws. */
  async changed(effects: readonly Effect[]): Promise<void> {
    if (!this.started || this.closed) return;
    // Suggestion decisions are not in the model (only the analytics projection holds them).
    effects = effects.filter((e) => e.type !== 'analytics');
    if (!effects.length) return;
    if (effects.some((e) => e.type === 'reload') || tooMany(effects)) {
      this.model = null;
      this.reload();
      return;
    }
    if (!this.model) {
      if (this.loading) this.pending.push([...effects]);
      return;
    }
    const model = this.model;
    const applied = this.queue.then(async () => {
      if (this.model !== model) return; // replaced or cold since: a reload covers this write
      try {
        await this.apply(model, effects);
      } catch (error) {
        this.events.onError?.(`read model refresh failed, reloading: ${messageOf(error)}`);
        this.model = null;
        this.reload();
      }
    });
    this.queue = applied;
    await applied;
  }

  /** Makes the model cold and loads it again in the background. */
  reload(): void {
    if (this.closed) return;
    this.model = null;
    if (this.loading) {
      this.reloadRequested = true;
      return;
    }
    this.loading = this.runLoads().finally(() => {
      this.loading = null;
    });
  }

  private async runLoads(): Promise<void> {
    this.exporter ??= this.engine.kind === 'neo4j' ? new Neo4jExporter() : new GraphExporter();
    do {
      this.reloadRequested = false;
      this.pending = [];
      try {
        const { model, timings } = await loadReadModel(this.engine, this.exporter, () => this.closed);
        while (this.pending.length && !this.reloadRequested) {
          const batch = this.pending.splice(0).flat();
          await this.apply(model, batch);
        }
        if (this.reloadRequested || this.closed) continue;
        // Nothing awaited between the last check and this: no write can slip in unseen.
        this.model = model;
        this.loads++;
        this.lastLoad = timings;
        this.events.onLoaded?.(timings);
      } catch (error) {
        if (error instanceof ExportStopped || this.closed) return;
        this.events.onError?.(`read model load failed: ${messageOf(error)}`);
        return;
      }
    } while (this.reloadRequested && !this.closed);
  }

  /** Re-reads what the effects touched, then changes the model in one synchronous step. */
  private async apply(model: ReadModel, effects: readonly Effect[]): Promise<void> {
    const orgIds = new Set<string>();
    const links = new Map<string, { kind: LinkKind; id: string }>();
    const nodes = new Map<string, { label: 'Agreement' | 'Collaboration'; id: string }>();
    for (const e of effects) {
      if (e.type === 'organisations') for (const id of e.ids) orgIds.add(id);
      else if (e.type === 'links') {
        orgIds.add(e.id);
        links.set(`${e.kind}\u0001${e.id}`, e);
      } else if (e.type === 'node') nodes.set(`${e.label}\u0001${e.id}`, e);
    }
    const fetched = await this.engine.read(async (tx) => {
      const records = new Map<string, { org: OrganisationRecord; search: string | null }>();
      if (orgIds.size > 20) {
        for (const r of await tx.run(readModelStatements.organisations, { ids: [...orgIds] })) records.set(r.org.id, r);
      } else {
        for (const id of orgIds) for (const r of await tx.run(readModelStatements.organisation, { id })) records.set(id, r);
      }
      const edges: { kind: LinkKind; id: string; links: OwnedLinkRecord[] }[] = [];
      for (const { kind, id } of links.values()) {
        edges.push({ kind, id, links: (await tx.run(outgoingOneStatement(ORGANISATION_LINKS[kind]), { id })).map((r) => r.link) });
      }
      const found: { label: 'Agreement' | 'Collaboration'; id: string; node: TargetNode | null }[] = [];
      for (const { label, id } of nodes.values()) {
        const [row] = await tx.run(label === 'Agreement' ? readModelStatements.agreement : readModelStatements.collaboration, { id });
        found.push({ label, id, node: row ?? null });
      }
      return { records, edges, found };
    });

    // From here on synchronous: readers see all of this write or none of it.
    for (const { label, id, node } of fetched.found) {
      if (node) model.putNode(label, node);
      else model.removeNode(label, id);
    }
    for (const id of orgIds) {
      const r = fetched.records.get(id);
      if (r) model.putOrganisation(r.org, r.search);
      else model.removeOrganisation(id);
    }
    for (const { kind, id, links: rows } of fetched.edges) {
      const entry = model.orgs.get(id);
      if (entry) model.setEdges(entry, kind, rows.map((l) => edgeOf(model, kind, l)));
    }
  }

  /** Stops loading and forgets the model; a load in progress ends at its next step. */
  async close(): Promise<void> {
    this.closed = true;
    this.model = null;
    await this.loading?.catch(() => undefined);
    await this.queue.catch(() => undefined);
    this.exporter?.close();
  }
}

function tooMany(effects: readonly Effect[]): boolean {
  let n = 0;
  for (const e of effects) n += e.type === 'organisations' ? e.ids.length : 1;
  return n > MAX_TARGETED;
}

/** A link as the link statements return it, back into the model's edge. */
function edgeOf(model: ReadModel, kind: LinkKind, l: OwnedLinkRecord): Edge {
  const extra = EXTRA_OF[kind];
  return {
    to: l.id,
    prov: model.provenance(l),
    role: extra === 'role' ? l.role : null,
    note: extra === 'note' ? l.detail : null,
  };
}
