/// <reference lib="dom" />
/**
 * Merging a duplicate in Chromium, signed in as an editor: from the organisation's page to the
 * merge page, the other record picked by name, the preview (filled fields, new aliases, links
 * moved) with focus on it, turned round when the other record is to stay, confirm, the survivor's page saying it is done with the merge in its
 * history, the merged record's address leading there, and undo from the history; axe on each state.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, waitForApp } from './helpers/app.js';

const SYSTEM = { id: 'system:test', displayName: 'Test' };

describe('web app: merging organisations (signed in)', () => {
  const app = appForSuite();

  it('merges a duplicate from its page with a preview, lands on the survivor, and undoes it from the history', async () => {
    const survivor = await app.store.organisations.create({ name: 'Läxhjälpen Tensta', description: 'Läxhjälp för skolbarn' }, SYSTEM);
    const merged = await app.store.organisations.create({ name: 'Tensta läxhjälp', aliases: ['Läxis Tensta'], website: 'https://tensta-laxhjalp.example.org' }, SYSTEM);
    await app.store.links.link('targetGroup', { organisationId: merged.id, targetId: 'tg:aldre' }, SYSTEM);

    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto(`/organisation/${encodeURIComponent(survivor.id)}`);
    await waitForApp(page);
    await page.getByRole('link', { name: 'Slå ihop med …' }).click();
    await page.waitForURL(/\/merge$/);
    await page.getByRole('heading', { level: 1, name: 'Slå ihop Läxhjälpen Tensta med en annan post' }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Sök organisationen efter namn').fill('Tensta läxhjälp');
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByRole('button', { name: 'Välj Tensta läxhjälp' }).click();
    const preview = page.getByTestId('merge-preview');
    await preview.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('merge-preview-title');
    expect(await preview.textContent()).toContain('Tensta läxhjälp slås ihop med Läxhjälpen Tensta, som blir kvar.');
    expect(await page.getByTestId('merge-fields').textContent()).toContain('tensta-laxhjalp.example.org');
    expect(await page.getByTestId('merge-aliases').locator('li').allTextContents()).toEqual(['Tensta läxhjälp', 'Läxis Tensta']);
    expect(await page.getByTestId('merge-links-MOVE').textContent()).toContain('Målgrupp');
    await screenshot(page, 'merge-preview');
    await expectAccessible(page);

    // Choosing the other record to stay: the preview turns round, focus stays on the choice.
    await page.getByLabel('Tensta läxhjälp (den valda posten)').check();
    await page.getByTestId('merge-status').filter({ hasText: 'Förhandsvisningen är uppdaterad nedan.' }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('other');
    expect(await preview.textContent()).toContain('Läxhjälpen Tensta slås ihop med Tensta läxhjälp, som blir kvar.');
    await page.getByLabel('Läxhjälpen Tensta (den här posten)').check();
    await page.getByTestId('merge-status').filter({ hasText: 'Förhandsvisningen är uppdaterad nedan.' }).waitFor();
    expect(await preview.textContent()).toContain('Tensta läxhjälp slås ihop med Läxhjälpen Tensta, som blir kvar.');

    await page.getByLabel('Varför (valfritt, syns i historiken)').fill('Samma förening två gånger');
    await page.getByRole('button', { name: 'Slå ihop Tensta läxhjälp med Läxhjälpen Tensta' }).click();
    await page.waitForURL(/\/organisation\/[^/]+\?merged=1$/);
    expect(new URL(page.url()).pathname).toBe(`/organisation/${encodeURIComponent(survivor.id)}`);
    await page.getByTestId('merged').waitFor();
    const latest = page.getByTestId('history-table').locator('tbody tr').first();
    expect(await latest.textContent()).toContain('Sammanslagen med en annan post');
    expect(await latest.getByTestId('history-merge').textContent()).toContain('Tensta läxhjälp');
    expect(await latest.textContent()).toContain('Samma förening två gånger');
    await screenshot(page, 'merge-done');
    await expectAccessible(page);

    // The merged record's address leads to the survivor, which says so.
    const { page: visitor } = await app.newPage();
    await visitor.goto(`/organisation/${encodeURIComponent(merged.id)}`);
    await visitor.getByTestId('merged-from').waitFor();
    expect(new URL(visitor.url()).pathname).toBe(`/organisation/${encodeURIComponent(survivor.id)}`);
    await expectAccessible(visitor);

    // Undo from the history: the other record is back.
    await latest.getByRole('button', { name: /^Återställ ändringen/ }).click();
    await page.getByTestId('history-status').filter({ hasText: 'Ändringen är återställd.' }).waitFor();
    expect((await app.store.organisations.get(merged.id))!.name).toBe('Tensta läxhjälp');
    expect((await app.store.organisations.get(survivor.id))!.aliases ?? []).toEqual([]);
    expect(await page.getByTestId('history-table').locator('tbody tr').first().textContent()).toContain('Sammanslagning ångrad');
  });

  it('offers the merge page in English, and only to editors', async () => {
    const org = (await app.store.organisations.list({ text: 'Convictus' })).nodes[0]!;
    const { page } = await app.newPage();
    await page.goto(`/en/organisation/${encodeURIComponent(org.id)}/merge`);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Merge ${org.name} with another record`);
    await page.getByTestId('edit-not-allowed').waitFor();
    expect(await page.getByTestId('merge-preview').count()).toBe(0);
    await expectAccessible(page);
  });
});
