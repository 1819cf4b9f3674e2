/**
 * How soon the analytics follow a write at Sweden scale (part of `npm run bench:analytics`): the
 * store opened as the server opens it (read model, projection service), then `writes` times a
 * target group added to a random organisation in Stockholm through the link repository (what the
 * API's addOrganisationLink runs, less its audit record), and the time from the write's
 * acknowledgement until suggestPartners on the service's current projection names the new group
 * in a reason (a group one of its suggestions serves, so that it must), and until coverage counts
 * the organisation under it. The links are removed again at
 * the end, so the cached store stays the generated graph. Target: both under 1 s.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { GraphEngine } from '../../graph/engines/port.js';
import { applySchema } from '../../graph/schema/apply.js';
import { storeOver } from '../../graph/store.js';
import { coverage, suggestPartners, warmAnalyticsInSlices, type Projection } from '../../graph/analytics/index.js';
import { latency, type Latency } from './stats.js';

const STOCKHOLM = 'district:municipality-0180';
const ACTOR = { id: 'bench:freshness', displayName: 'Benchmark' };
/** Give up on one write after this long, ten times the target (reported as not shown). */
const GIVE_UP_MS = 10_000;

export interface FreshnessReport {
  writes: number;
  /** The write itself, to its acknowledgement (the projection's patch is queued before it returns). */
  writeMs: Latency;
  /** From the acknowledgement until suggestPartners (limit 20) names the new target group in a reason. */
  suggestionsMs: Latency;
  /** From the acknowledgement until coverage (Stockholm by stadsdel, that group) counts the organisation. */
  coverageMs: Latency;
  /** Each patch: re-read from the read model and the new projection derived. */
  patchMs: Latency;
  /** Writes whose effect did not show within the give-up time (0 expected). */
  notShown: number;
  /** Full rebuilds the writes triggered (0 expected: they patch). */
  rebuildsTriggered: number;
  /** Preparing the pair search again on the last patched projection (the service does it once writes pause). */
  pairSearchRewarmMs: number;
  /** The longest the event loop waited meanwhile (the largest slice). */
  pairSearchRewarmLoopMaxMs: number;
  readModelWarmMs: number;
  firstBuildMs: number;
}

export async function measureFreshness(engine: GraphEngine, options: { seed: number; writes: number; progress: (what: string) => void }): Promise<FreshnessReport> {
  const { progress } = options;
  let rebuilds = 0;
  const patches: number[] = [];
  const store = storeOver(engine, await applySchema(engine), { readModel: true, projectionDebounceMs: 600_000 });
  const service = store.projections as unknown as { options: { onRebuilt?: () => void; onPatched?: (ms: number) => void } };
  service.options.onRebuilt = () => rebuilds++;
  service.options.onPatched = (ms) => patches.push(ms);
  const added: { org: string; tg: string }[] = [];
  try {
    progress('freshness: warming the read model');
    let t = performance.now();
    await store.readModel!.warm();
    const readModelWarmMs = performance.now() - t;
    progress('freshness: the service builds the projection');
    t = performance.now();
    const first = await store.projections.current();
    const firstBuildMs = performance.now() - t;
    const rebuildsBefore = rebuilds;

    let r = options.seed * 7919 + 3;
    const rnd = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648);
    const stockholm = first.requireDistrict(STOCKHOLM);
    // The generated organisations (the real seed's when there are none, as on the Stockholm graph).
    const synthetic = first.orgSynthetic.includes(1);
    const inStockholm = first.orgIds.map((_, i) => i).filter((i) => (!synthetic || first.orgSynthetic[i]) && !first.orgClosed[i] && first.orgDistrictClosure.has(i, stockholm));
    const leaf = Uint8Array.from(first.tgIds, (_, t) => (first.tgDescendants[t]!.length === 0 ? 1 : 0));

    const writes: number[] = [];
    const suggestions: number[] = [];
    const coverages: number[] = [];
    let notShown = 0;
    for (let k = 0; k < options.writes; k++) {
      const p0 = await store.projections.current();
      // A random organisation and a specific target group (no narrower ones) that one of its current
      // suggestions serves and it does not: once it serves it too, that suggestion names the group
      // among its reasons (its score only rises). Organisations with no such group are passed over.
      let org = -1;
      let tg = -1;
      while (tg < 0) {
        org = inStockholm[Math.floor(rnd() * inStockholm.length)]!;
        const candidates = new Set<number>();
        for (const sug of suggestPartners(p0, p0.orgIds[org]!, { limit: 20 }).suggestions) {
          const other = p0.requireOrganisation(sug.organisationId);
          for (const t of p0.orgTg.row(other)) if (leaf[t] && !p0.orgTgClosure.has(org, t)) candidates.add(t);
        }
        const rarest = [...candidates].sort((a, b) => p0.tgOrg.size(a) - p0.tgOrg.size(b) || a - b);
        if (rarest.length) tg = rarest[0]!;
      }
      const orgId = p0.orgIds[org]!;
      const tgId = p0.tgIds[tg]!;
      const covOptions = { municipalityId: STOCKHOLM, level: 'STADSDEL' as const, targetGroupIds: [tgId] };
      const counted = (p: Projection) => {
        const m = coverage(p, covOptions);
        return m.cells.reduce((n, c) => n + c.totalCount, 0) + m.cityWide.reduce((n, c) => n + c.count, 0);
      };
      const before = counted(p0);
      const named = (p: Projection) => suggestPartners(p, orgId, { limit: 20 }).suggestions.some((s) => s.reasons.some((x) => x.targetGroupIds?.includes(tgId)));

      t = performance.now();
      await store.links.link('targetGroup', { organisationId: orgId, targetId: tgId }, ACTOR);
      const ack = performance.now();
      writes.push(ack - t);
      added.push({ org: orgId, tg: tgId });
      let suggestionsAt: number | null = null;
      let coverageAt: number | null = null;
      while ((suggestionsAt === null || coverageAt === null) && performance.now() - ack < GIVE_UP_MS) {
        const p = await store.projections.current();
        if (suggestionsAt === null && named(p)) suggestionsAt = performance.now() - ack;
        if (coverageAt === null && counted(p) > before) coverageAt = performance.now() - ack;
        if (suggestionsAt === null || coverageAt === null) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      if (suggestionsAt === null || coverageAt === null) notShown++;
      if (suggestionsAt !== null) suggestions.push(suggestionsAt);
      if (coverageAt !== null) coverages.push(coverageAt);
      progress(`freshness: write ${k + 1}/${options.writes}: acknowledged in ${(ack - t).toFixed(0)} ms; suggestions ${suggestionsAt?.toFixed(0) ?? 'not shown'} ms, coverage ${coverageAt?.toFixed(0) ?? 'not shown'} ms`);
    }
    const rebuildsTriggered = rebuilds - rebuildsBefore;
    // As the service prepares them once writes pause: in slices, with the event loop watched.
    const latest = await store.projections.current();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    t = performance.now();
    await warmAnalyticsInSlices(latest, () => new Promise((resolve) => setImmediate(resolve)), () => false);
    const pairSearchRewarmMs = performance.now() - t;
    loop.disable();
    return {
      writes: options.writes,
      writeMs: latency(writes),
      suggestionsMs: latency(suggestions),
      coverageMs: latency(coverages),
      patchMs: latency(patches),
      notShown,
      rebuildsTriggered,
      pairSearchRewarmMs: Math.round(pairSearchRewarmMs),
      pairSearchRewarmLoopMaxMs: Math.round(loop.max / 1e6),
      readModelWarmMs: Math.round(readModelWarmMs),
      firstBuildMs: Math.round(firstBuildMs),
    };
  } finally {
    progress('freshness: removing the links it added');
    for (const { org, tg } of added) await store.links.unlink('targetGroup', { organisationId: org, targetId: tg });
    store.projections.close();
    await store.readModel?.close();
  }
}
