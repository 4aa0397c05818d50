/**
 * Финансы → Расчёт пени in a real browser: an analyst opens the module from the navigation, types
 * RULES.md example 6.3 (8,000.00 for January 2022, paid 15.11.2022) and reads the breakdown with the ПП 497
 * moratorium row and the total 245,69 ₽. Needs web/dist: `npm run build -w web`.
 * Screenshot: .tmp/screenshots/finance-penalty.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser.js';

const target = useBrowser();

describe('the penalty calculation screen', { timeout: 90_000 }, () => {
  it('computes example 6.3 with its day-by-day breakdown; the inputs stay in the URL', async () => {
    const { context, page } = await target.newPage();
    try {
      await page.goto(`${target.url()}/finance`);
      await target.logIn(page, 'analyst', 'demo');
      await page.getByRole('heading', { name: 'Расчёт пени' }).waitFor();
      await page.getByLabel('Дата расчёта').fill('2022-11-15');
      await page.getByLabel('Долги: период и сумма, по строке').fill('2022-01 8000,00');
      await page.getByLabel('Оплаты: дата, сумма и (если указан) период').fill('2022-11-15 8000');
      await page.getByRole('button', { name: 'Рассчитать' }).click();
      const total = page.getByText('Итого пени на 15.11.2022: 245,69 ₽');
      await total.waitFor();
      const table = page.getByRole('grid', { name: 'Раскладка пени за 2022-01' });
      const rows = await table.locator('tbody tr').allTextContents();
      // 38.00 (19 days at 1/300), the moratorium 01.04–01.10.2022, 207.69 (45 days at 1/130)
      expect(rows).toHaveLength(3);
      expect(rows[0]).toContain('38,00');
      expect(rows[1]).toContain('мораторий');
      expect(rows[2]).toContain('207,69');
      expect(new URL(page.url()).searchParams.get('debts')).toBe('2022-01 8000,00');
      await target.screenshot(page, 'finance-penalty');

      await page.getByLabel('Долги: период и сумма, по строке').fill('январь 8000');
      await page.getByRole('button', { name: 'Рассчитать' }).click();
      await page.getByText('Строка 1: «январь 8000» — ожидается «2024-03 10000,00»').waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('the payments screen', { timeout: 120_000 }, () => {
  it('checks and loads a registry file; its unknown account goes to suspense and is matched to an account', async () => {
    const { context, page } = await target.newPage();
    const file = path.join(os.tmpdir(), `e2e-registry-${process.pid}.txt`);
    // one payment of 150.00 for an account that does not exist, and the totals line
    fs.writeFileSync(
      file,
      'id;дата;лс;период;сумма;комиссия;фио;адрес;показания\nE2E-1;05.11.2026;9999999999;10.2026;150.00;1.50;Тестов Тест;;\n=1;150.00;1.50\n',
    );
    try {
      await page.goto(`${target.url()}/finance/payments`);
      await target.logIn(page, 'accountant', 'demo');
      await page.getByRole('heading', { name: 'Платежи', exact: true }).first().waitFor();
      await page.getByLabel('Платёжный агент').selectOption({ label: 'Сбербанк (демо)' });
      await page.getByLabel('Файл реестра').setInputFiles(file);
      await page.getByRole('button', { name: 'Проверить' }).click();
      await page.getByText('Предпросмотр: ничего не записано').waitFor();
      const preview = await page
        .getByRole('grid', { name: 'Строки реестра' })
        .locator('tbody tr')
        .allTextContents();
      expect(preview).toHaveLength(1);
      expect(preview[0]).toContain('на невыясненные');
      await page.getByRole('button', { name: 'Загрузить' }).click();
      await page.getByText(/Реестр загружен \(№ \d+\)/).waitFor();
      const input = page.getByLabel(/Лицевой счёт для платежа \d+/);
      await input.waitFor();
      const accountId = await page.evaluate(async () => {
        const r = await fetch('/api/v1/accounts?pageSize=1');
        return String(((await r.json()) as { items: { id: number }[] }).items[0]!.id);
      });
      await input.fill(accountId);
      await page.getByRole('button', { name: 'Сопоставить' }).click();
      await page.getByText('Невыясненных платежей нет').waitFor();
      await target.screenshot(page, 'finance-payments');
    } finally {
      fs.rmSync(file, { force: true });
      await context.close();
    }
  });
});
