/**
 * The store's contract, run on every configured engine: the same inputs give the same answers
 * on LadybugDB and Neo4j.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './engines.js';
import { miniGraph, FIXTURE } from '../fixtures/mini-graph.js';
import type { GraphStore } from '../../graph/store.js';
import { ConflictError, NotFoundError, ValidationError } from '../../graph/errors.js';
import { meta } from '../../graph/cypher/statements/meta.js';
import { applySchema } from '../../graph/schema/apply.js';
import { SCHEMA_VERSION } from '../../graph/model/model.js';
import { organisations } from '../../graph/cypher/statements/organisations.js';

const editor = { id: 'editor-1', displayName: 'Test Editor' };

async function counts(store: GraphStore) {
  return store.engine.read(async (tx) => ({
    nodes: (await tx.run(meta.countNodes, {}))[0]!.n,
    rels: (await tx.run(meta.countRelationships, {}))[0]!.n,
  }));
}

const names = (page: { nodes: { name: string }[] }) => page.nodes.map((o) => o.name);

describe.each(ENGINES)('store contract on $name', (engineUnderTest) => {
  let store: GraphStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ store, cleanup } = await engineUnderTest.open());
    const loaded = await store.engine.bulkLoad(miniGraph());
    expect(loaded.nodes).toBeGreaterThan(20);
  });
  afterAll(async () => cleanup());

  describe('schema', () => {
    it('is applied idempotently and records its version', async () => {
      const again = await applySchema(store.engine);
      expect(again).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, columnsAdded: [] });
    });

    it('runs migrations above the stored version once, and refuses a store newer than the program', async () => {
      const ran: number[] = [];
      const step = { version: SCHEMA_VERSION + 1, description: 'test step', up: async () => void ran.push(1) };
      await applySchema(store.engine, [step], SCHEMA_VERSION + 1);
      await applySchema(store.engine, [step], SCHEMA_VERSION + 1);
      expect(ran).toEqual([1]);
      await expect(applySchema(store.engine, [], SCHEMA_VERSION)).rejects.toThrow(/newer than this program/);
      await store.engine.write((tx) => tx.run(meta.setSchemaVersion, { version: SCHEMA_VERSION, now: Date.now() }));
    });
  });

  describe('list with filters', () => {
    it('filters by target group including narrower groups', async () => {
      expect(names(await store.organisations.list({ targetGroups: ['tg:aldre'] }))).toEqual(['Demensföreningen i Farsta', 'Stockholms Stadsmission']);
      expect(names(await store.organisations.list({ targetGroups: ['tg:aldre-demens'] }))).toEqual(['Demensföreningen i Farsta']);
    });

    it('filters by district including the districts inside it, and optionally the wider ones', async () => {
      const local = await store.organisations.list({ districts: ['district:sdo-sodermalm'], targetGroups: ['tg:hemlosa'] });
      expect(names(local)).toEqual(['Convictus', 'Frälsningsarmén']);
      expect(local.totalCount).toBe(2);
      const wider = await store.organisations.list({ districts: ['district:sdo-sodermalm'], targetGroups: ['tg:hemlosa'], includeWider: true });
      expect(names(wider)).toEqual(['Convictus', 'Frälsningsarmén', 'Stockholms Stadsmission']);
    });

    it('filters by agreement kind and by resources offered or needed', async () => {
      expect(names(await store.organisations.list({ agreementKinds: ['IOP'] }))).toEqual(['Convictus']);
      expect(names(await store.organisations.list({ agreementKinds: ['COMPACT'] }))).toEqual(['Frälsningsarmén', 'Stockholms Stadsmission']);
      expect(names(await store.organisations.list({ resourcesOffered: ['res:lokaler'] }))).toEqual(['Stockholms Stadsmission']);
      expect(names(await store.organisations.list({ resourcesNeeded: ['res:lokaler'] }))).toEqual(['Convictus']);
    });

    it('searches names and aliases without regard to case or accents', async () => {
      expect(names(await store.organisations.list({ text: 'fralsningsarmen' }))).toEqual(['Frälsningsarmén']);
      expect(names(await store.organisations.list({ text: 'STADSMISSIONEN' }))).toEqual(['Stockholms Stadsmission']);
      expect(names(await store.organisations.list({ text: 'DEMENSFÖRENING' }))).toEqual(['Demensföreningen i Farsta']);
      expect((await store.organisations.list({ text: 'ingen sådan' })).totalCount).toBe(0);
    });

    it('pages with cursors: every organisation once, in name order', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<GraphStore['organisations']['list']>> = await store.organisations.list({}, { first: 2, after });
        expect(page.totalCount).toBe(5);
        seen.push(...names(page));
        after = page.hasNextPage ? page.endCursor : null;
        pages++;
      } while (after && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : 1)));
      expect(new Set(seen).size).toBe(5);
    });

    it('rejects bad filters and cursors with a typed error naming the field', async () => {
      await expect(store.organisations.list({ targetGroups: ['tg:nope'] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.targetGroups.0' });
      await expect(store.organisations.list({ districts: ['district:nope'] })).rejects.toMatchObject({ field: 'filter.districts.0' });
      await expect(store.organisations.list({}, { after: 'not-a-cursor!' })).rejects.toMatchObject({ field: 'after' });
      await expect(store.organisations.list({}, { after: Buffer.from('["x"]').toString('base64url') })).rejects.toMatchObject({ field: 'after' });
      await expect(store.organisations.list({}, { first: 101 })).rejects.toMatchObject({ field: 'page.first' });
      await expect(store.organisations.list({}, { first: -1 })).rejects.toMatchObject({ field: 'page.first' });
      await expect(store.organisations.list({ agreementKinds: ['TREATY'] })).rejects.toMatchObject({ field: 'filter.agreementKinds.0' });
      await expect(store.organisations.list({ colour: 'red' })).rejects.toBeInstanceOf(ValidationError);
      await expect(store.organisations.list({ text: 'x'.repeat(201) })).rejects.toMatchObject({ field: 'filter.text' });
    });
  });

  describe('profile', () => {
    it('returns every kind of link with its provenance', async () => {
      const p = (await store.organisations.profile(FIXTURE.orgs.convictus))!;
      expect(p.organisation.name).toBe('Convictus');
      expect(p.targetGroups).toMatchObject([{ id: 'tg:hemlosa', basis: 'INFERRED', confidence: 0.7, sourceId: 'src:fixture' }]);
      expect(p.districts.map((d) => d.id)).toEqual(['district:sdo-sodermalm']);
      expect(p.agreements).toMatchObject([{ id: 'agr:iop', detail: 'IOP', role: 'PARTY' }]);
      expect(p.needs.map((r) => r.id)).toEqual(['res:lokaler']);
      expect(p.offers).toEqual([]);
      const s = (await store.organisations.profile(FIXTURE.orgs.stadsmissionen))!;
      expect(s.members.map((m) => m.id)).toEqual([FIXTURE.orgs.barn]);
      expect(s.collaborations.map((c) => c.id)).toEqual(['collab:natverk']);
      expect(s.offers).toMatchObject([{ id: 'res:lokaler', detail: 'samlingssal' }]);
      expect(await store.organisations.profile('org:nope')).toBeNull();
    });
  });

  describe('writes', () => {
    it('creates, updates with the version read, and deletes', async () => {
      const created = await store.organisations.create({ name: 'Ny Förening', orgNumber: '8020024280', aliases: ['NF'] }, editor);
      expect(created).toMatchObject({ id: 'org:ny-forening', version: 1, basis: 'ENTERED', orgNumber: '802002-4280', sourceId: 'src:person:editor-1' });
      const updated = await store.organisations.update(created.id, { version: 1, description: 'Arbetar med äldre.' }, editor);
      expect(updated).toMatchObject({ version: 2, description: 'Arbetar med äldre.', name: 'Ny Förening', aliases: ['NF'] });
      expect((await store.organisations.list({ text: 'ny forening' })).totalCount).toBe(1);
      await store.organisations.delete(created.id);
      expect(await store.organisations.get(created.id)).toBeNull();
    });

    it('refuses a stale version with a conflict, and unknown ids with NOT_FOUND', async () => {
      const o = await store.organisations.create({ name: 'Konfliktföreningen' }, editor);
      await store.organisations.update(o.id, { version: 1, phone: '08-123 45 67' }, editor);
      const stale = store.organisations.update(o.id, { version: 1, phone: '08-765 43 21' }, editor);
      await expect(stale).rejects.toBeInstanceOf(ConflictError);
      await expect(stale).rejects.toMatchObject({ field: 'input.version' });
      expect((await store.organisations.get(o.id))!.phone).toBe('08-123 45 67');
      await expect(store.organisations.update('org:nope', { version: 1, name: 'X' }, editor)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.organisations.delete('org:nope')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    });

    it('rolls back a transaction whose work fails, and keeps nothing of it', async () => {
      const before = await counts(store);
      await expect(
        store.engine.write(async (tx) => {
          await tx.run(organisations.create, {
            ...organisations.create.example,
            id: 'org:half-written',
            now: Date.now(),
          });
          throw new Error('later step failed');
        }),
      ).rejects.toThrow('later step failed');
      expect(await store.organisations.get('org:half-written')).toBeNull();
      expect(await counts(store)).toEqual(before);
    });

    it('never runs a statement after a failed one in the same transaction', async () => {
      const before = await counts(store);
      await expect(
        store.engine.write(async (tx) => {
          await tx.run(organisations.create, { ...organisations.create.example, id: 'org:first', now: 1 });
          await tx.run(organisations.create, { ...organisations.create.example, id: 'org:first', now: 1 }).catch(() => undefined);
          await tx.run(organisations.create, { ...organisations.create.example, id: 'org:third', now: 1 });
        }),
      ).rejects.toThrow();
      expect(await store.organisations.get('org:third')).toBeNull();
      expect(await store.organisations.get('org:first')).toBeNull();
      expect(await counts(store)).toEqual(before);
    });

    it('upserts in batches; a second run changes nothing; a person’s entry is not overwritten by a seed row', async () => {
      const rows = Array.from({ length: 25 }, (_, i) => ({ id: `org:bulk-${i}`, name: `Bulkförening ${i}`, sourceId: 'src:fixture', basis: 'STATED' }));
      expect(await store.organisations.upsertMany(rows, 10)).toEqual({ created: 25, updated: 0, unchanged: 0 });
      const afterFirst = await counts(store);
      expect(await store.organisations.upsertMany(rows, 10)).toEqual({ created: 0, updated: 25, unchanged: 0 });
      expect(await counts(store)).toEqual(afterFirst);
      await store.organisations.update('org:bulk-3', { version: 2, name: 'Rättat namn' }, editor);
      const res = await store.organisations.upsertMany(rows.slice(0, 5), 10);
      expect(res).toEqual({ created: 0, updated: 4, unchanged: 1 });
      expect((await store.organisations.get('org:bulk-3'))!).toMatchObject({ name: 'Rättat namn', basis: 'ENTERED' });
    });

    it('links and unlinks with provenance; an inference does not replace a person’s entry', async () => {
      const o = await store.organisations.create({ name: 'Länkföreningen' }, editor);
      await store.links.link('targetGroup', { organisationId: o.id, targetId: 'tg:barn' }, editor);
      await store.links.link('targetGroup', { organisationId: o.id, targetId: 'tg:barn', provenance: { sourceId: 'src:fixture', basis: 'INFERRED', confidence: 0.5, rule: 'NAME', quote: 'Barn' } }, editor);
      const tgs = (await store.links.outgoing('targetGroup', [o.id])).get(o.id)!;
      expect(tgs).toMatchObject([{ id: 'tg:barn', basis: 'ENTERED', sourceId: 'src:person:editor-1' }]);
      await expect(store.links.link('district', { organisationId: o.id, targetId: 'district:nope' }, editor)).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'input.targetId' });
      await expect(store.links.link('district', { organisationId: 'org:nope', targetId: 'district:sd-farsta' }, editor)).rejects.toMatchObject({ field: 'input.organisationId' });
      expect(await store.links.unlink('targetGroup', { organisationId: o.id, targetId: 'tg:barn' })).toBe(true);
      expect(await store.links.unlink('targetGroup', { organisationId: o.id, targetId: 'tg:barn' })).toBe(false);
    });

    it('batches link reads for many organisations in one statement', async () => {
      const ids = Object.values(FIXTURE.orgs);
      const byOrg = await store.links.outgoing('targetGroup', ids);
      expect(byOrg.get(FIXTURE.orgs.stadsmissionen)!.map((l) => l.id).sort()).toEqual(['tg:aldre', 'tg:hemlosa']);
      expect(byOrg.get(FIXTURE.orgs.barn)!.map((l) => l.id)).toEqual(['tg:barn']);
    });
  });

  describe('bulk load', () => {
    it('writes all of a batch or none of it', async () => {
      const before = await counts(store);
      const bad = {
        nodes: { Organisation: [{ id: 'org:bulk-new', name: 'Ny' }] },
        rels: { SERVES: [{ from: 'org:bulk-new', to: 'tg:missing', fromLabel: 'Organisation' as const, toLabel: 'TargetGroup' as const }] },
      };
      await expect(store.engine.bulkLoad(bad)).rejects.toBeInstanceOf(ValidationError);
      await expect(store.engine.bulkLoad({ nodes: { Organisation: [{ id: FIXTURE.orgs.convictus, name: 'Dubblett' }] }, rels: {} })).rejects.toThrow(/already exists/);
      await expect(store.engine.bulkLoad({ nodes: { Organisation: [{ id: 'org:x', name: 42 as unknown as string }] }, rels: {} })).rejects.toThrow(/must be STRING/);
      expect(await counts(store)).toEqual(before);
      const ok = await store.engine.bulkLoad({ ...bad, rels: { SERVES: [{ ...bad.rels.SERVES[0]!, to: 'tg:barn' }] } });
      expect(ok).toMatchObject({ nodes: 1, relationships: 1 });
    });
  });

  describe('catalogue', () => {
    it('lists target groups with their broader group, districts by kind, agreements by kind', async () => {
      const tgs = await store.catalogue.targetGroups();
      expect(tgs.find((t) => t.id === 'tg:aldre-demens')?.broaderId).toBe('tg:aldre');
      expect((await store.catalogue.districts('STADSDELSOMRADE')).map((d) => d.name)).toEqual(['Farsta', 'Södermalm']);
      expect((await store.catalogue.districts('STADSDEL')).find((d) => d.id === 'district:sd-reimersholme')?.partOfId).toBe('district:sdo-sodermalm');
      await expect(store.catalogue.districts('PLANET')).rejects.toMatchObject({ field: 'kind' });
      expect((await store.catalogue.agreements({ kinds: ['IOP'] })).map((a) => a.id)).toEqual(['agr:iop']);
      expect((await store.catalogue.agreementsByIds(['agr:compact'])).get('agr:compact')?.principles).toEqual(['Dialog', 'Kvalitet']);
    });
  });
});
