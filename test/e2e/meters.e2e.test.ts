/**
 * Приборы учёта in a real browser against a real server on a fresh database with the demo town (its meters
 * and six months of readings): the operator enters readings for a house in the entry grid — type, Enter,
 * next row — and they are stored; a reading below the previous one is refused on its row; the meter card
 * shows the reading and the consumption chart. Needs web/dist (`npm run build -w web`).
 * Screenshots go to .tmp/screenshots/meters-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshotDir = path.join(repoRoot, '.tmp', 'screenshots');
const WAIT = { timeout: 15_000 };

type GridRow = {
  meterId: number;
  premiseLabel: string;
  zones: string[];
  lastReading: { readOn: string; values: Record<string, string> } | null;
};
type Reading = { readOn: string; values: Record<string, string>; state: string; source: string };

let server: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
let cookie = '';
let houseId = 0;
let rows: GridRow[] = [];

async function apiGet<T>(url: string): Promise<T> {
  const response = await fetch(`${server!.url}/api/v1${url}`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A value `add` above the last one, with the meter's three decimals. */
const above = (value: string, add: number) => (Number(value) + add).toFixed(3);

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  server = await startTestServer();
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'demo' }),
  });
  cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  // a demo house whose first three grid rows are single-zone meters with readings
  const meters = await apiGet<{ items: { houseId: number }[] }>('/meters?pageSize=200&resource=cold_water');
  for (const id of [...new Set(meters.items.map((m) => m.houseId))]) {
    const grid = await apiGet<{ items: GridRow[] }>(`/houses/${id}/meter-grid`);
    if (
      grid.items
        .slice(0, 3)
        .every((r) => r.zones.length === 1 && r.lastReading && r.lastReading.readOn < today())
    ) {
      houseId = id;
      rows = grid.items;
      break;
    }
  }
  expect(houseId).toBeGreaterThan(0);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const focusedCell = (page: Page) =>
  page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('data-cell')");

describe('the house entry grid', { timeout: 90_000 }, () => {
  it('enters readings row by row with Enter; they are stored; a wrong one is refused on its row', async () => {
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU' });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    await page.goto(`${server!.url}/login`);
    await page.getByLabel('Логин', { exact: true }).fill('admin');
    await page.getByLabel('Пароль', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByTestId('user-name').waitFor();

    await page
      .getByRole('navigation', { name: 'Модули' })
      .getByRole('link', { name: 'Приборы учёта' })
      .click();
    await page.getByRole('heading', { name: 'Ввод показаний по дому' }).waitFor();
    await page.goto(`${server!.url}/meters/entry?house=${houseId}`);
    const grid = page.getByTestId('entry-grid');
    await grid.waitFor();
    expect(await focusedCell(page)).toBe('0-0'); // the first row is ready for typing

    const [first, second, third] = rows as [GridRow, GridRow, GridRow];
    const v1 = above(first.lastReading!.values.single!, 4.25);
    const v2 = above(second.lastReading!.values.single!, 3.5);
    await page.keyboard.type(v1.replace('.', ',')); // a decimal comma, as an operator types it
    await page.keyboard.press('Enter');
    expect(await focusedCell(page)).toBe('1-0');
    await page.keyboard.type(v2);
    await page.keyboard.press('Enter');
    expect(await focusedCell(page)).toBe('2-0');
    await page.keyboard.type('0'); // below the previous reading
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByTestId(`status-${first.meterId}`).textContent()).toMatch(/объём 4\.25/);
    await expect.poll(() => page.getByTestId(`status-${second.meterId}`).textContent()).toMatch(/объём 3\.5/);
    await expect
      .poll(() => page.getByTestId(`status-${third.meterId}`).textContent())
      .toContain('меньше предыдущего показания');
    await page.screenshot({ path: path.join(screenshotDir, 'meters-01-entry-grid.png') });

    for (const [row, value] of [
      [first, v1],
      [second, v2],
    ] as const) {
      const stored = await apiGet<{ items: Reading[] }>(`/meters/${row.meterId}/readings`);
      const last = stored.items.at(-1)!;
      expect(last).toMatchObject({ readOn: today(), source: 'operator' });
      expect(Number(last.values.single)).toBe(Number(value));
    }
    const refused = await apiGet<{ items: Reading[] }>(`/meters/${third.meterId}/readings`);
    expect(refused.items.at(-1)!.readOn).toBe(third.lastReading!.readOn);

    // the meter card shows the new reading, and the consumption chart
    await grid
      .getByRole('link', {
        name: (await grid.locator(`tr[data-meter-id="${first.meterId}"] a`).textContent())!,
      })
      .click();
    const readings = page.getByRole('grid', { name: 'Показания прибора' });
    // the table shows a «Загрузка…» row until the readings come: wait for the reading itself
    await expect
      .poll(() => readings.locator('tbody tr').first().textContent())
      .toContain(v1.replace(/0+$/, '').replace(/\.$/, ''));
    await page.getByRole('tab', { name: 'Потребление' }).click();
    await page.getByRole('img', { name: 'График потребления по месяцам' }).waitFor();
    await expect.poll(() => page.locator('.consumption-chart rect').count()).toBe(12);
    await page.screenshot({ path: path.join(screenshotDir, 'meters-02-meter-card.png') });

    // the house card lists the meters of the house
    await page.goto(`${server!.url}/registry/houses/${houseId}?tab=meters`);
    const ofHouse = page.getByRole('grid', { name: 'Приборы учёта дома' });
    await ofHouse.locator('tbody tr').first().waitFor();
    await expect
      .poll(() => ofHouse.locator('tbody tr').count())
      .toBeGreaterThanOrEqual(Math.min(rows.length, 100));
    await page.screenshot({ path: path.join(screenshotDir, 'meters-03-house-meters.png') });

    await page.goto(`${server!.url}/meters/entry`);
    await page
      .getByRole('navigation', { name: 'Разделы приборов учёта' })
      .getByRole('link', { name: 'Поверка' })
      .click();
    await page.getByRole('grid', { name: 'Приборы, срок поверки которых истекает' }).waitFor();
    await context.close();
  });
});
