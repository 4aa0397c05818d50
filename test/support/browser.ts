/**
 * The browser side of the e2e tests: Debian's Chromium through playwright-core against a test server on a
 * fresh embedded database with the demo loaded. `useBrowser()` registers the hooks; needs web/dist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer } from './test-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const distIndex = path.join(repoRoot, 'web', 'dist', 'index.html');
const screenshotDir = path.join(repoRoot, '.tmp', 'screenshots');
/** Debian's Chromium and the flags every browser test launches it with (DEVELOPERS.md). */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
export const WAIT = { timeout: 15_000 };

export type BrowserTarget = {
  url(): string;
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  screenshot(page: Page, name: string): Promise<void>;
  logIn(page: Page, login: string, password: string): Promise<void>;
};

export function useBrowser(): BrowserTarget {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(distIndex))
      throw new Error(`${distIndex} is missing: run \`npm run build -w web\` first.`);
    fs.mkdirSync(screenshotDir, { recursive: true });
    server = await startTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    url: () => server!.url,
    async newPage() {
      const context = await browser!.newContext({ viewport: { width: 1400, height: 860 }, locale: 'ru-RU' });
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT.timeout);
      return { context, page };
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
    },
    async logIn(page, login, password) {
      await page.getByLabel('Логин', { exact: true }).fill(login);
      await page.getByLabel('Пароль', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Войти' }).click();
    },
  };
}
