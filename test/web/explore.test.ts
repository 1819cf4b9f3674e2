/// <reference lib="dom" />
/**
 * End to end in Chromium against the real server (API and built web app) on the seeded Stockholm
 * graph: a city officer finds the organisations for crime victims in Södermalm and opens one; the language switch; accessibility (axe, WCAG 2.1 A/AA) and keyboard reach on each page;
 * 360 px width; what a page says when something is missing.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { appForSuite, expectAccessible, expectNoSidewaysScroll, screenshot, unreachableByKeyboard, waitForApp } from './helpers/app.js';

describe('web app: Explore and organisation profile', () => {
  const app = appForSuite();

  it('a city officer finds the organisations for crime victims in Södermalm and opens one', async () => {
    const { page } = await app.newPage();
    await page.goto('/');
    await waitForApp(page);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('sv');
    const all = Number((await page.getByTestId('result-count').textContent())!.replace(/\D/g, ''));
    expect(all).toBeGreaterThan(50);

    await page.getByRole('checkbox', { name: 'Brottsoffer', exact: true }).check();
    await page.waitForURL(/tg=tg%3Abrottsoffer/);
    await page.getByRole('checkbox', { name: 'Södermalm', exact: true }).check();
    await page.waitForURL(/d=district%3Asdo-sodermalm/);
    await expect.poll(async () => (await page.getByTestId('result-count').textContent())?.trim()).toMatch(/^\d+ organisationer$/);
    const count = Number((await page.getByTestId('result-count').textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    const names = await page.locator('article.card h3').allTextContents();
    expect(names.length).toBe(count);
    expect(names.map((n) => n.trim())).toEqual(expect.arrayContaining(['Brottsofferjouren Stockholms Innerstad-Lidingö']));
    // Every card says which target groups it serves and how fresh its contact details are.
    const first = page.locator('article.card').first();
    await expect.poll(() => first.locator('.chip').count()).toBeGreaterThan(0);
    expect(await first.locator('.freshness').textContent()).toMatch(/Kontaktuppgifterna/);
    await screenshot(page, 'explore-crime-victims-sodermalm');
    await expectAccessible(page);

    // The same selection downloads as a spreadsheet: the CSV holds exactly the organisations shown.
    const csvHref = await page.getByTestId('export-links').getByRole('link', { name: 'CSV för Excel' }).getAttribute('href');
    expect(csvHref).toMatch(/^\/export\?format=csv&targetGroup=tg%3Abrottsoffer&district=district%3Asdo-sodermalm/);
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    const rows = parse(await csv.body(), { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
    expect(rows.length - 1).toBe(count);
    expect(rows.some((r) => r.includes('Brottsofferjouren Stockholms Innerstad-Lidingö'))).toBe(true);
    expect(await page.getByTestId('export-links').getByRole('link').count()).toBe(5);
    // Every fact of the selection in long format: one row a link, each with its own basis and source.
    const linksHref = await page.getByTestId('export-links').getByRole('link', { name: 'alla uppgifter med källa och grund (CSV)' }).getAttribute('href');
    expect(linksHref).toMatch(/^\/export\?format=csv-links&/);
    const long = parse(await (await page.request.get(linksHref!)).body(), { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    const victims = long.find((r) => Object.values(r).includes('tg:brottsoffer'));
    expect(victims, 'the crime-victims link').toBeDefined();
    expect(Object.values(victims!)).toEqual(expect.arrayContaining(['INFERRED', 'NAME']));

    // The view is in the URL: opening it afresh gives the same result.
    const shared = page.url();
    const { page: other } = await app.newPage();
    await other.goto(shared);
    expect((await other.getByTestId('result-count').textContent())?.trim()).toBe(`${count} organisationer`);

    await page.getByRole('link', { name: 'Brottsofferjouren Stockholms Innerstad-Lidingö', exact: true }).click();
    await page.waitForURL(/\/organisation\/org%3Abrottsofferjouren-stockholms-innerstad-lidingo(\?|$)/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Brottsofferjouren Stockholms Innerstad-Lidingö');
    const forWhom = page.locator('section[aria-labelledby="for-whom"]');
    expect(await forWhom.textContent()).toContain('Brottsoffer');
    // Each fact carries its basis and where it comes from: here an inference from the name, with its rule.
    const basis = await forWhom.locator('.badge').allTextContents();
    expect(basis.length).toBeGreaterThan(0);
    for (const b of basis) expect(['Angivet', 'Härlett', 'Inmatat']).toContain(b.trim());
    expect(await forWhom.locator('.provenance').first().textContent()).toMatch(/Härlett av namnet, säkerhet \d,\d\d\..*Härlett av: /s);
    // Where: each district with its kind named in Swedish, not as the API's code.
    const where = await page.locator('section[aria-labelledby="where"]').textContent();
    expect(where).toMatch(/Södermalm\s*·\s*Stadsdelsområde/);
    expect(where).not.toMatch(/STADSDELSOMRADE|MUNICIPALITY/);
    // The ego network is drawn by cytoscape, loaded on this page only.
    await expect.poll(() => page.getByTestId('ego-network').getAttribute('data-status'), { timeout: 15_000 }).toBe('ready');
    expect(await page.locator('[data-testid="ego-network"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby="suggestions"] ol > li').count()).toBeGreaterThan(0);
    await screenshot(page, 'profile-brottsofferjouren');
    await expectAccessible(page);
  });

  it('switches the page to English and back, keeping the page', async () => {
    const { page } = await app.newPage();
    await page.goto('/organisation/org%3Aconvictus');
    await waitForApp(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.locator('#for-whom').textContent()).toBe('För vem');
    await page.getByRole('link', { name: 'In English' }).click();
    await page.waitForURL(/\/en\/organisation\/org%3Aconvictus$/);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#for-whom').textContent()).toBe('For whom');
    expect(await page.getByRole('navigation', { name: 'Main menu' }).textContent()).toContain('Explore');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Convictus');
    await screenshot(page, 'profile-convictus-english');
    await expectAccessible(page);
    // A server-rendered English page says lang="en" before any script runs.
    const html = await (await fetch(`${app.url}/en?tg=tg%3Ahemlosa`)).text();
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain('Explore organisations');
    await page.getByRole('link', { name: 'Explore', exact: true }).click();
    await page.waitForURL(/\/en$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Explore organisations');
    await page.getByRole('link', { name: 'På svenska' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('sv');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Utforska organisationer');
  });

  it('lets a keyboard reach every control and use the filters', async () => {
    const { page } = await app.newPage();
    await page.goto('/?tg=tg%3Aaldre');
    await waitForApp(page);
    const start = await unreachableByKeyboard(page);
    expect(start.controls).toBeGreaterThan(20);
    expect(start.missed).toEqual([]);

    // The first Tab lands on the skip link, which moves focus to the main content.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.goto('/');
    await waitForApp(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Space on a focused checkbox applies the filter and focus stays on it.
    await page.getByRole('checkbox', { name: 'Idéburna organisationer', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/tg=tg%3Aideburna-organisationer/);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('tg:ideburna-organisationer');

    // Resources offered: the group opens from the keyboard, and a resource filters like the rest.
    await page.locator('summary', { hasText: 'Erbjuder resurser' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('checkbox', { name: 'Volontärer', exact: true }).focus();
    await page.keyboard.press('Space');
    await page.waitForURL(/ro=res%3Avolontarer/);
    const offering = await app.store.organisations.list({ targetGroups: ['tg:ideburna-organisationer'], resourcesOffered: ['res:volontarer'], includeWider: true }, { first: 100 });
    expect(offering.totalCount).toBeGreaterThan(0);
    await expect.poll(async () => (await page.getByTestId('result-count').textContent())?.trim()).toBe(`${offering.totalCount} organisation${offering.totalCount === 1 ? '' : 'er'}`);
    expect(await page.getByRole('link', { name: /^Erbjuder: Volontärer/ }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Volontärer', exact: true }).isChecked()).toBe(true);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('res:volontarer');

    await page.goto('/organisation/org%3Aconvictus');
    await waitForApp(page);
    const profile = await unreachableByKeyboard(page);
    expect(profile.missed).toEqual([]);
  });

  it('works at 360 px wide without sideways scrolling', async () => {
    const { page } = await app.newPage({ width: 360, height: 740 });
    await expectNoSidewaysScroll(page, ['/?tg=tg%3Abrottsoffer&d=district%3Asdo-sodermalm', '/organisation/org%3Astockholms-stadsmission']);
    await screenshot(page, 'profile-360px');
  });

  it('filters without JavaScript too (the filter form is a plain GET form)', async () => {
    const context = await app.browser.newContext({ javaScriptEnabled: false, baseURL: app.url });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByLabel('Sök', { exact: true }).fill('stadsmission');
      await page.getByRole('button', { name: 'Sök', exact: true }).click();
      await page.waitForURL(/q=stadsmission/);
      const names = await page.locator('article.card h3').allTextContents();
      expect(names.map((n) => n.trim())).toContain('Stockholms Stadsmission');
      // Signatories are found by their names as the 2016 evaluation printed them, too.
      for (const [printed, name] of [
        ['LP-ABC ideella förening', 'LP-ABC ideell förening'],
        ['Hörselskadade och Döva Barn med Familjer, FHDBF', 'Hörselskadade och Döva Barn med Familjer (FHDBF)'],
      ] as const) {
        await page.goto(`/?q=${encodeURIComponent(printed)}`);
        expect((await page.locator('article.card h3').allTextContents()).map((n) => n.trim()), printed).toContain(name);
      }
    } finally {
      await context.close();
    }
  });

  it('says what to do when an organisation does not exist or nothing matches', async () => {
    const { page } = await app.newPage();
    const res = await page.goto('/organisation/org%3Adoes-not-exist');
    expect(res?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Något gick fel');
    expect(await page.locator('main').textContent()).toContain('Sidan finns inte.');
    await expectAccessible(page);

    await page.goto('/?q=zzzzzzzzzz-no-such-name');
    expect((await page.getByTestId('result-count').textContent())?.trim()).toBe('Inga organisationer');
    expect(await page.locator('main').textContent()).toContain('Kontrollera stavningen');
    await expectAccessible(page);
  });
});
