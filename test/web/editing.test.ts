/// <reference lib="dom" />
/**
 * Editing in Chromium against the real server, signed in as an editor: stale contact details on
 * the gaps page with a verification link, the link's page (confirm with a correction, then
 * TOKEN_USED; an expired link), editing an organisation (a field error for a bad e-mail, the
 * change on the profile and in its history, revert), a CONFLICT with the editor's values beside the
 * stored ones field by field, the unsaved-changes question on Back and a menu link, creating and deleting
 * with confirmation; axe on every new page and state.
 */
import { describe, expect, it } from 'vitest';
import { accountsOver } from '../../graph/repo/accounts.js';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, unreachableByKeyboard, waitForApp } from './helpers/app.js';
import type { Page } from 'playwright-core';

const SYSTEM = { id: 'system:test', displayName: 'Test' };

describe('web app: editing (signed in)', () => {
  const app = appForSuite();

  /** Signs in as the editor and follows Convictus's profile's edit link; returns the organisation as it was. */
  const openConvictusEditor = async (page: Page) => {
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    const org = (await app.store.organisations.list({ text: 'Convictus' })).nodes[0]!;
    await page.goto(`/organisation/${encodeURIComponent(org.id)}`);
    await waitForApp(page);
    await page.getByRole('link', { name: 'Redigera' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    return org;
  };

  it('lists stale contact details for editors, makes a verification link, and the link confirms once', async () => {
    const { page } = await app.newPage();
    await page.goto('/gaps');
    await waitForApp(page);
    expect(await page.getByTestId('section-stale').count()).toBe(0);

    await signInWithKeyboard(page, ACCOUNTS.editor.email, ACCOUNTS.password, '/sign-in?next=%2Fgaps');
    await page.waitForURL(/\/gaps$/);
    const section = page.getByTestId('section-stale');
    await section.waitFor();
    const rows = page.getByTestId('stale-table').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const first = rows.first();
    const name = (await first.locator('th a').textContent())!.trim();
    await first.getByRole('button', { name: `Skapa länk: ${name}` }).click();
    const field = first.getByLabel(`Bekräftelselänk för ${name}`);
    await field.waitFor();
    const url = new URL(await field.inputValue());
    expect(url.pathname).toBe('/contact/verify');
    expect(url.searchParams.get('token')).toMatch(/^[\w-]{20,}$/);
    await screenshot(page, 'gaps-stale-link');
    await expectAccessible(page);

    // The representative's page: no account needed (a fresh browser context).
    const { page: rep } = await app.newPage();
    await rep.goto(url.pathname + url.search);
    await waitForApp(rep);
    expect(await rep.getByRole('heading', { level: 1 }).textContent()).toBe('Bekräfta kontaktuppgifter');
    expect(await rep.locator('.lead').textContent()).toContain(name);
    await expectAccessible(rep);
    await rep.getByLabel('Telefon').fill('08-123 456 78');
    await rep.getByRole('button', { name: 'Bekräfta uppgifterna' }).click();
    await rep.getByTestId('verify-done').waitFor();
    expect(await rep.getByTestId('verify-done').textContent()).toContain(`Uppgifterna om ${name} är rättade och bekräftade.`);
    await screenshot(rep, 'verify-done');
    await expectAccessible(rep);

    // Used once: opening it again says so.
    await rep.goto(url.pathname + url.search);
    await waitForApp(rep);
    expect(await rep.getByTestId('verify-problem').textContent()).toContain('Länken har redan använts.');
    await expectAccessible(rep);

    // An expired link says that instead.
    const orgId = (await app.store.organisations.list({ text: name }, { first: 1 })).nodes[0]!.id;
    const expired = await accountsOver(app.store).contacts.requestVerification(orgId, SYSTEM, 1);
    await new Promise((r) => setTimeout(r, 20));
    await rep.goto(`/en/contact/verify?token=${encodeURIComponent(expired.value.token)}`);
    await waitForApp(rep);
    expect(await rep.getByTestId('verify-problem').textContent()).toContain('This link has expired.');
    await screenshot(rep, 'verify-expired-en');
    await expectAccessible(rep);
  });

  it('edits an organisation: a field error, the change on the profile and in the history, then revert', async () => {
    const { page } = await app.newPage();
    const org = await openConvictusEditor(page);
    const originalDescription = org.description ?? '';
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Redigera ${org.name}`);
    await expectAccessible(page);

    // A bad e-mail address: the error sits by the field and nothing is saved.
    await page.getByLabel('E-post').fill('inte-en-adress');
    await page.getByLabel('Beskrivning').fill('Ny beskrivning från webbtestet.');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.locator('#edit-email-error').waitFor();
    expect(await page.locator('#edit-email-error').textContent()).toContain('inte en giltig e-postadress');
    expect(await page.getByLabel('E-post').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-email');
    expect((await app.store.organisations.get(org.id))!.version).toBe(org.version);
    await screenshot(page, 'edit-field-error');
    await expectAccessible(page);

    // Corrected, with a reason: saved, shown on the profile and in the history.
    await page.getByLabel('E-post').fill('info@convictus.example');
    await page.getByLabel('Motivering (valfri)').fill('Enligt föreningens webbplats');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL(/\/organisation\/[^/]+\?saved=1$/);
    await page.getByTestId('saved').waitFor();
    expect(await page.locator('.lead').textContent()).toBe('Ny beskrivning från webbtestet.');
    const latest = page.getByTestId('history-table').locator('tbody tr').first();
    expect(await latest.textContent()).toContain('Uppgifter ändrade');
    expect(await latest.textContent()).toContain('Enligt föreningens webbplats');
    expect(await latest.textContent()).toMatch(/Ändrade: .*Beskrivning/);
    expect(await latest.textContent()).toContain(ACCOUNTS.editor.name);
    await screenshot(page, 'profile-history');
    await expectAccessible(page);

    // Revert it: the profile shows the old description again, the history the undo.
    await latest.getByRole('button', { name: /^Återställ ändringen/ }).click();
    await page.getByTestId('history-status').filter({ hasText: 'Ändringen är återställd.' }).waitFor();
    const reverted = await app.store.organisations.get(org.id);
    expect(reverted!.description ?? '').toBe(originalDescription);
    expect(reverted!.email ?? null).toBe(org.email ?? null);
    if (originalDescription) expect(await page.locator('.lead').textContent()).toBe(originalDescription);
    expect(await page.getByTestId('history-table').locator('tbody tr').first().textContent()).toContain('återställning');
    await expectAccessible(page);

    // Links: a target group added in the form shows on the profile.
    await page.getByRole('link', { name: 'Redigera' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    const unchecked = page.getByTestId('links-TARGET_GROUP').locator('input[type=checkbox]:not(:checked)').first();
    const addedGroup = (await unchecked.locator('..').textContent())!.trim();
    await unchecked.check();
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL(/\/organisation\/[^/]+\?saved=1$/);
    await page.getByTestId('saved').waitFor();
    expect(await page.locator('section[aria-labelledby="for-whom"]').textContent()).toContain(addedGroup);
    expect(await page.getByTestId('history-table').locator('tbody tr').first().textContent()).toContain('Länkar ändrade');
  });

  it('after a conflict keeps the typed text and offers a choice field by field', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    const org = (await app.store.organisations.list({ text: 'Frälsningsarmén' })).nodes[0]!;
    await page.goto(`/en/organisation/${encodeURIComponent(org.id)}/edit`);
    await waitForApp(page);
    // Every field, checkbox and button of the form is reached with Tab.
    const keyboard = await unreachableByKeyboard(page);
    expect(keyboard.missed).toEqual([]);
    expect(keyboard.controls).toBeGreaterThan(20);
    await page.getByLabel('Description').fill('My version');
    // Someone else saves first: the description and the phone number.
    await accountsOver(app.store).editing.updateOrganisation(org.id, { description: 'Their version', phone: '08-999 99 99', version: org.version }, SYSTEM, 'test');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByTestId('edit-conflict').waitFor();
    expect(await page.getByTestId('edit-conflict').textContent()).toContain('Someone else changed the organisation');
    const choice = page.getByTestId('conflict-description');
    await choice.waitFor();
    expect(await choice.textContent()).toContain('My version');
    expect(await choice.textContent()).toContain('Their version');
    expect(await choice.textContent()).toContain('changed by someone else');
    // The typed text is kept; a field the editor did not touch shows the stored value.
    expect(await page.getByLabel('Description').inputValue()).toBe('My version');
    expect(await page.getByLabel('Phone').inputValue()).toBe('08-999 99 99');
    expect(await page.getByTestId('conflict-choices').locator('fieldset').count()).toBe(1);
    await screenshot(page, 'edit-conflict-en');
    await expectAccessible(page);
    // Choosing the stored value and back again: the typed text is not lost.
    await choice.getByLabel(/Stored value/).check();
    expect(await page.getByLabel('Description').inputValue()).toBe('Their version');
    await choice.getByLabel(/Your value/).check();
    expect(await page.getByLabel('Description').inputValue()).toBe('My version');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.waitForURL(/\/organisation\/[^/]+\?saved=1$/);
    const saved = (await app.store.organisations.get(org.id))!;
    expect(saved.description).toBe('My version');
    expect(saved.phone).toBe('08-999 99 99');
  });

  it('asks before leaving a form with unsaved changes (Back and a menu link)', async () => {
    const { page } = await app.newPage();
    const org = await openConvictusEditor(page);
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void (asked.length === 2 ? d.accept() : d.dismiss());
    });
    await page.getByLabel('Beskrivning').fill('Text som inte är sparad');
    // Back: asked; staying keeps the text.
    await page.evaluate(() => history.back());
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('ändringar som inte är sparade');
    await new Promise((r) => setTimeout(r, 300));
    expect(new URL(page.url()).pathname).toMatch(/\/edit$/);
    expect(await page.getByLabel('Beskrivning').inputValue()).toBe('Text som inte är sparad');
    // A menu link: asked again; leaving goes.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utforska' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    expect(asked.length).toBe(2);
    expect((await app.store.organisations.get(org.id))!.description).toBe(org.description);
  });

  it('warns, with links, when a name is like an existing organisation\'s (renaming, and creating in English)', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto('/organisation/org%3Aforeningen-fenix/edit');
    await waitForApp(page);
    const warning = page.getByTestId('similar-names');
    // The stored name itself is no warning.
    await new Promise((r) => setTimeout(r, 600));
    expect(await warning.getByRole('link').count()).toBe(0);
    await page.getByLabel('Namn *').fill('Convictus');
    await warning.getByRole('link', { name: 'Convictus' }).waitFor();
    expect(await warning.textContent()).toContain('Det finns redan en organisation med det här namnet');
    expect(await warning.getByRole('link', { name: 'Convictus' }).getAttribute('href')).toBe('/organisation/org%3Aconvictus');
    await screenshot(page, 'edit-similar-name');
    await expectAccessible(page);
    // Nothing is refused: it is the editor's call.
    await page.getByLabel('Namn *').fill('Föreningen Fenix');
    await expect.poll(() => warning.getByRole('link').count()).toBe(0);

    const { page: en } = await app.newPage({ width: 360, height: 800 });
    await signInWithKeyboard(en, ACCOUNTS.editor.email);
    await en.goto('/en/organisation/new');
    await waitForApp(en);
    await en.getByLabel('Name *').fill('Stockholms Stadsmision');
    const enWarning = en.getByTestId('similar-names');
    await enWarning.getByRole('link', { name: 'Stockholms Stadsmission' }).waitFor();
    expect(await enWarning.textContent()).toContain('There are organisations with similar names');
    expect(await en.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(en);
  });

  it('creates an organisation and deletes it after confirmation; a representative edits only their own', async () => {
    const { page } = await app.newPage({ width: 360, height: 800 });
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.getByRole('link', { name: 'Ny organisation' }).click();
    await page.waitForURL(/\/organisation\/new$/);
    await waitForApp(page);
    await page.getByLabel('Organisationsnummer').fill('123');
    await page.getByLabel('Namn *').fill('Webbtestets förening');
    await page.getByRole('button', { name: 'Skapa organisationen' }).click();
    await page.locator('#edit-orgNumber-error').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await page.getByLabel('Organisationsnummer').fill('');
    await page.getByRole('button', { name: 'Skapa organisationen' }).click();
    await page.waitForURL(/\/organisation\/[^/]+\?saved=1$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Webbtestets förening');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);

    await page.getByRole('link', { name: 'Redigera' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    await page.getByRole('button', { name: 'Ta bort …' }).click();
    expect(await page.getByRole('alertdialog').textContent()).toContain('Vill du verkligen ta bort Webbtestets förening?');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ja, ta bort' }).click();
    await page.waitForURL(/\/\?deleted=1$/);
    expect(await app.store.organisations.get(id)).toBeNull();

    // A representative: the edit button on their own organisation only, and no delete.
    const { page: rep } = await app.newPage();
    await signInWithKeyboard(rep, ACCOUNTS.representative.email);
    await rep.goto(`/organisation/${encodeURIComponent(app.representedOrganisation)}/edit`);
    await waitForApp(rep);
    expect(await rep.getByRole('button', { name: 'Spara ändringarna' }).count()).toBe(1);
    expect(await rep.getByRole('button', { name: 'Ta bort …' }).count()).toBe(0);
    const other = (await app.store.organisations.list({ text: 'Convictus' })).nodes[0]!.id;
    await rep.goto(`/organisation/${encodeURIComponent(other)}`);
    await waitForApp(rep);
    expect(await rep.getByRole('link', { name: 'Redigera' }).count()).toBe(0);
    await rep.goto(`/organisation/${encodeURIComponent(other)}/edit`);
    await waitForApp(rep);
    expect(await rep.getByTestId('edit-not-allowed').count()).toBe(1);
    await expectAccessible(rep);
  });
});
