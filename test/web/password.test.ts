/// <reference lib="dom" />
/**
 * Passwords in Chromium against the real server: changing one's own from the header's link (a
 * wrong current password, a common new one and a mistyped repetition each told by its field),
 * and a forgotten one reset through the link the test's SMTP server received, in English at
 * 360 px; a used link says so. Axe on every state.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, waitForApp } from './helpers/app.js';
import { testMail } from './helpers/mail.js';

// The SMTP server starts before the app (appForSuite reads the mail queue when its hook runs).
const { smtp, mail, close: closeMail } = await testMail();

describe('web app: passwords', () => {
  const app = appForSuite(() => ({ mail }));
  afterAll(closeMail);

  it('changes the own password from the header, each mistake told by its field', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor2.email);
    await page.getByRole('link', { name: 'Byt lösenord' }).click();
    await page.waitForURL(/\/account\/password$/);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Byt lösenord');
    await expectAccessible(page);

    await page.getByLabel('Nuvarande lösenord').fill('inte mitt lösenord alls');
    await page.getByLabel('Nytt lösenord').fill('ett nytt och långt lösenord');
    await page.getByLabel('Upprepa det nya lösenordet').fill('ett nytt och långt lösenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.locator('#password-current-error').waitFor();
    expect(await page.locator('#password-current-error').textContent()).toBe('Det nuvarande lösenordet stämmer inte.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password-current');

    await page.getByLabel('Nuvarande lösenord').fill(ACCOUNTS.password);
    await page.getByLabel('Nytt lösenord').fill('password1234');
    await page.getByLabel('Upprepa det nya lösenordet').fill('password1234');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.locator('#change-new-error').waitFor();
    expect(await page.locator('#change-new-error').textContent()).toContain('vanligaste');
    await expectAccessible(page);
    await screenshot(page, 'password-change-common');

    await page.getByLabel('Nytt lösenord').fill('ett nytt och långt lösenord');
    await page.getByLabel('Upprepa det nya lösenordet').fill('ett nytt och långt lösenor');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    expect(await page.locator('#change-repeat-error').textContent()).toBe('Lösenorden är inte likadana.');

    await page.getByLabel('Upprepa det nya lösenordet').fill('ett nytt och långt lösenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByTestId('password-changed').waitFor();
    await expectAccessible(page);
    // Still signed in (a new session), and the new password is the one that works.
    expect(await page.getByTestId('viewer').textContent()).toContain(ACCOUNTS.editor2.name);
    const check = app.server.client();
    expect((await check.signIn(ACCOUNTS.editor2.email, ACCOUNTS.password)).body.data!.signIn.errors[0]!.code).toBe('INVALID_CREDENTIALS');
    expect((await check.signIn(ACCOUNTS.editor2.email, 'ett nytt och långt lösenord')).body.data!.signIn.errors).toEqual([]);
  });

  it('resets a forgotten password through the e-mailed link, in English at 360 px', async () => {
    const { page } = await app.newPage({ width: 360, height: 800 });
    await page.goto('/en/sign-in');
    await waitForApp(page);
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await page.waitForURL(/\/en\/password\/forgot$/);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Forgotten password');
    await expectAccessible(page);
    await page.getByLabel('E-mail address').fill(ACCOUNTS.representative.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByTestId('reset-sent').waitFor();
    expect(await page.getByTestId('reset-sent').textContent()).toContain('If the address belongs to an account');
    await expectAccessible(page);

    const [message] = await smtp.waitFor(1);
    expect(message!.to).toEqual([ACCOUNTS.representative.email]);
    expect(message!.subject).toBe('Set a new password for Samverkan');
    const link = new URL(/https?:\/\/\S+\/en\/password\/reset\?token=[\w-]+/.exec(message!.text)![0]);
    const path = `${link.pathname}${link.search}`;

    await page.goto(path);
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Choose a new password');
    await page.getByLabel('New password', { exact: true }).fill('kort');
    await page.getByLabel('Repeat the new password').fill('kort');
    await page.getByRole('button', { name: 'Save the password' }).click();
    expect(await page.locator('#reset-new-error').textContent()).toBe('The password must have at least 12 characters.');
    await expectAccessible(page);
    await page.getByLabel('New password', { exact: true }).fill('återställt via länken i mejlet');
    await page.getByLabel('Repeat the new password').fill('återställt via länken i mejlet');
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByTestId('reset-done').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await screenshot(page, 'password-reset-en-360');

    // The link works once.
    await page.goto(path);
    await waitForApp(page);
    expect(await page.getByTestId('reset-problem').textContent()).toContain('The link has been used already.');
    await expectAccessible(page);
    await signInWithKeyboard(page, ACCOUNTS.representative.email, 'återställt via länken i mejlet', '/en/sign-in');
    expect(await page.getByTestId('viewer').textContent()).toContain(ACCOUNTS.representative.name);
  });
});
