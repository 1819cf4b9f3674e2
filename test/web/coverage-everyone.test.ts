/// <reference lib="dom" />
/**
 * Issue 23: the coverage map counts everyone. For dementia, Demensföreningen i Stockholms län works
 * city-wide and county-wide, not locally: it is listed in Järva's panel (Rinkeby-Kista's since
 * 2023) among those working across the whole city or county, counted in the row's total, the
 * panel comes into view when the district is chosen; Swedish and English, 1,280 and 360 px, axe.
 */
import { describe, expect, it } from 'vitest';
import { appForSuite, expectAccessible, screenshot, waitForApp } from './helpers/app.js';

describe('web app: coverage counts city-wide and county-wide organisations', () => {
  const app = appForSuite();

  for (const [lang, width] of [['sv', 1280], ['en', 360]] as const) {
    it(`${lang} at ${width} px: dementia in Järva lists Demensföreningen as working across the whole city or county`, async () => {
      const prefix = lang === 'sv' ? '' : '/en';
      const { page } = await app.newPage({ width, height: 800 });
      await page.goto(`${prefix}/coverage?tg=tg%3Aaldre-demens`);
      await waitForApp(page);
      const row = page.locator('[data-testid="coverage-matrix"] tbody tr', { has: page.getByRole('link', { name: 'Järva', exact: true }) });
      const total = Number(await row.getByTestId('coverage-row-total').textContent());
      expect(total).toBeGreaterThan(0);
      await row.getByRole('link', { name: 'Järva', exact: true }).click();
      await page.waitForURL(/sel=district%3Asdo-jarva/);
      const panel = page.getByTestId('coverage-selected');
      await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toContain('Järva');
      const wider = panel.getByTestId('coverage-wider');
      expect(await wider.getByRole('link', { name: 'Demensföreningen i Stockholms län' }).count()).toBe(1);
      expect(await wider.textContent()).toMatch(lang === 'sv' ? /hela (staden|länet)/ : /whole (city|county)/);
      expect(await panel.getByTestId('coverage-total').textContent()).toContain(String(total));
      // The panel is in view once the district is chosen (its heading focused).
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('selected-title');
      const box = await panel.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y).toBeLessThan(800);
      expect(box!.y + Math.min(box!.height, 100)).toBeGreaterThan(0);
      // The map's district says both counts.
      const label = await page.locator('[data-testid="coverage-map"] a', { has: page.locator('path[data-district="district:sdo-jarva"]') }).getAttribute('aria-label');
      expect(label).toMatch(lang === 'sv' ? /^Järva: \d+ lokala, \d+ med dem/ : /^Järva: \d+ local, \d+ with those/);
      await screenshot(page, `coverage-everyone-${lang}-${width}`);
      await expectAccessible(page);
    });
  }
});
