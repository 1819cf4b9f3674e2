/**
 * Keeps the analytics projection (graph/analytics) in step with the store. The first request
 * builds it. After a committed write (its effects, graph/readmodel/effects.ts):
 * - a small one (an organisation's links of a patchable kind, its record's fields) patches the
 *   projection: the organisation's rows are re-read (from the read model when warm, else from
 *   the engine) and a new projection derived that shares everything else
 *   (graph/analytics/projection-patch.ts). It is in place before the next `current()` answers
 *   (that waits for patches under way), so answers follow such a write at once;
 * - anything else (a reload, agreements or collaborations created or changed, catalogue or
 *   hierarchy edits, new or deleted organisations, batches of more than MAX_PATCHED changes,
 *   writes with no effects the read model knows, such as suggestion decisions) schedules a full
 *   rebuild, debounced (default 1 s) so a burst of writes costs one; until it is ready the previous
 *   projection keeps answering. At Sweden scale a rebuild takes well over a minute
 *   (`npm run bench:analytics`).
 * Every answer carries `projectionBuiltAt` (when the full build read the store); a patched
 * projection also has `patchedAt`.
 */
import type { GraphEngine } from './engines/port.js';
import { buildProjection, patchOrganisationLinks, patchOrganisationRecord, PATCHABLE_LINK_KINDS, warmAnalytics, warmAnalyticsInSlices, type LinkRow, type OrganisationInput, type PatchableLinkKind, type Projection } from './analytics/index.js';
import { ProjectionPatchSource, readProjectionInput } from './repo/projection-source.js';
import type { Effect } from './readmodel/effects.js';
import type { ReadModelService } from './readmodel/sync.js';

/** Above this many organisations' records or link kinds in one write, a rebuild is cheaper than patches. */
const MAX_PATCHED = 50;

/** What a write's patch re-reads: organisations' records and (organisation, kind) link sets. */
interface PatchPlan {
  records: string[];
  links: { kind: PatchableLinkKind; id: string }[];
}

const PATCHABLE = new Set<string>(PATCHABLE_LINK_KINDS);

/** The patch for these effects, or null when only a rebuild follows them. */
function planOf(effects: readonly Effect[] | 'bulk'): PatchPlan | null {
  if (effects === 'bulk' || effects.length === 0) return null;
  const records = new Set<string>();
  const links = new Map<string, { kind: PatchableLinkKind; id: string }>();
  for (const e of effects) {
    if (e.type === 'organisations') for (const id of e.ids) records.add(id);
    else if (e.type === 'links' && PATCHABLE.has(e.kind)) links.set(`${e.kind}\u0001${e.id}`, { kind: e.kind as PatchableLinkKind, id: e.id });
    else return null;
    if (records.size + links.size > MAX_PATCHED) return null;
  }
  return { records: [...records], links: [...links.values()] };
}

export class ProjectionService {
  private projection: Projection | null = null;
  private building: Promise<Projection> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private warmTimer: NodeJS.Timeout | null = null;
  private dirtyDuringBuild = false;
  /** Patches of writes committed while a build runs: applied to its result (a re-read is idempotent). */
  private patchesDuringBuild: PatchPlan[] = [];
  /** The patches under way, in commit order. */
  private patching: Promise<void> | null = null;
  private readonly source: ProjectionPatchSource;
  private closed = false;

  constructor(
    private readonly engine: GraphEngine,
    private readonly options: {
      debounceMs?: number;
      onRebuilt?: (ms: number) => void;
      /** After each patch: how long it took (re-read and derive). */
      onPatched?: (ms: number) => void;
      /** After a patched projection's pair-search indexes were prepared again: how long it took. */
      onWarmed?: (ms: number) => void;
      /** Where patches re-read from when it is warm (else the engine). */
      readModel?: ReadModelService | null;
    } = {},
  ) {
    this.source = new ProjectionPatchSource(engine, options.readModel ?? null);
  }

  /** The current projection, with every patch of a committed write applied; builds the first one on demand. */
  async current(): Promise<Projection> {
    // The patches of writes committed before this call (not later ones: a stream of writes must not hold answers back).
    if (this.patching) await this.patching;
    if (this.projection) return this.projection;
    return this.rebuild();
  }

  /**
   * A write was committed with these effects (this process's, or another server's through the
   * change feed): patch the projection, or rebuild it soon.
   */
  changed(effects: readonly Effect[] | 'bulk'): void {
    if (this.closed) return;
    if (!this.projection && !this.building) return;
    const plan = planOf(effects);
    if (!plan) return this.invalidate();
    if (this.building) {
      this.patchesDuringBuild.push(plan);
      return;
    }
    this.enqueue(plan);
  }

  private enqueue(plan: PatchPlan): void {
    const run = (this.patching ?? Promise.resolve()).then(() => this.patch(plan)).catch(() => this.invalidate());
    const tracked = run.finally(() => {
      if (this.patching === tracked) this.patching = null;
    });
    this.patching = tracked;
  }

  private async patch(plan: PatchPlan): Promise<void> {
    const started = performance.now();
    let base: Projection | null;
    let records: { id: string; input: OrganisationInput | null }[];
    let links: { kind: PatchableLinkKind; id: string; rows: LinkRow[] | null }[];
    do {
      // A build that finished during the reads may have read the store after them: read again on top of it.
      base = this.projection;
      records = await Promise.all(plan.records.map(async (id) => ({ id, input: await this.source.organisation(id) })));
      links = await Promise.all(plan.links.map(async (l) => ({ ...l, rows: await this.source.links(l.kind, l.id) })));
    } while (this.projection !== base && !this.closed);
    const at = Date.now();
    // Synchronous from here: readers see all of this write's patch or none of it.
    let p = base;
    if (!p || this.closed) return;
    for (const { input } of records) {
      p = input && p ? patchOrganisationRecord(p, input, at) : null;
      if (!p) return this.invalidate();
    }
    for (const { kind, id, rows } of links) {
      p = rows && p ? patchOrganisationLinks(p, kind, id, rows, at) : null;
      if (!p) return this.invalidate();
    }
    if (p !== this.projection) {
      this.projection = p;
      this.options.onPatched?.(performance.now() - started);
      this.scheduleWarm();
    }
  }

  /**
   * A patched projection drops the pair-search indexes (their feature order depends on the
   * frequencies a patch changes): prepare them again once writes pause, as a rebuild would, so
   * that a later request does not pay for them. A slice of organisations at a time, so requests
   * are answered meanwhile (at Sweden scale the whole takes about two seconds); given up when the
   * projection is replaced.
   */
  private scheduleWarm(): void {
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      const p = this.projection;
      if (!p || this.closed) return;
      const started = performance.now();
      void warmAnalyticsInSlices(p, () => new Promise((resolve) => setImmediate(resolve)), () => this.projection !== p || this.closed)
        .then(() => this.options.onWarmed?.(performance.now() - started))
        .catch(() => undefined);
    }, this.options.debounceMs ?? 1000);
    this.warmTimer.unref();
  }

  /**
   * A projection that includes every write committed before the call (read-your-writes): waits
   * for a running rebuild and runs a scheduled one now.
   */
  async fresh(): Promise<Projection> {
    for (;;) {
      if (this.building) {
        await this.building.catch(() => undefined);
        continue;
      }
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
        await this.rebuild();
        continue;
      }
      const p = await this.current();
      // A patch that failed scheduled a rebuild: run it.
      if (!this.timer && !this.building) return p;
    }
  }

  /** A write was committed: rebuild soon. */
  invalidate(): void {
    if (this.closed) return;
    // Nothing built yet: the first request builds from the store as it then is.
    if (!this.projection && !this.building) return;
    if (this.building) {
      this.dirtyDuringBuild = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.rebuild().catch(() => undefined);
    }, this.options.debounceMs ?? 1000);
    this.timer.unref();
  }

  /** Rebuilds now (callers may await it; concurrent callers share one build). */
  rebuild(): Promise<Projection> {
    if (this.building) return this.building;
    const started = performance.now();
    this.building = (async () => {
      try {
        const p = warmAnalytics(buildProjection(await readProjectionInput(this.engine)));
        this.projection = p;
        this.options.onRebuilt?.(performance.now() - started);
        return p;
      } finally {
        this.building = null;
        for (const plan of this.patchesDuringBuild.splice(0)) this.enqueue(plan);
        if (this.dirtyDuringBuild) {
          this.dirtyDuringBuild = false;
          this.invalidate();
        }
      }
    })();
    return this.building;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.warmTimer) clearTimeout(this.warmTimer);
  }
}
