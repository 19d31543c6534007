import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { seedReports, type ReportSeed } from '../support/report-fixtures.ts';

/**
 * The HTML reports in a real headless Chromium (Debian's, /usr/bin/chromium;
 * `.ci/run` installs it): the server-rendered SVG charts are there, laid out
 * with a size, show the seeded figures, nothing logs an error, and a script
 * an organiser typed into an event name is shown as text, never run. One
 * browser for the file.
 */
const api = useTestApi();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INJECTED = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">Spring';

let seed: ReportSeed;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  seed = await seedReports(api.call, () => api.bus.drain(), { early: INJECTED });
  profile = mkdtempSync(path.join(tmpdir(), 'eventos-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await context.setExtraHTTPHeaders({ authorization: `Bearer ${await api.token('admin', 'report-reader')}` });
}, 180_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens a report page, collecting what the console and the page report as errors. */
async function open(url: string): Promise<{ page: Page; errors: string[]; headers: Record<string, string> }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(`${api.apiUrl}${url}`);
  expect(res?.status()).toBe(200);
  return { page, errors, headers: res!.headers() };
}

/** Every chart: an SVG with a non-zero box; returns the texts drawn in each, by figure id. */
async function charts(page: Page): Promise<Record<string, string[]>> {
  const figures = page.locator('figure.chart');
  const out: Record<string, string[]> = {};
  for (let i = 0; i < (await figures.count()); i++) {
    const figure = figures.nth(i);
    const svg = figure.locator('svg');
    expect(await svg.count()).toBe(1);
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(100);
    expect(box!.height).toBeGreaterThan(100);
    expect(await svg.locator('path, rect').count()).toBeGreaterThan(2);
    out[(await figure.getAttribute('id'))!] = (await svg.locator('text').allTextContents()).map((t) => t.trim());
  }
  return out;
}

async function expectInjectionInert(page: Page) {
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('body script').count()).toBe(0);
  expect(await page.locator('body img').count()).toBe(0);
}

describe('HTML reports in headless Chromium', () => {
  it('the period report: tables and SVG charts with the seeded figures; the injected name is text', async () => {
    const q = `from=${encodeURIComponent(seed.from)}&to=${encodeURIComponent(seed.to)}`;
    const { page, errors, headers } = await open(`/v1/reports/period.html?${q}`);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['content-security-policy']).not.toContain('script-src');

    const texts = await charts(page);
    expect(Object.keys(texts).sort()).toEqual(['attendance-chart', 'revenue-chart', 'sales-chart']);
    // Bars labelled with tickets sold (4 and 4) and capacity (100, 50); checked in 3 and 1, no-shows 1 and 3.
    expect(texts['sales-chart']).toEqual(expect.arrayContaining(['4', '100', '50']));
    expect(texts['attendance-chart']).toEqual(expect.arrayContaining(['3', '1']));
    // Net revenue of the week: 335.00 paid − 85.00 refunded.
    expect(texts['revenue-chart']).toContain('250');
    // The event names are the category axis, the injected one as its literal text.
    expect(texts['sales-chart']!.some((t) => t.includes('<script>window.__pwned'))).toBe(true);

    const rows = await page.locator('#events tbody tr').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(INJECTED);
    expect(rows[0]).toContain('90.00 EUR');
    expect(rows[1]).toContain('160.00 EUR');
    expect(await page.locator('#top-customers tbody tr').first().innerText()).toContain(seed.emails.alice);
    await expectInjectionInert(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an event's report: summary, velocity against the earlier event, revenue per day", async () => {
    const { page, errors } = await open(`/v1/events/${seed.late.id}/report.html`);
    expect(await page.locator('h1').innerText()).toBe(seed.late.name);
    const summary = await page.locator('#summary tbody tr').innerText();
    for (const figure of ['50', '4', '8.0 %', '160.00 EUR', '25.0 %', '75.0 %']) expect(summary).toContain(figure);
    const texts = await charts(page);
    expect(Object.keys(texts).sort()).toEqual(['revenue-chart', 'velocity-chart']);
    expect(texts['velocity-chart']).toEqual(expect.arrayContaining(['19', '0', '4']));
    expect(await page.locator('#velocity-chart figcaption').innerText()).toContain('Earlier events (mean)');
    expect(texts['revenue-chart']).toContain('160');
    expect(await page.locator('#earlier tbody tr').innerText()).toContain(INJECTED);
    await expectInjectionInert(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the early event, whose own name carries the script, renders it as its title', async () => {
    const { page, errors } = await open(`/v1/events/${seed.early.id}/report.html`);
    expect(await page.locator('h1').innerText()).toBe(INJECTED);
    expect(await page.title()).toBe(INJECTED);
    await charts(page);
    await expectInjectionInert(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
