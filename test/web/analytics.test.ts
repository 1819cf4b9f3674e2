/// <reference lib="dom" />
/**
 * End to end in Chromium, the coordinator's pages: the overlap network (cytoscape, laid out by the API) with
 * its table, and the district coverage map (SVG from the seeded geometry) with its heatmap table.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appForSuite, expectAccessible, screenshot, unreachableByKeyboard, waitForApp } from './helpers/app.js';

/** The network page after a refused or failed fetch: no graph, the filter form still there, and accessible. */
async function expectFormWithoutGraph(page: Page): Promise<void> {
  expect(await page.getByTestId('overlap-network').count()).toBe(0);
  expect(await page.getByLabel('Målgrupp').isVisible()).toBe(true);
  await expectAccessible(page);
}

describe('web app: overlap network and district coverage', () => {
  const app = appForSuite();

  it('a coordinator opens the overlap network for older people and clicks an edge', async () => {
    // Tall enough for the form and the whole canvas: the click goes to a point on the canvas.
    const { page } = await app.newPage({ height: 1400 });
    await page.goto('/');
    await waitForApp(page);
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Överlappsnätverk' }).click();
    await page.waitForURL(/\/network$/);
    await page.getByLabel('Målgrupp').selectOption('tg:aldre');
    await page.getByRole('button', { name: 'Visa nätverket' }).click();
    await page.waitForURL(/tg=tg%3Aaldre/);
    const canvas = page.getByTestId('overlap-network');
    await expect.poll(() => canvas.getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    const summary = await page.getByTestId('network-summary').textContent();
    const [nodes, edges] = summary!.match(/\d+/g)!.map(Number);
    expect(nodes).toBeGreaterThan(2);
    expect(edges).toBeGreaterThan(0);
    // The table shows the same edges, 50 rows a page (drawn after the network).
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(Math.min(edges!, 50));
    // What each pair shares is asked for once the network is drawn, and fills the table's column.
    await expect.poll(() => page.locator('table tbody tr td.shared').first().textContent()).toMatch(/^(?!Hämtar detaljerna)\S/);

    // Click the midpoint of the longest overlap edge (clear of the nodes) on the canvas (the viewport is tall enough to hold it).
    const target = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core };
      const list = el.cy.edges('[kind != "collaboration"]').toArray().map((e) => {
        const s = e.source().renderedPosition();
        const t = e.target().renderedPosition();
        return { e, length: Math.hypot(s.x - t.x, s.y - t.y) };
      });
      list.sort((a, b) => b.length - a.length);
      const best = list[0]!.e;
      const mid = best.renderedMidpoint();
      const box = el.getBoundingClientRect();
      return { x: box.left + mid.x, y: box.top + mid.y, key: best.data('key') as string, a: best.source().data('name') as string, b: best.target().data('name') as string };
    });
    await page.mouse.click(target.x, target.y);
    const panel = page.getByTestId('network-selection');
    // Edges may cross at that point: whichever edge the click selected, the panel says what those two share.
    await expect.poll(() => panel.getByTestId('edge-title').count(), { timeout: 10_000 }).toBe(1);
    const picked = await page.evaluate(() => (document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core }).cy.edges(':selected').map((e) => ({ a: e.source().data('name') as string, b: e.target().data('name') as string })));
    expect(picked.length).toBe(1);
    expect(await panel.getByTestId('edge-title').textContent()).toBe(`Vad ${picked[0]!.a} och ${picked[0]!.b} delar`);
    expect(await panel.locator('.reasons li').count()).toBeGreaterThan(0);
    expect(await panel.textContent()).toMatch(/Överlapp \d/);
    await screenshot(page, 'network-older-people-edge');
    await expectAccessible(page);

    // The table is the same data: choosing a row shows that pair in the panel.
    const firstRowButton = page.locator('table tbody tr').first().getByRole('button');
    await firstRowButton.click();
    expect(await firstRowButton.getAttribute('aria-pressed')).toBe('true');
    expect(await panel.getByTestId('edge-title').textContent()).toMatch(/^Vad .+ och .+ delar$/);
  });

  it('pages the overlap table 50 rows at a time and follows a selection made in the graph', async () => {
    const { page } = await app.newPage();
    await page.goto('/network?min=0&first=100&per=0');
    await waitForApp(page);
    await expect.poll(() => page.getByTestId('overlap-network').getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    const rows = page.locator('table tbody tr');
    const pager = page.getByTestId('edge-table-pager');
    // The table comes after the network's first frame.
    await expect.poll(() => rows.count()).toBe(50);
    expect(await pager.locator('p').textContent()).toBe('Rad 1–50 av 100');
    const first = await rows.first().textContent();
    await pager.getByRole('button', { name: 'Nästa sida' }).click();
    expect(await pager.locator('p').textContent()).toBe('Rad 51–100 av 100');
    expect(await rows.count()).toBe(50);
    expect(await rows.first().textContent()).not.toBe(first);
    expect(await pager.getByRole('button', { name: 'Nästa sida' }).isDisabled()).toBe(true);
    await expectAccessible(page);
    // Choosing the strongest overlap in the graph brings its row (on page 1) back into view, marked.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core };
      const strongest = el.cy.edges('[kind != "collaboration"]').max((e) => e.data('score') as number).ele;
      strongest.emit('tap');
    });
    await expect.poll(() => pager.locator('p').textContent()).toBe('Rad 1–50 av 100');
    expect(await page.locator('table tbody tr.selected').count()).toBe(1);
    // The row's button is named by the pair it shows, punctuated as written (no stray space before the colon).
    const pair = await page.locator('table tbody tr.selected td').first().textContent();
    const names = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="overlap-network"]') as HTMLElement & { cy: import('cytoscape').Core };
      const e = el.cy.edges(':selected')[0]!;
      return [e.source().data('name') as string, e.target().data('name') as string];
    });
    expect(pair).toContain(names[0]);
    expect(await page.getByRole('button', { name: `Visa i nätverket: ${names[0]} – ${names[1]}`, exact: true }).count()).toBe(1);
  });

  it('asks to narrow a network the API refuses as too large, keeping the filter form', async () => {
    const { page } = await app.newPage();
    await page.goto('/network?tg=tg%3Aaldre');
    await waitForApp(page);
    // The seeded city is far below the server's limit (2,000 organisations in one view), so the
    // browser's overlaps request is answered as the server answers a whole country (server/graphql/errors.ts).
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('OverlapNetwork')) return route.continue();
      await route.fulfill({
        status: 200,
        contentType: 'application/graphql-response+json',
        body: JSON.stringify({ data: null, errors: [{ message: 'The filter matches 250000 organisations; the overlap graph is limited to 2000. Narrow the filter.', extensions: { code: 'QUERY_TOO_COMPLEX', reason: 'RESULT_TOO_LARGE', field: 'filter' } }] }),
      });
    });
    await page.getByLabel('Målgrupp').selectOption('');
    await page.getByRole('button', { name: 'Visa nätverket' }).click();
    await expect.poll(() => page.getByTestId('network-too-broad').textContent()).toContain('för många organisationer');
    await expectFormWithoutGraph(page);
  });

  it('serves the network page without the graph: the browser fetches it, and the placeholder keeps the graph’s place', async () => {
    // The server's page: the form and a loading state, not the overlap graph (a few hundred KB to parse and hydrate).
    const html = await (await fetch(`${app.url}/network?tg=tg%3Aaldre&first=500&min=0`)).text();
    expect(html).toContain('Hämtar nätverket');
    expect(html).toContain('id="net-tg"');
    expect(html).not.toContain('OverlapNetwork');
    expect(html).not.toContain('collaborationEdges');
    const { page } = await app.newPage();
    // The graph's request is held until the placeholder is measured.
    const requests: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('OverlapNetwork')) {
        requests.push(body);
        await held;
      }
      await route.continue();
    });
    await page.goto('/network?tg=tg%3Aaldre', { waitUntil: 'domcontentloaded' });
    await expect.poll(() => requests.length, { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('network-loading').textContent()).toBe('Hämtar nätverket …');
    // The placeholder has the canvas's place and height, so the page does not shift when the graph is drawn.
    const placeholder = await page.locator('.placeholder').boundingBox();
    release();
    await expect.poll(() => page.getByTestId('overlap-network').getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    const canvas = await page.getByTestId('overlap-network').boundingBox();
    expect(Math.abs(placeholder!.y - canvas!.y)).toBeLessThan(2);
    expect(Math.abs(placeholder!.height - canvas!.height)).toBeLessThan(2);
    expect(requests.filter((b) => b.includes('OverlapNetwork'))).toHaveLength(1);
    await expect.poll(() => page.locator('table tbody tr').count()).toBeGreaterThan(0);
  });

  it('says so by the form when the browser cannot fetch the network', async () => {
    const { page } = await app.newPage();
    await page.route('**/graphql', async (route) => {
      if (!(route.request().postData() ?? '').includes('OverlapNetwork')) return route.continue();
      await route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad gateway' });
    });
    await page.goto('/network?tg=tg%3Aaldre');
    await waitForApp(page);
    const alert = page.getByTestId('network-failed');
    await expect.poll(() => alert.textContent()).toContain('Nätverket kunde inte hämtas');
    expect(await alert.getAttribute('role')).toBe('alert');
    await expectFormWithoutGraph(page);
  });

  it('shows the 11 current stadsdelsområden by default and the 13 of 2020–2023 on choice, colouring the map and listing a district’s organisations', async () => {
    const { page } = await app.newPage();
    await page.goto('/coverage');
    await waitForApp(page);
    const paths = page.locator('[data-testid="coverage-map"] path[data-district]');
    const ids = () => paths.evaluateAll((els) => els.map((e) => e.getAttribute('data-district')!));
    // Since 2023-07-01: Järva (Rinkeby-Kista and Spånga-Tensta) and Norra innerstaden (Norrmalm and Östermalm).
    const current = await ids();
    expect(current).toHaveLength(11);
    expect(current).toEqual(expect.arrayContaining(['district:sdo-jarva', 'district:sdo-norra-innerstaden', 'district:sdo-sodermalm', 'district:sdo-hagersten-alvsjo']));
    for (const ceased of ['district:sdo-rinkeby-kista', 'district:sdo-spanga-tensta', 'district:sdo-norrmalm', 'district:sdo-ostermalm']) expect(current).not.toContain(ceased);
    expect(await page.getByTestId('coverage-division').textContent()).toBe('Indelningen som gäller sedan 2023-07-01. Nedlagda organisationer räknas inte.');
    expect(await page.locator('[data-testid="coverage-matrix"] tbody th').allTextContents()).toEqual(expect.arrayContaining(['Järva', 'Norra innerstaden']));
    expect(await page.locator('[data-testid="coverage-matrix"] tbody tr').count()).toBe(11);
    const period = page.getByLabel('Indelning');
    expect(await period.locator('option').allTextContents()).toEqual(['Sedan 2023-07-01 (nuvarande): 11 stadsdelsområden', '2020-07-01–2023-06-30: 13 stadsdelsområden']);

    const fills = await paths.evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-district'), fill: e.getAttribute('fill'), count: Number(e.getAttribute('data-count')), d: e.getAttribute('d') ?? '' })));
    for (const f of fills) {
      expect(f.fill, f.id!).toMatch(/^#[0-9a-f]{6}$/);
      expect(f.d.length, f.id!).toBeGreaterThan(50);
    }
    // Colour follows the count: more organisations, a darker blue, and not all the same.
    const byCount = [...fills].sort((a, b) => a.count - b.count);
    expect(byCount[0]!.count).toBeLessThan(byCount.at(-1)!.count);
    expect(byCount[0]!.fill).not.toBe(byCount.at(-1)!.fill);
    // The shapes fill the map (projected, not one degenerate point); Järva is drawn from its stadsdelar.
    const box = await page.getByTestId('coverage-map').boundingBox();
    const södermalm = await page.locator('path[data-district="district:sdo-sodermalm"]').boundingBox();
    expect(södermalm!.width).toBeGreaterThan(10);
    expect(södermalm!.width).toBeLessThan(box!.width / 2);
    expect((await page.locator('path[data-district="district:sdo-jarva"]').boundingBox())!.width).toBeGreaterThan(10);
    await screenshot(page, 'coverage-current-division');
    await expectAccessible(page);

    // A district's organisations; one counted only through an inferred fact says so.
    await page.locator('path[data-district="district:sdo-sodermalm"]').click();
    await page.waitForURL(/sel=district%3Asdo-sodermalm/);
    const panel = page.getByTestId('coverage-selected');
    await expect.poll(() => panel.getByRole('heading', { level: 2 }).textContent()).toBe('Organisationer i Södermalm');
    const expected = fills.find((f) => f.id === 'district:sdo-sodermalm')!.count;
    expect(expected).toBeGreaterThan(0);
    expect(await panel.locator('h3').first().textContent()).toContain(`(${expected})`);
    // The note counts the local list's (the city-wide and county-wide ones are listed below it).
    const inferred = await panel.locator('ul').first().getByTestId('inferred').count();
    if (inferred) expect(await panel.textContent()).toContain(`${inferred} av dem räknas bara genom härledda uppgifter.`);

    // The 2020–2023 division: 13, with the four areas that were merged in 2023.
    await period.selectOption({ label: '2020-07-01–2023-06-30: 13 stadsdelsområden' });
    await page.getByRole('button', { name: 'Visa täckning' }).click();
    await page.waitForURL(/period=2020-07-01/);
    await expect.poll(() => paths.count()).toBe(13);
    const old = await ids();
    expect(old).toEqual(expect.arrayContaining(['district:sdo-rinkeby-kista', 'district:sdo-spanga-tensta', 'district:sdo-norrmalm', 'district:sdo-ostermalm', 'district:sdo-hagersten-alvsjo']));
    expect(old).not.toContain('district:sdo-jarva');
    expect(await page.getByTestId('coverage-division').textContent()).toBe('Indelningen som gällde 2020-07-01–2023-06-30. Nedlagda organisationer räknas inte.');
    expect(await page.locator('[data-testid="coverage-matrix"] tbody tr').count()).toBe(13);
    await screenshot(page, 'coverage-2020-division');
    await expectAccessible(page);

    await page.goto('/coverage?level=sd');
    expect(await page.locator('[data-testid="coverage-map"] path[data-district]').count()).toBeGreaterThan(100);
    await screenshot(page, 'coverage-stadsdelar');
  });

  it('keeps the analytics pages keyboard-reachable and translated', async () => {
    const { page } = await app.newPage();
    for (const path of ['/network?tg=tg%3Aaldre', '/coverage?tg=tg%3Aaldre']) {
      await page.goto(path);
      await waitForApp(page);
      const reach = await unreachableByKeyboard(page);
      expect(reach.missed, path).toEqual([]);
    }
    await page.goto('/en/coverage?tg=tg%3Aaldre');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Coverage by district');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectAccessible(page);
    await page.goto('/en/network?tg=tg%3Aaldre');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Overlap network');
    await expect.poll(() => page.getByTestId('overlap-network').getAttribute('data-status'), { timeout: 30_000 }).toBe('ready');
    await expectAccessible(page);
  });
});
