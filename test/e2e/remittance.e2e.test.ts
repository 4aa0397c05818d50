/**
 * Финансы → Перечисления in a real browser: an accountant opens it from Платежи, picks a day of receipt and
 * reads the ПП 253 due date (Saturday 07.11.2026 → Monday 09.11.2026) and the register links; the day stays in
 * the URL. Needs web/dist: `npm run build -w web`.
 */
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser.js';

const target = useBrowser();

describe('the remittance screen', { timeout: 90_000 }, () => {
  it('shows the due date of a day and links the XLSX and CSV register', async () => {
    const { context, page } = await target.newPage();
    try {
      await page.goto(`${target.url()}/finance/payments`);
      await target.logIn(page, 'accountant', 'demo');
      await page.getByRole('link', { name: 'Перечисления' }).click();
      await page.getByRole('heading', { name: 'Перечисления поставщикам' }).waitFor();
      await page.getByLabel('День приёма платежей').fill('2026-11-07');
      await page.getByRole('button', { name: 'Показать' }).click();
      await page.getByText('Перечислить не позднее 09.11.2026').waitFor();
      await page.getByText('В этот день платежей не принято').waitFor();
      expect(await page.getByRole('link', { name: 'Реестр XLSX' }).getAttribute('href')).toBe(
        '/api/v1/finance/remittance/register?date=2026-11-07&format=xlsx',
      );
      expect(new URL(page.url()).searchParams.get('date')).toBe('2026-11-07');
    } finally {
      await context.close();
    }
  });
});
