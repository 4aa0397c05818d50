/**
 * Картотека in a real browser (Debian Chromium through playwright-core) against a real server on a fresh
 * embedded database with the demo loaded: houses (list, filters, card and its tabs, the hand-over to
 * another manager), and, once the server serves them, accounts found through the global search.
 * Needs web/dist: `npm run build -w web`. Screenshots go to .tmp/screenshots/registry-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distIndex = path.join(repoRoot, 'web', 'dist', 'index.html');
const screenshotDir = path.join(repoRoot, '.tmp', 'screenshots');

const ADMIN_NAME = 'Администратов Андрей Петрович';
const WAIT = { timeout: 15_000 };

type HouseManager = {
  id: number;
  managerId: number;
  managerName: string;
  validFrom: string;
  validTo: string | null;
};
type House = { id: number; address: string; street: string; manager: { id: number; name: string } | null };
type Account = { id: number; number: string; house: { id: number; address: string } };

let server: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
let cookie = '';
/** The house the browser looks for: one of the demo's, or one made in the setup when the demo has none. */
let house: House;
let houseCreatedHere = false;
/** An account to find through the global search; undefined while the server serves no accounts. */
let account: Account | undefined;
/** The fragment of the account's address typed into the search box. */
let accountFragment = '';
/** False while the server does not serve tariffs yet. */
let tariffsServed = false;

async function apiCall<T>(method: string, url: string, body?: unknown): Promise<{ status: number; data: T }> {
  const response = await fetch(`${server!.url}/api/v1${url}`, {
    method,
    headers: {
      Accept: 'application/json',
      Cookie: cookie,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, data: (text ? JSON.parse(text) : null) as T };
}

async function logInThroughApi(): Promise<void> {
  const response = await fetch(`${server!.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'demo' }),
  });
  expect(response.status).toBe(200);
  cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

/** A house of the demo, or a new one (with a manager) when the demo has none yet. */
async function findOrCreateHouse(): Promise<void> {
  const houses = await apiCall<{ items: House[]; total: number }>('GET', '/houses?pageSize=50&sort=address');
  expect(houses.status).toBe(200);
  const managed = houses.data.items.find((h) => h.manager !== null) ?? houses.data.items[0];
  if (managed) {
    house = managed;
    return;
  }
  const managers = await apiCall<{ items: { id: number; name: string }[] }>(
    'GET',
    '/organisations?kind=manager&sort=name',
  );
  const manager = managers.data.items.find((org) => org.name === 'УК Уютный дом') ?? managers.data.items[0];
  expect(manager).toBeDefined();
  const created = await apiCall<House>('POST', '/houses', {
    region: 'Демо-область',
    city: 'Демо-город',
    street: 'ул. Проверочная',
    houseNumber: '17',
    postalCode: '101000',
    yearBuilt: 1984,
    floors: 9,
    entrances: 4,
    totalArea: '6120.40',
    residentialArea: '5010.20',
    nonResidentialArea: '210.00',
    commonArea: '900.20',
    hasLift: true,
    hasElectricStoves: true,
    commonMeters: ['cold_water', 'heating'],
    managerId: manager!.id,
    managedFrom: '2021-01-01',
  });
  expect(created.status).toBe(201);
  house = created.data;
  houseCreatedHere = true;
}

/** The street of an address without its kind: "г. Демо-город, ул. Ленина, д. 5" → "Ленина". */
function streetOf(address: string): string {
  const street = address.split(',')[1]?.trim() ?? address;
  return street.replace(/^(ул\.|пр\.|пр-кт|пер\.|б-р|ш\.|пл\.|наб\.)\s*/, '');
}

async function searchFinds(fragment: string, accountId?: number): Promise<boolean> {
  const search = await apiCall<{ items: { kind: string; id: number }[] }>(
    'GET',
    `/search?q=${encodeURIComponent(fragment)}`,
  );
  return (
    search.status === 200 &&
    search.data.items.some(
      (hit) => hit.kind === 'account' && (accountId === undefined || hit.id === accountId),
    )
  );
}

/**
 * An account the global search finds by a fragment of its address: one of the demo's, or one opened here
 * (on a new premise of the test's house) when the demo's are not found. None while accounts are not served.
 */
async function findSearchableAccount(): Promise<void> {
  const accounts = await apiCall<{ items: Account[] }>('GET', '/accounts?pageSize=20');
  if (accounts.status !== 200) return;
  for (const candidate of accounts.data.items) {
    const fragment = streetOf(candidate.house.address);
    if (fragment.length >= 3 && (await searchFinds(fragment))) {
      account = candidate;
      accountFragment = fragment;
      return;
    }
  }
  const premise = await apiCall<{ id: number }>('POST', `/houses/${house.id}/premises`, {
    number: `П${Date.now() % 100_000}`,
    kind: 'non_residential',
    totalArea: '40.50',
  });
  if (premise.status !== 201) return;
  const opened = await apiCall<Account>('POST', `/premises/${premise.data.id}/accounts`, {
    payerName: 'Проверкин Пётр Петрович',
  });
  if (opened.status !== 201) return;
  const fragment = streetOf(opened.data.house.address);
  if (await searchFinds(fragment, opened.data.id)) {
    account = opened.data;
    accountFragment = fragment;
  }
}

type Tariff = { id: number; validFrom: string; validTo: string | null };

/**
 * A tariff with at least two versions: the demo's, or two made here (on a service of the catalogue, or
 * one added to it) when the demo has none. Leaves tariffsServed false while GET /tariffs is not served.
 */
async function ensureTariffHistory(): Promise<void> {
  const tariffs = await apiCall<{ items: Tariff[]; total: number }>('GET', '/tariffs?pageSize=1');
  if (tariffs.status !== 200) return;
  tariffsServed = true;
  if (tariffs.data.total > 0) return;
  let services = await apiCall<{ items: { id: number }[] }>('GET', '/services');
  if (services.data.items.length === 0) {
    const created = await apiCall('POST', '/services', {
      code: 'e2e_cold_water',
      name: 'Холодное водоснабжение',
      unit: 'м³',
      kind: 'utility',
      resource: 'cold_water',
    });
    expect(created.status).toBe(201);
    services = await apiCall('GET', '/services');
  }
  const suppliers = await apiCall<{ items: { id: number }[] }>('GET', '/organisations?kind=supplier');
  for (const [validFrom, rate] of [
    ['2024-07-01', '41.15'],
    ['2025-07-01', '45.67'],
  ]) {
    const created = await apiCall('POST', '/tariffs', {
      supplierId: suppliers.data.items[0]!.id,
      serviceId: services.data.items[0]!.id,
      region: 'Демо-область',
      city: 'Демо-город',
      rate,
      validFrom,
      source: 'Приказ РЭК Демо-области № 1',
    });
    expect(created.status).toBe(201);
  }
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser!.newContext({ viewport: { width: 1400, height: 860 }, locale: 'ru-RU' });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return { context, page };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `registry-${name}.png`) });
}

async function waitForText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor(WAIT);
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Модули' });
const registryTabs = (page: Page) => page.getByRole('navigation', { name: 'Разделы картотеки' });
const cardTabs = (page: Page, name: string) => page.getByRole('tablist', { name });

beforeAll(async () => {
  if (!fs.existsSync(distIndex)) {
    throw new Error(
      `The web app is not built (${distIndex} is missing): run \`npm run build -w web\` first.`,
    );
  }
  fs.mkdirSync(screenshotDir, { recursive: true });
  server = await startTestServer();
  await logInThroughApi();
  await findOrCreateHouse();
  await findSearchableAccount();
  await ensureTariffHistory();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Картотека for the administrator', { timeout: 60_000 }, () => {
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    ({ context, page } = await newPage());
  });
  afterAll(async () => {
    await context?.close();
  });

  it('logs in and sees the sections of Картотека as tabs, reachable from the keyboard', async () => {
    await page.goto(`${server!.url}/login`);
    await page.getByLabel('Логин', { exact: true }).fill('admin');
    await page.getByLabel('Пароль', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await waitForText(page.getByTestId('user-name'), ADMIN_NAME);

    await nav(page).getByRole('link', { name: 'Картотека' }).click();
    await page.getByRole('heading', { name: 'Организации' }).waitFor();
    const tabs = await registryTabs(page).getByRole('link').allTextContents();
    expect(tabs).toEqual(['Организации', 'Дома', 'Лицевые счета', 'Тарифы', 'Нормативы']);

    // From the focused «Организации» tab, → moves to «Дома» and Enter opens it.
    await registryTabs(page).getByRole('link', { name: 'Организации' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Дома');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Дома', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/registry/houses');
  });

  it('lists the houses, filters them by an address fragment and opens one from the keyboard', async () => {
    const table = page.getByRole('grid', { name: 'Дома' });
    await table.getByRole('link', { name: house.address, exact: true }).waitFor();
    await screenshot(page, '01-houses');

    const fragment = streetOf(house.address);
    await page.getByLabel('Адрес', { exact: true }).fill(fragment);
    await page.waitForURL((url) => url.searchParams.get('q') === fragment);
    // the unfiltered page may still be on screen while the filtered one loads: wait for the filtered rows
    const cells = table.locator('tbody tr td:first-child');
    await expect
      .poll(async () => {
        const texts = await cells.allTextContents();
        return (
          texts.length > 0 &&
          texts.every((address) => address.includes(fragment)) &&
          texts.includes(house.address)
        );
      })
      .toBe(true);
    const addresses = await cells.allTextContents();

    // ↓ from the filter moves into the table; Enter on the selected row opens its card.
    const index = addresses.indexOf(house.address);
    await page.getByLabel('Адрес', { exact: true }).press('ArrowDown');
    await page.keyboard.press('Home');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: house.address }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/registry/houses/${house.id}`);
  });

  it('shows the house card: Сведения, Помещения, Услуги on a date', async () => {
    const tabs = cardTabs(page, 'Разделы карточки дома');
    expect(await tabs.getByRole('tab').allTextContents()).toEqual([
      'Сведения',
      'Помещения',
      'Услуги',
      'Управление',
      'Приборы учёта',
      'Начисления',
      'История',
    ]);
    expect(await tabs.getByRole('tab', { name: 'Сведения' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('heading', { name: 'Площади' }).waitFor();
    await page.getByRole('heading', { name: 'Благоустройство' }).waitFor();
    await page.getByRole('heading', { name: 'Общедомовые приборы учёта' }).waitFor();
    if (houseCreatedHere) {
      await waitForText(page.locator('.fields'), '6 120,40 м²');
      await waitForText(page.getByTestId('common-meters'), 'Тепловая энергия');
    }
    await screenshot(page, '02-house-card');

    // ← / → walk the tabs from the keyboard.
    await tabs.getByRole('tab', { name: 'Сведения' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs.getByRole('tab', { name: 'Помещения' }).getAttribute('aria-selected')).toBe('true');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('premises');
    const premisesGrid = page.getByRole('grid', { name: 'Помещения' });
    await premisesGrid.waitFor();
    const premises = await apiCall<{ items: { label: string }[] }>(
      'GET',
      `/houses/${house.id}/premises?pageSize=1&sort=number`,
    );
    if (premises.status === 200 && premises.data.items[0]) {
      await premisesGrid.getByRole('gridcell', { name: premises.data.items[0].label, exact: true }).waitFor();
      await screenshot(page, '02b-house-premises');
    }

    await page.keyboard.press('ArrowRight');
    expect(await tabs.getByRole('tab', { name: 'Услуги' }).getAttribute('aria-selected')).toBe('true');
    const onDate = page.getByLabel('Услуги на дату');
    expect(await onDate.inputValue()).toBe(today());
    const [year, month, day] = today().split('-');
    await page.getByRole('grid', { name: `Услуги на ${day}.${month}.${year}` }).waitFor();
    await onDate.fill('2022-06-15');
    await page.getByRole('grid', { name: 'Услуги на 15.06.2022' }).waitFor();
    expect(new URL(page.url()).searchParams.get('onDate')).toBe('2022-06-15');
    await screenshot(page, '03-house-services');
  });

  it('shows the managers on a time line and hands the house to another manager from a date', async () => {
    await cardTabs(page, 'Разделы карточки дома').getByRole('tab', { name: 'Управление' }).click();
    const card = await apiCall<{ managers: HouseManager[] }>('GET', `/houses/${house.id}`);
    const before = card.data.managers;
    const bars = page.getByTestId('timeline-bar');
    await bars.first().waitFor();
    expect(await bars.count()).toBe(before.length);
    await waitForText(bars, before.at(-1)!.managerName);

    const form = page.getByRole('form', { name: 'Передать дом в управление' });
    const manager = form.getByLabel('Управляющая организация');
    await manager.locator('option').nth(1).waitFor({ state: 'attached' });
    const newManager = (await manager.locator('option').nth(1).textContent())!.trim();
    await manager.selectOption({ label: newManager });
    const lastFrom = before.at(-1)?.validFrom ?? '2000-01-01';
    const from = addDays(lastFrom > today() ? lastFrom : today(), 1);
    await form.getByLabel('С даты').fill(from);
    await form.getByRole('button', { name: 'Передать' }).click();
    await waitForText(form.getByRole('status'), `Дом передан организации «${newManager}»`);

    await page.waitForFunction(
      `document.querySelectorAll('[data-testid="timeline-bar"]').length === ${before.length + 1}`,
    );
    await waitForText(bars.last(), newManager);
    const periods = page.getByRole('grid', { name: 'Периоды управления' });
    await waitForText(periods.getByRole('row'), newManager);
    await screenshot(page, '04-house-management');
  });

  it('shows the house history from the audit', async () => {
    await cardTabs(page, 'Разделы карточки дома').getByRole('tab', { name: 'История' }).click();
    const history = page.getByRole('grid', { name: 'История изменений' });
    await history.waitFor();
    if (houseCreatedHere) await waitForText(history.getByRole('row'), 'Создание');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('history');
    // A reload returns to the same tab.
    await page.reload();
    expect(
      await cardTabs(page, 'Разделы карточки дома')
        .getByRole('tab', { name: 'История' })
        .getAttribute('aria-selected'),
    ).toBe('true');
  });

  it("shows a tariff's history on a time line and adds a version from a date", async (ctx) => {
    if (!tariffsServed) {
      ctx.skip();
      return;
    }
    await registryTabs(page).getByRole('link', { name: 'Тарифы' }).click();
    await page.getByRole('heading', { name: 'Тарифы', exact: true }).waitFor();
    const table = page.getByRole('grid', { name: 'Тарифы' });
    await table.locator('tbody tr[data-row-index]').first().waitFor();

    // Enter on the first row shows its history below the list.
    await table.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.searchParams.has('tariff'));
    const id = Number(new URL(page.url()).searchParams.get('tariff'));
    const history = await apiCall<{ items: Tariff[] }>('GET', `/tariffs/${id}/history`);
    const versions = history.data.items;
    await page.getByRole('heading', { name: /^История тарифа: / }).waitFor();
    const bars = page.getByTestId('timeline-bar');
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid="timeline-bar"]').length === ${versions.length}`,
    );
    await screenshot(page, '05-tariff-history');

    const form = page.getByRole('form', { name: 'Новая редакция тарифа с даты' });
    const lastFrom = versions
      .map((v) => v.validFrom)
      .sort()
      .at(-1)!;
    const from = addDays(lastFrom > today() ? lastFrom : today(), 1);
    await form.getByLabel(/^Тариф, ₽/).fill('99,99');
    await form.getByLabel('С даты').fill(from);
    await form.getByLabel('Основание').fill('Приказ РЭК № 99 (проверка)');
    await form.getByRole('button', { name: 'Добавить редакцию' }).click();
    await waitForText(form.getByRole('status'), 'Тариф 99,99 ₽ действует с');
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid="timeline-bar"]').length === ${versions.length + 1}`,
    );
    await waitForText(bars.last(), '99,99 ₽');
    await waitForText(
      page.getByRole('grid', { name: 'История тарифа: редакции' }).getByRole('row'),
      'Приказ РЭК № 99',
    );
  });

  it('finds an account by a fragment of its address in the global search and opens its card', async (ctx) => {
    if (!account) {
      // The server serves no accounts yet, or its search does not return them.
      ctx.skip();
      return;
    }
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('/');
    await page.keyboard.type(accountFragment);
    const hit = page.getByRole('option').filter({ hasText: 'Лицевой счёт' }).first();
    await hit.waitFor();
    await screenshot(page, '06-search-account');
    await hit.click();

    await page.getByRole('heading', { name: /^Лицевой счёт \d+$/ }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/registry\/accounts\/\d+$/);
    const tabs = cardTabs(page, 'Разделы карточки лицевого счёта');
    expect(await tabs.getByRole('tab').allTextContents()).toEqual([
      'Сведения',
      'Жильцы',
      'Приборы учёта',
      'Начисления',
      'Оплаты',
      'Платёжные документы',
      'История',
    ]);
    await page.getByRole('heading', { name: 'Разделение и объединение' }).waitFor();
    await screenshot(page, '07-account-card');
    // Оплаты came with the Финансы module: the account's turnover and payments
    await tabs.getByRole('tab', { name: 'Оплаты' }).click();
    await page.getByRole('grid', { name: 'Оборотно-сальдовая ведомость' }).waitFor();

    await tabs.getByRole('tab', { name: 'История' }).click();
    await page.getByRole('grid', { name: 'История изменений' }).waitFor();
  });

  it('lists the accounts and finds one by the start of its number', async (ctx) => {
    if (!account) {
      ctx.skip();
      return;
    }
    await registryTabs(page).getByRole('link', { name: 'Лицевые счета' }).click();
    await page.getByRole('heading', { name: 'Лицевые счета', exact: true }).waitFor();
    const table = page.getByRole('grid', { name: 'Лицевые счета' });
    await table.locator('tbody tr[data-row-index]').first().waitFor();
    const filter = page.getByLabel('Номер, адрес или плательщик');
    await filter.fill(account.number.slice(0, 9));
    await table.getByRole('link', { name: account.number, exact: true }).waitFor();
    await screenshot(page, '08-accounts');
    await table.getByRole('link', { name: account.number, exact: true }).click();
    await page.getByRole('heading', { name: `Лицевой счёт ${account.number}` }).waitFor();
    await page.getByRole('link', { name: account.house.address }).click();
    await page.getByRole('heading', { name: account.house.address }).waitFor();
  });
});
