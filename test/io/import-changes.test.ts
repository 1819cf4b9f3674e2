/**
 * Issue 22: an import shows, for every matched organisation, each field's before and after, and
 * replaces a stored value only on a person's decision (KEEP by default); a name match adds an alias
 * only when chosen; an unchanged value changes nothing, provenance included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpreadsheet } from '../../graph/io/import/importer.js';
import { checkDecisions } from '../../graph/io/import/changes.js';
import { ValidationError } from '../../graph/errors.js';
import { parseFieldProvenance } from '../../graph/model/facts.js';
import { organisations as orgStatements } from '../../graph/cypher/statements/organisations.js';
import { tempStore, type TempStore } from '../helpers/store.js';
import { utf8 } from './helpers.js';
import { OrganisationRepository } from '../../graph/repo/organisations.js';
import { AuditRepository } from '../../graph/repo/audit.js';
import { EditingService } from '../../graph/repo/editing.js';
import { LinkRepository } from '../../graph/repo/links.js';

let store: TempStore;
beforeAll(async () => {
  store = await tempStore({ seeded: true });
});
afterAll(async () => store?.cleanup());

const SM = 'org:stockholms-stadsmission';
const record = async (id: string) => (await store.engine.read((tx) => tx.run(orgStatements.byId, { id })))[0]!.org;
const file = utf8('Namn;Beskrivning\nStadsmisionen;Stöd till hemlösa\n');
const decisions = { 2: SM };

describe('import changes to matched organisations', () => {
  it('previews each field before and after, keeping stored values by default', async () => {
    const before = await record(SM);
    const preview = await importSpreadsheet(store.engine, file, { decisions, dryRun: true });
    const byField = new Map(preview.changes.map((c) => [c.field, c]));
    expect(byField.get('description')).toMatchObject({
      organisationId: SM,
      before: before.description,
      after: 'Stöd till hemlösa',
      beforeBasis: 'STATED',
      beforeSource: 'src:001',
      needsDecision: true,
      default: 'KEEP',
      allowed: ['KEEP', 'REPLACE'],
    });
    expect(byField.get('name')).toMatchObject({ before: 'Stockholms Stadsmission', after: 'Stadsmisionen', default: 'KEEP', allowed: ['KEEP', 'ALIAS'] });
    // The preview's summary says what the commit with the same decisions does: nothing updated by default.
    expect(preview.summary.organisationsUpdated).toBe(0);
    const replacing = await importSpreadsheet(store.engine, file, { decisions, dryRun: true, fieldDecisions: { [SM]: { description: 'REPLACE' } } });
    expect(replacing.summary.organisationsUpdated).toBe(1);
  });

  it('commits with the defaults without touching the organisation or its provenance', async () => {
    const before = await record(SM);
    const report = await importSpreadsheet(store.engine, file, { decisions });
    expect(report.committed).toBe(true);
    expect(report.summary.organisationsUpdated).toBe(0);
    expect(report.changes.map((c) => [c.field, c.decision])).toEqual([
      ['name', 'KEEP'],
      ['description', 'KEEP'],
    ]);
    expect(await record(SM)).toEqual(before);
  });

  it('re-importing values the organisation already has changes nothing', async () => {
    const before = await record(SM);
    const same = utf8(`Namn;Beskrivning\n${before.name};"${before.description!.replaceAll('"', '""')}"\n`);
    const report = await importSpreadsheet(store.engine, same, { decisions });
    expect(report.changes).toEqual([]);
    expect(await record(SM)).toEqual(before);
  });

  it('replaces a field and adds the alias only when chosen, citing the import', async () => {
    const report = await importSpreadsheet(store.engine, file, { decisions, fieldDecisions: { [SM]: { description: 'REPLACE', name: 'ALIAS' } } });
    expect(report.summary.organisationsUpdated).toBe(1);
    const after = await record(SM);
    expect(after.description).toBe('Stöd till hemlösa');
    expect(after.name).toBe('Stockholms Stadsmission');
    expect(after.aliases).toContain('Stadsmisionen');
    expect(parseFieldProvenance(after.fieldProvenance).description).toMatchObject({ sourceId: report.sourceId, sourceLocator: 'rad 2' });
    // The import is in the organisation's history, with what changed and what was decided, pointing at the import's record.
    const [latest] = await new AuditRepository(store.engine).forEntity('Organisation', SM, 1);
    expect(latest).toMatchObject({ action: 'IMPORT', before: { description: expect.stringMatching(/gemensamma arbetsgrupp/) } });
    expect(latest!.after).toMatchObject({ import: report.auditId, sourceId: report.sourceId, changes: expect.arrayContaining([expect.objectContaining({ field: 'description', decision: 'REPLACE' })]) });
  });

  it("reverts the import's change to the organisation from its history: the description back, the alias gone", async () => {
    const [latest] = await new AuditRepository(store.engine).forEntity('Organisation', SM, 1);
    expect(latest!.action).toBe('IMPORT');
    const editing = new EditingService(store.engine, new OrganisationRepository(store.engine), new LinkRepository(store.engine));
    await editing.revert(latest!.id, { id: 'admin', displayName: 'Admin' });
    const after = await record(SM);
    expect(after.description).toMatch(/gemensamma arbetsgrupp/);
    expect(after.aliases).not.toContain('Stadsmisionen');
  });

  it("offers only KEEP on an organisation a person entered, and a REPLACE sent anyway changes nothing", async () => {
    const org = await new OrganisationRepository(store.engine).create({ name: 'Personens förening', description: 'Skriven av en person.' }, { id: 'anna', displayName: 'Anna' });
    expect(org.basis).toBe('ENTERED');
    const row = utf8(`id;Namn;Beskrivning\n${org.id};Personens förening;Från filen\n`);
    const preview = await importSpreadsheet(store.engine, row, { dryRun: true });
    expect(preview.changes).toEqual([expect.objectContaining({ field: 'description', allowed: ['KEEP'], default: 'KEEP', needsDecision: false })]);
    const report = await importSpreadsheet(store.engine, row, { fieldDecisions: { [org.id]: { description: 'REPLACE' } } });
    expect(report.changes[0]!.decision).toBe('KEEP');
    expect(report.summary.organisationsUpdated).toBe(0);
    expect((await record(org.id)).description).toBe('Skriven av en person.');
  });

  it('refuses a decision a field does not take, naming it', () => {
    expect(() => checkDecisions([{ organisationId: SM, field: 'description', decision: 'ALIAS' }])).toThrow(ValidationError);
    try {
      checkDecisions([{ organisationId: SM, field: 'colour', decision: 'KEEP' }]);
    } catch (e) {
      expect((e as ValidationError).problems[0]!.field).toBe('fieldDecisions.0.field');
    }
  });
});
