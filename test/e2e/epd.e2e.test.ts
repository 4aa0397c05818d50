/**
 * ЕПД in a real browser against a real server (issue 8 "Screens"): the open period is charged for the
 * town's smallest house by the server's loop and closed (through the API, as set-up); the accountant issues
 * a monthly bill from an account card's «Платёжные документы» tab and opens its PDF, then starts the house's
 * batch on Начисления → ЕПД and watches it complete. Needs web/dist: `npm run build -w web`.
 * Screenshots: .tmp/screenshots/epd-*.png.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from '../support/browser.js';

const target = useBrowser();
let houseId = 0;
let accountId = 0;
let period = '';

beforeAll(async () => {
  const api = async (method: string, url: string, cookie: string, body?: unknown) => {
    const res = await fetch(`${target.url()}/api/v1${url}`, {
      method,
      headers: { Cookie: cookie, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const login = await fetch(`${target.url()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: 'accountant', password: 'demo' }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const houses = (await api('GET', '/houses?pageSize=100', cookie)).items as { id: number }[];
  // the house with the fewest accounts, so the run and the batch are short
  let fewest = Infinity;
  for (const h of houses) {
    const accounts = await api('GET', `/accounts?houseId=${h.id}&pageSize=1`, cookie);
    if ((accounts.total as number) < fewest) {
      fewest = accounts.total as number;
      houseId = h.id;
      accountId = (accounts.items as { id: number }[])[0]!.id;
    }
  }
  const periods = (await api('GET', '/billing/periods', cookie)).items as {
    period: string;
    status: string;
  }[];
  period = periods.find((p) => p.status === 'open')!.period;
  let run = await api('POST', '/billing/runs', cookie, { period, houseId, dryRun: false });
  for (let i = 0; i < 120 && run.status === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 500));
    run = await api('GET', `/billing/runs/${run.id as number}`, cookie);
  }
  expect(run.status).toBe('done');
  await api('POST', `/billing/periods/${period}/close`, cookie);
}, 120_000);

describe('ЕПД screens for the accountant', { timeout: 120_000 }, () => {
  it('issues a monthly bill from the account card and opens its PDF', async () => {
    const { context, page } = await target.newPage();
    try {
      await page.goto(`${target.url()}/registry/accounts/${accountId}?tab=documents`);
      await target.logIn(page, 'accountant', 'demo');
      await page.getByRole('heading', { name: 'Выпустить платёжный документ' }).waitFor();
      await page.getByLabel('Период (ГГГГ-ММ)').fill(period);
      await page.getByRole('button', { name: 'Выпустить' }).click();
      await page.getByRole('status').filter({ hasText: 'к оплате' }).waitFor();
      const link = page.getByRole('link', { name: /^Открыть PDF / }).first();
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      const pdf = await page.request.get(`${target.url()}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await target.screenshot(page, 'epd-account-documents');
    } finally {
      await context.close();
    }
  });

  it('starts the house batch and sees it complete with its PDF to download', async () => {
    const { context, page } = await target.newPage();
    try {
      await page.goto(`${target.url()}/billing/epd`);
      await target.logIn(page, 'accountant', 'demo');
      await page.getByRole('heading', { name: 'Пакеты ЕПД' }).waitFor();
      await page.getByLabel('Период (ГГГГ-ММ)').fill(period);
      await page.getByLabel('Номер (id) дома, УО или района').fill(String(houseId));
      await page.getByRole('button', { name: 'Напечатать пакет' }).click();
      const download = page.getByRole('link', { name: /^Скачать PDF пакета № \d+ \(\d+ стр\.\)$/ });
      await download.waitFor({ timeout: 60_000 });
      const row = page.getByRole('row').filter({ has: download });
      expect(await row.textContent()).toContain('готов');
      const href = (await download.getAttribute('href'))!;
      const pdf = await page.request.get(`${target.url()}${href}`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await target.screenshot(page, 'epd-batches');
    } finally {
      await context.close();
    }
  });
});
