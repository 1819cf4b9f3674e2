/// <reference lib="dom" />
/**
 * The import page in Chromium against the real server (issue 8): an admin uploads a generated
 * 10,000-row Windows-1252 semicolon CSV in chunks and sees the upload's progress, the preview
 * (encoding, delimiter, mapping selects, errors by row and column in the page’s language), confirms and rejects the
 * proposed matches, commits the valid rows with a progress bar and sees the report; signed-out
 * visitors and editors are told to sign in; the mapping can be changed; 360 px and keyboard;
 * axe (WCAG 2.1 A/AA) in every state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchChromium, screenshot, unreachableByKeyboard } from './helpers/app.js';
import { ACCOUNTS, PASSWORD, testServer, type TestServer } from '../helpers/harness.js';
import type { GraphStore } from '../../graph/store.js';
import { buildImportFile } from '../../bench/import/generate.js';
import { SEED_LIKE_ROWS as EXTRA } from '../helpers/import-rows.js';

const ADMIN = ACCOUNTS.admin.email;
const EDITOR = ACCOUNTS.editor.email;

/** The import page has hydrated (it marks its heading), so its controls run their scripts. */
async function waitForApp(page: Page): Promise<void> {
  await page.locator('h1[data-hydrated="true"]').waitFor();
}

/** Text as asserted: Swedish numbers group digits with a no-break space. */
const plain = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ').trim();

describe('web app: import', () => {
  let app: TestServer;
  let store: GraphStore;
  let server: { url: string };
  let browser: import('playwright-core').Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await testServer({ auth: { signInPerMinute: 1000, mutationsPerMinute: 120 } });
    ({ store } = app);
    server = { url: app.url };
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function newPage({ width = 1280, height = 900, signIn }: { width?: number; height?: number; signIn?: string } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, baseURL: server.url, locale: 'sv-SE' });
    contexts.push(context);
    context.setDefaultTimeout(120_000);
    if (signIn) {
      // The signIn mutation through the context's request API: its session cookie then applies to the page.
      const res = await context.request.post('/graphql', {
        headers: { 'content-type': 'application/json' },
        data: { query: 'mutation ($e: String!, $p: String!) { signIn(email: $e, password: $p) { viewer { role } errors { code } } }', variables: { e: signIn, p: PASSWORD } },
      });
      const body = (await res.json()) as { data: { signIn: { viewer: { role: string } | null } } };
      expect(body.data.signIn.viewer, `sign-in of ${signIn}`).not.toBeNull();
    }
    return context.newPage();
  }

  /** Samples the page's progress bars and live status while work runs, to see that progress was shown. */
  async function sampleProgress(page: Page) {
    await page.evaluate(() => {
      const seen: { id: string; value: number | null; status: string }[] = [];
      (window as unknown as { __progress: typeof seen }).__progress = seen;
      setInterval(() => {
        const status = document.querySelector('[data-testid="import-status"]')?.textContent ?? '';
        document.querySelectorAll('progress').forEach((p) => seen.push({ id: p.id, value: p.hasAttribute('value') ? p.value : null, status }));
        if (!document.querySelector('progress')) seen.push({ id: '', value: null, status });
      }, 25);
    });
    return async () => page.evaluate(() => (window as unknown as { __progress: { id: string; value: number | null; status: string }[] }).__progress);
  }

  it('uploads a 10,000-row Windows-1252 file with progress, previews it, confirms matches, commits with progress and reports', async () => {
    const file = Buffer.from(buildImportFile(10_000, { extraRows: EXTRA }));
    const page = await newPage({ signIn: ADMIN });
    await page.goto('/import');
    await waitForApp(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Importera kalkylblad');
    await expectAccessible(page);
    await screenshot(page, 'import-choose');

    // The file input is reached with the keyboard (the system's file dialog itself is not driven here).
    await page.getByRole('heading', { name: '1. Välj fil' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-file');
    await page.setInputFiles('#import-file', { name: 'föreningsbidrag-2026.csv', mimeType: 'text/csv', buffer: file });
    const samples = await sampleProgress(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-upload');
    const started = Date.now();
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: '2. Förhandsgranska' }).waitFor();
    const previewMs = Date.now() - started;
    const uploadSamples = (await samples()).filter((s) => s.id === 'import-upload-progress');
    expect(uploadSamples.length).toBeGreaterThan(0);
    expect(uploadSamples.every((s) => s.value !== null && s.value >= 0 && s.value <= 100)).toBe(true);
    expect((await samples()).some((s) => /Laddar upp: \d+ %/.test(s.status))).toBe(true);
    // Focus follows to the preview, and the live region says what it found.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-preview-heading');
    expect(plain(await page.getByTestId('import-status').textContent())).toContain('Förhandsgranskningen är klar: 10 003 rader, 1 fel, 2 föreslagna matchningar.');

    expect(await page.getByTestId('import-encoding').textContent()).toBe('windows-1252');
    expect(await page.getByTestId('import-delimiter').textContent()).toBe(';');
    expect(plain(await page.getByTestId('import-rows').textContent())).toBe('10 003');
    // Each column has a mapping select, set from its header.
    expect(await page.getByLabel('Fält för kolumnen Föreningens namn').inputValue()).toBe('name');
    expect(await page.getByLabel('Fält för kolumnen Målgrupper').inputValue()).toBe('targetGroups');
    expect(await page.getByTestId('import-preview').locator('tbody tr').count()).toBe(10);
    // The bad row, by row and column.
    const errors = page.getByTestId('import-errors');
    expect(await errors.locator('tbody tr').count()).toBe(1);
    const errorCells = (await errors.locator('tbody tr td').allTextContents()).map((s) => s.trim());
    expect(errorCells[1]).toBe('Målgrupper');
    // The API's sentence in the page's language, not the importer's English.
    expect(errorCells[2]).toMatch(/^”Marsianer” finns inte bland målgrupperna\./);
    expect(await errors.locator('tbody tr').getAttribute('data-code')).toBe('UNKNOWN_REFERENCE');
    await expectAccessible(page);
    await screenshot(page, 'import-preview');

    // Proposed matches: nothing is decided for the admin. All-or-nothing is blocked by the bad row and the open matches.
    const matches = page.getByTestId('import-matches');
    const stadsmission = matches.locator('fieldset', { has: page.locator('legend', { hasText: ': Stadsmissionen' }) });
    const fralsning = matches.locator('fieldset', { has: page.locator('legend', { hasText: ': Fralsningsarmén' }) });
    expect(await stadsmission.getByLabel('Inte beslutat').isChecked()).toBe(true);
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-blocked').textContent()).toContain('rader med fel');
    // Every proposal a new organisation, then Stadsmissionen confirmed as the seed's Stockholms Stadsmission (by keyboard).
    await page.getByRole('button', { name: 'Gör alla till nya organisationer' }).click();
    expect(await fralsning.getByLabel('En ny organisation').isChecked()).toBe(true);
    const confirm = stadsmission.getByLabel(/Samma som Stockholms Stadsmission/);
    await confirm.focus();
    await page.keyboard.press('Space');
    expect(await confirm.isChecked()).toBe(true);
    expect(await stadsmission.getByLabel('En ny organisation').isChecked()).toBe(false);
    expect(plain(await page.getByTestId('import-matches-open').textContent())).toBe('Obeslutade: 0');

    await page.getByLabel('De giltiga raderna').check();
    expect(await page.getByTestId('import-blocked').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'import-decided');

    const commitSamples = await sampleProgress(page);
    const committing = Date.now();
    await page.getByTestId('import-commit').click();
    await page.getByRole('heading', { name: 'Importen pågår' }).waitFor();
    const progress = page.getByRole('progressbar', { name: 'Importens förlopp' });
    if (await progress.isVisible()) {
      await screenshot(page, 'import-progress');
      await expectAccessible(page);
    }
    await page.getByTestId('import-report').waitFor();
    const commitMs = Date.now() - committing;
    const jobSamples = (await commitSamples()).filter((s) => s.id === 'import-job-progress');
    expect(jobSamples.length).toBeGreaterThan(0);
    expect((await commitSamples()).some((s) => s.status.startsWith('Importen har startat') || /: \d+ %/.test(s.status))).toBe(true);

    const outcome = plain(await page.getByTestId('import-outcome').textContent());
    expect(outcome).toContain('10 002 rader importerades i en transaktion');
    const summary = page.getByTestId('import-report-summary');
    expect(plain(await summary.locator('div', { hasText: 'Nya organisationer' }).locator('dd').textContent())).toBe('10 001');
    // The confirmed Stadsmission keeps its curated description (keep is the default, issue 22) and already has the name as an alias: not updated.
    expect(plain(await summary.locator('div', { hasText: 'Uppdaterade organisationer' }).locator('dd').textContent())).toBe('0');
    expect(await page.getByTestId('import-report-errors').locator('tbody tr').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-report-heading');
    expect(plain(await page.getByTestId('import-status').textContent())).toBe('Importen är klar: 10 002 rader importerades.');
    await expectAccessible(page);
    await screenshot(page, 'import-report');

    // In the store: the confirmed match kept its name and took the file's as an alias.
    const org = (await store.organisations.get('org:stockholms-stadsmission'))!;
    expect(org.aliases).toContain('Stadsmissionen');
    console.log(`[import page] 10,003 rows (${(file.byteLength / 1024 / 1024).toFixed(2)} MB): upload + preview ${previewMs} ms, commit ${commitMs} ms`);
  });

  it('tells signed-out visitors and editors to sign in, in Swedish and English', async () => {
    const anon = await newPage();
    await anon.goto('/import');
    await waitForApp(anon);
    const denied = anon.getByTestId('import-denied');
    expect(await denied.getByRole('heading').textContent()).toBe('Logga in för att importera');
    expect(await denied.getByRole('link', { name: 'Logga in' }).getAttribute('href')).toBe('/sign-in');
    expect(await anon.locator('#import-file').count()).toBe(0);
    await expectAccessible(anon);
    await screenshot(anon, 'import-signed-out');

    await anon.goto('/en/import');
    await waitForApp(anon);
    expect(await anon.getByTestId('import-denied').getByRole('heading').textContent()).toBe('Sign in to import');
    expect(await anon.getByTestId('import-denied').getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/en/sign-in');
    await expectAccessible(anon);

    const editor = await newPage({ signIn: EDITOR });
    await editor.goto('/import');
    await waitForApp(editor);
    const refused = editor.getByTestId('import-denied');
    expect(await refused.getByRole('heading').textContent()).toBe('Du har inte behörighet att importera');
    expect(await refused.textContent()).toContain('Eda Editor');
    expect(await refused.getByRole('link', { name: 'Logga in med ett annat konto' }).count()).toBe(1);
    await expectAccessible(editor);
    await screenshot(editor, 'import-editor');
  });

  it('works at 360 px and by keyboard: a small file, a changed mapping, a rejected file type', async () => {
    const lines = ['Namn;Organisationsnummer;Målgrupper;Anteckning', 'Stadsmissionen;;Personer i hemlöshet;intern', 'Nya Läxhjälpen i Rinkeby;;Barn och unga;ny', 'Felnumrets förening;12;Barn och unga;fel', 'Nya Läxhjälpen i Rinkeby;;Barn och unga;ny'];
    const file = Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
    const page = await newPage({ width: 360, height: 800, signIn: ADMIN });
    await page.goto('/en/import');
    await waitForApp(page);

    await page.setInputFiles('#import-file', { name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    expect(await page.getByRole('alert').textContent()).toContain('CSV or XLSX');
    await page.setInputFiles('#import-file', { name: 'small.csv', mimeType: 'text/csv', buffer: file });
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByTestId('import-upload').click();
    await page.getByRole('heading', { name: '2. Preview' }).waitFor();
    expect(await page.getByLabel('Field for the column Anteckning').inputValue()).toBe('');
    expect(await page.getByText('Unknown header').count()).toBe(1);
    // The row problem in English on the English page.
    const problem = (await page.getByTestId('import-errors').locator('tbody tr td').allTextContents()).map((s) => s.trim());
    expect(problem).toEqual(['4', 'Organisationsnummer', '"12" is not a valid Swedish organisation number (ten digits, NNNNNN-NNNN, with a correct check digit).']);
    // The repeated row is a warning (skipped), shown apart from the errors.
    expect(await page.getByRole('heading', { name: 'Warnings by row (1)' }).count()).toBe(1);
    const warning = page.getByTestId('import-warnings').locator('tbody tr');
    expect(await warning.getAttribute('data-code')).toBe('DUPLICATE_ROW');
    expect((await warning.locator('td').allTextContents()).map((s) => s.trim())[0]).toBe('5');

    // Map the name column away: the preview names the missing field and keeps the selects to fix it.
    await page.getByLabel('Field for the column Namn').selectOption('');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await page.getByTestId('import-remap').click();
    await page.getByTestId('import-mapping-errors').waitFor();
    const mappingError = page.getByTestId('import-mapping-errors').locator('li');
    expect(await mappingError.getAttribute('data-field')).toBe('columns.name');
    expect(await mappingError.textContent()).toMatch(/^No column fills the name field, which is required\./);
    await page.getByLabel('Field for the column Namn').selectOption('name');
    await page.getByLabel('Field for the column Anteckning').selectOption('description');
    await page.getByTestId('import-remap').click();
    await page.getByTestId('import-mapping-errors').waitFor({ state: 'detached' });
    expect(await page.getByLabel('Field for the column Anteckning').inputValue()).toBe('description');

    // No sideways scrolling of the page itself at 360 px (wide tables scroll in their own region).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const { missed } = await unreachableByKeyboard(page);
    // Radios are one tab stop per group (arrow keys move within it): the groups are checked above (a field change's choices too).
    expect(missed.filter((m) => !/^input "(match-\d+|import-mode|change-[\w-]+)"$/.test(m))).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'import-preview-360');
  });
});

describe('import page model', () => {
  const match = (line: number, id: string) => ({ line, name: `Rad ${line}`, orgNumber: null, status: 'PENDING' as const, candidates: [{ organisationId: id, name: id, orgNumber: null, score: 0.9, reason: 'fuzzy' }] });
  const summary = { rows: 3, validRows: 2, invalidRows: 1, duplicateRows: 0, pendingRows: 2, importedRows: 0, organisationsCreated: 0, organisationsUpdated: 0, organisationsKept: 0, agreementsCreated: 0, collaborationsCreated: 0, links: 0 };

  it('sends only decided matches, an id or null for a new organisation', async () => {
    const { decisionsInput, undecided, confirmAll, rejectAll } = await import('../../web/src/lib/import/model.js');
    const matches = [match(5, 'org:a'), match(7, 'org:b'), match(9, 'org:c')];
    expect(decisionsInput({ 5: 'org:a', 7: 'new', 9: null })).toEqual([
      { line: 5, organisationId: 'org:a' },
      { line: 7, organisationId: null },
    ]);
    expect(undecided(matches, { 5: 'org:a' })).toBe(2);
    expect(confirmAll(matches)).toEqual({ 5: 'org:a', 7: 'org:b', 9: 'org:c' });
    expect(rejectAll(matches)).toEqual({ 5: 'new', 7: 'new', 9: 'new' });
  });

  it('blocks all-or-nothing while rows are bad or matches open, and weights progress by phase', async () => {
    const { blocker, overall, problemCells, formatOf, acceptable } = await import('../../web/src/lib/import/model.js');
    const preview = { summary, errors: [{ line: 3, column: 'Målgrupper', field: 'targetGroups', message: 'a' }, { line: 3, column: 'Målgrupper', field: 'targetGroups', message: 'b' }] } as never;
    expect(blocker(preview, 'ALL', 0)).toBe('import.blocked.errors');
    expect(blocker(preview, 'VALID', 2)).toBeNull();
    expect(blocker({ summary: { ...summary, invalidRows: 0 } } as never, 'ALL', 1)).toBe('import.blocked.pending');
    expect(blocker({ summary: { ...summary, invalidRows: 0, validRows: 0 } } as never, 'VALID', 0)).toBe('import.blocked.nothing');
    expect(problemCells(preview).get('3|Målgrupper')).toEqual(['a', 'b']);
    expect(overall({ phase: 'READ', done: 0, total: 1 })).toBe(0);
    expect(overall({ phase: 'WRITE', done: 50, total: 100 })).toBeCloseTo(0.7);
    expect(overall({ phase: 'DONE', done: 1, total: 1 })).toBe(1);
    expect(overall({ phase: 'WRITE', done: 5, total: 0 })).toBeCloseTo(0.4);
    expect(formatOf('Lista.XLSX')).toBe('XLSX');
    expect(formatOf('lista.csv')).toBe('CSV');
    expect(acceptable('lista.pdf')).toBe(false);
  });
});
