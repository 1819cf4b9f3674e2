/// <reference lib="dom" />
/**
 * Editing agreements and collaborations in Chromium against the real server: an editor creates an
 * IOP (the API's field error for an empty name by the field and in the summary, then saved with
 * its audit criteria), clears its end date and a criterion again (an end before the start refused
 * by the field first), adds a party found by search, sees it on the agreement page, removes it; a
 * conflict with reload in English; a collaboration between two organisations (refused with one
 * participant, then created), on both profiles, its page (participants, history after an edit, in
 * English, 360 px wide), then deleted; the agreement page's history; anonymous users are asked to
 * sign in and see no editing links or histories; axe on every form and state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accountsOver } from '../../graph/repo/accounts.js';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, unreachableByKeyboard, waitForApp } from './helpers/app.js';

const SYSTEM = { id: 'system:test', displayName: 'Test' };
const FARSTA = 'agr:iop-farsta-stadsdelsnamnd-2021';

describe('web app: editing agreements and collaborations', () => {
  const app = appForSuite();
  let convictus: { id: string; name: string };
  let salvation: { id: string; name: string };
  beforeAll(async () => {
    convictus = (await app.store.organisations.list({ text: 'Convictus' })).nodes[0]!;
    salvation = (await app.store.organisations.list({ text: 'Frälsningsarmén' })).nodes[0]!;
  });

  const agreement = async (id: string) => (await app.store.catalogue.agreementsByIds([id])).get(id) ?? null;
  const profileSection = (page: Page, id: string) => page.locator(`section[aria-labelledby="${id}"]`);

  async function addMember(page: Page, picker: string, search: string, name: string) {
    await page.locator(`#${picker}-search`).fill(search);
    await page.locator(`#${picker}-search`).press('Enter');
    await page.getByTestId(`${picker}-picker`).getByRole('button', { name: `Lägg till ${name}`, exact: true }).click();
    await page.getByTestId(`${picker}-status`).filter({ hasText: `${name} är tillagd.` }).waitFor();
  }

  it('asks anonymous users to sign in and shows them no editing links', async () => {
    const { page } = await app.newPage();
    for (const path of ['/agreements/new', `/agreements/${encodeURIComponent(FARSTA)}/edit`, '/collaborations/new']) {
      await page.goto(path);
      await waitForApp(page);
      expect(await page.getByTestId('edit-not-allowed').textContent()).toBe('Logga in som redaktör för att ändra avtal och samarbeten.');
      expect(new URL(await page.getByRole('link', { name: 'Logga in', exact: true }).last().getAttribute('href') ?? '', app.url).searchParams.get('next')).toBe(path);
      expect(await page.locator('form.form').count()).toBe(0);
    }
    await expectAccessible(page);

    await page.goto('/agreements');
    await waitForApp(page);
    expect(await page.getByRole('link', { name: 'Nytt avtal' }).count()).toBe(0);
    await page.goto(`/agreements/${encodeURIComponent(FARSTA)}`);
    await waitForApp(page);
    expect(await page.getByRole('link', { name: 'Redigera avtalet' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Nytt samarbete mellan parterna' }).count()).toBe(0);
    expect(await page.getByTestId('history').count()).toBe(0);
    // An id naming no collaboration: the app's 404 page.
    const missing = await page.goto('/collaborations/collab%3Afinns-inte');
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Något gick fel');
    await page.goto(`/organisation/${encodeURIComponent(convictus.id)}`);
    await waitForApp(page);
    expect(await page.getByRole('link', { name: 'Nytt samarbete' }).count()).toBe(0);

    // A representative is no editor of agreements either.
    const { page: rep } = await app.newPage();
    await signInWithKeyboard(rep, ACCOUNTS.representative.email);
    await rep.goto('/agreements/new');
    await waitForApp(rep);
    expect(await rep.getByTestId('edit-not-allowed').count()).toBe(1);
    expect(await rep.getByRole('link', { name: 'Logga in', exact: true }).count()).toBe(0);
  });

  it('creates an IOP after a field error, clears its end date, adds a party, shows it on the agreement page and removes it', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto('/agreements');
    await waitForApp(page);
    await page.getByRole('link', { name: 'Nytt avtal' }).click();
    await page.waitForURL(/\/agreements\/new$/);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Nytt avtal');
    // An IOP (the default kind): the audit's criteria are in plain view, the open ones named.
    expect(await page.getByLabel('Slag av avtal *').inputValue()).toBe('IOP');
    const criteria = page.getByTestId('iop-criteria');
    expect(await criteria.isVisible()).toBe(true);
    // The criteria as the server judges the empty form: nothing recorded, evaluation not yet due.
    await expect.poll(() => page.getByTestId('iop-open').textContent()).toBe('Ännu inte uppfyllt: Samhällsutmaning, Politiskt program, Styrgruppsmöten, Mer än medfinansiering, Uppföljningsplan, Dokumenterade överväganden.');
    await expectAccessible(page);

    const before = (await app.store.catalogue.agreements()).length;
    await page.getByLabel('Startdatum').fill('2026-01-01');
    await page.getByLabel('Slutdatum').fill('2026-12-31');
    // The challenge's text alone meets the criterion, in the form as on the page (below).
    await page.getByLabel('Samhällsutmaningen avtalet ska möta').fill('Unga som lämnar skolan utan betyg');
    const judged = (criterion: string) => page.getByTestId('iop-judged').locator(`li[data-criterion="${criterion}"]`).textContent();
    await expect.poll(() => judged('SOCIETAL_CHALLENGE')).toBe('Samhällsutmaning: ✓ Uppfyllt');
    await page.getByLabel('Finns uppföljning som visar om syfte och mål nås?').selectOption('yes');
    await page.getByLabel('Finns dokumenterade överväganden inför valet av IOP?').selectOption('no');
    await expect.poll(() => judged('DOCUMENTED_CONSIDERATIONS')).toMatch(/^Dokumenterade överväganden: .*Saknas$/);
    const inForm = Object.fromEntries(await page.getByTestId('iop-judged').locator('li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-criterion'), Array.from(li.querySelector('.state')!.classList as unknown as ArrayLike<string>).find((c) => /^[A-Z_]+$/.test(c))])));
    // No name: the API refuses it, and says so by the field and in the summary.
    await page.getByRole('button', { name: 'Skapa avtalet' }).click();
    await page.locator('#agr-name-error').waitFor();
    expect(await page.locator('#agr-name-error').textContent()).toBe('Ange ett namn (högst 200 tecken).');
    const name = page.getByLabel('Namn *');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe('agr-name-error');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('agr-name');
    expect(await page.getByTestId('error-summary').getByRole('link').allTextContents()).toEqual(['Namn: Ange ett namn (högst 200 tecken).']);
    expect((await app.store.catalogue.agreements()).length).toBe(before);
    await screenshot(page, 'agreement-new-error');
    await expectAccessible(page);

    await name.fill('IOP Webbtestets läxhjälp');
    await page.getByLabel('Motivering (valfri)').fill('Beslut i nämnden');
    await page.getByRole('button', { name: 'Skapa avtalet' }).click();
    await page.waitForURL(/\/agreements\/[^/]+\?saved=1$/);
    await page.getByTestId('saved').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('IOP Webbtestets läxhjälp');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    expect(await agreement(id)).toMatchObject({ kind: 'IOP', startDate: '2026-01-01', endDate: '2026-12-31', societalChallenge: 'Unga som lämnar skolan utan betyg', societalChallengeStated: null, followUpPlan: true, documentedConsiderations: false });
    expect(await page.locator('section[aria-labelledby="parties"]').textContent()).toContain('Inga parter är registrerade');
    // The agreement page judges every criterion as the form did (its checklist comes from the
    // analytics projection, which learns of a new agreement within a second or two: reloaded till then).
    await expect
      .poll(async () => (await page.getByTestId('audit-checklist').count()) || (await page.reload(), await waitForApp(page), 0), { timeout: 30_000, interval: 500 })
      .toBe(1);
    const onPage = Object.fromEntries(await page.getByTestId('audit-checklist').locator('tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('[data-criterion]')!.getAttribute('data-criterion'), Array.from(r.querySelector('.state')!.classList as unknown as ArrayLike<string>).find((c) => /^[A-Z_]+$/.test(c))])));
    expect(Object.keys(inForm).length).toBe(7);
    for (const [criterion, state] of Object.entries(inForm)) expect([criterion, onPage[criterion!]]).toEqual([criterion, state]);
    const periodOnPage = () => page.locator('dl.facts div').filter({ has: page.locator('dt', { hasText: 'Period' }) }).locator('dd').textContent();
    expect(await periodOnPage()).toBe('2026-01-01 – 2026-12-31');

    // Cleared again: an end date before the start is refused by the field; then the emptied end
    // date and a criterion set back to unknown are saved as cleared, the rest untouched.
    await page.getByRole('link', { name: 'Redigera avtalet' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    const endDate = page.getByLabel('Slutdatum');
    expect(await endDate.inputValue()).toBe('2026-12-31');
    await endDate.fill('2025-12-31');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.locator('#agr-endDate-error').waitFor();
    expect(await page.locator('#agr-endDate-error').textContent()).toBe('Slutdatumet kan inte ligga före startdatumet.');
    expect(await endDate.getAttribute('aria-describedby')).toBe('agr-endDate-hint agr-endDate-error');
    await expectAccessible(page);
    await endDate.fill('');
    const followUp = page.getByLabel('Finns uppföljning som visar om syfte och mål nås?');
    expect(await followUp.locator('option').allTextContents()).toEqual(['Okänt', 'Ja', 'Nej']);
    await followUp.selectOption({ label: 'Okänt' });
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL(/\/agreements\/[^/]+\?saved=1$/);
    await page.getByTestId('saved').waitFor();
    expect(await periodOnPage()).toBe('från 2026-01-01');
    expect(await agreement(id)).toMatchObject({ startDate: '2026-01-01', endDate: null, followUpPlan: null, societalChallengeStated: null, documentedConsiderations: false });
    await expectAccessible(page);

    // A party found by search, with its role, added at once.
    await page.getByRole('link', { name: 'Redigera avtalet' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    await page.getByLabel('Roll för den som läggs till').selectOption('PROVIDER');
    await addMember(page, 'agr-parties', 'Convictus', convictus.name);
    expect(await page.getByTestId('agr-parties-list').textContent()).toContain(`${convictus.name} (organisation, Utförare)`);
    await screenshot(page, 'agreement-edit-party');
    await expectAccessible(page);
    const keyboard = await unreachableByKeyboard(page);
    expect(keyboard.missed).toEqual([]);
    expect(keyboard.controls).toBeGreaterThan(15);

    await page.getByRole('link', { name: `← IOP Webbtestets läxhjälp` }).click();
    await page.waitForURL(/\/agreements\/[^/]+$/);
    await waitForApp(page);
    const parties = page.locator('section[aria-labelledby="parties"]');
    expect(await parties.getByRole('link', { name: convictus.name }).count()).toBe(1);
    expect(await parties.textContent()).toContain('Utförare');
    // The editor sees the agreement's history, newest first: the party named as such, the cleared values by their labels.
    expect(await page.getByTestId('history-table').locator('tbody tr').allTextContents()).toEqual([
      expect.stringContaining('Part tillagd'),
      expect.stringMatching(/Uppgifter ändrade.*Ändrade: Slutdatum/),
      expect.stringContaining('Skapad'),
    ]);
    // A collaboration between the parties starts with them proposed.
    expect(await page.getByRole('link', { name: 'Nytt samarbete mellan parterna' }).getAttribute('href')).toBe(`/collaborations/new?p=${encodeURIComponent(convictus.id)}`);

    // Removed again: gone from the form's list and from the agreement page.
    await page.getByRole('link', { name: 'Redigera avtalet' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    await page.getByRole('button', { name: `Ta bort ${convictus.name}`, exact: true }).click();
    await page.getByTestId('agr-parties-status').filter({ hasText: `${convictus.name} är borttagen.` }).waitFor();
    expect(await page.getByTestId('agr-parties-empty').count()).toBe(1);
    await page.goto(`/agreements/${encodeURIComponent(id)}`);
    await waitForApp(page);
    expect(await page.locator('section[aria-labelledby="parties"]').getByRole('link', { name: convictus.name }).count()).toBe(0);

    // Deleted after confirmation: back on the list, which says so.
    await page.getByRole('link', { name: 'Redigera avtalet' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    await page.getByRole('button', { name: 'Ta bort …' }).click();
    expect(await page.getByRole('alertdialog').textContent()).toContain('Vill du verkligen ta bort IOP Webbtestets läxhjälp?');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ja, ta bort' }).click();
    await page.waitForURL(/\/agreements\?deleted=1$/);
    await page.getByTestId('deleted').waitFor();
    expect(await agreement(id)).toBeNull();
  });

  it('in English: explains a conflict and reloads the latest version; works 360 px wide', async () => {
    const { page } = await app.newPage({ width: 360, height: 800 });
    await signInWithKeyboard(page, ACCOUNTS.editor.email, ACCOUNTS.password, '/en/sign-in');
    await page.goto(`/en/agreements/${encodeURIComponent(FARSTA)}`);
    await waitForApp(page);
    await page.getByRole('link', { name: 'Edit the agreement' }).click();
    await page.waitForURL(/\/en\/agreements\/[^/]+\/edit$/);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Edit /);
    for (const label of ['Name *', 'Kind of agreement *', 'Start date', 'Value (SEK)', 'Does the agreement state a clearly formulated societal challenge?', 'Reason (optional)', 'Search for an organisation or public body']) {
      expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
    }
    expect(await page.getByTestId('iop-criteria').locator('legend').textContent()).toBe("The 2021 audit's criteria for IOPs");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);

    const current = (await agreement(FARSTA))!;
    await page.getByLabel('Description').fill('My version');
    await accountsOver(app.store).editing.updateAgreement(FARSTA, { description: 'Their version', version: current.version ?? 0 }, SYSTEM, 'test');
    await page.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByTestId('edit-conflict').waitFor();
    expect(await page.getByTestId('edit-conflict').textContent()).toContain('Someone else changed the agreement');
    expect((await agreement(FARSTA))!.description).toBe('Their version');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Reload the latest version' }).click();
    await expect.poll(() => page.getByLabel('Description').inputValue()).toBe('Their version');
    expect(await page.getByTestId('edit-conflict').count()).toBe(0);

    await page.goto('/en/collaborations/new');
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('New collaboration');
    expect(await page.getByLabel('Kind of collaboration *').locator('option').first().textContent()).toBe('Network');
    expect(await page.getByRole('button', { name: 'Create the collaboration' }).count()).toBe(1);
  });

  it('creates a collaboration between two organisations, shows it on both profiles and deletes it', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto(`/organisation/${encodeURIComponent(convictus.id)}`);
    await waitForApp(page);
    await profileSection(page, 'collaborations').getByRole('link', { name: 'Nytt samarbete' }).click();
    await page.waitForURL(/\/collaborations\/new\?p=/);
    await waitForApp(page);
    // Proposed from the profile: the organisation is already a participant.
    expect(await page.getByTestId('collab-participants-list').textContent()).toContain(convictus.name);
    await page.getByLabel('Namn *').fill('Webbtestets nätverk');
    await page.getByLabel('Slag av samarbete *').selectOption('JOINT_PROJECT');

    // One participant: the API refuses it, and the message stands by the participants.
    await page.getByRole('button', { name: 'Skapa samarbetet' }).click();
    await page.locator('#collab-participants-error').waitFor();
    expect(await page.locator('#collab-participants-error').textContent()).toBe('Ett samarbete behöver minst två deltagare.');
    expect(await page.locator('#collab-participants-search').getAttribute('aria-describedby')).toContain('collab-participants-error');
    await screenshot(page, 'collaboration-new-error');
    await expectAccessible(page);

    await addMember(page, 'collab-participants', 'Frälsningsarmén', salvation.name);
    await page.getByRole('button', { name: 'Skapa samarbetet' }).click();
    // Created: on its own page, which says so.
    await page.waitForURL(/\/collaborations\/[^/]+\?saved=1$/);
    await page.getByTestId('saved').waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    const stored = (await app.store.catalogue.collaborationsByIds([id])).get(id);
    expect(stored).toMatchObject({ name: 'Webbtestets nätverk', kind: 'JOINT_PROJECT' });
    expect(await page.getByTestId('participants').locator('li').count()).toBe(2);
    await expectAccessible(page);

    // On both profiles, with an editing link for editors.
    for (const org of [salvation, convictus]) {
      await page.goto(`/organisation/${encodeURIComponent(org.id)}`);
      await waitForApp(page);
      expect(await profileSection(page, 'collaborations').textContent(), org.name).toMatch(/Webbtestets nätverk\s+· Gemensamt projekt/);
    }

    // Its name opens its page: the kind, the participants linking to their profiles, the history.
    await profileSection(page, 'collaborations').getByRole('link', { name: 'Webbtestets nätverk', exact: true }).click();
    await page.waitForURL(/\/collaborations\/[^/]+$/);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Webbtestets nätverk');
    expect(await page.locator('.facts').textContent()).toContain('Gemensamt projekt');
    const participants = page.getByTestId('participants');
    for (const org of [convictus, salvation]) expect(await participants.getByRole('link', { name: org.name, exact: true }).getAttribute('href')).toBe(`/organisation/${encodeURIComponent(org.id)}`);
    expect(await participants.locator('li').allTextContents()).toEqual([expect.stringContaining('Inmatat'), expect.stringContaining('Inmatat')]);
    expect(await page.getByTestId('history-table').locator('tbody tr').count()).toBe(1);
    // Edited: the history names the change by the form's label, with who and why.
    await page.getByRole('link', { name: 'Redigera samarbetet' }).click();
    await page.waitForURL(/\/edit$/);
    await waitForApp(page);
    await page.getByLabel('Beskrivning').fill('Gemensam läxhjälp i Husby');
    await page.getByLabel('Motivering (valfri)').fill('Enligt mötet');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.waitForURL((url) => url.pathname === `/collaborations/${encodeURIComponent(id)}` && url.searchParams.get('saved') === '1');
    await page.getByTestId('saved').waitFor();
    expect(await page.locator('.description').textContent()).toBe('Gemensam läxhjälp i Husby');
    const latest = page.getByTestId('history-table').locator('tbody tr').first();
    for (const text of ['Uppgifter ändrade', 'Ändrade: Beskrivning', 'Enligt mötet', ACCOUNTS.editor.name]) expect(await latest.textContent()).toContain(text);
    expect(await page.getByTestId('history-table').locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'collaboration-page');
    await expectAccessible(page);
    // Every control of the page (participants' links, edit, the history's undo buttons) by keyboard.
    const keyboard = await unreachableByKeyboard(page);
    expect(keyboard.controls).toBeGreaterThan(5);
    expect(keyboard.missed).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // In English: the kind and the history's words.
    await page.goto(`/en/collaborations/${encodeURIComponent(id)}`);
    await waitForApp(page);
    expect(await page.locator('.facts').textContent()).toContain('Joint project');
    expect(await page.getByTestId('history-table').locator('tbody tr').first().textContent()).toContain('Changed: Description');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`/organisation/${encodeURIComponent(convictus.id)}`);
    await waitForApp(page);
    await profileSection(page, 'collaborations').getByRole('link', { name: 'Ändra: Webbtestets nätverk', exact: true }).click();
    await page.waitForURL(/\/collaborations\/[^/]+\/edit$/);
    await waitForApp(page);
    await page.getByRole('button', { name: 'Ta bort …' }).click();
    expect(await page.getByRole('alertdialog').textContent()).toContain('Vill du verkligen ta bort Webbtestets nätverk?');
    await page.getByRole('button', { name: 'Ja, ta bort' }).click();
    await page.waitForURL(/\/organisation\/[^/]+$/);
    await waitForApp(page);
    expect((await app.store.catalogue.collaborationsByIds([id])).get(id)).toBeUndefined();
    expect(await profileSection(page, 'collaborations').textContent()).not.toContain('Webbtestets nätverk');
  });
});
