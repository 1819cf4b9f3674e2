/// <reference lib="dom" />
/**
 * The district picker of the organisation form in Chromium, signed in as an editor: districts at
 * every level found by name (a stadsdel with its stadsdelsområde shown, Stockholm municipality
 * narrowed to its level, Sweden), saved as the organisation's links; axe on the picker.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, waitForApp } from './helpers/app.js';

describe('web app: the district picker', () => {
  const app = appForSuite();

  it('links an organisation to a stadsdel, Stockholm municipality and Sweden', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    const org = (await app.store.organisations.list({ text: 'Convictus' })).nodes[0]!;
    const before = (await app.store.organisations.profile(org.id))!.districts.map((d) => d.id);
    await page.goto(`/organisation/${encodeURIComponent(org.id)}/edit`);
    await waitForApp(page);
    const picker = page.getByTestId('district-picker');

    // A stadsdel, found without its diacritics, shows its stadsdelsområde.
    await picker.getByLabel('Sök område').fill('abrahamsb');
    const stadsdel = picker.getByTestId('district-matches').getByRole('checkbox', { name: /^Abrahamsberg/ });
    expect(await picker.getByTestId('district-matches').locator('li').first().textContent()).toContain('Stadsdel i Bromma (stadsdelsområde)');
    await stadsdel.check();

    // Stockholm municipality, narrowed to the level (the name is also a stadsdelsområde's and a region's start).
    await picker.getByLabel('Nivå').selectOption('MUNICIPALITY');
    await picker.getByLabel('Sök område').fill('Stockholm');
    await picker.getByTestId('district-matches').getByRole('checkbox', { name: /^Stockholm \(Kommun/ }).check();

    // The whole country.
    await picker.getByLabel('Nivå').selectOption('');
    await picker.getByLabel('Sök område').fill('Sverige');
    await picker.getByTestId('district-matches').getByRole('checkbox', { name: /^Sverige \(Land/ }).check();

    const chosen = picker.getByTestId('districts-chosen');
    for (const name of ['Abrahamsberg', 'Stockholm', 'Sverige']) expect(await chosen.textContent()).toContain(name);
    await screenshot(page, 'district-picker');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL(/\/organisation\/[^/]+\?saved=1$/);
    const after = (await app.store.organisations.profile(org.id))!.districts.map((d) => d.id);
    expect(after).toEqual(expect.arrayContaining([...before, 'district:sd-abrahamsberg', 'district:municipality-0180', 'district:country-se']));
    const where = await page.locator('section[aria-labelledby="where"]').textContent();
    for (const name of ['Abrahamsberg', 'Stockholm', 'Sverige']) expect(where).toContain(name);

    // A chosen district is removed with its button.
    await page.getByRole('link', { name: 'Redigera' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    await page.getByRole('button', { name: 'Ta bort Sverige' }).click();
    expect(await page.getByTestId('districts-chosen').textContent()).not.toContain('Sverige');
  });
});
