/// <reference lib="dom" />
/**
 * Sign-in and partnership decisions in Chromium against the real server: a wrong password shows
 * its error next to the field, signing in with the keyboard puts the viewer and a sign-out button
 * in the header, an editor dismisses and accepts suggested partners on a profile with a reason (the ranking
 * changes; accepting opens the new collaboration between the two, saved; the history names each
 * partner and the decision), a representative decides only for their own organisation; axe on every state.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, waitForApp } from './helpers/app.js';

describe('web app: sign-in and suggestion decisions', () => {
  const app = appForSuite();

  it('shows errors next to the field, signs in with the keyboard and out again', async () => {
    const { page, context } = await app.newPage();
    await page.goto('/');
    await waitForApp(page);
    await page.getByRole('link', { name: 'Logga in' }).click();
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Logga in');
    await expectAccessible(page);

    // Empty form: told next to the e-mail field, before any request.
    await page.getByRole('button', { name: 'Logga in' }).click();
    expect(await page.locator('#signin-email-error').textContent()).toBe('Fyll i din e-postadress.');
    expect(await page.getByLabel('E-postadress').getAttribute('aria-invalid')).toBe('true');

    // Wrong password: INVALID_CREDENTIALS next to the password field, the field emptied and focused.
    await page.getByLabel('E-postadress').fill(ACCOUNTS.editor.email);
    await page.getByLabel('Lösenord').fill('fel-lösenord-helt-och-hållet');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.locator('#signin-password-error').waitFor();
    expect(await page.locator('#signin-password-error').textContent()).toBe('Fel e-postadress eller lösenord.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('signin-password');
    expect(await page.getByLabel('Lösenord').getAttribute('aria-describedby')).toBe('signin-password-error');
    await screenshot(page, 'signin-error');
    await expectAccessible(page);

    // The keyboard alone: type, Tab, type, Enter. Back to the page we came from, the viewer in the header.
    await signInWithKeyboard(page, ACCOUNTS.editor.email, ACCOUNTS.password, '/sign-in?next=%2Fgaps');
    await page.waitForURL(/\/gaps$/);
    expect(await page.getByTestId('viewer').textContent()).toBe(`${ACCOUNTS.editor.name} (redaktör)`);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'samverkan_session');
    expect(session?.httpOnly).toBe(true);

    // A reload keeps the session (SSR forwards the cookie) and the page is not cacheable.
    const reloaded = await page.goto('/');
    expect(reloaded?.headers()['cache-control']).toBe('private, no-store');
    await waitForApp(page);
    expect(await page.getByTestId('viewer').textContent()).toContain(ACCOUNTS.editor.name);
    await expectAccessible(page);
    await screenshot(page, 'signin-header');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('link', { name: 'Logga in' }).waitFor();
    expect(await page.getByTestId('viewer').count()).toBe(0);
    expect((await context.cookies()).find((c) => c.name === 'samverkan_session')).toBeUndefined();
  });

  it('works in English at 360 px', async () => {
    const { page } = await app.newPage({ width: 360, height: 800 });
    await page.goto('/en/sign-in');
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    await page.getByLabel('E-mail address').fill('inte-en-adress');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.locator('#signin-email-error').textContent()).toContain('does not look like an e-mail address');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await signInWithKeyboard(page, ACCOUNTS.editor.email, ACCOUNTS.password, '/en/sign-in');
    expect(await page.getByTestId('viewer').textContent()).toBe(`${ACCOUNTS.editor.name} (editor)`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'signin-en-360');
  });

  it('an editor dismisses and accepts suggested partners with a reason; accepting leads to a saved collaboration; the history names the partners', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    const convictus = (await app.store.organisations.list({ text: 'Convictus' })).nodes[0]!;
    await page.goto(`/organisation/${encodeURIComponent(convictus.id)}`);
    await waitForApp(page);
    const names = () => page.getByTestId('suggestions').locator(':scope > li h3 a').allTextContents();
    const before = await names();
    expect(before.length).toBeGreaterThan(2);

    // Dismissed with a reason: gone from the list.
    await page.getByLabel('Motivering för ditt beslut (valfri)').fill('Arbetar redan med annat');
    await page.getByRole('button', { name: `Avfärda: ${before[0]}` }).click();
    await page.getByTestId('suggestion-status').filter({ hasText: `${before[0]} är avfärdad` }).waitFor();
    const afterDismiss = await names();
    expect(afterDismiss).not.toContain(before[0]);
    // Convictus shares the same two facts with every other signatory, so their scores tie: which of
    // them leads after the decision is the ranking's tie-break, but it is one of those suggested before.
    expect(before).toContain(afterDismiss[0]);
    await expectAccessible(page);

    // Accepted with a reason: on to the new collaboration between the two, both proposed.
    const partner = afterDismiss[0]!;
    await page.getByLabel('Motivering för ditt beslut (valfri)').fill('Samma målgrupp i samma stadsdelar');
    await page.getByRole('button', { name: `Anta som partner: ${partner}` }).click();
    await page.waitForURL(/\/collaborations\/new\?p=/);
    await waitForApp(page);
    const proposed = await page.getByTestId('collab-participants').textContent();
    expect(proposed).toContain(convictus.name);
    expect(proposed).toContain(partner);
    await screenshot(page, 'suggestion-accepted-collaboration');
    await page.locator('#collab-name').fill(`Samarbete ${convictus.name} och ${partner}`);
    await page.getByRole('button', { name: 'Skapa samarbetet' }).click();
    await page.waitForURL(/\/collaborations\/[^/]+\?saved=1$/);
    expect(await page.getByTestId('participants').textContent()).toContain(partner);

    // The organisation's history names each partner and the decision, with its reason.
    await page.goto(`/organisation/${encodeURIComponent(convictus.id)}`);
    await waitForApp(page);
    const rows = page.getByTestId('history-table').locator('tbody tr');
    const decisions = await rows.filter({ has: page.getByTestId('history-decision') }).allTextContents();
    expect(decisions.some((t) => t.includes(`Antagen som partner: ${partner}`) && t.includes('Samma målgrupp i samma stadsdelar'))).toBe(true);
    expect(decisions.some((t) => t.includes(`Avfärdat förslag: ${before[0]}`) && t.includes('Arbetar redan med annat'))).toBe(true);
    await page.getByTestId('history-decision').first().getByRole('link').first().waitFor();
    await expectAccessible(page);

    // The decisions hold after a reload: the server ranks without them.
    const reloaded = await names();
    expect(reloaded).not.toContain(before[0]);
    expect(reloaded).not.toContain(partner);
  });

  it('shows the decision buttons to a representative only on their own organisation, and to nobody signed out', async () => {
    const { page } = await app.newPage();
    const other = (await app.store.organisations.list({ text: 'Convictus' })).nodes[0]!.id;
    await page.goto(`/organisation/${encodeURIComponent(other)}`);
    await waitForApp(page);
    expect(await page.getByRole('button', { name: /^Anta som partner/ }).count()).toBe(0);

    await signInWithKeyboard(page, ACCOUNTS.representative.email);
    await page.goto(`/organisation/${encodeURIComponent(other)}`);
    await waitForApp(page);
    expect(await page.getByRole('button', { name: /^Anta som partner/ }).count()).toBe(0);
    await page.goto(`/organisation/${encodeURIComponent(app.representedOrganisation)}`);
    await waitForApp(page);
    const items = await page.getByTestId('suggestions').locator(':scope > li').count();
    expect(items).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: /^Anta som partner/ }).count()).toBe(items);
    await expectAccessible(page);
  });
});
