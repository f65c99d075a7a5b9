// Shared helpers of the browser tests: one headless Chromium (Debian's), pages at 1440×900 by
// default, sign-in per role (changing the demo's first password the first time, as the server
// requires), the axe-core scan, and checks that feedback shows inside the viewport.
// Flags from shared/deps.md pitfall 17.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

// playwright-core and axe-core live in web/node_modules (installed by scripts/install-web.sh).
const require = createRequire(new URL('../../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const base = process.env.JX_URL;
export const passwords = {
  admin: process.env.JX_PASS_ADMIN,
  bureau: process.env.JX_PASS_BUREAU,
  editor: process.env.JX_PASS_EDITOR,
  viewer: process.env.JX_PASS_VIEWER,
};
// Each test file runs in its own process: a password changed by one is kept here for the next.
const changed = join(process.env.JX_WORK || '.', 'passwords.json');
if (existsSync(changed)) Object.assign(passwords, JSON.parse(readFileSync(changed, 'utf8')));

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],  // playwright gives each launch a fresh profile
  });
}

export async function newPage(browser, viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // Whatever the server's Content-Security-Policy refuses (an inline script or <style>) counts
  // as an error of the page: the UI must work under it.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) page.errors.push(m.text());
  });
  return page;
}

// Fills the sign-in form of `page` as `role`; the first time, changes the first password.
export async function signInOn(page, role) {
  await page.waitForSelector('input[name=password]');
  await page.fill('input[name=name]', role);
  await page.fill('input[name=password]', passwords[role]);
  await page.click('[data-test=login]');
  await page.waitForSelector('[data-test=who]');
  if (page.url().includes('#/password')) {
    const next = `${passwords[role]}-Nw7!`;
    await page.fill('input[name=old_password]', passwords[role]);
    await page.fill('input[name=new_password]', next);
    await page.fill('input[name=confirm_password]', next);
    await page.click('[data-test=change-password]');
    await page.waitForURL((u) => !u.hash.startsWith('#/password'));
    await page.waitForSelector('[data-test=who]');
    passwords[role] = next;
    writeFileSync(changed, JSON.stringify(passwords));
  }
}

// A new browser context signed in as `role` (each context has its own cookies).
export async function signIn(browser, role, viewport) {
  const page = await newPage(browser, viewport);
  await page.goto(base + '/');
  await signInOn(page, role);
  return page;
}

// Goes to a route of the UI and waits for the page to settle.
export async function open(page, hash, selector) {
  const target = `${base}/#${hash}`;
  if (page.url() === target) await page.reload(); else await page.goto(target);
  await page.waitForLoadState('networkidle');
  // A sign-in that has just finished may still be routing to the workbench when our hash change
  // lands, and win: then go to the page once more (seen as rare 30 s timeouts under load).
  if (page.url() !== target) await page.goto(target);
  if (selector) await page.waitForSelector(selector);
  await page.waitForLoadState('networkidle');
}

// The serious and critical axe-core violations of the page as "rule(nodes)" strings.
// axe-core goes in through the DevTools protocol (page.evaluate), not a <script> element: the
// server's Content-Security-Policy refuses inline scripts, as it should (issue 17).
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}(${v.nodes.length}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')})`));
}

// Text laid out badly: a text of 2+ characters broken one character a line (a column or a tag
// too narrow: "黄/色"), and menu labels cut off by the side menu's edge. Empty lists when fine.
export async function textProblems(page) {
  return page.evaluate(() => {
    const charLines = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.textContent.replace(/\s/g, '');
      const el = n.parentElement;
      if ([...t].length < 2 || !el || !el.getClientRects().length) continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      const lines = new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top)));
      if (lines.size >= 2 && lines.size >= [...t].length) charLines.push(`${t.slice(0, 12)} <${el.tagName.toLowerCase()}.${[...el.classList].join('.')}>`);
    }
    const menuClipped = [...document.querySelectorAll('[role=menuitem] .menu-label')]
      .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > e.closest('aside').getBoundingClientRect().right)
      .map((e) => e.textContent.trim());
    return { charLines: charLines.slice(0, 5), menuClipped };
  });
}

// Asserts that the element is visible inside the viewport (feedback where the eye is).
export async function assertInViewport(page, selector, what) {
  const el = page.locator(selector).first();
  await el.waitFor({ state: 'visible' });
  // Measured where it comes to rest (a toast slides in from just above the top).
  await el.evaluate((e) => Promise.all(e.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => {}))));
  const box = await el.boundingBox();
  const vp = page.viewportSize();
  assert.ok(box, `${what}: no box`);
  assert.ok(box.y >= 0 && box.y + Math.min(box.height, 40) <= vp.height, `${what} is outside the viewport (y = ${Math.round(box.y)}, viewport ${vp.height})`);
}

// The text of the newest toast of the given type (success, error, warning).
export async function toast(page, type) {
  const el = page.locator(`.el-message--${type}`).last();
  await el.waitFor({ state: 'visible' });
  return (await el.textContent()).trim();
}

// Confirms the open Element Plus message box.
export async function confirmBox(page) {
  await page.waitForSelector('.el-message-box', { state: 'visible' });
  await page.click('.el-message-box__btns .el-button--primary, .el-message-box__btns .el-button--danger');
  await page.waitForSelector('.el-message-box', { state: 'hidden' });
}

export const digits = (s) => s.replace(/[,\s]/g, '');

// A zip archive of `entries` ([name, Buffer]) with stored (uncompressed) members, as a user's
// archiver would make one: for uploads that take a zip of reports.
export function zipOf(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);  // UTF-8 names
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt32LE(crc, 16); entry.writeUInt32LE(data.length, 20); entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(n.length, 28); entry.writeUInt32LE(offset, 42);
    central.push(entry, n);
    offset += 30 + n.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
