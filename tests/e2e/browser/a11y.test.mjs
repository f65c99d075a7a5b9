// Accessibility and layout: every page each role reaches from its menu has no serious or
// critical axe-core violation at 1440 × 900; the pages hold at 1024 and 768 (no page-wide
// horizontal scroll); screenshots of the workbench and the dashboard for docs/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axeViolations, launch, open, signIn } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const shots = process.env.JX_SHOTS || process.env.JX_WORK;

for (const role of ['admin', 'bureau', 'editor', 'viewer']) {
  test(`${role}: every menu page passes axe-core (no serious or critical violation)`, async () => {
    const page = await signIn(browser, role);
    await page.waitForSelector('[role=menuitem]');
    await page.waitForLoadState('networkidle');
    const problems = [];
    const landing = await axeViolations(page);
    if (landing.length) problems.push(`workbench: ${landing.join(' ')}`);
    const labels = await page.$$eval('[role=menuitem] .menu-label', (els) => els.map((e) => e.textContent.trim()));
    for (const label of labels) {
      await page.locator('[role=menuitem]').filter({ hasText: label }).first().click();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const v = await axeViolations(page);
      if (v.length) problems.push(`${label}: ${v.join(' ')}`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

for (const width of [1440, 1024, 768]) {
  test(`at ${width} px the workbench and the dashboard fit the width`, async () => {
    for (const role of ['bureau', 'editor']) {
      const page = await signIn(browser, role, { width, height: 900 });
      await page.waitForSelector('[role=menuitem]');
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const pages = role === 'editor' ? [['workbench', '/workbench'], ['dashboard', '/dashboard/BYRD01'], ['evaluation', '/evaluation/BYRD01/2022']]
        : [['workbench', '/workbench'], ['overview', '/overview']];
      for (const [name, hash] of pages) {
        await open(page, hash);
        await page.waitForTimeout(300);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${role} ${name} at ${width}: ${overflow} px wider than the window`);
        await page.screenshot({ path: join(shots, `${role}-${name}-${width}.png`) });
      }
      await page.context().close();
    }
  });
}
