/// <reference lib="dom" />
/**
 * Issue 23, the officer's journey in Chromium against the real server on the seeded graph, in
 * Swedish and English at 1,280 and 360 px with axe: "hemlös" on Explore gives ranked results with
 * the matched words highlighted and the target group the text names offered as a filter; a typo
 * gets a "did you mean"; a text matching nothing says what to do; a card and the profile show the
 * contact channels the rules allow (functional e-mail and switchboard phone to anyone, a person's
 * address and a mobile number not without an account) and "verified <month year>" (or never, or
 * lapsed after a year); "back to results" returns to the same results with the same filters.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { accountsOver } from '../../graph/repo/accounts.js';
import { appForSuite, expectAccessible, screenshot, waitForApp } from './helpers/app.js';

const ACTOR = { id: 'test:find23', displayName: 'Test' };
const YEAR = 365 * 24 * 3600 * 1000;

describe('web app: the officer finds and reaches an organisation (issue 23)', () => {
  const app = appForSuite();

  beforeAll(async () => {
    const { contacts } = accountsOver(app.store);
    // Frälsningsarmén: functional channels and a mobile number; verified now through the link flow.
    const fa = await contacts.requestVerification('org:fralsningsarmen', ACTOR);
    await contacts.confirm(fa.value.token, { email: 'info.stockholm@fralsningsarmen.se', phone: '08-562 282 00', address: 'Östermalmsgatan 69, Stockholm' });
    // Ny Gemenskap: a person's address and a mobile only, verified more than a year ago (lapsed).
    const ng = await contacts.requestVerification('org:ny-gemenskap', ACTOR);
    await contacts.confirm(ng.value.token, { email: 'anna.andersson@nygemenskap.se', phone: '070-123 45 67' });
    const org = (await app.store.organisations.get('org:ny-gemenskap'))!;
    await app.store.organisations.update(org.id, { contactVerifiedAt: Date.now() - YEAR - 40 * 24 * 3600 * 1000, version: org.version }, ACTOR);
  });

  for (const [lang, width] of [['sv', 1280], ['en', 360]] as const) {
    const t = lang === 'sv'
      ? { prefix: '', count: /^\d+ organisationer$/, meant: 'Filtrera på', back: 'Tillbaka till sökningen', email: 'E-post', phone: 'Telefon', verified: /^Kontaktuppgifterna verifierade [a-zåäö]+ \d{4}$/, lapsed: /gått ut/, never: 'aldrig', didYouMean: 'Menade du', empty: 'Kontrollera stavningen' }
      : { prefix: '/en', count: /^\d+ organisations$/, meant: 'Filter by', back: 'Back to the search', email: 'E-mail', phone: 'Phone', verified: /^Contact details verified [A-Z][a-z]+ \d{4}$/, lapsed: /lapsed/, never: 'never', didYouMean: 'Did you mean', empty: 'Check the spelling' };

    it(`${lang} at ${width} px: "hemlös" to a profile with contact channels and back to the same results`, async () => {
      const { page } = await app.newPage({ width, height: 900 });
      await page.goto(`${t.prefix}/`);
      await waitForApp(page);
      await page.getByLabel(lang === 'sv' ? 'Sök' : 'Search', { exact: true }).fill('hemlös');
      await page.getByRole('button', { name: lang === 'sv' ? 'Sök' : 'Search', exact: true }).click();
      await page.waitForURL(/q=heml%C3%B6s/);
      await expect.poll(async () => (await page.getByTestId('result-count').textContent())?.trim()).toMatch(t.count);
      const names = (await page.locator('article.card h3').allTextContents()).map((n) => n.trim());
      for (const name of ['Convictus', 'Frälsningsarmén', 'Föreningen Ny Gemenskap', 'Stockholms Stadsmission']) expect(names.slice(0, 10), name).toContain(name);
      // The matched words are marked in the cards (an excerpt of the description, or the target group it matched through).
      const marks = (await page.locator('article.card mark').allTextContents()).map((m) => m.normalize('NFC').toLowerCase());
      expect(marks.length).toBeGreaterThan(0);
      expect(marks.some((m) => /heml[oö]s|homeless/.test(m)), JSON.stringify(marks)).toBe(true);
      // The target group the text names is offered as a filter.
      const meant = page.getByTestId('search-meant');
      expect(await meant.textContent()).toContain(t.meant);
      await meant.locator('a[href*="tg=tg%3Ahemlosa"]').first().click();
      await page.waitForURL(/tg=tg%3Ahemlosa/);
      expect(page.url()).toMatch(/q=heml%C3%B6s/);
      await expect.poll(async () => (await page.getByTestId('result-count').textContent())?.trim()).toMatch(t.count);
      const filtered = page.url();
      const filteredNames = (await page.locator('article.card h3').allTextContents()).map((n) => n.trim());
      // The card shows the channels anyone may see: the functional e-mail and the switchboard, not a person's address or a mobile.
      const fa = page.locator('article.card', { has: page.getByRole('link', { name: 'Frälsningsarmén', exact: true }) });
      const channels = await fa.getByTestId('contact-channels').textContent();
      expect(channels).toContain('info.stockholm@fralsningsarmen.se');
      expect(channels).toContain('08-562 282 00');
      const ng = page.locator('article.card', { has: page.getByRole('link', { name: 'Föreningen Ny Gemenskap', exact: true }) });
      const ngText = await ng.textContent();
      expect(ngText).not.toContain('anna.andersson');
      expect(ngText).not.toContain('070-123');
      expect(await ng.locator('.freshness').textContent()).toMatch(t.lapsed);
      const convictus = page.locator('article.card', { has: page.getByRole('link', { name: 'Convictus', exact: true }) });
      expect(await convictus.locator('.freshness').textContent()).toContain(t.never);
      await screenshot(page, `find23-hemlos-${lang}-${width}`);
      await expectAccessible(page);
      if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

      // The profile: contact channels and "verified <month year>".
      await fa.getByRole('link', { name: 'Frälsningsarmén', exact: true }).click();
      await page.waitForURL(/\/organisation\/org%3Afralsningsarmen\?from=/);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Frälsningsarmén');
      const profileChannels = page.getByTestId('about-facts').getByTestId('contact-channels');
      expect(await profileChannels.getByRole('link', { name: 'info.stockholm@fralsningsarmen.se' }).getAttribute('href')).toBe('mailto:info.stockholm@fralsningsarmen.se');
      expect(await profileChannels.getByRole('link', { name: '08-562 282 00' }).getAttribute('href')).toBe('tel:0856228200');
      expect(await profileChannels.textContent()).toContain('Östermalmsgatan 69');
      expect((await page.getByTestId('about-facts').locator('.freshness').textContent())?.trim()).toMatch(t.verified);
      await screenshot(page, `find23-profile-${lang}-${width}`);
      await expectAccessible(page);
      if (width === 360) expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

      // Back to the same results with the same filters.
      await page.getByRole('link', { name: t.back }).click();
      await page.waitForURL((url) => url.href === filtered);
      expect((await page.locator('article.card h3').allTextContents()).map((n) => n.trim())).toEqual(filteredNames);
    });

    it(`${lang} at ${width} px: a typo gets "did you mean", and nothing found says what to do`, async () => {
      const { page } = await app.newPage({ width, height: 900 });
      await page.goto(`${t.prefix}/?q=Stadsmisionen`);
      await waitForApp(page);
      const dym = page.getByTestId('did-you-mean');
      expect(await dym.textContent()).toContain(t.didYouMean);
      expect((await page.locator('article.card h3').first().textContent())?.trim()).toBe('Stockholms Stadsmission');
      await expectAccessible(page);
      await dym.getByRole('link').click();
      await page.waitForURL((url) => url.searchParams.get('q') !== 'Stadsmisionen');
      expect((await page.locator('article.card h3').allTextContents()).map((n) => n.trim())).toContain('Stockholms Stadsmission');

      await page.goto(`${t.prefix}/?q=zzzzqqqq`);
      await waitForApp(page);
      const empty = page.getByTestId('empty-state');
      expect(await empty.textContent()).toContain(t.empty);
      expect(await empty.textContent()).toContain('zzzzqqqq');
      await expectAccessible(page);
    });
  }

  it('counts with the language\'s plural rules', async () => {
    const { page } = await app.newPage();
    await page.goto('/?q=Convictus&wider=1');
    await waitForApp(page);
    const sv = (await page.getByTestId('result-count').textContent())?.trim();
    expect(sv).toMatch(/^\d+ organisation(er)?$/);
    if (sv?.startsWith('1 ')) expect(sv).toBe('1 organisation');
  });
});
