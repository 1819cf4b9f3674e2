/// <reference lib="dom" />
/**
 * Issue 23: an editor sends verification requests in bulk from the gaps page's stale contacts, by
 * e-mail through a real SMTP server the test starts (smtp-server): a report per organisation (sent,
 * failed for a refused address, no address); the message the server received holds a single-use
 * link; followed, it confirms the details and the profile shows the organisation as verified.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, appForSuite, expectAccessible, screenshot, signInWithKeyboard, waitForApp } from './helpers/app.js';
import { testMail } from './helpers/mail.js';

// The SMTP server starts before the app (appForSuite reads the mail queue when its hook runs).
const { smtp, mail, close: closeMail } = await testMail({ refuse: (to) => to.endsWith('@refused.example') });
const ACTOR = { id: 'test:verify-bulk', displayName: 'Test' };

describe('web app: verification requests by e-mail in bulk', () => {
  const app = appForSuite(() => ({ mail }));
  afterAll(closeMail);

  it('sends requests to the chosen organisations, reports each, and the link followed marks one verified', async () => {
    const { page } = await app.newPage();
    await signInWithKeyboard(page, ACCOUNTS.editor.email);
    await page.goto('/gaps');
    await waitForApp(page);
    const rows = page.getByTestId('stale-table').locator('tbody tr');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(decodeURIComponent((await rows.nth(i).locator('th a').getAttribute('href'))!.split('/organisation/')[1]!));
    // The first with a functional address, the second with one the mail server refuses, the third with none.
    for (const [id, email] of [[ids[0]!, 'info@forening-ett.example'], [ids[1]!, 'info@refused.example'], [ids[2]!, null]] as const) {
      const org = (await app.store.organisations.get(id))!;
      await app.store.organisations.update(id, { email, version: org.version }, ACTOR);
    }
    const names = await Promise.all(ids.map(async (id) => (await app.store.organisations.get(id))!.name));

    for (const name of names) await page.getByRole('checkbox', { name: `Välj ${name}`, exact: true }).check();
    await page.getByRole('button', { name: 'Skicka bekräftelsebegäran per e-post (3)' }).click();
    const report = page.getByTestId('send-report');
    await report.waitFor();
    expect(await report.locator(`li:has-text("${names[0]}")`).getAttribute('data-status')).toBe('SENT');
    expect(await report.locator(`li:has-text("${names[1]}")`).getAttribute('data-status')).toBe('FAILED');
    expect(await report.locator(`li:has-text("${names[2]}")`).getAttribute('data-status')).toBe('NO_ADDRESS');
    expect(await report.textContent()).toContain('ingen e-postadress');
    await screenshot(page, 'verify-bulk-report');
    await expectAccessible(page);

    const [message] = await smtp.waitFor(1);
    expect(message!.to).toEqual(['info@forening-ett.example']);
    expect(message!.subject).toContain(names[0]!);
    const link = new URL(/https?:\/\/\S+\/contact\/verify\?token=[\w-]+/.exec(message!.text)![0]);

    const { page: rep } = await app.newPage({ width: 360, height: 800 });
    await rep.goto(`${link.pathname}${link.search}`);
    await waitForApp(rep);
    await rep.getByRole('button', { name: 'Bekräfta uppgifterna' }).click();
    await rep.getByTestId('verify-done').waitFor();
    await expectAccessible(rep);
    await rep.goto(`/organisation/${encodeURIComponent(ids[0]!)}`);
    await waitForApp(rep);
    expect((await rep.getByTestId('about-facts').locator('.freshness').textContent())?.trim()).toMatch(/^Kontaktuppgifterna verifierade [a-zåäö]+ \d{4}$/);
    expect(await rep.getByTestId('about-facts').getByTestId('contact-channels').textContent()).toContain('info@forening-ett.example');
    await expectAccessible(rep);
  });
});
