/**
 * Bad input to the store's repositories: every case is refused with a typed error that names
 * the field, and nothing is written. Text that looks like Cypher is stored as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphSize, tempStore, type TempStore } from '../helpers/store.js';
import { storeOver, type GraphStore } from '../../graph/store.js';
import { miniGraph, FIXTURE } from '../fixtures/mini-graph.js';
import { GraphError } from '../../graph/errors.js';

const editor = { id: 'editor-2', displayName: 'Editor' };
const INJECTIONS = [
  "'}) MATCH (n) DETACH DELETE n //",
  '"}) RETURN 1 UNION MATCH (n) RETURN n //',
  '$name} ) CREATE (:Organisation {id: "pwned"}) //',
  '\\u0027; DROP TABLE Organisation; --',
  '` MATCH (x) SET x.name = "owned" `',
];

describe('bad input', () => {
  let temp: TempStore;
  let store: GraphStore;
  const counts = () => graphSize(store.engine);

  beforeAll(async () => {
    temp = await tempStore();
    await temp.engine.bulkLoad(miniGraph());
    store = storeOver(temp.engine, { from: 1, to: 1, columnsAdded: [] });
  });
  afterAll(async () => temp.cleanup());

  const cases: [what: string, run: () => Promise<unknown>, field: string, code?: string][] = [
    ['missing name', () => store.organisations.create({}, editor), 'input.name'],
    ['empty name', () => store.organisations.create({ name: '   ' }, editor), 'input.name'],
    ['name of the wrong type', () => store.organisations.create({ name: 42 }, editor), 'input.name'],
    ['oversized name', () => store.organisations.create({ name: 'x'.repeat(201) }, editor), 'input.name'],
    ['oversized description', () => store.organisations.create({ name: 'X', description: 'x'.repeat(5001) }, editor), 'input.description'],
    ['too many aliases', () => store.organisations.create({ name: 'X', aliases: Array.from({ length: 31 }, (_, i) => `a${i}`) }, editor), 'input.aliases'],
    ['alias of the wrong type', () => store.organisations.create({ name: 'X', aliases: [1] }, editor), 'input.aliases.0'],
    ['org number failing its check digit', () => store.organisations.create({ name: 'X', orgNumber: '802002-4281' }, editor), 'input.orgNumber'],
    ['org number of the wrong shape', () => store.organisations.create({ name: 'X', orgNumber: '80-20-02' }, editor), 'input.orgNumber'],
    ['website that is not http', () => store.organisations.create({ name: 'X', website: 'javascript:alert(1)' }, editor), 'input.website'],
    ['bad e-mail', () => store.organisations.create({ name: 'X', email: 'not-an-email' }, editor), 'input.email'],
    ['bad phone', () => store.organisations.create({ name: 'X', phone: '08-123; DROP' }, editor), 'input.phone'],
    ['instant that is a string', () => store.organisations.create({ name: 'X', contactVerifiedAt: '2024' }, editor), 'input.contactVerifiedAt'],
    ['id with illegal characters', () => store.organisations.create({ id: "org:x'}) DETACH", name: 'X' }, editor), 'input.id'],
    ['id already taken', () => store.organisations.create({ id: FIXTURE.orgs.convictus, name: 'X' }, editor), 'input.id'],
    ['update of an unknown id', () => store.organisations.update('org:unknown', { version: 1, name: 'Y' }, editor), 'id', 'NOT_FOUND'],
    ['update without version', () => store.organisations.update(FIXTURE.orgs.convictus, { name: 'Y' }, editor), 'input.version'],
    ['update with a stale version', () => store.organisations.update(FIXTURE.orgs.convictus, { version: 99, name: 'Y' }, editor), 'input.version', 'CONFLICT'],
    ['update with a bad org number', () => store.organisations.update(FIXTURE.orgs.convictus, { version: 1, orgNumber: '123456-7890' }, editor), 'input.orgNumber'],
    ['delete of an unknown id', () => store.organisations.delete('org:unknown'), 'id', 'NOT_FOUND'],
    ['link to an unknown target group', () => store.links.link('targetGroup', { organisationId: FIXTURE.orgs.convictus, targetId: 'tg:unknown' }, editor), 'input.targetId', 'NOT_FOUND'],
    ['link with a bad confidence', () => store.links.link('targetGroup', { organisationId: FIXTURE.orgs.convictus, targetId: 'tg:barn', provenance: { sourceId: 'src:fixture', basis: 'INFERRED', confidence: 3 } }, editor), 'input.provenance.confidence'],
    ['link with an unknown basis', () => store.links.link('targetGroup', { organisationId: FIXTURE.orgs.convictus, targetId: 'tg:barn', provenance: { sourceId: 'src:fixture', basis: 'RUMOUR' } }, editor), 'input.provenance.basis'],
    ['10,000 filter ids', () => store.organisations.list({ targetGroups: Array.from({ length: 10_000 }, (_, i) => `tg:${i}`) }), 'filter.targetGroups'],
    ['filter with an unknown field', () => store.organisations.list({ where: '1=1' }), 'filter'],
    ['bulk row with an undeclared property', () => store.engine.bulkLoad({ nodes: { Organisation: [{ id: 'org:b', name: 'B', password: 'x' }] }, rels: {} }), 'nodes.Organisation[0].password'],
    ['bulk relationship between the wrong labels', () => store.engine.bulkLoad({ nodes: {}, rels: { SERVES: [{ from: FIXTURE.orgs.convictus, to: 'district:sd-farsta', fromLabel: 'Organisation', toLabel: 'District' }] } }), 'rels.SERVES[0]'],
    ['upsert row failing validation', () => store.organisations.upsertMany([{ id: 'org:u1', name: 'OK', sourceId: 'src:fixture', basis: 'STATED' }, { id: 'org:u2', name: '', sourceId: 'src:fixture', basis: 'STATED' }]), 'rows[1].name'],
  ];

  for (const [what, run, field, code = 'BAD_USER_INPUT'] of cases) {
    it(`refuses ${what}, naming ${field}, and writes nothing`, async () => {
      const before = await counts();
      const error = await run().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(GraphError);
      expect(error).toMatchObject({ code });
      expect((error as GraphError).field).toBe(field);
      expect(await counts()).toEqual(before);
    });
  }

  it('stores Cypher-looking text in every string field as plain text', async () => {
    const before = await counts();
    for (const [i, text] of INJECTIONS.entries()) {
      const o = await store.organisations.create(
        { name: `${text} ${i}`, aliases: [text], legalForm: text.slice(0, 100), description: text, address: text },
        { id: `editor-${i}`, displayName: text },
      );
      const back = (await store.organisations.get(o.id))!;
      expect(back).toMatchObject({ name: `${text} ${i}`, aliases: [text], description: text, address: text });
      expect((await store.organisations.list({ text })).nodes.map((n) => n.id)).toContain(o.id);
    }
    // Five organisations and five person sources were added, nothing else changed or vanished.
    const [nodes, rels] = await counts();
    expect([nodes, rels]).toEqual([before[0]! + 2 * INJECTIONS.length, before[1]]);
    expect(await store.organisations.get('pwned')).toBeNull();
  });
});
