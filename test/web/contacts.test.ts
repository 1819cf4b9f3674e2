/// <reference lib="dom" />
/**
 * Contact persons on the organisation's editing page, in Chromium against the real server: an
 * editor adds one (a missing purpose is an error by the field, nothing saved), changes it, and
 * removes it after confirming; the store follows each step; the representative sees the section
 * for their own organisation; anonymous visitors get no personal data; axe in each state.
 */
import { describe, expect, it } from 'vitest';
import { accountsOver } from '../../graph/repo/accounts.js';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, waitForApp } from './helpers/app.js';

describe('web app: contact persons', () => {
  const app = appForSuite();

  it('adds, changes and removes a contact person, with its purpose required', async () => {
    const org = (await app.store.organisations.list({ text: 'Convictus' })).nodes[0]!;
    const contacts = accountsOver(app.store).contacts;
    const before = await contacts.persons(org.id);
    const { page } = await app.newPage({ width: 360, height: 800 });
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto(`/organisation/${encodeURIComponent(org.id)}/edit`);
    await waitForApp(page);
    const section = page.getByTestId('contact-persons');
    await section.waitFor();
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe('Kontaktpersoner');

    // No purpose: the error is by the field, focus goes there, nothing is stored.
    await section.getByRole('button', { name: 'Lägg till kontaktperson' }).click();
    // Focus moves into the form, and back to the list once done.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contact-name');
    await section.getByLabel('Namn *').fill('Karin Testsson');
    await section.getByLabel('E-post').fill('karin@convictus.example');
    await section.getByRole('button', { name: 'Spara kontaktpersonen' }).click();
    await page.locator('#contact-purpose-error').waitFor();
    expect(await page.locator('#contact-purpose-error').textContent()).toContain('varför uppgifterna sparas');
    expect(await section.getByLabel('Ändamål *').getAttribute('aria-invalid')).toBe('true');
    expect(await section.getByLabel('Ändamål *').getAttribute('aria-describedby')).toContain('contact-purpose-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contact-purpose');
    expect(await contacts.persons(org.id)).toHaveLength(before.length);
    await screenshot(page, 'contacts-purpose-error');
    await expectAccessible(page);

    await section.getByLabel('Ändamål *').fill('Kontakt för samverkan om lokaler');
    await section.getByRole('button', { name: 'Spara kontaktpersonen' }).click();
    await section.getByTestId('contacts-status').filter({ hasText: 'Karin Testsson är sparad.' }).waitFor();
    const added = (await contacts.persons(org.id)).find((p) => p.name === 'Karin Testsson');
    expect(added).toMatchObject({ email: 'karin@convictus.example', purpose: 'Kontakt för samverkan om lokaler' });
    expect(await section.getByRole('heading', { level: 3, name: 'Karin Testsson' }).count()).toBe(1);
    await expectAccessible(page);

    // Kept after a reload; a change is saved at the version read.
    await page.reload();
    await waitForApp(page);
    await section.getByRole('button', { name: 'Ändra Karin Testsson' }).click();
    await section.getByLabel('Titel eller roll').fill('Verksamhetschef');
    await section.getByRole('button', { name: 'Spara ändringarna' }).click();
    await section.getByTestId('contacts-status').filter({ hasText: 'Ändringarna av Karin Testsson är sparade.' }).waitFor();
    expect(await section.textContent()).toContain('Verksamhetschef');
    const changed = await contacts.person(added!.id);
    expect(changed).toMatchObject({ title: 'Verksamhetschef', version: added!.version + 1 });

    // Removed after confirming: gone from the page and the store.
    await section.getByRole('button', { name: 'Ta bort Karin Testsson' }).click();
    await section.getByRole('alertdialog').waitFor();
    await expectAccessible(page);
    await section.getByRole('button', { name: 'Ja, ta bort' }).click();
    await section.getByTestId('contacts-status').filter({ hasText: 'Karin Testsson är borttagen.' }).waitFor();
    expect(await contacts.person(added!.id)).toBeNull();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contacts-add');
    expect(await section.getByRole('heading', { level: 3, name: 'Karin Testsson' }).count()).toBe(0);
    expect(await section.getByRole('listitem').count()).toBe(before.length);
    await screenshot(page, 'contacts-removed');
  });

  it('shows the representative their own organisation’s contact persons, in English too, and anonymous visitors none', async () => {
    const contacts = accountsOver(app.store).contacts;
    await contacts.addPerson(app.representedOrganisation, { name: 'Per Kontakt', purpose: 'Kontakt för volontärsamordning', email: null, phone: null, title: null }, { id: 'system:test', displayName: 'Test' }, null);
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.representative.email, ACCOUNTS.password);
    await page.goto(`/en/organisation/${encodeURIComponent(app.representedOrganisation)}/edit`);
    await waitForApp(page);
    const section = page.getByTestId('contact-persons');
    await section.waitFor();
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe('Contact persons');
    expect(await section.textContent()).toContain('Per Kontakt');
    expect(await section.textContent()).toContain('Purpose');
    await expectAccessible(page);

    const { page: anonymous } = await app.newPage();
    const asked: string[] = [];
    anonymous.on('request', (r) => {
      if (r.url().includes('/graphql')) asked.push(r.postData() ?? r.url());
    });
    await anonymous.goto(`/organisation/${encodeURIComponent(app.representedOrganisation)}/edit`);
    await waitForApp(anonymous);
    await anonymous.getByTestId('edit-not-allowed').waitFor();
    expect(await anonymous.getByTestId('contact-persons').count()).toBe(0);
    expect(await anonymous.content()).not.toContain('Per Kontakt');
    expect(asked.join('\n')).not.toContain('contactPersons');
  });
});
