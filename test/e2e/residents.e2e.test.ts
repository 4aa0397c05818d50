/**
 * Паспортный стол in a real browser (Debian Chromium through playwright-core) against a real server on a fresh
 * database with the demo: the registration officer creates a person, finds him, registers him on an account
 * from the account card's «Жильцы» tab and issues a house-register extract whose PDF downloads.
 * Needs web/dist: `npm run build -w web`. Screenshots go to .tmp/screenshots/residents-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/test-server.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const screenshotDir = path.join(repoRoot, '.tmp', 'screenshots');
const WAIT = { timeout: 15_000 };

let server: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let account: { id: number; number: string };

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `residents-${name}.png`) });
}

beforeAll(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  server = await startTestServer();
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'passport', password: 'demo' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const accounts = await fetch(`${server.url}/api/v1/accounts?pageSize=1`, { headers: { cookie } });
  account = ((await accounts.json()) as { items: { id: number; number: string }[] }).items[0]!;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'ru-RU',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('Паспортный стол for the registration officer', { timeout: 90_000 }, () => {
  it('logs in and opens the module', async () => {
    await page.goto(`${server!.url}/login`);
    await page.getByLabel('Логин', { exact: true }).fill('passport');
    await page.getByLabel('Пароль', { exact: true }).fill('demo');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page
      .getByRole('navigation', { name: 'Модули' })
      .getByRole('link', { name: 'Паспортный стол' })
      .click();
    await page.getByRole('heading', { name: 'Паспортный стол: люди' }).waitFor();
  });

  it('creates a person; a wrong СНИЛС is named first', async () => {
    await page.getByRole('link', { name: 'Новый человек' }).click();
    const form = page.getByRole('form', { name: 'Новый человек' });
    await form.getByLabel('Фамилия', { exact: true }).fill('Проверкина');
    await form.getByLabel('Имя', { exact: true }).fill('Ольга');
    await form.getByLabel('Отчество', { exact: true }).fill('Тестовна');
    await form.getByLabel('Дата рождения').fill('1991-04-15');
    await form.getByLabel('Пол').selectOption('female');
    await form.getByLabel('СНИЛС').fill('112-233-445 96');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('контрольное число СНИЛС не сходится').first().waitFor();
    // 112233445 → 9+8+14+12+15+12+12+8+5 = 95
    await form.getByLabel('СНИЛС').fill('112-233-445 95');
    await form.getByLabel('Серия').fill('45 11');
    await form.getByLabel('Номер').fill('654321');
    await form.getByLabel('Кем выдан').fill('ОВД Демо-города');
    await form.getByLabel('Дата выдачи').fill('2011-05-01');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByRole('heading', { name: 'Проверкина Ольга Тестовна' }).waitFor();
    await page.getByText('45 11 № 654321').or(page.getByText('4511 № 654321')).first().waitFor();
    await screenshot('01-person-card');
  });

  it('finds the person by name and birth date', async () => {
    await page.goto(`${server!.url}/residents/persons`);
    await page.getByLabel('Фамилия Имя Отчество').fill('Проверкина О');
    await page.getByLabel('Дата рождения').fill('1991-04-15');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page
      .getByRole('grid', { name: 'Найденные люди' })
      .getByRole('link', { name: 'Проверкина Ольга Тестовна' })
      .waitFor();
  });

  it('registers the person on an account and issues a house-register extract', async () => {
    await page.goto(`${server!.url}/registry/accounts/${account.id}?tab=residents`);
    await page.getByRole('heading', { name: `Лицевой счёт ${account.number}` }).waitFor();
    const form = page.getByRole('form', { name: 'Регистрация' });
    await form.getByLabel('Найти человека').fill('Проверкина Ольга');
    const picker = form.getByLabel('Человек', { exact: true });
    await picker.locator('option', { hasText: 'Проверкина Ольга Тестовна' }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: 'Проверкина Ольга Тестовна, 15.04.1991' });
    await form.getByLabel('Вид регистрации').selectOption('temporary');
    await form.getByLabel('Отношение к нанимателю').fill('квартирантка');
    await form.getByLabel('Зарегистрирован с').fill('2026-12-01');
    await form.getByLabel('По (включительно)').fill('2027-05-31');
    await form.getByRole('button', { name: 'Зарегистрировать' }).click();
    const table = page.getByTestId('residents-table');
    await table.getByRole('link', { name: 'Проверкина Ольга Тестовна' }).waitFor();
    await screenshot('02-account-residents');

    const issue = page.getByRole('form', { name: 'Выдать документ' });
    await issue.getByLabel('Документ').selectOption('house_register_extract');
    await issue.getByRole('button', { name: 'Выдать' }).click();
    const link = page
      .getByTestId('issued-documents')
      .getByRole('link', { name: /Выписка из домовой книги № ВД-\d{4}\/\d{6}/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await screenshot('03-documents');
  });

  it('adds an owner: a share above 1 in all is refused, with a sale of the old share it is taken', async () => {
    const form = page.getByRole('form', { name: 'Новый собственник' });
    await form.getByLabel('Найти человека').fill('Проверкина Ольга');
    const picker = form.getByLabel('Человек', { exact: true });
    await picker.locator('option', { hasText: 'Проверкина Ольга Тестовна' }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: 'Проверкина Ольга Тестовна, 15.04.1991' });
    await form.getByLabel('Доля').fill('1');
    await form.getByLabel('Право с').fill('2026-11-01');
    await form.getByLabel('Запись ЕГРН №').fill('50:01:0000001:001-50/001/2026-9');
    await form.getByLabel('Дата записи').fill('2026-10-30');
    const owners = page
      .getByRole('region', { name: 'Собственники (история)' })
      .or(page.locator('section[aria-labelledby="owners"]'));
    const before = await owners.first().locator('li').count();
    // the demo's owners hold the whole premise already (unless it has none)
    await form.getByRole('button', { name: 'Добавить собственника' }).click();
    const refused = form.getByText('сумма долей').first();
    const added = owners.first().getByText('Проверкина Ольга Тестовна, доля 1/1').first();
    await refused.or(added).waitFor();
    if (await refused.isVisible()) {
      const endable = form.getByLabel('Прекратить право').locator('option');
      expect(await endable.count()).toBeGreaterThan(1);
      await form.getByLabel('Доля').fill(
        await endable
          .nth(1)
          .textContent()
          .then((t) => t!.split(', ').at(-1)!),
      );
      await form.getByLabel('Прекратить право').selectOption({ index: 1 });
      await form.getByRole('button', { name: 'Добавить собственника' }).click();
      await owners
        .first()
        .getByText(/Проверкина Ольга Тестовна, доля \d+\/\d+, с 01\.11\.2026/)
        .waitFor();
    }
    expect(await owners.first().locator('li').count()).toBe(before + 1);
    await screenshot('04-owners');
  });
});
