/// <reference lib="dom" />
/**
 * Issue 22 in Chromium: an admin imports a row that matches Stockholms Stadsmission by name; the
 * preview shows the description's current value beside the file's with "keep" preselected, and
 * the import, committed with the defaults, leaves the organisation exactly as it was. axe in the
 * preview; an import that adds the name as an alias is reverted from the organisation's history,
 * and an import that replaces the description is reverted whole from there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launchChromium, screenshot, waitForApp } from './helpers/app.js';
import { ACCOUNTS, PASSWORD, testServer, type TestServer } from '../helpers/harness.js';

const SM = 'org:stockholms-stadsmission';

describe('web app: import changes', () => {
  let app: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    app = await testServer({ auth: { signInPerMinute: 1000, mutationsPerMinute: 120 } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function adminPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: app.url, locale: 'sv-SE' });
    context.setDefaultTimeout(60_000);
    const res = await context.request.post('/graphql', {
      headers: { 'content-type': 'application/json' },
      data: { query: 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { role } } }', variables: { e: ACCOUNTS.admin.email, p: PASSWORD } },
    });
    expect(((await res.json()) as { data: { signIn: { viewer: unknown } } }).data.signIn.viewer).not.toBeNull();
    return context.newPage();
  }

  it('replaces the description by an import, then reverts the whole import from the organisation\'s history: the original description is back', async () => {
    const before = (await app.store.organisations.get(SM))!;
    const page = await adminPage();
    await page.goto('/import');
    await page.locator('h1[data-hydrated="true"]').waitFor();
    await page.setInputFiles('#import-file', { name: 'hela-importen.csv', mimeType: 'text/csv', buffer: Buffer.from('Namn;Beskrivning\nStadsmisionen;Ny beskrivning från filen\n', 'utf8') });
    await page.getByTestId('import-upload').click();
    await page.getByRole('heading', { name: '2. Förhandsgranska' }).waitFor();
    await page.getByTestId('import-matches').getByLabel(/Samma som Stockholms Stadsmission/).check();
    const change = page.locator(`[data-testid="import-change"][data-field="description"][data-organisation="${SM}"]`);
    await change.getByLabel('Ersätt med filens värde').check();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-report').waitFor();
    expect((await app.store.organisations.get(SM))!.description).toBe('Ny beskrivning från filen');

    // In English the offer reads so too.
    await page.goto(`/en/organisation/${encodeURIComponent(SM)}`);
    const english = page.getByTestId('history-table').locator('tbody tr').first();
    await english.getByRole('button', { name: 'Revert the whole import' }).waitFor();
    expect(await english.getByTestId('history-whole-import').textContent()).toContain('hela-importen.csv: 0 new organisations, 1 changed');

    await page.goto(`/organisation/${encodeURIComponent(SM)}`);
    await waitForApp(page);
    const first = page.getByTestId('history-table').locator('tbody tr').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('Import från kalkylblad');
    const whole = first.getByTestId('history-whole-import');
    expect(await whole.textContent()).toContain('hela-importen.csv: 0 nya organisationer, 1 ändrad');
    await expectAccessible(page);
    await whole.getByRole('button', { name: 'Ångra hela importen' }).click();
    await page.getByTestId('history-status').filter({ hasText: 'Hela importen är ångrad.' }).waitFor();
    const reverted = (await app.store.organisations.get(SM))!;
    expect(reverted.description).toBe(before.description);
    expect(reverted.fieldProvenance).toEqual(before.fieldProvenance);
    await page.getByText(before.description!.slice(0, 40)).first().waitFor();
    // The revert is the organisation's latest change now, and the whole import is offered no more. Its
    // provenance is as before too, so the next test's import may replace the description again.
    const latest = page.getByTestId('history-table').locator('tbody tr').first();
    expect(await latest.textContent()).toContain('Import ångrad');
    expect(await page.getByTestId('history-whole-import').count()).toBe(0);
  });

  it("shows the Stadsmission's description before and after, keeps it by default, and the import changes nothing; an alias chosen is reverted from the history", async () => {
    const before = (await app.store.organisations.get(SM))!;
    const page = await adminPage();
    await page.goto('/import');
    await page.locator('h1[data-hydrated="true"]').waitFor();
    await page.setInputFiles('#import-file', { name: 'stadsmissionen.csv', mimeType: 'text/csv', buffer: Buffer.from('Namn;Beskrivning\nStadsmisionen;Stöd till hemlösa\n', 'utf8') });
    await page.getByTestId('import-upload').click();
    await page.getByRole('heading', { name: '2. Förhandsgranska' }).waitFor();

    // The proposed match's changes are shown before it is confirmed.
    const change = page.locator(`[data-testid="import-change"][data-field="description"][data-organisation="${SM}"]`);
    await change.waitFor();
    expect((await change.getByTestId('import-change-before').textContent())!).toContain(before.description!);
    expect(await change.getByTestId('import-change-after').textContent()).toBe('Stöd till hemlösa');
    expect(await change.getByLabel('Behåll nuvarande värde').isChecked()).toBe(true);
    expect(await change.getByLabel('Ersätt med filens värde').isChecked()).toBe(false);
    const name = page.locator(`[data-testid="import-change"][data-field="name"][data-organisation="${SM}"]`);
    expect(await name.getByLabel('Behåll nuvarande värde').isChecked()).toBe(true);
    expect(await name.getByLabel('Lägg till filens namn som alternativt namn').isChecked()).toBe(false);
    await expectAccessible(page);
    await screenshot(page, 'import-changes');

    await page.getByTestId('import-matches').getByLabel(/Samma som Stockholms Stadsmission/).check();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-report').waitFor();
    const after = (await app.store.organisations.get(SM))!;
    expect(after.description).toBe(before.description);
    expect(after.aliases).toEqual(before.aliases);
    expect(after.fieldProvenance).toEqual(before.fieldProvenance);

    // Again, now choosing to add the file's name as an alias (the description still kept by default); then reverted from the organisation's history.
    await page.goto('/import');
    await page.locator('h1[data-hydrated="true"]').waitFor();
    await page.setInputFiles('#import-file', { name: 'stadsmissionen-2.csv', mimeType: 'text/csv', buffer: Buffer.from('Namn;Beskrivning\nStadsmisionen;Stöd till hemlösa\n', 'utf8') });
    await page.getByTestId('import-upload').click();
    await page.getByRole('heading', { name: '2. Förhandsgranska' }).waitFor();
    await page.getByTestId('import-matches').getByLabel(/Samma som Stockholms Stadsmission/).check();
    await name.getByLabel('Lägg till filens namn som alternativt namn').check();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-report').waitFor();
    const imported = (await app.store.organisations.get(SM))!;
    expect(imported.aliases).toContain('Stadsmisionen');
    expect(imported.description).toBe(before.description);

    await page.goto(`/organisation/${encodeURIComponent(SM)}`);
    await waitForApp(page);
    const history = page.getByTestId('history-table');
    await history.waitFor();
    const first = history.locator('tbody tr').first();
    expect(await first.textContent()).toContain('Import från kalkylblad');
    await first.getByRole('button', { name: /Återställ ändringen/ }).click();
    await page.getByTestId('history-status').filter({ hasText: 'Ändringen är återställd.' }).waitFor();
    const reverted = (await app.store.organisations.get(SM))!;
    expect(reverted.aliases).not.toContain('Stadsmisionen');
    expect(reverted.description).toBe(before.description);
  });
});
