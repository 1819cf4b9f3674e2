/**
 * Text as the store accepts it, on the engine under test: names normalised to NFC; control
 * characters, bidi overrides and names that show nothing refused with the field named; every
 * text within its limit, the reason of a change included; no organisation its own umbrella.
 * Nothing of a refused change is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededStore, type TestStore } from '../helpers/harness.js';
import { accountsOver, type Accounts } from '../../graph/repo/accounts.js';
import { ValidationError } from '../../graph/errors.js';
import { LIMITS } from '../../graph/validation/inputs.js';
import { textProblem } from '../../graph/validation/text.js';

const actor = { id: 'user:test-text', displayName: 'Tina Test' };

describe('text input', () => {
  let s: TestStore;
  let accounts: Accounts;
  beforeAll(async () => {
    s = await seededStore();
    accounts = accountsOver(s.store);
  });
  afterAll(async () => s.close());

  const refused = async (work: Promise<unknown>, field: string, message: RegExp) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    const problem = (error as ValidationError).problems.find((p) => p.field === field);
    expect(problem, JSON.stringify((error as ValidationError).problems)).toBeDefined();
    expect(problem!.message).toMatch(message);
  };

  it('tells control, bidi and invisible text apart from ordinary text', () => {
    expect(textProblem('Föreningen Gemenskap')).toBeNull();
    expect(textProblem('rad ett\nrad två\tmed tabb', { multiline: true })).toBeNull();
    expect(textProblem('rad ett\nrad två')).toBe('control');
    expect(textProblem('a\u0000b')).toBe('control');
    expect(textProblem('\u001b[31mröd', { multiline: true })).toBe('control');
    expect(textProblem('\u0085', { multiline: true })).toBe('control');
    expect(textProblem('gpj\u202Eexe.')).toBe('bidi');
    expect(textProblem('a\u2066b')).toBe('bidi');
    for (const blank of ['\u200b', '\u200b\u200c\u200d', '\u2060\ufeff', '\u3164', '\u00a0\u2800']) expect(textProblem(blank, { visible: true })).toBe('invisible');
    expect(textProblem('\u200bA', { visible: true })).toBeNull();
    // Arabic and Hebrew names are names: only the override characters are refused.
    expect(textProblem('جمعية الأمل', { visible: true })).toBeNull();
  });

  it('refuses names that hold control characters, bidi overrides or nothing visible, naming the field, and writes nothing', async () => {
    const before = (await s.store.organisations.list({}, { first: 1 })).totalCount;
    await refused(accounts.editing.createOrganisation({ name: '\u200b' }, actor), 'input.name', /visible/);
    await refused(accounts.editing.createOrganisation({ name: 'Nul\u0000föreningen' }, actor), 'input.name', /control/);
    await refused(accounts.editing.createOrganisation({ name: 'Escape\u001b[2Jföreningen' }, actor), 'input.name', /control/);
    await refused(accounts.editing.createOrganisation({ name: 'Föreningen \u202Eredröv' }, actor), 'input.name', /bidirectional/);
    await refused(accounts.editing.createOrganisation({ name: 'Två\nrader' }, actor), 'input.name', /control/);
    await refused(accounts.editing.createOrganisation({ name: 'Alias-föreningen', aliases: ['\u2060'] }, actor), 'input.aliases.0', /visible/);
    await refused(accounts.contacts.addPerson('org:stockholms-stadsmission', { name: '\u200b\u200b', purpose: 'Kontakt om samverkan' }, actor), 'input.name', /visible/);
    expect((await s.store.organisations.list({}, { first: 1 })).totalCount).toBe(before);
  });

  it('stores names in NFC, and keeps line breaks in descriptions', async () => {
    const decomposed = 'Cafe\u0301 Ro\u0308ster';
    const c = await accounts.editing.createOrganisation({ name: decomposed, description: 'Rad ett\nRad två' }, actor);
    expect(c.value.name).toBe('Café Röster');
    expect(c.value.name).toBe(decomposed.normalize('NFC'));
    const stored = await s.store.organisations.get(c.value.id);
    expect(stored!.name).toBe('Café Röster');
    expect(stored!.description).toBe('Rad ett\nRad två');
  });

  it('holds the reason of a change to its limit, and writes nothing of a change whose reason is too long', async () => {
    const org = (await s.store.organisations.list({ text: 'Stockholms Stadsmission' }, { first: 1 })).nodes[0]!;
    const auditsBefore = await accounts.audit.count();
    await refused(accounts.editing.updateOrganisation(org.id, { description: 'Ändrad', version: org.version }, actor, 'x'.repeat(LIMITS.reason + 1)), 'reason', new RegExp(`at most ${LIMITS.reason}`));
    await refused(accounts.editing.updateOrganisation(org.id, { description: 'Ändrad', version: org.version }, actor, 'skäl\u0000'), 'reason', /control/);
    const after = await s.store.organisations.get(org.id);
    expect(after!.version).toBe(org.version);
    expect(after!.description).toBe(org.description);
    expect(await accounts.audit.count()).toBe(auditsBefore);
    const ok = await accounts.editing.updateOrganisation(org.id, { description: 'Ändrad', version: org.version }, actor, 'x'.repeat(LIMITS.reason));
    expect((await accounts.audit.get(ok.auditId))!.reason).toHaveLength(LIMITS.reason);
  });

  it('refuses an organisation as its own umbrella, by one link or a whole set', async () => {
    const org = (await s.store.organisations.list({ text: 'Stockholms Stadsmission' }, { first: 1 })).nodes[0]!;
    await refused(accounts.editing.addOrganisationLink('umbrella', { organisationId: org.id, targetId: org.id }, actor), 'input.targetId', /own umbrella/);
    const other = (await s.store.organisations.list({}, { first: 2 })).nodes.find((o) => o.id !== org.id)!;
    await refused(accounts.editing.setOrganisationLinks('umbrella', { organisationId: org.id, targetIds: [other.id, org.id], version: org.version }, actor), 'input.targetIds.1', /own umbrella/);
    const links = await s.store.links.outgoing('umbrella', [org.id]);
    expect((links.get(org.id) ?? []).map((l) => l.id)).not.toContain(org.id);
    expect((await s.store.organisations.get(org.id))!.version).toBe(org.version);
  });
});
