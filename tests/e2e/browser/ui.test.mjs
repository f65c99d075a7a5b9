// The web UI in a real browser: each role signs in and sees (or is refused) what the issue says;
// the dashboard agrees with the CLI; an import with a progress bar, and a bad file that
// changes nothing; the evaluation goes draft → submitted → returned → submitted → reviewed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base, digits, launch, signIn } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const cli = JSON.parse(readFileSync(process.env.JX_CLI_SUMMARY, 'utf8'));
const wan = (yuan) => (Number(yuan) / 10000).toFixed(2);

test('a wrong password is refused with a message', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(base + '/');
  await page.fill('input[name=name]', 'editor');
  await page.fill('input[name=password]', 'not-the-password');
  await page.click('[data-test=login]');
  assert.equal(await page.textContent('[data-test=error]'), '用户名或密码错误');
});

test('each role signs in and sees its own menu', async () => {
  const menus = {
    admin: ['全局概览', '数据导入', '指标库', '报告核查', '代表建议', '人大工作与代表履职', '审计日志', '用户管理'],
    bureau: ['全局概览', '指标库', '报告核查', '代表建议', '人大工作与代表履职', '审计日志'],
    editor: ['单位看板', '绩效目标', '绩效自评', '数据导入', '指标库', '报告核查', '代表建议', '人大工作与代表履职'],
    viewer: ['单位看板', '绩效目标', '绩效自评', '指标库', '报告核查', '代表建议', '人大工作与代表履职'],
  };
  for (const [role, items] of Object.entries(menus)) {
    const page = await signIn(browser, role);
    const menu = await page.$$eval('nav.side a', (as) => as.map((a) => a.textContent.trim()));
    assert.deepEqual(menu, items, role);
    await page.context().close();
  }
});

test('the office sees the congress figures from the records and the suggestions it tracks', async () => {
  const page = await signIn(browser, 'editor');
  await page.goto(base + '/#/congress');
  await page.fill('[data-test=congress-year]', '2022');
  await page.click('[data-test=congress-load]');
  await page.waitForSelector('[data-test=congress-figures]');
  const figures = await page.textContent('[data-test=congress-figures]');
  assert.match(figures, /199 件/);
  assert.match(figures, /会议期间 192，闭会期间 7/);
  assert.match(figures, /100\.0%/);
  await page.goto(base + '/#/suggestions');
  await page.fill('[data-test=suggestions-year]', '2022');
  await page.fill('[data-test=suggestions-as-of]', '2022-04-20');
  await page.click('[data-test=suggestions-load]');
  await page.waitForSelector('[data-test=congress-status] tr.warn');
  assert.match(await page.textContent('[data-test=congress-status]'), /即将到期/);
  await page.context().close();
});

test('the unit dashboard shows the CLI numbers (3403.40 万元, 3115.88 万元, 91.6%)', async () => {
  const page = await signIn(browser, 'viewer');
  await page.waitForSelector('[data-test=budget]');
  const unit = cli.units[0];
  assert.equal(digits(await page.textContent('[data-test=budget]')), wan(unit.budget));
  assert.equal(digits(await page.textContent('[data-test=executed]')), wan(unit.executed));
  assert.equal(await page.textContent('[data-test=rate]'), unit.execution_rate_display);
  assert.equal(wan(unit.budget), '3403.40');
  assert.equal(unit.execution_rate_display, '91.6%');
  assert.ok(await page.$('.chart svg'), 'the execution curve is drawn');
  await page.screenshot({ path: join(process.env.JX_SHOTS || process.env.JX_WORK, 'dashboard.png') });
  await page.context().close();
});

test('the bureau overview lists every unit with its execution', async () => {
  const page = await signIn(browser, 'bureau');
  await page.waitForSelector('[data-test=unit-count]');
  assert.equal(await page.textContent('[data-test=unit-count]'), String(cli.units.length));
  assert.equal(await page.textContent('[data-test=overall-rate]'), cli.totals.execution_rate_display);
  assert.match(await page.textContent('[data-test=ranking]'), /BYRD01/);
  await page.context().close();
});

test('roles are refused where they may not go', async () => {
  const viewer = await signIn(browser, 'viewer');
  await viewer.goto(base + '/#/audit');
  await viewer.waitForSelector('.error');
  assert.match(await viewer.textContent('.error'), /无权查看审计日志/);
  await viewer.goto(base + '/#/dashboard/NOT-MINE');
  await viewer.waitForSelector('.error');
  assert.match(await viewer.textContent('.error'), /无权查看单位 NOT-MINE/);
  await viewer.goto(base + '/#/evaluation/BYRD01/2022');
  await viewer.waitForSelector('[data-test=status]');
  assert.equal(await viewer.$('[data-test=save]'), null, 'a viewer has no save button');
  await viewer.context().close();
});

test('an import shows its progress; a bad file shows every bad row and changes nothing', async () => {
  const page = await signIn(browser, 'editor');
  const good = join(process.env.JX_WORK, 'extra-payments.csv');
  writeFileSync(good, '单位代码,年度,项目代码,支付日期,支付金额（元）,经济分类,凭证号,摘要\n'
    + 'BYRD01,2022,B002,2022-12-30,16400.00,30108,记-E2E-0001,补缴社保\n');
  const bad = join(process.env.JX_WORK, 'bad-payments.csv');
  writeFileSync(bad, '单位代码,年度,项目代码,支付日期,支付金额（元）,经济分类,凭证号,摘要\n'
    + 'BYRD01,2022,B002,2022-12-30,12.3x,30108,记-E2E-0002,错误金额\n'
    + 'BYRD01,2022,NOPE,2022-13-01,5.00,30108,记-E2E-0003,未知项目\n');

  await page.goto(base + '/#/import');
  await page.selectOption('select[name=kind]', 'payments');
  await page.setInputFiles('input[name=file]', bad);
  await page.click('[data-test=upload]');
  await page.waitForSelector('[data-test=row-errors]');
  assert.match(await page.textContent('[data-test=error]'), /未导入任何数据/);
  const rows = await page.$$eval('[data-test=row-errors] tr', (trs) => trs.length - 1);
  assert.ok(rows >= 2, `every bad row is listed (${rows})`);

  await page.goto(base + '/#/dashboard/BYRD01');
  await page.waitForSelector('[data-test=executed]');
  assert.equal(digits(await page.textContent('[data-test=executed]')), '3115.88', 'the bad file changed nothing');

  await page.goto(base + '/#/import');
  await page.setInputFiles('input[name=file]', good);
  await page.click('[data-test=upload]');
  await page.waitForSelector('[data-test=result]');
  assert.match(await page.textContent('[data-test=result]'), /导入成功：extra-payments.csv，1 行/);
  assert.equal(await page.getAttribute('progress', 'value'), '100');
  await page.goto(base + '/#/dashboard/BYRD01');
  await page.waitForSelector('[data-test=executed]');
  assert.equal(digits(await page.textContent('[data-test=executed]')), '3117.52');
  await page.context().close();
});

test('an editor edits a goal; the completion and the audit log follow', async () => {
  const page = await signIn(browser, 'editor');
  await page.goto(base + '/#/goals/BYRD01/2022');
  await page.waitForSelector('[data-test=goals]');
  const name = await page.getAttribute('[data-test=goals] input[name^=actual-]', 'name');
  const code = name.replace('actual-', '');
  await page.fill(`input[name=actual-${code}]`, '0');
  await page.click(`[data-test=save-${code}]`);
  await page.waitForSelector('[data-test=message]');
  assert.match(await page.textContent('[data-test=message]'), new RegExp(`已保存 ${code}`));
  assert.match(await page.textContent(`[data-test=completion-${code}]`), /未完成|完成/);
  await page.context().close();
  const bureau = await signIn(browser, 'bureau');
  await bureau.goto(base + '/#/audit');
  await bureau.waitForSelector('[data-test=audit] tr:nth-child(2)');
  assert.match(await bureau.textContent('[data-test=audit]'), /goals\.edit/);
  await bureau.context().close();
});

test('reports download in each format; the checker reads a published report', async () => {
  const page = await signIn(browser, 'viewer');
  await page.waitForSelector('[data-test=report-docx]');
  for (const [format, magic] of [['docx', 'PK'], ['pdf', '%PDF']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-test=report-${format}]`)]);
    const path = join(process.env.JX_WORK, `report.${format}`);
    await download.saveAs(path);
    assert.equal(readFileSync(path).subarray(0, magic.length).toString('latin1'), magic, format);
    assert.match(download.suggestedFilename(), new RegExp(`\\.${format}$`));
  }
  await page.goto(base + '/#/checker');
  const seed = join(process.env.JX_WORK, 'published.txt');
  writeFileSync(seed, readFileSync(new URL('../../testdata/reports/seed/000_45effdb11c6e7ae0.txt', import.meta.url)));
  await page.setInputFiles('input[name=report]', seed);
  await page.click('[data-test=check]');
  await page.waitForSelector('[data-test=extracted]');
  assert.match(await page.textContent('[data-test=extracted]'), /3115\.88/);
  await page.context().close();
});

test('evaluation: the department submits, the bureau returns, resubmits, the bureau reviews', async () => {
  const editor = await signIn(browser, 'editor');
  await editor.goto(base + '/#/evaluation/BYRD01/2022');
  await editor.waitForSelector('[data-test=save]');
  await editor.fill('input[name=self_score]', '98');
  await editor.fill('textarea[name=note]', '按年度绩效目标完成各项工作');
  await editor.click('[data-test=save]');
  await editor.waitForSelector('[data-test=message]');
  assert.equal(await editor.textContent('[data-test=status]'), '草稿');
  await editor.click('[data-test=submit]');
  await editor.waitForFunction(() => document.querySelector('[data-test=status]').textContent === '已提交');
  assert.ok(await editor.isDisabled('[data-test=save]'), 'no edits after submission');

  const bureau = await signIn(browser, 'bureau');
  await bureau.goto(base + '/#/evaluation/BYRD01/2022');
  await bureau.waitForSelector('[data-test=return]');
  await bureau.fill('textarea[name=comment]', '请补充项目支出进度说明');
  await bureau.click('[data-test=return]');
  await bureau.waitForFunction(() => document.querySelector('[data-test=status]').textContent === '已退回');

  await editor.reload();
  await editor.waitForSelector('[data-test=save]:not([disabled])');
  await editor.fill('input[name=self_score]', '97');
  await editor.click('[data-test=save]');
  await editor.waitForFunction(() => document.querySelector('[data-test=message]')?.textContent === '草稿已保存');
  await editor.click('[data-test=submit]');
  await editor.waitForFunction(() => document.querySelector('[data-test=status]').textContent === '已提交');

  await bureau.reload();
  await bureau.waitForSelector('[data-test=accept]');
  await bureau.fill('input[name=review_score]', '90');
  await bureau.fill('textarea[name=comment]', '项目支出进度不均，扣分');
  await bureau.click('[data-test=accept]');
  await bureau.waitForFunction(() => document.querySelector('[data-test=status]').textContent === '已复核');
  assert.equal(await bureau.textContent('[data-test=review-score]'), '90.00');

  await bureau.goto(base + '/#/overview');
  await bureau.waitForSelector('[data-test=ranking]');
  assert.match(await bureau.textContent('[data-test=ranking]'), /已复核/);
  await bureau.goto(base + '/#/audit');
  await bureau.waitForSelector('[data-test=audit] tr:nth-child(2)');
  assert.match(await bureau.textContent('[data-test=audit]'), /evaluation\.review/);
  await bureau.screenshot({ path: join(process.env.JX_SHOTS || process.env.JX_WORK, 'audit.png') });
  await editor.context().close();
  await bureau.context().close();
});
