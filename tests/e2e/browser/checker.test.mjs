// The checker batch page, the Excel import templates and the table exports in a real browser:
// several reports and a zip checked at once (a result row per file, "未发现问题" as success, the
// unreadable file named, each finding with the report's line), the reference case compared with
// the system's own data with its 项目自评表 downloads; every import's template downloads as an
// .xlsx; tables export as CSV with the columns the page shows.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertInViewport, axeViolations, launch, open, signIn, toast, zipOf } from './lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const work = process.env.JX_WORK;
const shots = process.env.JX_SHOTS || work;
// Synthetic reports: one consistent, one whose rate and grade contradict its own figures.
const clean = '2022年度测试单位部门整体支出绩效自评报告\n一、基本情况\n本单位2022年度全年预算数为100.00万元，全年执行数为90.00万元，预算执行率为90.00%。\n'
  + '二、自评结论\n经自评，本单位2022年度部门整体支出绩效自评得分为92分，评价等级为优。\n';
const wrong = clean.replace('预算执行率为90.00%', '预算执行率为95.00%').replace('评价等级为优', '评价等级为良');

async function saved(page, click, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(click)]);
  const path = join(work, name || download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename(), bytes: readFileSync(path) };
}

test('the checker takes several reports and a zip: a row per file, 未发现问题 as success, the system comparison, a 项目自评表 per project', async () => {
  const page = await signIn(browser, 'viewer');
  const seed = join(work, 'reference.txt');
  writeFileSync(seed, readFileSync(new URL('../../testdata/reports/seed/000_45effdb11c6e7ae0.txt', import.meta.url)));
  writeFileSync(join(work, 'clean.txt'), clean);
  writeFileSync(join(work, 'batch.zip'), zipOf([['wrong.txt', Buffer.from(wrong)], ['broken.pdf', Buffer.from('not a pdf at all')]]));
  await open(page, '/checker', '[data-test=check]');
  await page.setInputFiles('input[name=report]', [seed, join(work, 'clean.txt'), join(work, 'batch.zip')]);
  await page.click('[data-test=check]');
  await page.waitForSelector('[data-test=summary]');
  assert.match(await toast(page, 'success'), /核查完成：3 个文件，.*1 个文件无法读取/);
  const rows = await page.$$eval('[data-test=summary] .el-table__body tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ')));
  assert.equal(rows.length, 3, rows.join(' | '));
  assert.match(rows[0], /reference\.txt.*广州市白云区人民代表大会常务委员会办公室.*2022.*\d \/ 5/);
  assert.match(rows[1], /clean\.txt.*测试单位.*2022.*5 \/ 5.*未发现问题/);
  assert.match(rows[2], /batch\.zip\/wrong\.txt.*测试单位.*2 个问题/);
  assert.match(await page.textContent('[data-test=unreadable]'), /batch\.zip\/broken\.pdf/);

  // The reference case: its unit is in the system, so its figures are compared with the ledger.
  await page.waitForSelector('[data-test=system]');
  const system = await page.textContent('[data-test=system]');
  assert.match(system, /BYRD01/);
  assert.match(system, /执行数（万元）\s*3115\.88\s*3115\.88\s*一致/);
  const form = await saved(page, '[data-test=project-forms] [data-test^=form-docx-]');
  assert.equal(form.bytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.match(form.name, /项目支出绩效自评表\.docx$/);

  // The consistent report: a success state, and no comparison (its unit is not in the system).
  await page.click('[data-test=show-1]');
  await assertInViewport(page, '[data-test=no-findings]', 'the checker\'s 未发现问题');
  assert.match(await page.textContent('[data-test=no-findings]'), /未发现问题/);
  assert.match(await page.textContent('[data-test=no-system]'), /没有找到“测试单位”/);

  // The contradictory one from the zip: each finding with the line of the report it is on.
  await page.click('[data-test=show-2]');
  await assertInViewport(page, '[data-test=findings]', 'the findings of the chosen file');
  const findings = await page.textContent('[data-test=findings]');
  assert.match(findings, /执行率与金额不符\s*执行率写为 95\.00%/);
  assert.doesNotMatch(findings, /rate_mismatch/, 'finding kinds in Chinese');
  assert.match(findings, /第 3 行\s*本单位2022年度全年预算数为100\.00万元/);
  assert.match(findings, /等级写为“良”/);
  assert.deepEqual(await axeViolations(page), [], 'the results pass axe-core');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, 'viewer-checker-1440.png'), fullPage: true });

  const csv = await saved(page, '[data-test=export-summary]', 'checker.csv');
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('\ufeff文件,单位,年度,读出数字,错误,提示,问题类型'), text.slice(0, 60));
  assert.match(text, /batch\.zip\/wrong\.txt,测试单位,2022,5,2,0/);
  assert.match(text, /batch\.zip\/broken\.pdf,.*无法读取/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every import has an Excel template from the server; the import page\'s tables export as CSV', async () => {
  const page = await signIn(browser, 'editor');
  await open(page, '/import', '[data-test=template]');
  for (const [kind, label] of [['budget', '预算'], ['payments', '支付明细'], ['adjustments', '预算调整'], ['commitments', '合同未付余额']]) {
    await page.selectOption('select[name=kind]', kind);
    const t = await saved(page, '[data-test=template]');
    assert.equal(t.name, `${label}导入模板.xlsx`);
    assert.equal(t.bytes.subarray(0, 2).toString('latin1'), 'PK', `${kind}: an xlsx (zip)`);
  }
  for (const [kind, label] of [['indicators', '指标库'], ['goals', '绩效目标申报表'], ['suggestions', '代表建议']]) {
    const t = await saved(page, `[data-test=template-${kind}]`);
    assert.equal(t.name, `${label}导入模板.xlsx`);
    assert.equal(t.bytes.subarray(0, 2).toString('latin1'), 'PK');
  }
  await page.waitForSelector('[data-test=imports] .el-table__body tr');
  const csv = (await saved(page, '[data-test=export-imports]', 'imports.csv')).bytes.toString('utf8');
  assert.ok(csv.startsWith('\ufeff时间,类型,文件,行数'), csv.slice(0, 40));
  assert.doesNotMatch(csv, /\/tmp|\/work|T\d\d:\d\d:\d\dZ/, 'file names without paths, local times');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
