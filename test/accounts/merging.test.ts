/**
 * Merging two records of one organisation, on the engine under test: every kind of link moves to
 * the survivor with its provenance as it was (a link both had stays the survivor's, one between
 * the two goes), the survivor's empty fields are filled and the other's names become aliases,
 * stale versions and a merge with itself are refused by field, and undoing the merge brings both
 * records back exactly, provenance included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../helpers/store.js';
import { OrganisationRepository } from '../../graph/repo/organisations.js';
import { LinkRepository } from '../../graph/repo/links.js';
import { EditingService } from '../../graph/repo/editing.js';
import { AuditRepository } from '../../graph/repo/audit.js';
import { ContactRepository } from '../../graph/repo/contacts.js';
import { DecisionRepository } from '../../graph/repo/decisions.js';
import { organisations as orgStatements } from '../../graph/cypher/statements/organisations.js';
import { incomingStatement, outgoingOneStatement } from '../../graph/cypher/statements/links.js';
import { storedDecisions } from '../../graph/cypher/statements/decisions.js';
import { LINK_KINDS, ORGANISATION_LINKS } from '../../graph/model/links.js';
import { parseFieldProvenance } from '../../graph/model/facts.js';
import { ConflictError, NotFoundError, ValidationError } from '../../graph/errors.js';
import type { MergeResult } from '../../graph/repo/merging.js';
import { same, storePair } from '../graph/readmodel-helpers.js';

const actor = { id: 'user:eda', displayName: 'Eda Editor' };
const STATED = { sourceId: 'src:001', sourceLocator: 's. 4', basis: 'STATED', quote: 'arbetar med äldre' } as const;
const INFERRED = { sourceId: 'src:002', basis: 'INFERRED', rule: 'NAME', confidence: 0.6, quote: 'Pensionär' } as const;

let t: TempStore;
let orgs: OrganisationRepository;
let links: LinkRepository;
let editing: EditingService;
let auditRepo: AuditRepository;

beforeAll(async () => {
  t = await tempStore({ seeded: true });
  orgs = new OrganisationRepository(t.engine);
  links = new LinkRepository(t.engine);
  editing = new EditingService(t.engine, orgs, links);
  auditRepo = new AuditRepository(t.engine);
});
afterAll(async () => t?.cleanup());

const record = async (id: string) => (await t.engine.read((tx) => tx.run(orgStatements.byId, { id })))[0]?.org ?? null;

/** Every link of an organisation, both ways, with its provenance, as comparable values. */
async function allLinks(id: string) {
  return t.engine.read(async (tx) => {
    const out: Record<string, unknown[]> = {};
    for (const kind of LINK_KINDS) {
      const pair = ORGANISATION_LINKS[kind];
      out[`out:${kind}`] = (await tx.run(outgoingOneStatement(pair), { id })).map((r) => r.link);
      if (pair.to === 'Organisation') out[`in:${kind}`] = (await tx.run(incomingStatement(pair), { ids: [id] })).map((r) => r.link);
    }
    out['decisions'] = [...(await tx.run(storedDecisions.of, { id })), ...(await tx.run(storedDecisions.about, { id }))].map((r) => r.d);
    return out;
  });
}

/** The record without what every write changes (version, updatedAt). */
const stable = <T extends { version: number; updatedAt: number | null }>(o: T | null) => {
  const { version: _v, updatedAt: _u, ...rest } = o!;
  return rest;
};

/** Two records of one organisation with links of every kind, and their neighbours. */
async function duplicates(tag: string, orgNumber: string | null = null) {
  const umbrella = await orgs.create({ id: `org:merge-umbrella-${tag}`, name: `Paraply ${tag}` }, actor);
  const member = await orgs.create({ id: `org:merge-member-${tag}`, name: `Medlem ${tag}` }, actor);
  const partner = await orgs.create({ id: `org:merge-partner-${tag}`, name: `Partner ${tag}` }, actor);
  const survivor = await orgs.create({ id: `org:merge-s-${tag}`, name: `Stockholms Stadsmission ${tag}`, aliases: ['SSM'], description: 'Överlevarens text' }, actor);
  const merged = await orgs.create(
    { id: `org:merge-m-${tag}`, name: `Stadsmissionen ${tag}`, aliases: [`Stadsmissionen i Sthlm ${tag}`], description: 'Den andras text', website: 'https://stadsmissionen.example.org', phone: '08-123 456 78', orgNumber },
    actor,
  );
  const link = (kind: Parameters<LinkRepository['link']>[0], organisationId: string, targetId: string, extra: Record<string, unknown> = {}) => links.link(kind, { organisationId, targetId, ...extra }, actor);
  await link('targetGroup', merged.id, 'tg:aldre', { provenance: STATED });
  await link('targetGroup', merged.id, 'tg:pensionarer', { provenance: INFERRED });
  await link('targetGroup', survivor.id, 'tg:pensionarer');
  await link('district', merged.id, 'district:sdo-rinkeby-kista', { provenance: STATED });
  await link('offers', merged.id, 'res:lokaler', { note: 'Två rum på Götgatan', provenance: STATED });
  await link('umbrella', merged.id, survivor.id);
  await link('umbrella', merged.id, umbrella.id, { provenance: STATED });
  await link('umbrella', member.id, merged.id, { provenance: INFERRED });
  await link('agreement', merged.id, 'agr:stockholm-compact-2012', { role: 'SIGNATORY', provenance: STATED });
  await link('collaboration', merged.id, 'collab:gemensamma-arbetsgruppen-2011', { role: 'COORDINATOR', provenance: STATED });
  const person = await new ContactRepository(t.engine, orgs).addPerson(merged.id, { name: 'Anna Andersson', email: `anna.${tag}@example.org`, purpose: 'Kontaktperson för samverkan' }, actor);
  await new DecisionRepository(t.engine).record({ organisationId: merged.id, candidateId: partner.id, decision: 'DISMISSED', reason: 'redan partner' }, actor);
  return { survivor: (await record(survivor.id))!, merged: (await record(merged.id))!, umbrella, member, partner, personId: person.value.id };
}

describe('merging two organisations', () => {
  it('previews what the survivor gets, without writing', async () => {
    const d = await duplicates('preview');
    const plan = await editing.previewMerge({ survivorId: d.survivor.id, mergedId: d.merged.id });
    expect(plan.filled).toEqual([
      { field: 'website', value: d.merged.website },
      { field: 'phone', value: '08-123 456 78' },
    ]);
    expect(plan.aliasesAdded).toEqual([d.merged.name, 'Stadsmissionen i Sthlm preview']);
    const outcome = (kind: string, id: string) => plan.links.find((l) => l.kind === kind && l.link.id === id)?.outcome;
    expect(outcome('targetGroup', 'tg:aldre')).toBe('MOVE');
    expect(outcome('targetGroup', 'tg:pensionarer')).toBe('KEEP_SURVIVORS');
    expect(outcome('umbrella', d.survivor.id)).toBe('DROP');
    expect(plan.links.find((l) => l.direction === 'INCOMING')).toMatchObject({ kind: 'umbrella', outcome: 'MOVE', link: { id: d.member.id } });
    expect(plan.contactPersonIds).toEqual([d.personId]);
    expect(await record(d.merged.id)).toEqual(d.merged);
  });

  it('moves every link with its provenance, fills empty fields, adds aliases and records it in both histories', async () => {
    const d = await duplicates('move', '802480-1238');
    const mergedLinks = await allLinks(d.merged.id);
    const result = await editing.mergeOrganisations({ survivorId: d.survivor.id, survivorVersion: d.survivor.version, mergedId: d.merged.id, mergedVersion: d.merged.version }, actor, 'dubblett');
    const s = (await record(d.survivor.id))!;
    expect(await record(d.merged.id)).toBeNull();
    expect(result.value.id).toBe(d.survivor.id);
    // Its own values stay; empty ones are filled; the other's names are aliases now.
    expect(s).toMatchObject({ name: d.survivor.name, description: 'Överlevarens text', website: d.merged.website, phone: '08-123 456 78', orgNumber: '802480-1238' });
    expect(s.aliases).toEqual(['SSM', d.merged.name, 'Stadsmissionen i Sthlm move']);
    expect(parseFieldProvenance(s.fieldProvenance).website).toEqual(parseFieldProvenance(d.merged.fieldProvenance).website);
    expect(parseFieldProvenance(s.fieldProvenance).description).toEqual(parseFieldProvenance(d.survivor.fieldProvenance).description);

    const now = await allLinks(d.survivor.id);
    const moved = (key: string, id: string) => {
      const before = (mergedLinks[key] as { id: string }[]).find((l) => l.id === id) as Record<string, unknown>;
      const after = (now[key] as { id: string }[]).find((l) => l.id === id) as Record<string, unknown>;
      const { ownerId: _a, ...b } = before;
      const { ownerId: _b, ...a } = after ?? {};
      return [a, b];
    };
    for (const [key, id] of [
      ['out:targetGroup', 'tg:aldre'],
      ['out:district', 'district:sdo-rinkeby-kista'],
      ['out:offers', 'res:lokaler'],
      ['out:umbrella', d.umbrella.id],
      ['out:agreement', 'agr:stockholm-compact-2012'],
      ['out:collaboration', 'collab:gemensamma-arbetsgruppen-2011'],
      ['in:umbrella', d.member.id],
    ] as const) {
      const [after, before] = moved(key, id);
      expect(after, `${key} ${id}`).toEqual(before);
    }
    const role = (now['out:agreement'] as { id: string; role: string }[]).find((l) => l.id === 'agr:stockholm-compact-2012')!.role;
    expect(role).toBe('SIGNATORY');
    expect((now['out:offers'] as { detail: string }[])[0]!.detail).toBe('Två rum på Götgatan');
    // The survivor's own link to a target both had stays as it was (a person's entry), not the inferred one.
    expect((now['out:targetGroup'] as { id: string; basis: string }[]).find((l) => l.id === 'tg:pensionarer')!.basis).toBe('ENTERED');
    // No link from the survivor to itself.
    expect((now['out:umbrella'] as { id: string }[]).map((l) => l.id)).toEqual([d.umbrella.id]);
    expect(now['decisions']).toEqual([expect.objectContaining({ fromId: d.survivor.id, toId: d.partner.id, decision: 'DISMISSED', reason: 'redan partner' })]);
    expect((await new ContactRepository(t.engine, orgs).person(d.personId))!.organisationId).toBe(d.survivor.id);

    const [merge] = await auditRepo.forEntity('Organisation', d.survivor.id, 1);
    expect(merge).toMatchObject({ id: result.auditId, action: 'MERGE', reason: 'dubblett', after: { mergedId: d.merged.id, mergedName: d.merged.name } });
    const [into] = await auditRepo.forEntity('Organisation', d.merged.id, 1);
    expect(into).toMatchObject({ action: 'MERGED_INTO', after: { survivorId: d.survivor.id, survivorName: d.survivor.name } });
    expect((merge!.after as MergeResult).mergedAuditId).toBe(into!.id);
    expect(await editing.mergedInto(d.merged.id)).toBe(d.survivor.id);
    expect(await editing.mergedInto(d.survivor.id)).toBeNull();
  });

  it('undoes the merge as a whole: both records, their links and provenance as they were', async () => {
    const d = await duplicates('undo', '802480-1246');
    const survivorLinks = await allLinks(d.survivor.id);
    const mergedLinks = await allLinks(d.merged.id);
    const memberLinks = await allLinks(d.member.id);
    const merge = await editing.mergeOrganisations({ survivorId: d.survivor.id, survivorVersion: d.survivor.version, mergedId: d.merged.id, mergedVersion: d.merged.version }, actor);
    const undo = await editing.revert(merge.auditId, actor);

    expect(stable(await record(d.survivor.id))).toEqual(stable(d.survivor));
    expect(stable(await record(d.merged.id))).toEqual(stable(d.merged));
    expect(await allLinks(d.survivor.id)).toEqual(survivorLinks);
    expect(await allLinks(d.merged.id)).toEqual(mergedLinks);
    expect(await allLinks(d.member.id)).toEqual(memberLinks);
    expect((await new ContactRepository(t.engine, orgs).person(d.personId))!.organisationId).toBe(d.merged.id);
    expect(await editing.mergedInto(d.merged.id)).toBeNull();
    const [latest] = await auditRepo.forEntity('Organisation', d.survivor.id, 1);
    expect(latest).toMatchObject({ id: undo.auditId, action: 'UNMERGE', revertOf: merge.auditId });
    const { mergedAuditId } = (await auditRepo.get(merge.auditId))!.after as MergeResult;
    expect((await auditRepo.forEntity('Organisation', d.merged.id, 1))[0]).toMatchObject({ action: 'CREATE', revertOf: mergedAuditId });
  });

  it('undoes from the merged record’s history too, and not once the survivor changed after the merge', async () => {
    const d = await duplicates('later');
    const merge = await editing.mergeOrganisations({ survivorId: d.survivor.id, survivorVersion: d.survivor.version, mergedId: d.merged.id, mergedVersion: d.merged.version }, actor);
    const mergedInto = (await auditRepo.forEntity('Organisation', d.merged.id, 1))[0]!;
    await editing.updateOrganisation(d.survivor.id, { description: 'Ändrad efteråt', version: merge.value.version }, actor);
    const refused = await editing.revert(mergedInto.id, actor).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).field).toBe('auditId');
    expect(await record(d.merged.id)).toBeNull();

    const e = await duplicates('other-side');
    await editing.mergeOrganisations({ survivorId: e.survivor.id, survivorVersion: e.survivor.version, mergedId: e.merged.id, mergedVersion: e.merged.version }, actor);
    const into = (await auditRepo.forEntity('Organisation', e.merged.id, 1))[0]!;
    await editing.revert(into.id, actor);
    expect(stable(await record(e.merged.id))).toEqual(stable(e.merged));
    expect(stable(await record(e.survivor.id))).toEqual(stable(e.survivor));
  });

  it('refuses stale versions, a merge with itself and unknown ids, naming the field, and writes nothing', async () => {
    const d = await duplicates('refused');
    const count = await auditRepo.count();
    const attempt = (input: Record<string, unknown>) => editing.mergeOrganisations({ survivorId: d.survivor.id, survivorVersion: d.survivor.version, mergedId: d.merged.id, mergedVersion: d.merged.version, ...input }, actor).catch((e: unknown) => e);
    const field = (e: unknown) => (e as { field?: string }).field;

    const staleSurvivor = await attempt({ survivorVersion: d.survivor.version - 1 });
    expect(staleSurvivor).toBeInstanceOf(ConflictError);
    expect(field(staleSurvivor)).toBe('input.survivorVersion');
    const staleMerged = await attempt({ mergedVersion: d.merged.version + 1 });
    expect(staleMerged).toBeInstanceOf(ConflictError);
    expect(field(staleMerged)).toBe('input.mergedVersion');
    const self = await attempt({ mergedId: d.survivor.id, mergedVersion: d.survivor.version });
    expect(self).toBeInstanceOf(ValidationError);
    expect(field(self)).toBe('input.mergedId');
    const unknown = await attempt({ mergedId: 'org:finns-inte' });
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(field(unknown)).toBe('input.mergedId');
    const bad = await attempt({ survivorId: '' });
    expect(bad).toBeInstanceOf(ValidationError);
    expect(field(bad)).toBe('input.survivorId');

    // More alternative names together than an edit allows: refused, so the survivor stays editable.
    const many = await orgs.create({ name: 'Många namn', aliases: Array.from({ length: 30 }, (_, i) => `Namn ${i}`) }, actor);
    const tooMany = await editing.mergeOrganisations({ survivorId: many.id, survivorVersion: many.version, mergedId: d.merged.id, mergedVersion: d.merged.version }, actor).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(ValidationError);
    expect(field(tooMany)).toBe('input.mergedId');
    expect(await auditRepo.count()).toBe(count);
    expect(await record(d.merged.id)).toEqual(d.merged);
    expect(stable(await record(d.survivor.id))).toEqual(stable(d.survivor));
  });

  it('keeps the read model in step through a merge and its undo, without reloading it', async () => {
    const d = await duplicates('model');
    const pair = await storePair(t.engine);
    try {
      const service = pair.model.readModel!;
      const loads = service.loads;
      const viaModel = new EditingService(pair.model.engine, pair.model.organisations, pair.model.links);
      const merge = await viaModel.mergeOrganisations({ survivorId: d.survivor.id, survivorVersion: d.survivor.version, mergedId: d.merged.id, mergedVersion: d.merged.version }, actor);
      expect(service.loads).toBe(loads);
      const ids = [d.survivor.id, d.merged.id, d.member.id, d.umbrella.id];
      for (const id of ids) await same(pair, (x) => x.organisations.profile(id));
      expect((await pair.model.organisations.profile(d.survivor.id))!.memberOf.map((l) => l.id)).toEqual([d.umbrella.id]);
      expect(await pair.model.organisations.get(d.merged.id)).toBeNull();
      await viaModel.revert(merge.auditId, actor);
      await pair.warm();
      for (const id of ids) await same(pair, (x) => x.organisations.profile(id));
      expect((await pair.model.organisations.get(d.merged.id))!.name).toBe(d.merged.name);
    } finally {
      await pair.model.readModel!.close();
    }
  });
});
