/**
 * The projection service patches the analytics projection after small writes instead of
 * rebuilding it: on the seeded Stockholm graph, random link changes (target groups, districts,
 * resources offered and needed, agreements, umbrellas) through the repositories, and after each the
 * patched projection must equal one rebuilt from the store, in its structures and in its answers
 * (suggestions, coverage, overlap, collaboration gaps). Such writes trigger no rebuild; a new
 * organisation and a reload do.
 * Once with the read model warm (patches re-read from it) and once without (from the engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore, type TestStore } from '../helpers/store.js';
import { readProjectionInput } from '../../graph/repo/projection-source.js';
import { buildProjection, collaborationGaps, coverage, overlap, suggestPartners, type PatchableLinkKind, type Projection } from '../../graph/analytics/index.js';
import type { PatchableField } from '../../graph/analytics/projection.js';
import { Csr } from '../../graph/analytics/csr.js';

const actor = { id: 'coordinator-1', displayName: 'Samordnare' };

const FIELDS: PatchableField[] = [
  'orgNames', 'orgSynthetic', 'orgClosed', 'orgStatus', 'orgContactVerifiedAt', 'analysable',
  'orgTg', 'tgOrg', 'orgTgClosure', 'tgOrgClosure', 'tgWeight', 'tgCommon',
  'orgDistrict', 'districtOrg', 'orgDistrictClosure', 'districtOrgClosure', 'districtWeight', 'districtCommon',
  'orgAgreement', 'agreementOrg', 'agreementWeight', 'agreementCommon',
  'orgUmbrella', 'umbrellaMembers', 'umbrellaWeight', 'umbrellaCommon',
  'orgOffers', 'offerers', 'orgNeeds', 'needers',
];

/** A structure as plain data (a Csr as its two arrays), to compare with toEqual. */
const plain = (v: unknown): unknown => (v instanceof Csr ? { offsets: Array.from(v.offsets), values: Array.from(v.values) } : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v);

/** An answer without the times it carries (the two projections were read at different times). */
function timeless(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(timeless);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !/builtAt/i.test(k)).map(([k, x]) => [k, timeless(x)]));
  return v;
}

function expectSameStructures(patched: Projection, rebuilt: Projection): void {
  for (const f of FIELDS) expect(plain(patched[f]), f).toEqual(plain(rebuilt[f]));
  const internals = (p: Projection) => p as unknown as { bases: Map<string, unknown>; inferredLinks: Record<string, Set<number>> };
  expect(new Map([...internals(patched).bases].sort())).toEqual(new Map([...internals(rebuilt).bases].sort()));
  for (const [kind, set] of Object.entries(internals(rebuilt).inferredLinks)) expect([...internals(patched).inferredLinks[kind]!].sort(), kind).toEqual([...set].sort());
  expect(Array.from(patched.orgNameRank)).toEqual(Array.from(rebuilt.orgNameRank));
}

function expectSameAnswers(patched: Projection, rebuilt: Projection, orgs: readonly string[], municipalityId: string, tgs: readonly string[]): void {
  for (const id of orgs) expect(timeless(suggestPartners(patched, id, { limit: 10 })), `suggestions for ${id}`).toEqual(timeless(suggestPartners(rebuilt, id, { limit: 10 })));
  const cov = { municipalityId, level: 'STADSDEL' as const, targetGroupIds: tgs };
  expect(timeless(coverage(patched, cov))).toEqual(timeless(coverage(rebuilt, cov)));
  expect(timeless(overlap(patched, orgs[0]!, orgs[1]!))).toEqual(timeless(overlap(rebuilt, orgs[0]!, orgs[1]!)));
  expect(timeless(collaborationGaps(patched, { scope: { targetGroupIds: [tgs[0]!] }, limit: 20 }))).toEqual(timeless(collaborationGaps(rebuilt, { scope: { targetGroupIds: [tgs[0]!] }, limit: 20 })));
}

/** A deterministic sequence (the same random changes on every run and engine). */
function prng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

for (const withReadModel of [true, false]) {
  describe(`projection patches (${withReadModel ? 'read from the read model' : 'read from the engine'})`, () => {
    let t: TestStore;
    let rebuilds = 0;
    let patches = 0;
    beforeAll(async () => {
      t = await seededStore({ projectionDebounceMs: 600_000, readModel: withReadModel });
      if (withReadModel) expect(await t.store.readModel!.warm()).not.toBeNull();
      const service = t.store.projections as unknown as { options: { onRebuilt?: () => void; onPatched?: () => void } };
      service.options.onRebuilt = () => rebuilds++;
      service.options.onPatched = () => patches++;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('random link changes patch the projection to exactly what a rebuild gives, without rebuilding', async () => {
      const first = await t.store.projections.current();
      expect(rebuilds).toBe(1);
      const random = prng(withReadModel ? 7 : 11);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const orgIds = first.orgIds.filter((_, i) => !first.orgClosed[i]);
      const municipalityId = first.districtIds.find((_, d) => first.districtKinds[d] === 'MUNICIPALITY' && first.districtDescendants[d]!.some((x) => first.districtKinds[x] === 'STADSDEL'))!;
      const targets: Record<PatchableLinkKind, readonly string[]> = {
        targetGroup: first.tgIds,
        district: first.districtIds,
        offers: first.resourceTypeIds,
        needs: first.resourceTypeIds,
        agreement: first.agreements.filter((a) => !a.isSummary).map((a) => a.id),
        umbrella: orgIds,
      };
      const kinds = Object.keys(targets) as PatchableLinkKind[];
      const steps = withReadModel ? 14 : 7;
      for (let step = 0; step < steps; step++) {
        const kind = kinds[step % kinds.length]!;
        const org = pick(orgIds);
        const before = await t.store.projections.current();
        const row = (before[{ targetGroup: 'orgTg', district: 'orgDistrict', offers: 'orgOffers', needs: 'orgNeeds', agreement: 'orgAgreement', umbrella: 'orgUmbrella' }[kind] as 'orgTg'] as Csr).row(before.orgIndex.get(org)!);
        const idOf = (x: number) => (kind === 'targetGroup' ? before.tgIds : kind === 'district' ? before.districtIds : kind === 'umbrella' ? before.orgIds : kind === 'agreement' ? before.agreements.map((a) => a.id) : before.resourceTypeIds)[x]!;
        // Remove one of its links every third step (when it has one), else add one it lacks.
        if (step % 3 === 2 && row.length) {
          expect(await t.store.links.unlink(kind, { organisationId: org, targetId: idOf(pick(Array.from(row))) })).toBe(true);
        } else {
          const has = new Set(Array.from(row, idOf));
          const candidates = targets[kind].filter((x) => !has.has(x) && x !== org);
          await t.store.links.link(kind, { organisationId: org, targetId: pick(candidates) }, actor);
        }
        const patched = await t.store.projections.current();
        expect(patched, `step ${step} (${kind}) changed the projection`).not.toBe(before);
        expect(patched.patchedAt).not.toBeNull();
        expect(patched.builtAt).toBe(first.builtAt);
        const rebuilt = buildProjection(await readProjectionInput(t.store.engine));
        expectSameStructures(patched, rebuilt);
        const tgOfOrg = Array.from(patched.orgTg.row(patched.orgIndex.get(org)!), (x) => patched.tgIds[x]!);
        expectSameAnswers(patched, rebuilt, [org, pick(orgIds), pick(orgIds)], municipalityId, [...tgOfOrg.slice(0, 2), ...first.tgIds.slice(0, 2)]);
      }
      expect(rebuilds).toBe(1);
      expect(patches).toBe(steps);
    });

    it('a renamed organisation is patched too, its name order moved', async () => {
      const before = await t.store.projections.current();
      const id = before.orgIds[0]!;
      const org = await t.store.organisations.get(id);
      await t.store.organisations.update(id, { version: org!.version, name: 'Öö sist i ordningen' }, actor);
      const patched = await t.store.projections.current();
      expect(patched.orgNames[before.orgIndex.get(id)!]).toBe('Öö sist i ordningen');
      expectSameStructures(patched, buildProjection(await readProjectionInput(t.store.engine)));
      expect(rebuilds).toBe(1);
    });

    it('a new organisation (every index changes) is followed by a full rebuild, not a patch', async () => {
      const before = await t.store.projections.current();
      const created = await t.store.organisations.create({ name: 'Patchföreningen Qzwyx' }, actor);
      expect(await t.store.projections.current()).toBe(before);
      const after = await t.store.projections.fresh();
      expect(rebuilds).toBe(2);
      expect(after.orgIndex.has(created.id)).toBe(true);
    });

    it('a reload is followed by a full rebuild, not a patch', async () => {
      const before = await t.store.projections.current();
      t.store.projections.changed([{ type: 'reload', reason: 'test' }]);
      // The rebuild is scheduled (debounced), not done: the current projection still answers.
      expect(await t.store.projections.current()).toBe(before);
      const after = await t.store.projections.fresh();
      expect(rebuilds).toBe(3);
      expect(after).not.toBe(before);
      expect(after.patchedAt).toBeNull();
    });
  });
}
