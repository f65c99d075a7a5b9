// Shared helpers of the browser tests: one headless Chromium (Debian's), pages at 1366×768,
// sign-in per role. Flags from shared/deps.md pitfall 17.
import { createRequire } from 'node:module';

// playwright-core lives in web/node_modules (installed by scripts/install-web.sh).
const require = createRequire(new URL('../../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const base = process.env.JX_URL;
export const passwords = {
  admin: process.env.JX_PASS_ADMIN,
  bureau: process.env.JX_PASS_BUREAU,
  editor: process.env.JX_PASS_EDITOR,
  viewer: process.env.JX_PASS_VIEWER,
};

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],  // playwright gives each launch a fresh profile
  });
}

// A new browser context signed in as `role` (each context has its own cookies).
export async function signIn(browser, role) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.fill('input[name=name]', role);
  await page.fill('input[name=password]', passwords[role]);
  await page.click('[data-test=login]');
  await page.waitForSelector('[data-test=who]');
  return page;
}

export const digits = (s) => s.replace(/[,\s]/g, '');
