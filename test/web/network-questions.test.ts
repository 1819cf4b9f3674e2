/// <reference lib="dom" />
/**
 * End to end in Chromium, in Swedish and English, at 1,280 and 360 px: a coordinator questions the
 * overlap network (finds an organisation and its neighbours, follows the path between two, narrows
 * it to an agreement, saves it as PNG) and follows a suggestion's reason to the fact it rests on,
 * whose basis the profile shows.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appForSuite, expectAccessible, screenshot, waitForApp } from './helpers/app.js';

type Lang = 'sv' | 'en';
const T = {
  sv: { prefix: '', find: 'Hitta organisation', findButton: 'Hitta', from: 'Väg från', to: 'till', path: 'Visa väg', png: 'PNG-bild', agreement: 'Avtal', show: 'Visa nätverket', inferred: 'Härlett', explain: 'Förklara', whyName: 'Organisation' },
  en: { prefix: '/en', find: 'Find an organisation', findButton: 'Find', from: 'Path from', to: 'to', path: 'Show path', png: 'PNG image', agreement: 'Agreement', show: 'Show the network', inferred: 'Inferred', explain: 'Explain', whyName: 'Organisation' },
} as const;

type Cy = import('cytoscape').Core;
const cyOf = () => (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: Cy }).cy;

async function ready(page: Page) {
  await expect.poll(() => page.getByTestId('overlap-network').getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
}

async function noSideScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width + 1);
}

describe('web app: questioning the overlap network and the suggestions', () => {
  const app = appForSuite();

  for (const lang of ['sv', 'en'] as const) {
    for (const width of [1280, 360]) {
      it(`finds, highlights, follows a path, narrows by agreement and exports (${lang}, ${width} px)`, async () => {
        const t = T[lang as Lang];
        const { page } = await app.newPage({ width, height: 900 });
        await page.goto(`${t.prefix}/network?tg=tg%3Afunktionsnedsattning`);
        await waitForApp(page);
        await ready(page);

        // Find an organisation with neighbours by its name: it is selected, its neighbours stand out, the rest is dimmed.
        const target = await page.evaluate(() => {
          const cy = (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core }).cy;
          const node = cy.nodes().max((n) => n.degree(false)).ele;
          return { id: node.id(), name: node.data('name') as string, neighbours: node.neighborhood('node').map((n) => n.data('name') as string) };
        });
        expect(target.neighbours.length).toBeGreaterThan(0);
        await page.getByLabel(t.find).fill(target.name);
        await page.getByRole('button', { name: t.findButton, exact: true }).click();
        await expect.poll(() => page.evaluate(() => (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core }).cy.nodes(':selected').map((n) => n.id()))).toEqual([target.id]);
        const classes = await page.evaluate((id) => {
          const cy = (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core }).cy;
          const node = cy.getElementById(id);
          return {
            neighboursNear: node.neighborhood('node').filter('.near').length === node.neighborhood('node').length,
            othersFaded: cy.nodes().difference(node.closedNeighborhood()).filter('.faded').length === cy.nodes().difference(node.closedNeighborhood()).length,
            selfFaded: node.hasClass('faded'),
          };
        }, target.id);
        expect(classes).toEqual({ neighboursNear: true, othersFaded: true, selfFaded: false });
        // The card lists the neighbours in plain words.
        const card = await page.getByTestId('node-neighbours').textContent();
        for (const n of target.neighbours) expect(card).toContain(n);
        expect(await page.getByTestId('network-selection').textContent()).toMatch(lang === 'sv' ? /Brobyggare/ : /Bridge builder/);
        // Its target groups and districts come with the details asked for once the network is drawn.
        await expect.poll(() => page.getByTestId('network-selection').locator('.chip').count()).toBeGreaterThan(1);

        // The path between two organisations two or more steps apart, with what each step shares.
        const ends = await page.evaluate(() => {
          const cy = (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core }).cy;
          for (const a of cy.nodes().toArray()) {
            const bfs = cy.elements().bfs({ roots: a });
            const far = bfs.path.nodes().filter((n) => n.id() !== a.id() && !a.neighborhood('node').contains(n));
            if (far.length) return { from: a.id(), to: far.last().id() };
          }
          return null;
        });
        expect(ends).not.toBeNull();
        await page.getByLabel(t.from).selectOption(ends!.from);
        await page.getByLabel(t.to, { exact: true }).selectOption(ends!.to);
        await page.getByRole('button', { name: t.path }).click();
        const path = page.getByTestId('network-path');
        await expect.poll(() => path.locator('ol > li').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
        expect(await path.locator('ol > li').first().getByTestId('reasons').count()).toBe(1);
        expect(await page.evaluate(() => (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core }).cy.nodes('.on-path').length)).toBeGreaterThanOrEqual(3);

        // Save the view as PNG.
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t.png }).click()]);
        expect(download.suggestedFilename()).toBe('overlappsnatverk.png');
        const chunks: Buffer[] = [];
        for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

        await noSideScroll(page, width);
        await screenshot(page, `network-questions-${lang}-${width}`);
        await expectAccessible(page);

        // Narrow to an agreement's parties: every organisation drawn is a party.
        const before = await page.evaluate(() => (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core }).cy.nodes().length);
        await page.getByLabel(t.agreement, { exact: true }).selectOption('agr:stockholm-compact-2012');
        await page.getByRole('button', { name: t.show }).click();
        await page.waitForURL(/ag=agr%3Astockholm-compact-2012/);
        await ready(page);
        const ids = await page.evaluate(() => (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core }).cy.nodes().map((n) => n.id()));
        expect(ids.length).toBeGreaterThan(0);
        expect(ids.length).toBeLessThanOrEqual(before);
        const parties = await page.evaluate(async () => {
          const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ agreement(id: "agr:stockholm-compact-2012") { parties(kind: ORGANISATION, first: 100) { nodes { id } } } }' }) });
          return ((await res.json()) as { data: { agreement: { parties: { nodes: { id: string }[] } } } }).data.agreement.parties.nodes.map((n) => n.id);
        });
        for (const id of ids) expect(parties).toContain(id);
        await expectAccessible(page);
      });
    }
  }

  for (const [lang, width] of [['sv', 1280], ['en', 360]] as const) {
    it(`follows a suggestion's reason to the inferred fact it rests on, and asks why another is not suggested (${lang}, ${width} px)`, async () => {
      const t = T[lang];
      const { page } = await app.newPage({ width, height: 900 });
      await page.goto(`${t.prefix}/organisation/org%3Aafasiforeningen-i-stockholms-lan`);
      await waitForApp(page);
      const list = page.getByTestId('suggestions');
      expect(await list.getByTestId('score-parts').count()).toBeGreaterThan(0);
      // A fact under a reason whose basis is INFERRED: follow it.
      const fact = list.locator('.facts li').filter({ has: page.getByTestId('fact-basis').filter({ hasText: t.inferred }) }).first();
      expect(await fact.count()).toBe(1);
      const link = fact.getByRole('link');
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(/#fact-(SERVES|ACTIVE_IN|OFFERS|NEEDS|MEMBER_OF|PARTY_TO)-/);
      await link.click();
      await page.waitForURL((u) => u.hash.startsWith('#fact-'));
      await waitForApp(page);
      const anchored = page.locator(`[id="${decodeURIComponent(new URL(page.url()).hash.slice(1))}"]`);
      expect(await anchored.count()).toBe(1);
      expect(await anchored.locator('.badge').textContent()).toBe(t.inferred);
      expect(await anchored.isVisible()).toBe(true);
      await noSideScroll(page, width);
      await expectAccessible(page);

      // Why is an organisation not suggested?
      await page.goto(`${t.prefix}/organisation/org%3Astockholms-stadsmission`);
      await waitForApp(page);
      await page.getByLabel(t.whyName, { exact: true }).fill('Convictus');
      await page.getByRole('button', { name: t.explain }).click();
      await expect.poll(() => page.getByTestId('why-not').textContent(), { timeout: 15_000 }).toContain('Convictus');
      await screenshot(page, `why-not-${lang}-${width}`);
      await noSideScroll(page, width);
      await expectAccessible(page);
    });
  }
});
