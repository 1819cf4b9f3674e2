/// <reference lib="dom" />
/**
 * Provenance as the public sees it, in Chromium on the seeded graph: each "about" fact with its own
 * source, inferred facts named as inferences (their rule and confidence, never "entered by a user"),
 * and a closed organisation marked closed and left out of everyone's suggestions.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appForSuite, expectAccessible, screenshot, waitForApp } from './helpers/app.js';

const profile = (id: string) => `/organisation/${encodeURIComponent(id)}`;
const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The provenance notes of a page's facts, by basis. */
async function notes(page: Page, basis: string): Promise<string[]> {
  return (await page.locator(`.provenance[data-basis="${basis}"]`).allTextContents()).map(clean);
}

async function suggested(page: Page): Promise<string[]> {
  return (await page.locator('section[aria-labelledby="suggestions"] h3 a').allTextContents()).map(clean);
}

describe('web app: provenance you can check', () => {
  const app = appForSuite();

  it("shows each of Stockholms Stadsmission's about facts with its own source", async () => {
    const { page } = await app.newPage();
    await page.goto(profile('org:stockholms-stadsmission'));
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Stockholms Stadsmission');
    // The description: stated by the 2013 report on the compact (src:001), with the sentence it rests on.
    expect(clean(await page.locator('[data-fact="description"]').textContent())).toContain('ingick i den gemensamma arbetsgrupp');
    const description = clean(await page.locator('[data-fact-source="description"]').textContent());
    expect(description).toContain('Angivet');
    expect(description).toContain('Källa: Redovisning av Överenskommelsen mellan Stockholms stad och den idéburna sektorn');
    expect(description).toContain('Tjänsteutlåtande, Redovisning (rad 56)');
    expect(description).toContain('Stockholms Stadsmission, Studieförbundet i Stockholm');
    // The name: the 2016 evaluation's list of signatories (src:000, Bilaga 1), as printed there.
    const name = clean(await page.locator('[data-fact="name"] .provenance').textContent());
    expect(name).toContain('Källa: Uppföljning av Överenskommelsen (OK)');
    expect(name).toContain('Bilaga 1, rad 997');
    expect(name).not.toContain('Redovisning av Överenskommelsen');
    // No source says when it was founded or what its website is: neither is shown as sourced.
    expect(await page.locator('[data-fact="website"], [data-fact="legalForm"]').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('1853');
    await screenshot(page, 'profile-stadsmission-about');
    await expectAccessible(page);

    // In English too: the same sources, the basis in words.
    await page.goto(`/en${profile('org:stockholms-stadsmission')}`);
    await waitForApp(page);
    const en = clean(await page.locator('[data-fact-source="description"]').textContent());
    expect(en).toContain('Stated');
    expect(en).toContain('Source: Redovisning av Överenskommelsen');
  });

  it('names every inferred fact as an inference with its rule and confidence, never as entered by a user', async () => {
    const { page } = await app.newPage();
    let seen = 0;
    for (const id of ['org:jarvabygdekontor', 'org:livstycket', 'org:bla-vagen', 'org:svenska-roda-korset']) {
      for (const lang of ['', '/en']) {
        await page.goto(`${lang}${profile(id)}`);
        await waitForApp(page);
        const main = clean(await page.locator('main').textContent());
        expect(main, id).not.toMatch(/inmatad av en användare|entered by a (Samverkan )?user/i);
        for (const note of await notes(page, 'INFERRED')) {
          seen++;
          // "Härlett av namnet, säkerhet 0,75." / "Inferred from the name, confidence 0.75."
          expect(note, id).toMatch(lang ? /^Inferred (from the name|from a hint in the source|from the borders on the map|by the project's classification|with no rule given), confidence \d\.\d\d\./ : /^Härlett (av namnet|av en antydan i källan|av gränserna på kartan|enligt projektets indelning), säkerhet \d,\d\d\./);
          expect(note, id).not.toMatch(/Inmatat|Entered/);
        }
      }
    }
    expect(seen).toBeGreaterThan(3);

    // Järvabygdekontor works in Järva: inferred from its name, which is quoted, not a place in a document.
    await page.goto(profile('org:jarvabygdekontor'));
    await waitForApp(page);
    const jarva = (await notes(page, 'INFERRED')).find((n) => n.includes('namnet: “Järva”') || n.includes('namnet: "Järva"') || n.includes('Järva'));
    expect(jarva).toMatch(/^Härlett av namnet, säkerhet 0,75\./);
    expect(jarva).toContain('Härlett av: Samverkan: kurering av startdata');
    expect(jarva).not.toContain('i källan:');
    // Blå Vägen's premises: the source only says the working group met there in 2011, so an inference from that hint.
    await page.goto(profile('org:bla-vagen'));
    await waitForApp(page);
    const premises = (await notes(page, 'INFERRED')).find((n) => n.includes('antydan'));
    expect(premises).toMatch(/^Härlett av en antydan i källan, säkerhet 0,60\./);
    expect(premises).toContain('Blå Vägens lokaler');
    await expectAccessible(page);
  });

  it('marks Livstycket closed, with the source that says so, and leaves it out of suggestions', async () => {
    const { page } = await app.newPage();
    await page.goto(profile('org:livstycket'));
    await waitForApp(page);
    expect(clean(await page.getByTestId('org-status').textContent())).toBe('Nedlagd sedan 2019-12-31');
    const status = clean(await page.locator('[data-fact="status"]').textContent());
    expect(status).toContain('Angivet');
    expect(status).toContain('Livstycket: verksamheten avslutad vid utgången av 2019');
    // The closure is not credited to the 2016 report.
    expect(status).not.toContain('Uppföljning av Överenskommelsen');
    await screenshot(page, 'profile-livstycket-closed');
    await expectAccessible(page);

    // Nobody is offered Livstycket as a partner: not Järvabygdekontor (whose top suggestion it was), nor others.
    for (const id of ['org:jarvabygdekontor', 'org:stockholms-stadsmission', 'org:convictus', 'org:bla-vagen']) {
      await page.goto(profile(id));
      await waitForApp(page);
      const names = await suggested(page);
      expect(names.length, id).toBeGreaterThan(0);
      expect(names, id).not.toContain('Den ideella föreningen Livstycket');
    }
    // Explore marks it closed where it is listed.
    await page.goto('/?q=Livstycket');
    await waitForApp(page);
    const card = page.locator('article.card', { has: page.getByRole('link', { name: 'Den ideella föreningen Livstycket' }) });
    expect(clean(await card.getByTestId('card-status').textContent())).toBe('Nedlagd sedan 2019-12-31');
  });
});
