// The web UI in a real browser: each role signs in and sees its own menu and workbench (or is
// refused); the dashboard agrees with the CLI; an import with a progress bar, and a bad file that
// changes nothing with its errors in view; an import previewed (its plan), a column mapped, confirmed; goals saved in one action, a refused value put back;
// the evaluation goes draft → submitted (locked) → returned → submitted → reviewed, each step
// confirmed, the bureau's 待复核 list following; a lost session returns to sign-in and back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertInViewport, base, confirmBox, digits, launch, newPage, open, passwords, signIn, signInOn, toast,
} from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const cli = JSON.parse(readFileSync(process.env.JX_CLI_SUMMARY, 'utf8'));
const wan = (yuan) => (Number(yuan) / 10000).toFixed(2);
const menuOf = (page) => page.$$eval('[role=menuitem] .menu-label', (els) => els.map((e) => e.textContent.trim()));

test('a wrong password is refused with a message', async () => {
  const page = await newPage(browser);
  await page.goto(base + '/');
  await page.fill('input[name=name]', 'editor');
  await page.fill('input[name=password]', 'not-the-password');
  await page.click('[data-test=login]');
  assert.equal(await page.textContent('[data-test=error]'), '用户名或密码错误');
  await page.context().close();
});

test('each role signs in (first password changed), lands on its workbench and sees its own menu', async () => {
  const menus = {
    admin: ['工作台', '全局概览', '数据导入', '指标库', '报告核查', '代表建议', '人大工作与代表履职', '审计日志', '用户管理'],
    bureau: ['工作台', '全局概览', '指标库', '报告核查', '代表建议', '人大工作与代表履职', '审计日志'],
    editor: ['工作台', '单位看板', '绩效目标', '绩效自评', '数据导入', '指标库', '报告核查', '代表建议', '人大工作与代表履职'],
    viewer: ['工作台', '单位看板', '绩效目标', '绩效自评', '指标库', '报告核查', '代表建议', '人大工作与代表履职'],
  };
  for (const [role, items] of Object.entries(menus)) {
    const page = await signIn(browser, role);
    await page.waitForSelector('[role=menuitem]');
    assert.match(page.url(), /#\/workbench$/, role);
    assert.deepEqual(await menuOf(page), items, role);
    assert.deepEqual(page.errors, [], `${role}: no script error`);
    await page.context().close();
  }
});

test('the workbench: the bureau sees 待复核 and opens any unit from the picker; the editor sees goals to complete, warnings and menu badges', async () => {
  const bureau = await signIn(browser, 'bureau');
  await bureau.waitForSelector('[data-test=pending-review]');
  assert.match(await bureau.textContent('[data-test=pending-review]'), /待复核/);
  // The bureau's own to-do comes first, above the suggestions reminder.
  await bureau.waitForSelector('[data-test=suggestions-due]');
  const [review, due] = [await bureau.locator('[data-test=pending-review]').boundingBox(), await bureau.locator('[data-test=suggestions-due]').boundingBox()];
  assert.ok(review.y < due.y, '待复核 above the suggestions reminder');
  // The unit picker opens any unit's dashboard (not only through the ranking).
  await bureau.click('[data-test=unit-picker]');
  await bureau.keyboard.type('BYRD01');
  await bureau.locator('.el-select-dropdown__item:visible', { hasText: 'BYRD01' }).first().click();
  await bureau.waitForURL(/#\/dashboard\/BYRD01$/);
  await bureau.waitForSelector('[data-test=budget]');
  await bureau.context().close();
  const editor = await signIn(browser, 'editor');
  await editor.waitForSelector('[data-test=goal-todo]');
  assert.match(await editor.textContent('[data-test=warnings]'), /红色/);
  assert.match(await editor.textContent('[data-test=evaluation-state]'), /未填报/);
  // Count badges on the menu: the to-dos on 工作台, the urgent warnings on 单位看板.
  assert.match(await editor.textContent('[data-test=menu-workbench] .menu-count'), /^[1-9]\d*$/);
  assert.match(await editor.textContent('[data-test=menu-dashboard] .menu-count'), /^[1-9]\d*$/);
  await editor.context().close();
});

test('the office sees the congress figures from the records and the suggestions it tracks', async () => {
  const page = await signIn(browser, 'editor');
  await open(page, '/congress', '#cw-year');
  await page.fill('#cw-year', '2022');
  await page.click('[data-test=congress-load]');
  await page.waitForFunction(() => /199 件/.test(document.querySelector('[data-test=congress-figures]')?.textContent || ''));
  const figures = await page.textContent('[data-test=congress-figures]');
  assert.match(figures, /会议期间 192，闭会期间 7/);
  assert.match(figures, /100\.0%/);
  // The records behind the figures, and the 履职简报 rendered by the server.
  await page.click('text=工作记录（');
  await page.waitForSelector('[data-test=congress-records]');
  assert.match(await page.textContent('[data-test=congress-records]'), /常委会会议/);
  const [bulletin] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=bulletin-download]')]);
  assert.equal(bulletin.suggestedFilename(), '2022年人大代表履职简报.docx');
  const saved = join(process.env.JX_WORK, 'bulletin.docx');
  await bulletin.saveAs(saved);
  assert.equal(readFileSync(saved).subarray(0, 2).toString(), 'PK');
  await open(page, '/suggestions', '#sg-year');
  await page.fill('#sg-year', '2022');
  await page.fill('#sg-asof', '2022-04-20');
  await page.click('[data-test=suggestions-load]');
  await page.waitForSelector('[data-test=congress-status] tr.warn');
  assert.match(await page.textContent('[data-test=congress-status]'), /即将到期/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the office imports suggestions (checked first, every bad cell listed), records 重点督办, and the workbench warns of the due one', async () => {
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  const header = '建议编号,标题,领衔代表,提出时段,登记日期,交办日期,主办单位\n';
  const bad = join(process.env.JX_WORK, 'bad-suggestions.csv');
  writeFileSync(bad, header + `UI-1,关于加装电梯的建议,D99999,会议期间,${day(-85)},${day(-80)},BYJT01\nUI-2,关于公园照明的建议,D17001,休会,${day(-85)},${day(-80)},NOPE\n`);
  const good = join(process.env.JX_WORK, 'new-suggestions.csv');
  writeFileSync(good, header + `UI-1,关于老旧小区加装电梯的建议,D17001,会议期间,${day(-85)},${day(-80)},BYJT01\n`);

  const page = await signIn(browser, 'editor');
  await open(page, '/suggestions', '[data-test=congress-import]');
  await page.setInputFiles('#ci-file', bad);
  await page.click('[data-test=congress-import-check]');
  await page.waitForSelector('[data-test=congress-import-rows]');
  const rows = await page.textContent('[data-test=congress-import-rows]');
  for (const want of [/领衔代表/, /D99999/, /提出时段/, /主办单位/, /NOPE/]) assert.match(rows, want);
  assert.ok(await page.isDisabled('[data-test=congress-import-confirm]'), 'nothing to confirm after a failed check');

  await page.setInputFiles('#ci-file', good);
  await page.click('[data-test=congress-import-check]');
  await page.waitForSelector('[data-test=congress-import-checked]');
  assert.match(await page.textContent('[data-test=congress-import-checked]'), /校验通过：new-suggestions\.csv，代表建议 1 行，尚未写入/);
  await page.click('[data-test=congress-import-confirm]');
  await page.waitForSelector('[data-test=congress-import-done]');
  assert.match(await page.textContent('[data-test=congress-import-done]'), /已导入：new-suggestions\.csv，代表建议 1 行/);

  // 重点督办 on the new suggestion: the leader, then an action.
  await page.fill('#sg-year', day(-80).slice(0, 4));
  await page.click('[data-test=suggestions-load]');
  await page.click('[data-test=congress-status] >> text=UI-1');
  await page.waitForSelector('[data-test=supervise]');
  await page.fill('#sv-leader', '王主任');
  await page.selectOption('#sv-kind', '调研');
  await page.fill('#sv-date', day(-10));
  await page.fill('#sv-note', '实地查看加装电梯进展');
  await page.click('[data-test=supervise-submit]');
  await page.waitForFunction(() => /王主任.*调研 实地查看加装电梯进展/.test(document.querySelector('[data-test=congress-detail]')?.textContent || ''));

  // The workbench: the new suggestion is due within the warning window.
  await open(page, '/workbench', '[data-test=suggestions-due]');
  const due = await page.textContent('[data-test=suggestions-due]');
  assert.match(due, /UI-1 关于老旧小区加装电梯的建议/);
  assert.match(due, /即将到期/);
  assert.match(due, /还有 \d+ 天/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the unit dashboard shows the CLI numbers (3403.40 万元, 3115.88 万元, 91.6%) at a glance', async () => {
  const page = await signIn(browser, 'viewer');
  await open(page, '/dashboard/BYRD01', '[data-test=budget]');
  const unit = cli.units[0];
  assert.equal(digits(await page.textContent('[data-test=budget]')), wan(unit.budget));
  assert.equal(digits(await page.textContent('[data-test=executed]')), wan(unit.executed));
  assert.equal(await page.textContent('[data-test=rate]'), unit.execution_rate_display);
  assert.equal(wan(unit.budget), '3403.40');
  assert.equal(unit.execution_rate_display, '91.6%');
  assert.match(await page.textContent('[data-test=gap]'), /慢于序时进度 8\.4 个百分点/);
  assert.match(await page.textContent('[data-test=score]'), /^\d+\.\d\d/, 'the computed score before any evaluation');
  assert.match(await page.textContent('[data-test=goals-done]'), /^\d+\/\d+$/);
  assert.ok(await page.$('.chart svg'), 'the execution curve is drawn');
  assert.equal(await page.getAttribute('.chart', 'role'), 'img');
  const legend = await page.textContent('.chart');
  assert.doesNotMatch(legend, /band-base|预测 P10(?!–)/, 'no helper series in the legend');
  // Warnings: red first, at most five, the rest behind 查看全部.
  const levels = await page.$$eval('[data-test=warnings] li .el-tag', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(levels.length <= 5 && levels.length > 0);
  assert.equal(levels[0], '红色');
  assert.match(await page.textContent('[data-test=lines]'), /合计/);
  // Mid-year (截至 2022-09-30): the gap to schedule, and the advice as a table (project, kind in
  // Chinese, amount, probability, deadline) with its evidence on demand, inside the card.
  await page.fill('#dash-asof', '2022-09-30');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-test=advice-table]');
  assert.match(await page.textContent('[data-test=gap]'), /慢于序时进度 13\.1 个百分点/);
  const advice = await page.textContent('[data-test=advice-table]');
  assert.match(advice, /P003 代表工作及代表联络站建设\s*调减\s*73\.19\s*100%\s*2022-10-31/);
  assert.doesNotMatch(advice, /reduce|transfer|overrun/, 'the kind of advice in Chinese');
  await page.click('[data-test=advice-table] .el-table__expand-icon');
  const evidence = page.locator('[data-test=evidence]').first();
  assert.match(await evidence.textContent(), /建议调减73\.19万元/);
  const [ev, card] = [await evidence.boundingBox(), await page.locator('[data-test=advice]').boundingBox()];
  assert.ok(ev.x + ev.width <= card.x + card.width + 1, 'the evidence fits its card');
  await page.context().close();
});

test('the bureau overview lists every unit with its execution; the heat map has a text table', async () => {
  const page = await signIn(browser, 'bureau');
  await open(page, '/overview', '[data-test=unit-count]');
  assert.equal(await page.textContent('[data-test=unit-count]'), String(cli.units.length));
  assert.equal(await page.textContent('[data-test=overall-rate]'), cli.totals.execution_rate_display);
  assert.match(await page.textContent('[data-test=ranking]'), /BYRD01/);
  assert.ok(await page.$('.plain-table th[scope=row]'), 'the heat map as a table');
  // The heat map colours the gap to schedule, not the raw rate: BYRD01's December is −8.4.
  const byrd = await page.$$eval('.plain-table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())).find((r) => r[0].startsWith('BYRD01')));
  assert.equal(byrd[12], '-8.4');
  await page.context().close();
});

test('roles are refused where they may not go; 无权访问 without a script error', async () => {
  const viewer = await signIn(browser, 'viewer');
  await open(viewer, '/audit', '[data-test=forbidden]');
  assert.match(await viewer.textContent('[data-test=forbidden]'), /无权访问/);
  await open(viewer, '/users', '[data-test=forbidden]');
  assert.equal(await viewer.$('[data-test=add-user]'), null, 'no add-user form');
  await open(viewer, '/dashboard/NOT-MINE', '[data-test=error]');
  assert.match(await viewer.textContent('[data-test=error]'), /无权查看单位 NOT-MINE/);
  await open(viewer, '/evaluation/BYRD01/2022', '[data-test=status]');
  assert.equal(await viewer.$('[data-test=save]'), null, 'a viewer has no save button');
  assert.deepEqual(viewer.errors, []);
  await viewer.context().close();
});

test('a slow API shows a loader on every page; a failing one shows the error, never a false empty state or a script error', async () => {
  const pages = { editor: ['/workbench', '/dashboard/BYRD01', '/goals/BYRD01/2022', '/evaluation/BYRD01/2022', '/import', '/indicators', '/congress'],
    bureau: ['/workbench', '/overview', '/audit'] };
  const through = (url) => /\/api\/(session|years)\b/.test(url);
  for (const [role, hashes] of Object.entries(pages)) {
    const page = await signIn(browser, role);
    await page.waitForSelector('[role=menuitem]');
    let mode = 'slow';
    await page.route('**/api/**', async (r) => {
      if (through(r.request().url())) return r.continue();
      if (mode === 'slow') { await new Promise((ok) => setTimeout(ok, 1500)); return r.continue().catch(() => {}); }
      return r.fulfill({ status: 500, contentType: 'application/json', body: '{"code":"internal","message":"服务器内部错误"}' });
    });
    for (const hash of hashes) {
      mode = 'slow';
      await page.goto(`${base}/#${hash}`);
      await page.reload();
      await page.waitForSelector('.main');
      await page.waitForTimeout(300);
      const loader = await page.evaluate(() => [...document.querySelectorAll('.main .el-skeleton, .main .el-loading-mask')].some((e) => e.getClientRects().length));
      assert.ok(loader, `${role} ${hash}: a loader while the API is slow`);
      await page.waitForLoadState('networkidle');
      mode = 'fail';
      await page.reload();
      await page.waitForSelector('.main');
      const shown = await page.waitForFunction(() => [...document.querySelectorAll('.main .el-alert--error')].map((e) => e.textContent).join(' '), null, { timeout: 5000 })
        .then((h) => h.jsonValue()).catch(() => '');
      assert.match(shown, /服务器内部错误/, `${role} ${hash}: the load error is shown`);
    }
    assert.deepEqual(page.errors, [], `${role}: no script error`);
    await page.context().close();
  }
});

test('a lost session returns to the sign-in form, and signing in comes back to the same page', async () => {
  const page = await signIn(browser, 'editor');
  await open(page, '/goals/BYRD01/2022', '[data-test=goals]');
  await page.context().clearCookies();
  await page.reload();
  await page.waitForSelector('input[name=password]');
  assert.match(page.url(), /#\/login\?redirect=/);
  await signInOn(page, 'editor');
  await page.waitForSelector('[data-test=goals]');
  assert.match(page.url(), /#\/goals\/BYRD01\/2022$/);
  // A session ended while the page is open: the next request sends the user to sign in.
  await page.context().clearCookies();
  await page.click('[data-test=menu-import]');
  await page.waitForSelector('input[name=password]');
  await page.context().close();
});

test('an import shows its progress; a bad file shows every bad row in view and changes nothing', async () => {
  const page = await signIn(browser, 'editor');
  const good = join(process.env.JX_WORK, 'extra-payments.csv');
  writeFileSync(good, '单位代码,年度,项目代码,支付日期,支付金额（元）,经济分类,凭证号,摘要\n'
    + 'BYRD01,2022,B002,2022-12-30,16400.00,30108,记-E2E-0001,补缴社保\n');
  const bad = join(process.env.JX_WORK, 'bad-payments.csv');
  writeFileSync(bad, '单位代码,年度,项目代码,支付日期,支付金额（元）,经济分类,凭证号,摘要\n'
    + 'BYRD01,2022,B002,2022-12-30,12.3x,30108,记-E2E-0002,错误金额\n'
    + 'BYRD01,2022,NOPE,2022-13-01,5.00,30108,记-E2E-0003,未知项目\n');

  // The history failing to load says so, not "还没有导入记录".
  await page.route('**/api/imports?limit=50', (r) => r.fulfill({ status: 500, contentType: 'application/json', body: '{"code":"internal","message":"服务器内部错误"}' }));
  await open(page, '/import', '[data-test=imports-error]');
  assert.match(await page.textContent('[data-test=imports-error]'), /导入记录读取失败：服务器内部错误/);
  await page.unroute('**/api/imports?limit=50');
  await open(page, '/import', '[data-test=upload]');
  await page.selectOption('select[name=kind]', 'payments');
  await page.setInputFiles('input[name=file]', bad);
  await page.click('[data-test=upload]');
  await page.waitForSelector('[data-test=row-errors]');
  assert.match(await page.textContent('[data-test=error]'), /未导入任何数据/);
  await assertInViewport(page, '[data-test=error]', 'the import error');
  assert.match(await toast(page, 'error'), /未导入任何数据/);
  const rows = await page.$$eval('[data-test=row-errors] .el-table__body tr', (trs) => trs.length);
  assert.ok(rows >= 2, `every bad row is listed (${rows})`);
  assert.match(await page.textContent('[data-test=row-errors]'), /支付金额（元）/);

  await open(page, '/dashboard/BYRD01', '[data-test=executed]');
  assert.equal(digits(await page.textContent('[data-test=executed]')), '3115.88', 'the bad file changed nothing');

  await open(page, '/import', '[data-test=upload]');
  await page.setInputFiles('input[name=file]', good);
  await page.click('[data-test=upload]');
  await page.waitForSelector('[data-test=result]');
  assert.match(await page.textContent('[data-test=result]'), /导入成功：extra-payments.csv，1 行/);
  assert.equal(await page.getAttribute('[data-test=progress]', 'aria-valuenow'), '100');
  assert.match(await page.textContent('[data-test=imports]'), /extra-payments\.csv/);
  assert.doesNotMatch(await page.textContent('[data-test=imports]'), /\/tmp|\/work|\\/, 'no server paths');
  assert.doesNotMatch(await page.textContent('[data-test=imports]'), /T\d\d:\d\d:\d\dZ/, 'local times, not UTC ISO');
  await open(page, '/dashboard/BYRD01', '[data-test=executed]');
  assert.equal(digits(await page.textContent('[data-test=executed]')), '3117.52');
  await page.context().close();
});

test('the import preview shows the plan of a real export; a column no rule knows is mapped there, then the import confirmed', async () => {
  const page = await signIn(browser, 'editor');
  const file = join(process.env.JX_WORK, '2022年12月支付明细.csv');
  writeFileSync(file, '2022年度国库集中支付明细表,,,,,,\n金额单位：元,,,,,,\n'
    + '单位代码,项目代码,支付日期,划款额,经济分类,凭证号,摘要\n'
    + 'BYRD01,B002,2022-12-30,10000.00,30108,记-E2E-0101,预览导入一\n'
    + 'BYRD01,B002,2022-12-30,2000.00,30108,记-E2E-0102,预览导入二\n'
    + '合计,,,12000.00,,,\n制表人：某某,,,,,,\n');
  await open(page, '/import', '[data-test=preview]');
  await page.selectOption('select[name=kind]', 'payments');
  await page.setInputFiles('input[name=file]', file);
  await page.click('[data-test=preview]');
  // Refused as it stands (no amount column), with the plan still shown.
  await page.waitForSelector('[data-test=plan-columns]');
  assert.match(await page.textContent('[data-test=error]'), /表头无法识别/);
  assert.match(await page.textContent('[data-test=row-errors]'), /缺少必需的列/);
  assert.match(await page.textContent('[data-test=plan]'), /第 3 行/);
  assert.match(await page.textContent('[data-test=plan-year]'), /2022（来自标题）/);
  const skipped = await page.textContent('[data-test=plan-skipped]');
  assert.match(skipped, /标题或说明/);
  assert.match(skipped, /合计/);
  assert.match(skipped, /表尾/);
  assert.ok(await page.isDisabled('[data-test=confirm]'), 'a refused plan cannot be confirmed');
  // Map 划款额 to the amount and preview again: the 合计 is checked, the import can go.
  await page.selectOption('select[aria-label="划款额 对应字段"]', 'amount');
  await page.click('[data-test=repreview]');
  await page.waitForSelector('[data-test=plan-totals]');
  assert.match(await page.textContent('[data-test=plan-totals]'), /12,000\.00[\s\S]*12,000\.00[\s\S]*一致/);
  assert.equal(await page.textContent('[data-test=plan-rows]'), '2');
  assert.equal(await page.$('[data-test=error]'), null, 'the mapped file passes the dry run');
  // Confirmed: imported once (had a preview written anything, this would be "已导入过").
  await page.click('[data-test=confirm]');
  await page.waitForSelector('[data-test=result]');
  assert.match(await page.textContent('[data-test=result]'), /导入成功：2022年12月支付明细.csv，2 行/);
  assert.equal(await page.$('[data-test=plan]'), null, 'the plan closes after the import');
  await open(page, '/dashboard/BYRD01', '[data-test=executed]');
  assert.equal(digits(await page.textContent('[data-test=executed]')), '3118.72');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an editor edits goals and saves in one action; a refused value is put back with the error on the field', async () => {
  const page = await signIn(browser, 'editor');
  await open(page, '/goals/BYRD01/2022', '[data-test=goals]');
  // Grouped by project, then by indicator class (一级指标), each class with its count.
  const classes = await page.$$eval('[data-test=goals] .el-collapse-item:first-child tr.class-row', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(classes.length >= 2 && /^产出指标（\d+）$/.test(classes[0]), classes.join(' '));
  const names = await page.$$eval('[data-test=goals] input[name^=actual-]:not(.el-select__input)', (els) => els.map((e) => e.name));  // the numeric ones
  const [first, second] = names.map((n) => n.replace('actual-', ''));
  const before = await page.inputValue(`input[name=actual-${second}]`);
  await page.fill(`input[name=actual-${first}]`, '0');
  await page.fill(`input[name=actual-${second}]`, 'abc');
  assert.match(await page.textContent('[data-test=dirty-count]'), /2 项未保存/);
  await page.click('[data-test=save-goals]');
  assert.match(await toast(page, 'error'), /已保存 1 项；1 项未保存/);
  assert.equal(await page.getAttribute('.el-message--error', 'role'), 'alert', 'the toast is announced to screen readers');
  await assertInViewport(page, `[data-test=error-${second}]`, 'the refused value\'s error');
  assert.match(await page.textContent(`[data-test=error-${second}]`), /实际完成值 不是数值: "abc"|实际完成值/);
  assert.doesNotMatch(await page.textContent(`[data-test=error-${second}]`), /actual/, 'Chinese field names');
  assert.equal(await page.inputValue(`input[name=actual-${second}]`), before, 'the refused value is put back');
  assert.match(await page.textContent(`[data-test=completion-${first}]`), /未完成|完成/);
  // A qualitative goal takes a grade from a choice.
  const grade = page.locator('[data-test^=grade-]').first();
  const gradeCode = (await grade.getAttribute('data-test')).replace('grade-', '');
  await grade.click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '部分达成' }).click();
  await page.click('[data-test=save-goals]');
  assert.match(await toast(page, 'success'), /已保存 1 项/);
  assert.match(await page.textContent(`[data-test=completion-${gradeCode}]`), /部分达成/);
  await page.context().close();
  const bureau = await signIn(browser, 'bureau');
  await open(bureau, '/audit', '[data-test=audit] .el-table__body tr');
  assert.match(await bureau.textContent('[data-test=audit]'), /修改绩效目标/);
  await bureau.context().close();
});

test('two editors save the same goal: the second is told 已被他人修改, sees the first one\'s value and saves again from it', async () => {
  const a = await signIn(browser, 'editor');
  const b = await signIn(browser, 'editor');
  await open(a, '/goals/BYRD01/2022', '[data-test=goals]');
  await open(b, '/goals/BYRD01/2022', '[data-test=goals]');
  const code = (await a.$$eval('[data-test=goals] [name^=reason-]', (els) => els.map((e) => e.name)))[0].replace('reason-', '');
  const reason = `[data-test=goals] [name=reason-${code}]`;
  await a.fill(reason, '甲填写的偏差原因');
  await a.click('[data-test=save-goals]');
  assert.match(await toast(a, 'success'), /已保存 1 项/);
  await b.fill(reason, '乙填写的偏差原因');
  await b.click('[data-test=save-goals]');
  assert.match(await toast(b, 'error'), /已被他人修改/);
  assert.equal(await b.inputValue(reason), '甲填写的偏差原因', 'the other editor\'s saved value is shown');
  await b.fill(reason, '乙填写的偏差原因');
  await b.click('[data-test=save-goals]');
  assert.match(await toast(b, 'success'), /已保存 1 项/);
  await open(a, '/goals/BYRD01/2022', '[data-test=goals]');
  assert.equal(await a.inputValue(reason), '乙填写的偏差原因');
  await a.context().close();
  await b.context().close();
});

test('reports download in each format; the checker reads a published report and compares it with the system', async () => {
  const page = await signIn(browser, 'viewer');
  await open(page, '/dashboard/BYRD01', '[data-test=report-docx]');
  for (const [format, magic] of [['docx', 'PK'], ['pdf', '%PDF']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-test=report-${format}]`)]);
    const path = join(process.env.JX_WORK, `report.${format}`);
    await download.saveAs(path);
    assert.equal(readFileSync(path).subarray(0, magic.length).toString('latin1'), magic, format);
    assert.match(download.suggestedFilename(), new RegExp(`\\.${format}$`));
  }
  await open(page, '/checker', '[data-test=check]');
  const seed = join(process.env.JX_WORK, 'published.txt');
  writeFileSync(seed, readFileSync(new URL('../../testdata/reports/seed/000_45effdb11c6e7ae0.txt', import.meta.url)));
  await page.setInputFiles('input[name=report]', seed);
  await page.click('[data-test=check]');
  await page.waitForSelector('[data-test=extracted]');
  assert.match(await page.textContent('[data-test=extracted]'), /3115\.88/);
  await page.waitForSelector('[data-test=findings], [data-test=no-findings]');
  await page.context().close();
});

test('evaluation: submit (confirmed, then locked), the bureau returns from its 待复核 list, resubmit, review', async () => {
  const editor = await signIn(browser, 'editor');
  await open(editor, '/evaluation/BYRD01/2022', '[data-test=save]');
  const height = await editor.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 4000, `the evaluation page is ${height} px tall`);
  assert.match(await editor.textContent('[data-test=disabled-reason]'), /先保存草稿/);
  await editor.fill('input[name=self_score]', 'abc');
  await editor.click('[data-test=save]');
  await assertInViewport(editor, '.el-form-item__error', 'the self score\'s error');
  assert.match(await editor.textContent('.el-form-item__error'), /自评分应为/);
  await editor.fill('input[name=self_score]', '98');
  await editor.fill('textarea[name=note]', '按年度绩效目标完成各项工作');
  await editor.click('[data-test=save]');
  assert.equal(await toast(editor, 'success'), '草稿已保存');
  assert.equal(await editor.textContent('[data-test=status]'), '草稿');
  // The department's own score on a row of the folded scorecard: refused inline (Chinese
  // names, under the field), then saved with its reason beside the computed score.
  await editor.click('[data-test=scorecard] .el-collapse-item__header');
  const ownInput = await editor.waitForSelector('[data-test=scorecard] input[name^=own-score-]', { state: 'visible' });
  const item = (await ownInput.getAttribute('name')).slice('own-score-'.length);
  const computedScore = Number(await ownInput.inputValue());
  const own = computedScore > 0 ? '0' : '0.5';
  await ownInput.fill('abc');
  await editor.click(`[data-test="own-save-${item}"]`);
  assert.match(await editor.textContent(`[data-test="own-${item}"] .row-error`), /自评得分应为 0–\d+ 的数/);
  assert.match(await editor.textContent(`[data-test="own-reason-cell-${item}"] .row-error`), /请填写调整理由/);
  await ownInput.fill(own);
  await editor.fill(`textarea[name="own-reason-${item}"]`, '年中追加资金12月下达，已按规定结转');
  await editor.click(`[data-test="own-save-${item}"]`);
  // (the toast of the draft saved just before may still show: wait for this one by its text)
  await editor.locator('.el-message--success', { hasText: '自评得分已保存' }).last().waitFor({ state: 'visible' });
  assert.equal(await editor.$(`[data-test="own-${item}"] .row-error`), null, 'the errors are gone once saved');
  assert.match(await editor.textContent('[data-test=own-differences]'), /年中追加资金12月下达/);
  assert.match(await editor.textContent('[data-test=own-total]'), /逐项自评得分合计/);
  if (process.env.JX_SHOTS) await editor.screenshot({ path: join(process.env.JX_SHOTS, 'editor-own-scores-1440.png'), fullPage: true });
  await editor.click('[data-test=submit]');
  await confirmBox(editor);
  await editor.waitForFunction(() => document.querySelector('[data-test=status]').textContent === '已提交');
  assert.ok(await editor.isDisabled('[data-test=save]'), 'no edits after submission');
  assert.ok(await editor.isDisabled('input[name=self_score]'), 'inputs locked');
  assert.match(await editor.textContent('[data-test=locked]'), /已锁定/);
  assert.match(await editor.textContent('[data-test=disabled-reason]'), /等待财政局复核/);
  assert.match(await editor.textContent('[data-test=snapshot]'), /提交时/);
  assert.equal(await editor.$('[data-test=scorecard] input[name^=own-score-]'), null, 'own scores locked after submission');
  assert.match(await editor.textContent(`[data-test="own-reason-${item}"]`), /年中追加资金12月下达/);
  const submittedHeight = await editor.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(submittedHeight < 4000, `the submitted evaluation page is ${submittedHeight} px tall`);
  await open(editor, '/goals/BYRD01/2022', '[data-test=locked]');
  assert.equal(await editor.$('[data-test=goals] input[name^=actual-]'), null, 'goals locked after submission');

  const bureau = await signIn(browser, 'bureau');
  await bureau.waitForSelector('[data-test=pending-review]');
  assert.match(await bureau.textContent('[data-test=pending-review]'), /BYRD01/);
  await bureau.click('[data-test=pending-review] a');
  await bureau.waitForSelector('[data-test=return]');
  // At 1440 the review panel sits beside the scorecard, its buttons in view on arrival.
  const [panel, card] = [await bureau.locator('[data-test=review-panel]').boundingBox(), await bureau.locator('[data-test=scorecard]').boundingBox()];
  assert.ok(panel.x >= card.x + card.width, 'the review panel beside the scorecard');
  await assertInViewport(bureau, '[data-test=accept]', 'the review buttons at 1440 px');
  assert.match(await bureau.textContent('[data-test=what-if-head]'), /假设.*只试算，不保存/);
  // Below 1200 px the review panel comes first, so the reviewer's buttons are in view on arrival;
  // scrolled down, the summary bar stays whole at the top.
  await bureau.setViewportSize({ width: 1024, height: 900 });
  await bureau.reload();
  await bureau.waitForSelector('[data-test=return]');
  await assertInViewport(bureau, '[data-test=accept]', 'the review buttons at 1024 px');
  await bureau.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await bureau.waitForTimeout(200);
  const bar = await bureau.locator('[data-test=summary-bar]').boundingBox();
  assert.ok(bar.y >= 0 && bar.y < 100, `the summary bar is whole in view after scrolling (y = ${Math.round(bar.y)})`);
  await bureau.setViewportSize({ width: 1440, height: 900 });
  await bureau.evaluate(() => window.scrollTo(0, 0));
  // The reviewer sees where the department's scores differ from the computed ones, and why.
  assert.match(await bureau.textContent('[data-test=own-differences]'), new RegExp(`自评${own}分.*年中追加资金12月下达`));
  await bureau.fill('textarea[name=comment]', '请补充项目支出进度说明');
  await bureau.click('[data-test=return]');
  await confirmBox(bureau);
  await bureau.waitForFunction(() => document.querySelector('[data-test=status]').textContent === '已退回');
  assert.match(await toast(bureau, 'success'), /已退回/);
  await assertInViewport(bureau, '.el-message--success', 'the 已退回 toast');

  await open(editor, '/workbench', '[data-test=returned]');
  assert.match(await editor.textContent('[data-test=returned]'), /请补充项目支出进度说明/);
  await open(editor, '/evaluation/BYRD01/2022', '[data-test=save]:not([disabled])');
  assert.match(await editor.textContent('[data-test=return-comment]'), /请补充项目支出进度说明/);
  await editor.fill('input[name=self_score]', '97');
  await editor.click('[data-test=save]');
  assert.equal(await toast(editor, 'success'), '草稿已保存');
  await editor.click('[data-test=submit]');
  await confirmBox(editor);
  await editor.waitForFunction(() => document.querySelector('[data-test=status]').textContent === '已提交');

  await open(bureau, '/evaluation/BYRD01/2022', '[data-test=accept]');
  await bureau.fill('input[name=review_score]', '90');
  await bureau.fill('textarea[name=comment]', '项目支出进度不均，扣分');
  await bureau.click('[data-test=accept]');
  await confirmBox(bureau);
  await bureau.waitForFunction(() => document.querySelector('[data-test=status]').textContent === '已复核');
  assert.equal(await bureau.textContent('[data-test=review-score]'), '90.00');

  await open(bureau, '/overview', '[data-test=ranking]');
  assert.match(await bureau.textContent('[data-test=ranking]'), /已复核/);
  await open(bureau, '/audit', '[data-test=audit] .el-table__body tr');
  assert.match(await bureau.textContent('[data-test=audit]'), /通过复核/);
  assert.ok((await bureau.$$('[data-test=audit] ins')).length > 0, 'the audit log shows what changed');
  // In words: the object (自评 BYRD01/2022, 用户 viewer), 是/否, role and status names — no raw ids.
  const audit = await bureau.textContent('[data-test=audit]');
  assert.match(audit, /自评 BYRD01\/2022/);
  assert.match(audit, /状态：已提交 → 已复核|状态：已复核/);
  assert.doesNotMatch(audit, /\b(true|false|user:|evaluation:|submitted|reviewed)\b/);
  // The entries before it too (imports, goals, congress): Beijing times, named fields, no raw JSON.
  assert.doesNotMatch(audit, /T\d\d:\d\d:\d\dZ|\b[a-z]+_[a-z_]+\b|\{"/);
  await editor.context().close();
  await bureau.context().close();
});

test('a new user must change the first password before anything else, then lands on the workbench; 停用 asks first', async () => {
  const admin = await signIn(browser, 'admin');
  await open(admin, '/users', '[data-test=add-user]');
  await admin.fill('input[name=new-name]', 'e2e-viewer');
  await admin.selectOption('select[name=new-role]', 'viewer');
  await admin.fill('input[name=new-units]', 'BYRD01');
  await admin.click('[data-test=add-user]');
  const text = await admin.textContent('[data-test=first-password]');
  const first = /初始密码：(\S+?)（/.exec(text)[1];
  await admin.context().close();

  const page = await newPage(browser);
  await page.goto(`${base}/#/dashboard/BYRD01`);
  await page.fill('input[name=name]', 'e2e-viewer');
  await page.fill('input[name=password]', first);
  await page.click('[data-test=login]');
  await page.waitForSelector('[data-test=change-password]');
  assert.match(page.url(), /#\/password/);
  await open(page, '/goals/BYRD01/2022', '[data-test=change-password]');  // every other page waits
  await page.fill('input[name=old_password]', first);
  await page.fill('input[name=new_password]', 'short');
  await page.fill('input[name=confirm_password]', 'short');
  await page.click('[data-test=change-password]');
  await assertInViewport(page, '.el-form-item__error', 'the new password\'s error');
  await page.fill('input[name=old_password]', 'not-the-first-one');
  await page.fill('input[name=new_password]', 'Budget-2026-ok');
  await page.fill('input[name=confirm_password]', 'Budget-2026-ok');
  await page.click('[data-test=change-password]');
  await page.waitForSelector('.el-form-item__error');
  assert.match(await page.textContent('.el-form-item__error'), /原密码不正确/);
  await page.fill('input[name=old_password]', first);
  await page.fill('input[name=new_password]', 'Budget-2026-ok');
  await page.fill('input[name=confirm_password]', 'Budget-2026-ok');
  await page.click('[data-test=change-password]');
  await page.waitForURL((u) => u.hash.startsWith('#/goals/BYRD01/2022'));
  await page.waitForSelector('[data-test=goals]');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // 停用 asks first: cancelled, nothing changes; confirmed, the account is disabled.
  const admin2 = await signIn(browser, 'admin');
  await open(admin2, '/users', '[data-test=add-user]');
  const row = admin2.locator('.el-table__body tr', { hasText: 'e2e-viewer' });
  await row.locator('button', { hasText: '停用' }).click();
  await admin2.waitForSelector('.el-message-box', { state: 'visible' });
  await admin2.click('.el-message-box__btns button:has-text("取消")');
  await admin2.waitForSelector('.el-message-box', { state: 'hidden' });
  assert.match(await row.textContent(), /正常/);
  await row.locator('button', { hasText: '停用' }).click();
  await confirmBox(admin2);
  assert.match(await toast(admin2, 'success'), /已停用 e2e-viewer/);
  await admin2.waitForFunction(() => /已停用/.test([...document.querySelectorAll('.el-table__body tr')].find((tr) => tr.textContent.includes('e2e-viewer'))?.textContent || ''));
  await admin2.context().close();
});
