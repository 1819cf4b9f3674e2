/// <reference lib="dom" />
/**
 * The real app for browser tests: the seeded store on the engine under test (test/helpers/server.ts), the server (API and built
 * web app) on a random port, and Debian's Chromium driven by playwright-core.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, expect } from 'vitest';
import type { GraphStore } from '../../../graph/store.js';
import { testServer, type TestServer, type TestServerOptions } from '../../helpers/harness.js';
import { ACCOUNTS } from '../../helpers/harness.js';
export { ACCOUNTS };

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('artifacts/screenshots');

export interface App {
  url: string;
  /** The organisation the representative account represents (Stockholms Stadsmission). */
  representedOrganisation: string;
  browser: Browser;
  store: GraphStore;
  /** The server with its accounts and clients. */
  server: TestServer;
  newPage(options?: { width?: number; height?: number }): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

export async function startApp(options: TestServerOptions = {}): Promise<App> {
  const running: TestServer = await testServer({ ...options, auth: { signInPerMinute: 1000, ...options.auth } });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await running.close();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    url: running.url,
    representedOrganisation: running.users.repOrg,
    browser,
    store: running.store,
    server: running,
    async newPage({ width = 1280, height = 900 } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, baseURL: running.url, locale: 'sv-SE' });
      contexts.push(context);
      // Generous: the machines running CI are shared and slow; these are not performance checks.
      context.setDefaultTimeout(60_000);
      const page = await context.newPage();
      return { page, context };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await running.close();
    },
  };
}

/**
 * The app for the enclosing `describe`: started before its tests, closed after them. Its members
 * are read when a test runs, so suites do not each repeat the set-up and tear-down.
 */
export function appForSuite(options: () => TestServerOptions = () => ({})): App {
  let started: App | undefined;
  beforeAll(async () => {
    started = await startApp(options());
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as App, {
    get(_, key) {
      if (!started) throw new Error('the app starts in beforeAll: use it inside a hook or a test');
      const value = started[key as keyof App];
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (.ci/run does it)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * axe-core on the page: no WCAG 2.1 A or AA violations, reported readably when there are some.
 * Every WCAG 2.1 A and AA rule runs; two settings only save work. Legacy mode runs axe in the page
 * itself: the default opens a blank page to merge the frames' partial results, and these pages
 * have no frames. `resultTypes: ['violations']` skips collecting every passing node's details.
 */
export async function expectAccessible(page: Page): Promise<number> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).options({ resultTypes: ['violations'] }).setLegacyMode(true).analyze();
  const report = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(report, `axe violations on ${page.url()}`).toEqual([]);
  return result.passes.length;
}

/** Signs in through the sign-in page with the keyboard only, and waits for the header to show the viewer. */
export async function signInWithKeyboard(page: Page, email: string, password: string = ACCOUNTS.password, path = '/sign-in'): Promise<void> {
  await page.goto(path);
  await waitForApp(page);
  await page.getByLabel(/^(E-postadress|E-mail address)$/).focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('viewer').waitFor();
}

/** Opens each path in `page` and expects no sideways scrolling (the page is no wider than its window). */
export async function expectNoSidewaysScroll(page: Page, paths: readonly string[]): Promise<void> {
  for (const path of paths) {
    await page.goto(path);
    await waitForApp(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
}

/** The page has finished hydrating (SvelteKit marks the body once it started). */
export async function waitForApp(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.body.dataset['hydrated'] === 'true' || (window as unknown as { __sveltekit_started?: boolean }).__sveltekit_started === true, undefined, { timeout: 15_000 }).catch(() => undefined);
}

/**
 * Presses Tab from the top of the page until focus comes back round, and returns the visible,
 * enabled controls that were never reached (the test expects none).
 */
export async function unreachableByKeyboard(page: Page, maxTabs = 800): Promise<{ missed: string[]; reached: number; controls: number }> {
  const controls = await page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const list: { key: string; label: string }[] = [];
    document.querySelectorAll<HTMLElement>(selector).forEach((el, i) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const insideClosedDetails = el.tagName !== 'SUMMARY' && el.closest('details:not([open])');
      const nestedSummaryHidden = el.tagName === 'SUMMARY' && el.parentElement?.parentElement?.closest('details:not([open])');
      const visible = style.visibility !== 'hidden' && style.display !== 'none' && (rect.width > 0 || rect.height > 0 || el.classList.contains('skip-link'));
      if ((el as HTMLButtonElement).disabled || insideClosedDetails || nestedSummaryHidden || !visible) return;
      el.dataset['kbd'] = String(i);
      list.push({ key: String(i), label: `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 50) || (el as HTMLInputElement).name}"` });
    });
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return list;
  });
  // Record every element focus lands on while Tab is pressed round the whole page (and a bit more).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __kbdSeen: string[] }).__kbdSeen = seen;
    document.addEventListener('focusin', (e) => {
      const key = (e.target as HTMLElement | null)?.dataset?.['kbd'];
      if (key) seen.push(key);
    });
  });
  for (let i = 0; i < Math.min(maxTabs, controls.length + 10); i++) await page.keyboard.press('Tab');
  const reached = new Set(await page.evaluate(() => (window as unknown as { __kbdSeen: string[] }).__kbdSeen));
  return { missed: controls.filter((c) => !reached.has(c.key)).map((c) => c.label), reached: reached.size, controls: controls.length };
}
