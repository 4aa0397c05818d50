/**
 * Финансы → Перечисления: a payment order marked as sent from the screen (ПП № 253 п.6; docs/finance.md
 * "Recorded transfers"). The house is charged for the open period; 1.00 ₽ for cold water (the payer named the
 * service, so it pays the water supplier's line) received Friday 06.11.2026, no agent's fee, the centre's fee
 * 1 % = 0.01 → 0.99 due Monday 09.11.2026 (Sat, Sun off).
 * Today (the real clock) is after that: overdue; recorded as made Tuesday 10.11 → late by 1 day, and the late
 * report lists it. Needs web/dist: `npm run build -w web`. Screenshot: .tmp/screenshots/finance-transfers.png.
 */
import { describe, expect, it } from 'vitest';
import { isValidBankAccount } from '../../src/domain/requisites.js';
import { useBrowser } from '../support/browser.js';

const target = useBrowser();
const BIK = '045209673';

/** A settlement account of BIK with a correct key (the key digit is the 9th). */
function validAccount(): string {
  for (let d = 0; d < 10; d++) {
    const account = `40702810${d}00000000077`;
    if (isValidBankAccount(account, BIK)) return account;
  }
  throw new Error('no key digit');
}

describe('recorded transfers on the remittance screen', { timeout: 150_000 }, () => {
  it('marks the day’s order as sent one working day late and finds it in the late report', async () => {
    const { context, page } = await target.newPage();
    try {
      const api = `${target.url()}/api/v1`;
      const post = async (path: string, data: unknown) => {
        const res = await page.request.post(`${api}${path}`, { data });
        expect(res.status(), await res.text()).toBe(201);
        return res.json();
      };
      // set up as the administrator: the supplier's bank account and contract, the payment
      await page.request.post(`${api}/auth/login`, { data: { login: 'admin', password: 'demo' } });
      const account = (
        (await (await page.request.get(`${api}/accounts?pageSize=1&status=open`)).json()) as {
          items: { id: number; house: { id: number } }[];
        }
      ).items[0]!;
      const services = (await (
        await page.request.get(`${api}/houses/${account.house.id}/services?onDate=2026-11-06`)
      ).json()) as { items: { serviceCode: string; supplierId: number; supplierName: string }[] };
      const water = services.items.find((s) => s.serviceCode === 'cold_water')!;
      // the register names the supplier by its full name
      const supplierName = (
        (await (await page.request.get(`${api}/organisations/${water.supplierId}`)).json()) as {
          name: string;
        }
      ).name;
      const bank = await post(`/organisations/${water.supplierId}/bank-accounts`, {
        account: validAccount(),
        bik: BIK,
        bankName: 'Омское отделение № 8634',
        validFrom: '2020-01-01',
      });
      await post('/finance/contracts', {
        partyId: water.supplierId,
        number: 'E2E-В',
        signedOn: '2025-12-01',
        centreFeePercent: '1',
        bankAccountId: bank.id,
        // from November: the demo's own contract with the supplier (from January) closes the day before
        validFrom: '2026-11-01',
      });
      const agents = (await (await page.request.get(`${api}/organisations?kind=payment_agent`)).json()) as {
        items: { id: number }[];
      };
      // the house is charged for the open period, so the account owes the water supplier for cold water
      const periods = (await (await page.request.get(`${api}/billing/periods`)).json()) as {
        items: { period: string; status: string }[];
      };
      const open = periods.items.find((p) => p.status === 'open')!.period;
      const started = await page.request.post(`${api}/billing/runs`, {
        data: { period: open, houseId: account.house.id },
      });
      expect(started.status(), await started.text()).toBe(202);
      const runId = ((await started.json()) as { id: number }).id;
      for (let i = 0; i < 120; i++) {
        const run = (await (await page.request.get(`${api}/billing/runs/${runId}`)).json()) as {
          status: string;
        };
        if (run.status !== 'running') {
          expect(run.status).toBe('done');
          break;
        }
        await page.waitForTimeout(500);
      }
      await post('/finance/payments', {
        agentId: agents.items[0]!.id,
        agentPaymentId: 'E2E-T1',
        paidOn: '2026-11-06',
        receivedOn: '2026-11-06',
        accountId: account.id,
        amountKop: 100,
        byService: [{ service: 'cold_water', amountKop: 100 }],
      });
      await page.request.post(`${api}/auth/logout`);

      await page.goto(`${target.url()}/finance/remittance?date=2026-11-06`);
      await target.logIn(page, 'accountant', 'demo');
      const table = page.getByRole('grid', { name: 'Перечисления по поставщикам' });
      const row = table.locator('tbody tr').filter({ hasText: supplierName });
      await row.getByText('просрочено').waitFor();
      expect(await row.textContent()).toContain('09.11.2026');
      expect(await row.textContent()).toContain('0,99');
      await page.getByLabel(`№ п/п для ${supplierName}`).fill('341');
      await page.getByLabel(`Дата п/п для ${supplierName}`).fill('2026-11-10');
      expect(await page.getByLabel(`Сумма п/п для ${supplierName}`).inputValue()).toBe('0,99');
      await row.getByRole('button', { name: 'Перечислено' }).click();
      await row.getByText('с опозданием на 1 дн.').waitFor();
      expect(await row.textContent()).toContain('п/п № 341 от 10.11.2026: 0,99 ₽');

      const late = page.getByRole('grid', { name: 'Просроченные перечисления' });
      await page.getByLabel('Дни приёма с').fill('2026-11-01');
      await page.getByLabel('по', { exact: true }).fill('2026-11-30');
      const lateRow = late.locator('tbody tr').filter({ hasText: supplierName });
      await lateRow.getByText('с опозданием на 1 дн.').waitFor();
      expect(await lateRow.textContent()).toContain('06.11.2026');
      await target.screenshot(page, 'finance-transfers');
    } finally {
      await context.close();
    }
  });
});
