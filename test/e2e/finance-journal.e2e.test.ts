/**
 * Финансы → Журнал платежей and Оборотно-сальдовая in a real browser (docs/finance.md "Payments journal",
 * "Balances"): an accountant filters the journal by an account, opens a payment, reverses it from the screen with
 * a confirmation, and sees the account's closing balance grow by the payment; opens the house's turnover sheet
 * and reads the same total as the API; moves another payment to the first account from its card (seen on both). Needs web/dist: `npm run build -w web`.
 * Screenshots: .tmp/screenshots/finance-journal.png, finance-payment-card.png, finance-turnover.png.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser.js';

const target = useBrowser();

/** '1 234,56' or '-1 234,56' → kopecks (the screen's money text). */
const kop = (text: string) => {
  const m = /(-?)([\d\s\u00a0]+),(\d{2})/.exec(text)!;
  return (m[1] ? -1 : 1) * (Number(m[2]!.replace(/[\s\u00a0]/g, '')) * 100 + Number(m[3]));
};

/** The totals row (the last) of the account's turnover on its Оплаты tab: [paid, closing] in kopecks. */
async function accountTotals(page: Page, accountId: number): Promise<[number, number]> {
  await page.goto(`${target.url()}/registry/accounts/${accountId}?tab=payments`);
  const grid = page.getByRole('grid', { name: 'Оборотно-сальдовая ведомость' });
  const last = grid.locator('tbody tr').last();
  await last.getByText('Итого').waitFor();
  const cells = await last.locator('td').allTextContents();
  return [kop(cells[6]!), kop(cells[7]!)];
}

describe('the payments journal and the turnover sheet', { timeout: 150_000 }, () => {
  it('filter, open a payment, reverse it with a confirmation, the balance changes; the house sheet agrees with the API', async () => {
    const { context, page } = await target.newPage();
    try {
      await page.goto(`${target.url()}/finance/journal`);
      await target.logIn(page, 'accountant', 'demo');
      await page.getByRole('heading', { name: 'Журнал платежей' }).waitFor();
      const api = `${target.url()}/api/v1`;
      const accounts = (await (
        await page.request.get(`${api}/accounts?pageSize=100&status=open`)
      ).json()) as {
        items: { id: number; number: string; house: { id: number } }[];
      };
      // two accounts with no payment yet (the demo town pays some accounts), so the filtered journal holds ours only
      const unpaid: typeof accounts.items = [];
      for (const acc of accounts.items) {
        if (unpaid.length === 2) break;
        const found = (await (
          await page.request.get(`${api}/finance/payments?accountNumber=${acc.number}&pageSize=1`)
        ).json()) as { total: number };
        if (found.total === 0) unpaid.push(acc);
      }
      const [a, b] = unpaid;
      expect(b, 'two open accounts without payments among the first 100').toBeDefined();
      const agents = (await (await page.request.get(`${api}/organisations?kind=payment_agent`)).json()) as {
        items: { id: number }[];
      };
      const today = new Date().toISOString().slice(0, 10);
      const month = today.slice(0, 7);
      for (const [key, acc, amountKop] of [
        ['E2E-J1', a!, 123_456],
        ['E2E-J2', b!, 9_900],
      ] as const) {
        const res = await page.request.post(`${api}/finance/payments`, {
          data: {
            agentId: agents.items[0]!.id,
            agentPaymentId: key,
            paidOn: today,
            accountId: acc.id,
            amountKop,
          },
        });
        expect(res.status(), await res.text()).toBe(201);
      }
      const [, closingBefore] = await accountTotals(page, a!.id);

      await page.goto(`${target.url()}/finance/journal`);
      await page.getByLabel('Лицевой счёт', { exact: true }).fill(a!.number);
      await page.getByLabel('Лицевой счёт', { exact: true }).press('Enter');
      await page.getByTestId('journal-totals').getByText('1 234,56 ₽').waitFor();
      const rows = page.getByRole('grid', { name: 'Журнал платежей' }).locator('tbody tr');
      expect(await rows.count()).toBe(1);
      expect(new URL(page.url()).searchParams.get('accountNumber')).toBe(a!.number);
      await target.screenshot(page, 'finance-journal');
      await rows.first().getByRole('link').click();

      const heading = page.getByRole('heading', { name: /^Платёж № \d+$/ });
      await heading.waitFor();
      await page.getByRole('grid', { name: 'Разнесение платежа' }).waitFor();
      await page.getByLabel('Причина').fill('ошибка оператора');
      await page.getByRole('button', { name: 'Сторнировать…' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Подтверждение исправления' });
      await dialog.getByText('на 1 234,56 ₽').waitFor();
      await target.screenshot(page, 'finance-payment-card');
      await dialog.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByText('Сторнирован платежом').locator('..').getByRole('link').waitFor();
      expect(await page.getByRole('button', { name: 'Сторнировать…' }).count()).toBe(0);

      // the reversal took 1 234,56 back: the account owes that much more at the month's end
      const [, closingAfter] = await accountTotals(page, a!.id);
      expect(closingAfter - closingBefore).toBe(123_456);
      // the printable penalty breakdown is opened from the same tab
      await page.getByLabel('Пени на дату').fill('2026-11-20');
      const pdfLink = page.getByRole('link', { name: 'Расчёт пени (PDF)' });
      const href = await pdfLink.getAttribute('href');
      expect(href).toBe(`/api/v1/finance/accounts/${a!.id}/penalties/pdf?date=2026-11-20`);
      const pdf = await page.request.get(`${target.url()}${href}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // the house's sheet by account: the totals row equals the API's totals
      await page.goto(
        `${target.url()}/finance/turnover?scope=house&id=${a!.house.id}&period=${month}&groupBy=account`,
      );
      const sheet = page.getByRole('grid', { name: 'Оборотно-сальдовая ведомость' });
      const total = sheet.locator('tbody tr').last();
      await total.getByText('Итого').waitFor();
      const cells = await total.locator('td').allTextContents();
      const fromApi = (await (
        await page.request.get(
          `${api}/finance/turnover?period=${month}&houseId=${a!.house.id}&groupBy=account`,
        )
      ).json()) as { totals: { paidKop: number; closingKop: number } };
      expect(kop(cells[5]!)).toBe(fromApi.totals.paidKop);
      expect(kop(cells[6]!)).toBe(fromApi.totals.closingKop);
      expect(await page.getByRole('link', { name: 'Скачать XLSX' }).getAttribute('href')).toBe(
        `/api/v1/finance/turnover/xlsx?period=${month}&groupBy=account&houseId=${a!.house.id}`,
      );
      await target.screenshot(page, 'finance-turnover');

      // the second payment (99,00 on account b) moved to account a from its card: a reversal on b, a new payment on a
      await page.goto(`${target.url()}/finance/journal?accountNumber=${b!.number}`);
      const bRows = page.getByRole('grid', { name: 'Журнал платежей' }).locator('tbody tr');
      await page.getByTestId('journal-totals').getByText('99,00 ₽').waitFor();
      await bRows.first().getByRole('link').click();
      await page.getByRole('heading', { name: /^Платёж № \d+$/ }).waitFor();
      await page.getByLabel('Что сделать').selectOption({ label: 'Перенести на другой счёт или разделить' });
      await page.getByLabel('Причина').fill('не тот лицевой счёт');
      await page.getByLabel('Лицевой счёт 1').fill(a!.number);
      expect(await page.getByLabel('Сумма 1, ₽').inputValue()).toBe('99,00');
      await page.getByRole('button', { name: 'Перенести…' }).click();
      await page
        .getByRole('alertdialog', { name: 'Подтверждение исправления' })
        .getByText(`99,00 ₽ на счёт ${a!.number}`)
        .waitFor();
      await page.getByRole('button', { name: 'Подтвердить' }).click();
      await page.getByText('Сторнирован платежом').locator('..').getByRole('link').waitFor();
      // visible on both accounts: b has the payment and its reversal (0,00), a has the moved 99,00 among its rows
      await page.goto(`${target.url()}/finance/journal?accountNumber=${b!.number}`);
      await page.getByTestId('journal-totals').getByText('Найдено: 2').waitFor();
      expect(await page.getByTestId('journal-totals').textContent()).toContain('0,00 ₽');
      await page.goto(`${target.url()}/finance/journal?accountNumber=${a!.number}&state=corrected`);
      const moved = page.getByRole('grid', { name: 'Журнал платежей' }).locator('tbody tr');
      await moved
        .first()
        .getByText(/перенесён из платежа № \d+/)
        .waitFor();
      expect(await moved.first().textContent()).toContain('99,00');
    } finally {
      await context.close();
    }
  });
});
