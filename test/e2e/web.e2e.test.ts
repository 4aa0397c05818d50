/**
 * The operator web app in a real browser (Debian Chromium through playwright-core) against a real
 * server on a fresh embedded database with the demo loaded. Needs web/dist: `npm run build -w web`.
 * Every step waits for real content; screenshots of the main screens go to .tmp/screenshots/.
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
const ANALYST_NAME = 'Аналитикова Елена Викторовна';
const WAIT = { timeout: 15_000 };

let server: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser!.newContext({ viewport: { width: 1400, height: 860 }, locale: 'ru-RU' });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  return { context, page };
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** Waits until the locator shows the text. */
async function waitForText(locator: Locator, text: string | RegExp): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor(WAIT);
}

async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Логин', { exact: true }).fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Модули' });

beforeAll(async () => {
  if (!fs.existsSync(distIndex)) {
    throw new Error(
      `The web app is not built (${distIndex} is missing): run \`npm run build -w web\` first.`,
    );
  }
  fs.mkdirSync(screenshotDir, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the administrator', { timeout: 60_000 }, () => {
  let page: Page;
  let context: BrowserContext;
  const login = `e2e.cashier.${Date.now().toString(36)}`;
  const fullName = 'Проверкина Мария Ивановна';
  let createdUserId = '';

  beforeAll(async () => {
    ({ context, page } = await newPage());
  });
  afterAll(async () => {
    await context?.close();
  });

  it('is sent to «Вход», sees the error for a wrong password, then enters the shell', async () => {
    await page.goto(`${server!.url}/registry/organisations`);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    await logIn(page, 'admin', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).not.toBe('');
    await screenshot(page, '01-login-error');

    await page.getByLabel('Пароль', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await waitForText(page.getByTestId('user-name'), ADMIN_NAME);
    expect(await page.getByTestId('user-organisation').textContent()).toBe('ЕИРЦ Демо-города');
    // Back where the operator was asked to log in.
    await page.getByRole('heading', { name: 'Организации' }).waitFor();
  });

  it('shows every module in order, the unreleased ones greyed out', async () => {
    const items = await nav(page).locator('.nav-item').allTextContents();
    expect(items.map((text) => text.trim())).toEqual([
      'Картотека',
      'Приборы учёта',
      'Паспортный стол',
      'Начисления',
      'Финансы',
      'Касса',
      'Обращения',
      'Аналитика',
      'Обмен',
      'Администрирование',
    ]);
    const claims = page.getByTestId('nav-claims'); // a module no issue has built yet
    expect(await claims.getAttribute('aria-disabled')).toBe('true');
    expect(await claims.getAttribute('title')).toBe('Модуль появится в следующем выпуске');
    expect(await claims.evaluate((element) => element.tagName)).not.toBe('A');
  });

  it('lists organisations in Картотека and opens one from the keyboard', async () => {
    await nav(page).getByRole('link', { name: 'Картотека' }).click();
    const table = page.getByRole('grid', { name: 'Организации' });
    await table.getByRole('gridcell', { name: 'Водоканал Демо-города' }).waitFor();
    for (const name of ['ЕИРЦ Демо-города', 'УК Уютный дом', 'ТСЖ Берёзка', 'Теплосеть Демо-города']) {
      expect(await table.getByRole('link', { name, exact: true }).count()).toBe(1);
    }
    await screenshot(page, '02-registry-organisations');

    // Sorted by name: ↓ from the first row selects the second; Enter opens it.
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    await table.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: names[1]! }).waitFor();
    await page.goBack();
    await table.getByRole('gridcell', { name: 'Водоканал Демо-города' }).waitFor();

    // Filtering by kind leaves only the suppliers.
    await page.getByLabel('Вид', { exact: true }).selectOption('supplier');
    await table.getByRole('link', { name: 'УК Уютный дом', exact: true }).waitFor({ state: 'detached' });
    const suppliers = await table.locator('tbody tr td:first-child').allTextContents();
    // the six suppliers of the demo town
    expect(suppliers.sort()).toEqual([
      'Водоканал Демо-города',
      'Газ Демо-города',
      'Горэлектросбыт Демо-города',
      'Теплосеть Демо-города',
      'Фонд капитального ремонта Демо-области',
      'Экотранс (региональный оператор ТКО)',
    ]);
  });

  it('finds «Теплосеть» with the global search and opens its card with its history', async () => {
    // Leave the filter (where "/" is typed text) so that "/" reaches the shell.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('/');
    const search = page.getByRole('combobox', { name: 'Глобальный поиск' });
    expect(await search.evaluate((element) => element.ownerDocument.activeElement === element)).toBe(true);
    await page.keyboard.type('Теплосеть');
    await page.getByRole('option', { name: /Теплосеть Демо-города/ }).waitFor();
    await screenshot(page, '03-global-search');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Теплосеть Демо-города' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/registry\/organisations\/\d+$/);
    const history = page.getByRole('grid', { name: 'История изменений' });
    await waitForText(history.getByRole('row'), 'Создание');
    await history.getByRole('row').filter({ hasText: 'Создание' }).first().locator('td').first().click();
    await waitForText(page.getByTestId('audit-diff'), '7705000059');
    await screenshot(page, '04-organisation-card');
  });

  it('creates a user in Администрирование and sees it listed', async () => {
    await nav(page).getByRole('link', { name: 'Администрирование' }).click();
    const users = page.getByRole('grid', { name: 'Пользователи' });
    await users.getByRole('link', { name: 'analyst', exact: true }).waitFor();
    await screenshot(page, '05-admin-users');

    await page.getByRole('link', { name: 'Создать пользователя' }).click();
    const form = page.getByRole('form', { name: 'Новый пользователь' });
    await form.getByRole('checkbox', { name: 'Кассир' }).waitFor();
    await form.getByLabel('Логин', { exact: true }).fill(login);
    await form.getByLabel('ФИО', { exact: true }).fill(fullName);
    await form.getByLabel('Пароль', { exact: true }).fill('e2e-secret-password');

    // The roles offered are those the staff of the chosen kind of organisation may hold.
    const organisation = form.getByLabel('Организация', { exact: true });
    await organisation.selectOption({ label: 'УК Уютный дом' });
    await form.getByRole('checkbox', { name: 'Кассир' }).waitFor();
    expect(await form.getByRole('checkbox', { name: 'Платёжный агент (машинный доступ)' }).count()).toBe(0);
    await organisation.selectOption({ label: 'ЕИРЦ Демо-города' });

    // Without a role the API refuses, and its details are shown.
    await form.getByRole('button', { name: 'Создать', exact: true }).click();
    await waitForText(form.getByTestId('error-box'), 'roles');
    await screenshot(page, '06-user-form-error');

    await form.getByRole('checkbox', { name: 'Кассир' }).check();
    await form.getByRole('button', { name: 'Создать', exact: true }).click();
    await page.getByRole('heading', { name: fullName }).waitFor();
    createdUserId = /\/admin\/users\/(\d+)/.exec(page.url())?.[1] ?? '';
    expect(createdUserId).not.toBe('');

    await page
      .getByRole('navigation', { name: 'Разделы администрирования' })
      .getByRole('link', { name: 'Пользователи' })
      .click();
    await page.getByLabel('Логин или ФИО').fill(login);
    await users.getByRole('link', { name: login, exact: true }).waitFor();
    await waitForText(users.getByRole('row'), fullName);
    await waitForText(users.getByRole('row'), 'Кассир');
  });

  it('shows the creation in the audit view, with a field-by-field diff', async () => {
    await page
      .getByRole('navigation', { name: 'Разделы администрирования' })
      .getByRole('link', { name: 'Журнал аудита' })
      .click();
    await page.getByRole('heading', { name: 'Журнал аудита' }).waitFor();
    await page.getByLabel('Тип объекта').selectOption('user');
    await page.getByLabel('Код объекта').fill(createdUserId);
    const audit = page.getByRole('grid', { name: 'Журнал аудита' });
    const row = audit
      .getByRole('row')
      .filter({ hasText: `Пользователь № ${createdUserId}` })
      .filter({ hasText: 'Создание' });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain(ADMIN_NAME);

    await row.first().locator('td').first().click();
    const diff = page.getByTestId('audit-diff');
    await waitForText(diff, login);
    await waitForText(diff, fullName);
    await screenshot(page, '07-audit');
  });

  it('logs out to «Вход»', async () => {
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // The session is gone on the server too: a reload stays on «Вход».
    await page.reload();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
  });
});

describe('the analyst', { timeout: 60_000 }, () => {
  let page: Page;
  let context: BrowserContext;

  beforeAll(async () => {
    ({ context, page } = await newPage());
  });
  afterAll(async () => {
    await context?.close();
  });

  it('has Картотека but no Администрирование', async () => {
    await page.goto(server!.url);
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await logIn(page, 'analyst', 'demo');
    await waitForText(page.getByTestId('user-name'), ANALYST_NAME);
    await nav(page).getByRole('link', { name: 'Картотека' }).waitFor();
    expect(await nav(page).getByText('Администрирование').count()).toBe(0);
    await page
      .getByRole('grid', { name: 'Организации' })
      .getByRole('gridcell', { name: 'ТСЖ Берёзка' })
      .waitFor();
    await screenshot(page, '08-analyst');

    await page.goto(`${server!.url}/admin/users`);
    await page.getByRole('heading', { name: 'Недостаточно прав' }).waitFor();
  });

  it('is returned to «Вход» when the session is gone', async () => {
    await context.clearCookies();
    await nav(page).getByRole('link', { name: 'Картотека' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
    await page.getByTestId('login-notice').waitFor();
  });
});
