/// <reference lib="dom" />
/**
 * Keeping the register in Chromium against the real server: an editor creates a public body (the
 * form's own refusal first), marks it ceased; gives a compact the places it covers, a value range
 * and a contact function, and finds it by region in the register; sets an organisation's status,
 * which the profile shows as entered by a person. Anonymous visitors see the list, not the forms.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, unreachableByKeyboard, waitForApp } from './helpers/app.js';

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('web app: keeping the register of compacts', () => {
  const app = appForSuite();

  it('lists the public bodies with their periods for anyone, and the forms only for editors', async () => {
    const { page } = await app.newPage();
    await page.goto('/agreements');
    await waitForApp(page);
    await page.getByRole('link', { name: 'Offentliga organ' }).click();
    await page.waitForURL(/\/public-bodies$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Offentliga organ');
    // The committees that ceased in 2023 are marked, with the body that took over.
    const rinkeby = page.locator('tr[data-body="pb:rinkeby-kista-stadsdelsnamnd"]');
    expect(clean(await rinkeby.getByTestId('body-period').textContent())).toBe('Upphörde 2023-06-30; efterträddes av Järva stadsdelsnämnd');
    const jarva = page.locator('tr', { has: page.locator('th', { hasText: /^\s*Järva stadsdelsnämnd/ }) });
    expect(clean(await jarva.getByTestId('body-period').textContent())).toBe('från 2023-07-01');
    expect(clean(await jarva.textContent())).toContain('Kommunfullmäktiges beslut om ny indelning i stadsdelsnämnder');
    expect(await page.getByRole('link', { name: 'Nytt offentligt organ' }).count()).toBe(0);
    await expectAccessible(page);

    await page.goto('/public-bodies/new');
    await waitForApp(page);
    expect(await page.getByTestId('edit-not-allowed').count()).toBe(1);
    expect(await page.locator('form.form').count()).toBe(0);
  });

  it('creates a public body after the form refuses an empty name, then marks it ceased', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto('/public-bodies');
    await waitForApp(page);
    await page.getByRole('link', { name: 'Nytt offentligt organ' }).click();
    await page.waitForURL(/\/public-bodies\/new$/);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nytt offentligt organ');
    await page.getByLabel('Slag av organ *').selectOption({ label: 'Nämnd' });
    await page.getByLabel('Nivå').selectOption({ label: 'Stadsdel' });
    await page.getByLabel('Ingår i').selectOption({ label: 'Stockholms stad' });
    await page.getByLabel('Ansvarar för (kommuner, regioner, stadsdelsområden)').selectOption([{ label: 'Södermalm' }]);
    await page.getByRole('button', { name: 'Skapa organet' }).click();
    await page.locator('#body-name-error').waitFor();
    expect(await page.locator('#body-name-error').textContent()).toBe('Ange ett namn (högst 200 tecken).');
    expect(await page.getByTestId('error-summary').getByRole('link').allTextContents()).toEqual(['Namn: Ange ett namn (högst 200 tecken).']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('body-name');
    await expectAccessible(page);
    const keyboard = await unreachableByKeyboard(page);
    expect(keyboard.missed).toEqual([]);

    const before = (await app.store.catalogue.publicBodies()).length;
    await page.getByLabel('Namn *', { exact: true }).fill('Webbtestets nämnd');
    await page.getByLabel('Bildades').fill('2024-01-01');
    await page.getByLabel('Motivering (valfri)').fill('Nämndens reglemente');
    await page.getByRole('button', { name: 'Skapa organet' }).click();
    await page.waitForURL(/\/public-bodies\?saved=1$/);
    await page.getByTestId('saved').waitFor();
    const bodies = await app.store.catalogue.publicBodies();
    expect(bodies.length).toBe(before + 1);
    const created = bodies.find((b) => b.name === 'Webbtestets nämnd')!;
    expect(created).toMatchObject({ kind: 'COMMITTEE', level: 'DISTRICT', validFrom: '2024-01-01', validTo: null });
    const row = page.locator(`tr[data-body="${created.id}"]`);
    expect(clean(await row.textContent())).toContain('Södermalm');
    expect(clean(await row.getByTestId('body-period').textContent())).toBe('från 2024-01-01');
    // Entered by a person in the app: the basis says so.
    expect(clean(await row.locator('.badge').textContent())).toBe('Inmatat');

    // Ceased: an end before the start is refused by the form, then the end date is saved and shown.
    await row.getByRole('link', { name: 'Redigera Webbtestets nämnd' }).click();
    await page.waitForURL(/\/public-bodies\/[^/]+\/edit$/);
    await waitForApp(page);
    expect(await page.getByLabel('Namn *', { exact: true }).inputValue()).toBe('Webbtestets nämnd');
    await page.getByLabel('Upphörde').fill('2023-12-31');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.locator('#body-validTo-error').waitFor();
    expect(await page.locator('#body-validTo-error').textContent()).toBe('Slutdatumet kan inte ligga före startdatumet.');
    await page.getByLabel('Upphörde').fill('2025-12-31');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL(/\/public-bodies\?saved=1$/);
    await expect.poll(async () => clean(await page.locator(`tr[data-body="${created.id}"]`).getByTestId('body-period').textContent())).toBe('Upphörde 2025-12-31');
    expect((await app.store.catalogue.publicBodiesByIds([created.id])).get(created.id)).toMatchObject({ validTo: '2025-12-31' });
    await screenshot(page, 'public-bodies');
    await expectAccessible(page);
  });

  it('gives a compact its region, value range and contact function, and finds it by region in the register', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto('/agreements/new');
    await waitForApp(page);
    await page.getByLabel('Slag av avtal *').selectOption('COMPACT');
    await page.getByLabel('Namn *').fill('Överenskommelsen i Uppsala län (webbtest)');
    await page.getByLabel('Gäller (kommuner, regioner, stadsdelsområden)').selectOption([{ label: 'Uppsala län' }]);
    await page.getByLabel('Lägsta värde per avtal (kronor)').fill('200 000');
    await page.getByLabel('Högsta värde per avtal (kronor)').fill('50 000');
    await page.getByLabel('Kontaktfunktion', { exact: true }).fill('Regionens kansli för civilsamhället');
    await page.getByRole('button', { name: 'Skapa avtalet' }).click();
    // The range the wrong way round is refused before anything is saved.
    await page.locator('#agr-valueMaxSek-error').waitFor();
    expect(await page.locator('#agr-valueMaxSek-error').textContent()).toBe('Det högsta värdet får inte vara lägre än det lägsta.');
    await page.getByLabel('Högsta värde per avtal (kronor)').fill('1 500 000');
    await page.getByRole('button', { name: 'Skapa avtalet' }).click();
    await page.waitForURL(/\/agreements\/[^/]+\?saved=1$/);
    await page.getByTestId('saved').waitFor();
    expect(clean(await page.getByTestId('covers').textContent())).toBe('Uppsala län');
    expect(clean(await page.getByTestId('value-range').textContent())).toBe('200 000 – 1 500 000 kr');

    await page.goto('/agreements');
    await waitForApp(page);
    await page.getByTestId('register-filters').getByLabel('Region (län)').selectOption({ label: 'Uppsala län' });
    await page.getByTestId('register-filters').getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/region=district%3Aregion-03/);
    await expect.poll(() => page.locator('table[data-testid^="agreements-"] tbody th a').allTextContents()).toEqual(['Överenskommelsen i Uppsala län (webbtest)']);
    const row = page.locator('table[data-testid="agreements-COMPACT"] tbody tr').first();
    expect(clean(await row.textContent())).toContain('Regionens kansli för civilsamhället');
    await expectAccessible(page);
  });

  it("sets an organisation's status, shown on its profile as entered by a person", async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto('/organisation/org%3Acasa-chile/edit');
    await waitForApp(page);
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('');
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Inte verksam' });
    await page.getByLabel('Status sedan').fill('i fjol');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.locator('#edit-statusSince-error').waitFor();
    expect(await page.locator('#edit-statusSince-error').textContent()).toBe('Ange när som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.');
    await expectAccessible(page);
    await page.getByLabel('Status sedan').fill('2025');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL(/\/organisation\/org%3Acasa-chile\?saved=1$/);
    expect(clean(await page.getByTestId('org-status').textContent())).toBe('Inte verksam sedan 2025');
    const status = clean(await page.locator('[data-fact="status"]').textContent());
    expect(status).toContain('Inmatat');
    expect(status).not.toContain('Härlett');
    expect(await app.store.organisations.get('org:casa-chile')).toMatchObject({ status: 'INACTIVE', statusSince: '2025' });
    await expectAccessible(page);
  });
});
