/// <reference lib="dom" />
/**
 * The coordinator's gaps page in Chromium against the real server on the seeded Stockholm graph:
 * every kind of gap with its evidence and a link to act on it (a profile, an agreement, Explore
 * filtered for a target group and district), narrowed to one target group through a GET form;
 * axe (WCAG 2.1 A/AA), keyboard reach, 360 px, English.
 */
import { describe, expect, it } from 'vitest';
import { appForSuite, expectAccessible, screenshot, unreachableByKeyboard, waitForApp } from './helpers/app.js';

const number = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

describe('web app: gaps (coordinator view)', () => {
  const app = appForSuite();

  it('shows each kind of gap with its evidence and a link to act on it', async () => {
    const { page } = await app.newPage();
    await page.goto('/');
    await waitForApp(page);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Luckor' }).click();
    await page.waitForURL(/\/gaps$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Luckor i samverkan');
    expect(await page.getByTestId('gaps-scope').textContent()).toMatch(/Alla målgrupper: \d+ organisationer analyserade/);
    const analysed = number(await page.getByTestId('gaps-scope').textContent());
    // "No collaboration recorded", with how much of reality the data covers (and what the 2016 evaluation found).
    const coverage = await page.getByTestId('collab-coverage').textContent();
    const [withCollaboration, of] = coverage!.match(/Samarbete är registrerat för (\d+) av (\d+) organisationer\./)!.slice(1).map(Number);
    expect(of).toBe(analysed);
    expect(withCollaboration).toBeGreaterThan(0);
    expect(withCollaboration).toBeLessThan(analysed / 2);
    expect(coverage).toContain('hälften av organisationerna att de samarbetar med andra inom idéburen sektor');
    expect(await page.locator('#isolated').textContent()).toMatch(/^Ingen registrerad samverkan \(\d+\)$/);
    expect(await page.locator('main').textContent()).not.toMatch(/utan samarbete\b/);

    // Pairs: two profiles, the overlap, and what they share in sentences.
    const pairs = page.getByTestId('pairs-table').locator('tbody tr');
    expect(await pairs.count()).toBe(20);
    const pairsTotal = number(await page.locator('#pairs .total').textContent());
    expect(pairsTotal).toBeGreaterThanOrEqual(20);
    if (pairsTotal > 20) expect(await page.getByTestId('section-pairs').textContent()).toContain(`Visar 20 av ${pairsTotal}.`);
    const first = pairs.first();
    const links = await first.locator('th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toHaveLength(2);
    for (const href of links) expect(href).toMatch(/^\/organisation\/org%3A/);
    expect(Number(await first.locator('td.num').textContent())).toBeGreaterThanOrEqual(0.8);
    // Each reason names the two organisations it is about.
    const firstNames = await first.locator('th a').allTextContents();
    expect(await first.locator('.reasons').textContent()).toMatch(/Målgrupp: .+ och .+ arbetar båda med /);
    expect(await first.locator('.reasons').textContent()).toContain(`${firstNames[0]} och ${firstNames[1]}`);

    // Clusters with their numbers and an Explore link for what they all state.
    const cluster = page.getByTestId('section-clusters').locator('li.card').first();
    expect(await cluster.textContent()).toMatch(/\d+ par med stort överlapp, i medel \d\.\d\d; inga registrerade samarbeten sinsemellan/);

    // Fragmented target groups: older people, many organisations, no collaboration among them.
    const older = page.getByTestId('fragmented-table').locator('tr', { has: page.locator('th', { hasText: /^Äldre$/ }) }).first();
    const counts = (await older.locator('td.num').textContent())!.trim();
    expect(counts).toMatch(/^\d+ \/ 0$/);
    expect(Number(counts.split(' / ')[0])).toBeGreaterThan(1);
    expect(await older.getByRole('link', { name: 'Se organisationerna i Utforska' }).getAttribute('href')).toBe('/?tg=tg%3Aaldre');

    // Isolated organisations link to their profiles' partner suggestions.
    const isolated = page.getByTestId('isolated-table').locator('tbody tr');
    expect(await isolated.count()).toBeGreaterThan(0);
    expect(await isolated.first().getByRole('link', { name: /^Möjliga partner/ }).getAttribute('href')).toMatch(/^\/organisation\/org%3A.+#suggestions$/);

    // Brokers: Forum bridges the collaboration network.
    expect(await page.getByTestId('brokers-table').textContent()).toContain('Forum – idéburna organisationer med social inriktning');

    // IOPs missing the 2021 audit's criteria, counted in agreements (the audit examined 20), linked to the agreement.
    expect(await page.getByTestId('iop-headline').textContent()).toBe('Revisionen 2021 granskade 20 IOP i 4 nämnder; registret har 21 IOP i 5 poster.');
    expect(await page.locator('#iop').textContent()).toBe('IOP som saknar revisionens kriterier (20)');
    const iop = page.getByTestId('iop-table').locator('tr', { hasText: 'Farsta stadsdelsnämnd' }).first();
    const farstaMissing = (await iop.locator('td').nth(1).locator('li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(farstaMissing).toEqual(expect.arrayContaining(['✗ Styrgruppsmöten: 3 av 4', '✗ Uppföljningsplan: 3 av 4', '✗ Utvärdering vid utgång: 4 av 4', '✗ Dokumenterade överväganden: 4 av 4']));
    // Rinkeby-Kista: fewer than 8 lack a follow-up, and the audit does not say how many.
    const rk = page.getByTestId('iop-table').locator('tr', { hasText: 'Rinkeby-Kista stadsdelsnämnd' }).first();
    expect((await rk.locator('td').nth(1).textContent())!.replace(/\s+/g, ' ')).toContain('Uppföljningsplan: 1–7 av 8 (med förbehåll)');
    expect(await iop.getByRole('link').first().getAttribute('href')).toBe('/agreements/agr%3Aiop-farsta-stadsdelsnamnd-2021');
    expect(await iop.locator('td').nth(1).textContent()).toContain('Samhällsutmaning');
    // Socialnämnden meets follow-up and documentation but, as every committee, states no societal challenge.
    const social = page.getByTestId('iop-table').locator('tr', { hasText: 'Socialnämnden' }).first();
    expect(await social.locator('td').nth(1).textContent()).toContain('Samhällsutmaning');
    expect(await social.locator('td').nth(1).textContent()).not.toContain('Uppföljningsplan');

    // Contacts: over every organisation, not only an IOP's parties; none in the seed was ever verified.
    const contacts = await page.getByTestId('contacts-all').textContent();
    const [all, never, stale] = contacts!.match(/^Av (\d+) organisationer har (\d+) aldrig fått sina kontaktuppgifter bekräftade och (\d+) bekräftades för mer än ett år sedan\.$/)!.slice(1).map(Number) as [number, number, number];
    expect(all).toBe(analysed);
    expect(never + stale).toBe(all);
    // Among them the 75 signatories of the 2012 compact, a current agreement.
    expect(await page.locator('#contacts').textContent()).toBe('Avtalsparter med gamla kontaktuppgifter (75)');
    expect(await page.getByTestId('contacts-table').textContent()).toContain('Överenskommelsen mellan Stockholms stad och den idéburna sektorn');

    // Coverage gaps summarised per target group, with a way into the details.
    const summary = page.getByTestId('coverage-summary').locator('tbody tr');
    expect(await summary.count()).toBeGreaterThan(3);
    await screenshot(page, 'gaps-overview');
    await expectAccessible(page);

    await page.getByTestId('coverage-summary').getByRole('link', { name: /^Visa områdena Äldre$/ }).click();
    await page.waitForURL(/\/gaps\?tg=tg%3Aaldre#coverage$/);
    const rows = page.getByTestId('coverage-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const bromma = rows.filter({ has: page.locator('th', { hasText: /^Bromma$/ }) });
    expect(await bromma.textContent()).toContain('Ingen organisation arbetar lokalt med Äldre i Bromma');
    expect((await bromma.locator('td').nth(1).textContent())!.trim()).toMatch(/^0 \/ 0 \/ \d+$/);
    await bromma.getByRole('link', { name: 'Se vilka som täcker området Bromma' }).click();
    await page.waitForURL(/\/\?tg=tg%3Aaldre&d=district%3Asdo-bromma$/);
    await expect.poll(async () => number(await page.getByTestId('result-count').textContent())).toBeGreaterThan(0);
  });

  it('narrows every section to one target group through the form, kept in the URL', async () => {
    const { page } = await app.newPage();
    await page.goto('/gaps');
    await waitForApp(page);
    const allOrgs = number(await page.getByTestId('gaps-scope').textContent());
    await page.getByLabel('Avgränsa till en målgrupp').selectOption('tg:ideburna-organisationer');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(/\/gaps\?tg=tg%3Aideburna-organisationer$/);
    await expect.poll(() => page.getByTestId('gaps-scope').textContent()).toMatch(/Idéburna organisationer: \d+ organisationer analyserade/);
    const narrowed = number(await page.getByTestId('gaps-scope').textContent());
    expect(narrowed).toBeGreaterThan(1);
    expect(narrowed).toBeLessThan(allOrgs);
    expect(await page.getByLabel('Avgränsa till en målgrupp').inputValue()).toBe('tg:ideburna-organisationer');
    // Famna and HSO both work for non-profits (inferred, and marked so) with no collaboration recorded.
    const pair = page.getByTestId('pairs-table').locator('tr', { hasText: 'Famna' }).filter({ hasText: 'Handikappförbundens samarbetsorgan (HSO)' });
    expect(await pair.count()).toBe(1);
    const reason = pair.locator('.reasons li', { hasText: 'arbetar båda med Idéburna organisationer' });
    expect(await reason.getByTestId('reason-inferred').textContent()).toBe('(härledd uppgift)');
    expect(await page.getByTestId('coverage-table').locator('caption').textContent()).toBe('Täckningsluckor för Idéburna organisationer');
    await screenshot(page, 'gaps-non-profits');
    await expectAccessible(page);
    const keyboard = await unreachableByKeyboard(page);
    expect(keyboard.controls).toBeGreaterThan(30);
    expect(keyboard.missed).toEqual([]);

    // Fewer pairs than the page lists: all of them are shown.
    const pairsTotal = number(await page.locator('#pairs .total').textContent());
    expect(pairsTotal).toBeLessThanOrEqual(20);
    expect(await page.getByTestId('pairs-table').locator('tbody tr').count()).toBe(pairsTotal);

    // More of each kind on request (across all target groups, where there are more).
    await page.goto('/gaps');
    await waitForApp(page);
    await page.getByRole('link', { name: 'Visa upp till 100 av varje slag' }).click();
    await page.waitForURL(/n=100/);
    await expect.poll(() => page.getByTestId('pairs-table').locator('tbody tr').count()).toBeGreaterThan(20);
  });

  it('is in English at /en/gaps and works at 360 px wide', async () => {
    const { page } = await app.newPage({ width: 360, height: 740 });
    await page.goto('/en/gaps');
    await waitForApp(page);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Collaboration gaps');
    expect(await page.getByTestId('pairs-table').textContent()).toMatch(/ and .+ both work with /);
    expect(await page.getByTestId('fragmented-table').textContent()).toContain('Older people');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'gaps-english-360px');
    await expectAccessible(page);
  });

  it('answers an unknown target group with a page that says what to do', async () => {
    const { page } = await app.newPage();
    const res = await page.goto('/gaps?tg=tg%3Ano-such-group');
    expect(res?.status()).toBe(400);
    expect(await page.locator('main').textContent()).toContain('Sökningen innehåller ett ogiltigt värde.');
    await expectAccessible(page);
  });
});
