/**
 * Keeps the analytics projection (graph/analytics) in step with the store. The first request
 * builds it; every committed write schedules a rebuild, debounced (default 1 s) so a burst of
 * writes costs one rebuild; until the new projection is ready the previous one keeps answering.
 * So answers may lag a write by the debounce plus one rebuild: well under a second on the
 * Stockholm graph, about what `npm run bench:analytics` prints as the rebuild time at Sweden
 * scale. Every answer carries `projectionBuiltAt` so clients can show it.
 */
import type { GraphEngine } from './engines/port.js';
import { buildProjection, warmAnalytics, type Projection } from './analytics/index.js';
import { readProjectionInput } from './repo/projection-source.js';

export class ProjectionService {
  private projection: Projection | null = null;
  private building: Promise<Projection> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private dirtyDuringBuild = false;
  private closed = false;

  constructor(
    private readonly engine: GraphEngine,
    private readonly options: { debounceMs?: number; onRebuilt?: (ms: number) => void } = {},
  ) {}

  /** The current projection; builds the first one on demand. */
  async current(): Promise<Projection> {
    if (this.projection) return this.projection;
    return this.rebuild();
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
      return this.current();
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
  }
}
