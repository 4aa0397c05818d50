/**
 * Начисления in a real browser against a real server (its background loop does the work): the accountant
 * opens a demo house's card, runs the open period for the house, watches the run finish on the run page,
 * then opens an account's charges and a line's explanation. Needs web/dist: `npm run build -w web`.
 * Screenshots go to .tmp/screenshots/billing-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshotDir = path.join(repoRoot, '.tmp', 'screenshots');
const WAIT = { timeout: 20_000 };

let server: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
let page: Page;
let houseId = 0;
let accountId = 0;

const shot = (name: string) => page.screenshot({ path: path.join(screenshotDir, `billing-${name}.png`) });

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  server = await startTestServer();
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'accountant', password: 'demo' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const get = async (url: string) =>
    (await (await fetch(`${server!.url}/api/v1${url}`, { headers: { Cookie: cookie } })).json()) as {
      items: { id: number }[];
    };
  const houses = await get('/houses?pageSize=1&sort=address');
  houseId = houses.items[0]!.id;
  const accounts = await get(`/accounts?houseId=${houseId}&pageSize=1`);
  accountId = accounts.items[0]!.id;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ru-RU' });
  page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Логин', { exact: true }).fill('accountant');
  await page.getByLabel('Пароль', { exact: true }).fill('demo');
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('user-name').waitFor(WAIT);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Начисления for the accountant', { timeout: 90_000 }, () => {
  it('runs the open period for a house from its card and sees the run finish', async () => {
    await page.goto(`${server!.url}/registry/houses/${houseId}?tab=charges`);
    const runButton = page.getByRole('button', { name: /^Рассчитать дом за \d{4}-\d{2}$/ });
    await runButton.waitFor(WAIT);
    await runButton.click();
    await page.getByRole('heading', { name: /^Расчёт № \d+$/ }).waitFor(WAIT);
    // the server's loop takes the house within a few seconds
    await page.getByTestId('run-progress').filter({ hasText: 'готов' }).waitFor({ timeout: 30_000 });
    const text = await page.getByTestId('run-progress').textContent();
    expect(text).toMatch(/1\/1 домов, ошибок 0/);
    await shot('01-run');
  });

  it('opens an account’s charges and a line’s explanation with one click', async () => {
    await page.goto(`${server!.url}/registry/accounts/${accountId}?tab=charges`);
    const lines = page.getByRole('grid', { name: 'Начисления за период' });
    await lines.waitFor(WAIT);
    const maintenance = lines.getByRole('row').filter({ hasText: 'Содержание' }).first();
    await maintenance.getByRole('button', { name: 'Расшифровка' }).click();
    const explanation = page.getByTestId('explanation').first();
    await explanation.waitFor(WAIT);
    expect(await explanation.textContent()).toMatch(/площадь/i);
    expect(await explanation.textContent()).toMatch(/tariff #\d+/);
    await shot('02-explanation');
  });
});
