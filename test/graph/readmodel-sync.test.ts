/**
 * The read model follows committed writes before they return (read-your-writes), ignores
 * rolled-back ones, goes cold (reads from the engine) for writes it cannot follow and for bulk
 * loads, and is not used before it is warm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { buildSeedBatch } from '../../seeds/load/build-batch.js';
import { seedStore } from '../../seeds/load/seed.js';
import { storeOver } from '../../graph/store.js';
import { organisations } from '../../graph/cypher/statements/organisations.js';
import { linkStatement } from '../../graph/cypher/statements/links.js';
import { ReadModelService } from '../../graph/readmodel/sync.js';
import { effectsOf } from '../../graph/readmodel/effects.js';
import { same, seededPairForSuite } from './readmodel-helpers.js';

const actor = { id: 'sync-tester', displayName: 'Synktestaren' };

describe('read model coherence', () => {
  const pair = seededPairForSuite();

  it('reflects create, update, link, unlink and delete in the next read, without reloading', async () => {
    const service = pair.model.readModel!;
    const loads = service.loads;
    const model = service.ready;
    const s = pair.model;

    const created = await s.organisations.create({ name: 'AAA Nyföreningen', aliases: ['Qwyxbo'] }, actor);
    expect(service.ready).toBe(model);
    expect(await s.organisations.get(created.id)).toEqual(created);
    // The search index follows the write too: the new alias is found at once.
    expect((await s.organisations.list({ text: 'qwyxbo' })).nodes.map((n) => n.id)).toEqual([created.id]);
    expect((await s.organisations.list({}, { first: 1 })).nodes[0]!.id).toBe(created.id);

    await s.links.link('targetGroup', { organisationId: created.id, targetId: 'tg:aldre-demens' }, actor);
    await s.links.link('district', { organisationId: created.id, targetId: 'district:sdo-sodermalm' }, actor);
    await s.links.link('umbrella', { organisationId: created.id, targetId: 'org:stockholms-stadsmission' }, actor);
    await s.links.link('offers', { organisationId: created.id, targetId: 'res:lokaler', note: 'tisdagar' }, actor);
    expect((await s.organisations.list({ targetGroups: ['tg:aldre'], districts: ['district:municipality-0180'] })).nodes.map((n) => n.id)).toContain(created.id);
    expect((await s.organisations.list({ resourcesOffered: ['res:lokaler'] })).nodes.map((n) => n.id)).toContain(created.id);
    expect((await s.links.outgoing('offers', [created.id])).get(created.id)!.map((l) => l.detail)).toEqual(['tisdagar']);
    const umbrella = await s.organisations.profile('org:stockholms-stadsmission');
    expect(umbrella!.members.map((m) => m.id)).toContain(created.id);
    await same(pair, (x) => x.organisations.profile(created.id));
    await same(pair, (x) => x.organisations.profile('org:stockholms-stadsmission'));

    const updated = await s.organisations.update(created.id, { version: created.version, name: 'Zzz Omdöpta föreningen' }, actor);
    expect((await s.organisations.get(created.id))!.name).toBe('Zzz Omdöpta föreningen');
    expect((await s.organisations.list({ text: 'omdopta' })).nodes[0]).toEqual(updated);
    await same(pair, (x) => x.organisations.list({}, { first: 100 }));
    // The member list shows the new name.
    expect((await s.organisations.profile('org:stockholms-stadsmission'))!.members.find((m) => m.id === created.id)!.name).toBe('Zzz Omdöpta föreningen');

    expect(await s.links.unlink('targetGroup', { organisationId: created.id, targetId: 'tg:aldre-demens' })).toBe(true);
    expect((await s.organisations.list({ targetGroups: ['tg:aldre'] })).nodes.map((n) => n.id)).not.toContain(created.id);
    await same(pair, (x) => x.organisations.profile(created.id));

    await s.organisations.delete(created.id);
    expect(await s.organisations.get(created.id)).toBeNull();
    expect((await s.organisations.profile('org:stockholms-stadsmission'))!.members.map((m) => m.id)).not.toContain(created.id);
    await same(pair, (x) => x.organisations.list({ resourcesOffered: ['res:lokaler'] }));
    await same(pair, (x) => x.organisations.profile('org:stockholms-stadsmission'));

    expect(service.ready).toBe(model);
    expect(service.loads).toBe(loads);
  }, 120_000);

  it('leaves the model unchanged when a write rolls back', async () => {
    const service = pair.model.readModel!;
    const model = service.ready;
    const before = await pair.model.organisations.list({}, { first: 100 });
    const write = pair.model.engine.write(async (tx) => {
      const [row] = await tx.run(organisations.byId, { id: 'org:stockholms-stadsmission' });
      await tx.run(linkStatement({ type: 'SERVES', from: 'Organisation', to: 'TargetGroup' }), {
        from: row!.org.id,
        to: 'tg:hemlosa',
        sourceId: 'src:001',
        sourceLocator: '',
        basis: 'ENTERED',
        confidence: 1,
        quote: '',
        rule: '',
        role: '',
        note: '',
        now: 0,
        synthetic: false,
      });
      await tx.run(organisations.delete, { id: 'org:convictus' });
      throw new Error('changed my mind');
    });
    await expect(write).rejects.toThrow('changed my mind');
    expect(service.ready).toBe(model);
    expect(await pair.model.organisations.list({}, { first: 100 })).toEqual(before);
    expect(await pair.model.organisations.get('org:convictus')).not.toBeNull();
    // A conflicting update fails before writing: nothing changes either.
    const convictus = (await pair.model.organisations.get('org:convictus'))!;
    await expect(pair.model.organisations.update('org:convictus', { version: convictus.version + 7, name: 'X' }, actor)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await pair.model.organisations.get('org:convictus')).toEqual(convictus);
    await same(pair, (x) => x.organisations.profile('org:stockholms-stadsmission'));
  });

  it('goes cold at once for a write it cannot follow, answers from the engine, and warms again', async () => {
    const service = pair.model.readModel!;
    const loads = service.loads;
    // A new narrower target group: the hierarchy changes, so the model reloads.
    await pair.model.links.link('targetGroup', { organisationId: 'org:convictus', targetId: 'tg:aldre-demens' }, actor);
    const broader = linkStatement({ type: 'BROADER', from: 'TargetGroup', to: 'TargetGroup' });
    await pair.model.engine.write((tx) =>
      tx.run(broader, { from: 'tg:aldre-demens', to: 'tg:hemlosa', sourceId: 'src:001', sourceLocator: '', basis: 'ENTERED', confidence: 1, quote: '', rule: '', role: '', note: '', now: 0, synthetic: false }),
    );
    expect(service.ready).toBeNull();
    // Read-your-writes while cold: the engine answers, with the new hierarchy.
    expect((await pair.model.organisations.list({ targetGroups: ['tg:hemlosa'] })).nodes.map((n) => n.id)).toContain('org:convictus');
    await pair.warm();
    expect(service.loads).toBe(loads + 1);
    await same(pair, (x) => x.organisations.list({ targetGroups: ['tg:hemlosa'] }));
  });

  it('reloads after a bulk load', async () => {
    const service = pair.model.readModel!;
    await pair.model.engine.bulkLoad({
      nodes: { Organisation: [{ id: 'org:bulk-1', name: 'Bulkföreningen', search: 'bulkforeningen', sourceId: 'src:001', basis: 'STATED', confidence: 1, recordedAt: 0, synthetic: false, version: 1 }] },
      rels: {},
    } as never);
    expect(service.ready).toBeNull();
    expect(await pair.model.organisations.get('org:bulk-1')).not.toBeNull();
    await pair.warm();
    await same(pair, (x) => x.organisations.get('org:bulk-1'));
    await same(pair, (x) => x.organisations.list({ text: 'bulk' }));
  });
});

describe('read model warm-up', () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await tempStore();
    await seedStore(temp.engine, buildSeedBatch());
  }, 60_000);
  afterAll(async () => temp.cleanup());

  it('is not used before it is warm, and writes during the load are in the model it serves', async () => {
    const store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] }, { readModel: true });
    const service = store.readModel!;
    expect(service.ready).toBeNull();
    // Answered by the engine while the model loads.
    const during = await store.organisations.create({ name: 'Skapad under laddningen' }, actor);
    expect(await store.organisations.get(during.id)).toEqual(during);
    const model = await service.warm();
    expect(model).not.toBeNull();
    expect(model!.orgs.get(during.id)?.record).toEqual(during);
    await service.close();
    expect(service.ready).toBeNull();
  });

  it('is off on stores that did not ask for it', () => {
    const store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] });
    expect(store.readModel).toBeNull();
  });

  it('reloads for writes it does not know, and ignores those that touch nothing it holds', () => {
    expect(effectsOf([{ name: 'sources.ensurePersonEntry', params: { id: 'x' } }])).toEqual([]);
    expect(effectsOf([{ name: 'links.CONCERNS.Agreement.TargetGroup.link', params: { from: 'a', to: 'b' } }])).toEqual([]);
    expect(effectsOf([{ name: 'links.SERVES.Organisation.TargetGroup.unlink', params: { from: 'o', to: 't' } }])).toEqual([{ type: 'links', kind: 'targetGroup', id: 'o' }]);
    // Suggestion decisions and a public body's party links are the analytics projection's alone: it rebuilds, the read model ignores them.
    expect(effectsOf([{ name: 'decisions.record', params: {} }, { name: 'links.PARTY_TO.PublicBody.Agreement.link', params: { from: 'pb', to: 'a' } }])).toEqual([
      { type: 'analytics', reason: 'decisions.record' },
      { type: 'analytics', reason: 'links.PARTY_TO.PublicBody.Agreement.link' },
    ]);
    expect(effectsOf([{ name: 'someone.newWrite', params: {} }])).toEqual([{ type: 'reload', reason: 'someone.newWrite' }]);
    // A reverted import: the organisations written back and the links it added removed.
    expect(effectsOf([{ name: 'importRevert.restoreOrganisations', params: { rows: [{ id: 'o' }], now: 0 } }])).toEqual([{ type: 'organisations', ids: ['o'] }]);
    expect(
      effectsOf([
        { name: 'importRevert.removeLinks.districts', params: { pairs: [{ from: 'o', to: 'd1' }, { from: 'o', to: 'd2' }] } },
        { name: 'importRevert.removeLinks.agreements', params: { pairs: [{ from: 'p', to: 'a' }] } },
        { name: 'importRevert.deleteSource', params: { id: 's' } },
      ]),
    ).toEqual([
      { type: 'links', kind: 'district', id: 'o' },
      { type: 'links', kind: 'agreement', id: 'p' },
    ]);
    expect(new ReadModelService(temp.engine).ready).toBeNull();
  });
});
