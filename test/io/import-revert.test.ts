/**
 * Reverting a whole import as one unit (graph/repo/import-revert.ts): an import that creates an
 * organisation and an agreement, replaces Stockholms Stadsmission's description, adds an alias
 * and links, and merges a link onto one the seed stated is reverted from its own record; the store
 * is then what it was before the import, nodes, links and their provenance (versions and update
 * times aside: they move on). A later change to an organisation the import changed makes the
 * revert refuse, naming it, with nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSpreadsheet, type ImportReport } from '../../graph/io/import/importer.js';
import { ConflictError } from '../../graph/errors.js';
import { tempStore, type TempStore } from '../helpers/store.js';
import { storeLines, utf8 } from './helpers.js';
import { OrganisationRepository } from '../../graph/repo/organisations.js';
import { AuditRepository } from '../../graph/repo/audit.js';
import { EditingService } from '../../graph/repo/editing.js';
import { LinkRepository } from '../../graph/repo/links.js';
import type { ImportUndo } from '../../graph/io/import/undo.js';

const SM = 'org:stockholms-stadsmission';
const ADMIN = { id: 'admin', displayName: 'Admin' };
const FILE = utf8(
  ['Namn;Beskrivning;Målgrupp;Överenskommelse;Avtalstyp', 'Stadsmisionen;Stöd till hemlösa;Personer i hemlöshet, Äldre;Återställningsbidrag 2026;bidrag', 'Återställningsföreningen;En ny förening;Äldre;Återställningsbidrag 2026;bidrag'].join('\n') + '\n',
);
const OPTIONS = { fileName: 'aterstall.csv', decisions: { 2: SM }, fieldDecisions: { [SM]: { description: 'REPLACE' as const, name: 'ALIAS' as const } } };

let store: TempStore;
let editing: EditingService;
let audit: AuditRepository;
beforeAll(async () => {
  store = await tempStore({ seeded: true });
  const organisations = new OrganisationRepository(store.engine);
  editing = new EditingService(store.engine, organisations, new LinkRepository(store.engine));
  audit = new AuditRepository(store.engine);
});
afterAll(async () => store?.cleanup());

/** Every node and link of the store but the audit trail and bookkeeping; versions and update times left out (a revert moves them on). */
const contents = () => storeLines(store.engine, { skipLabels: ['AuditRecord', 'SchemaMeta'], skipProps: ['version', 'updatedAt'] });

const importRecord = async (report: ImportReport) => (await audit.get(report.auditId!))!;

describe('reverting a whole import', () => {
  let before: string[];
  let report: ImportReport;

  it('records what the revert needs: the links it added, not those the organisation held already', async () => {
    before = await contents();
    report = await importSpreadsheet(store.engine, FILE, OPTIONS);
    expect(report.committed).toBe(true);
    expect(report.summary).toMatchObject({ organisationsCreated: 1, organisationsUpdated: 1, agreementsCreated: 1 });
    const undo = (await importRecord(report)).after as { undo: ImportUndo };
    expect(undo.undo.sourceCreated).toBe(true);
    expect(undo.undo.linksAdded.targetGroups).toContainEqual([SM, 'tg:aldre']);
    // The seed states that the Stadsmission serves the homeless: the file says so too, and the link keeps its source.
    expect(undo.undo.linksAdded.targetGroups).not.toContainEqual([SM, 'tg:hemlosa']);
    expect(await contents()).not.toEqual(before);
  });

  it('reverts all of it from the import\'s record: the store is as before, provenance included', async () => {
    const created = (await importRecord(report)).after as { created: string[]; agreementsCreated: string[] };
    const done = await editing.revert(report.auditId!, ADMIN);
    expect(await contents()).toEqual(before);
    // The import and every organisation it changed or created show the revert.
    const [onImport] = await audit.forEntity('Import', report.sourceId, 1);
    expect(onImport).toMatchObject({ id: done.auditId, action: 'IMPORT_REVERT', revertOf: report.auditId, after: expect.objectContaining({ organisationsDeleted: 1, organisationsRestored: 1, agreementsDeleted: 1, sourceDeleted: true }) });
    const [onSm] = await audit.forEntity('Organisation', SM, 1);
    expect(onSm).toMatchObject({ action: 'IMPORT_REVERT', revertOf: report.auditId });
    const [onNew] = await audit.forEntity('Organisation', created.created[0]!, 1);
    expect(onNew).toMatchObject({ action: 'DELETE', revertOf: report.auditId });
    const [onAgreement] = await audit.forEntity('Agreement', created.agreementsCreated[0]!, 1);
    expect(onAgreement).toMatchObject({ action: 'DELETE', revertOf: report.auditId });
  });

  it('is not reverted twice', async () => {
    await expect(editing.revert(report.auditId!, ADMIN)).rejects.toThrow(/already reverted/);
  });

  it('an organisation it created can be brought back from its deletion, citing the import\'s source again', async () => {
    const created = ((await importRecord(report)).after as { created: string[] }).created[0]!;
    const [deletion] = await audit.forEntity('Organisation', created, 1);
    await editing.revert(deletion!.id, ADMIN);
    const org = (await new OrganisationRepository(store.engine).get(created))!;
    expect(org).toMatchObject({ name: 'Återställningsföreningen', sourceId: report.sourceId, basis: 'STATED' });
    const [back] = await audit.forEntity('Organisation', created, 1);
    await editing.revert(back!.id, ADMIN);
    expect(await new OrganisationRepository(store.engine).get(created)).toBeNull();
  });

  it('refuses, naming the organisation, when it was changed after the import; nothing is undone', async () => {
    const again = await importSpreadsheet(store.engine, FILE, OPTIONS);
    expect(again.committed).toBe(true);
    const current = (await new OrganisationRepository(store.engine).get(SM))!;
    await editing.updateOrganisation(SM, { phone: '08-684 230 00', version: current.version }, { id: 'anna', displayName: 'Anna' });
    const edited = await contents();
    const error = await editing.revert(again.auditId!, ADMIN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toMatch(/Organisation Stockholms Stadsmission \(org:stockholms-stadsmission\) was changed after the import .*: revert that change first/);
    expect(await contents()).toEqual(edited);
    const [latest] = await audit.forEntity('Import', again.sourceId, 1);
    expect(latest!.id).toBe(again.auditId);
  });
});
