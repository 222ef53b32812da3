import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, login, shot } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');

// 祝春燕 → initials "zcy": the household is found in 户籍台账 by the head's pinyin initials.
const GOOD_HEAD = '祝春燕';
const BAD_HEAD = '欧阳锦绣';

/** A valid 公民身份号码 (GB 11643 check digit), unique enough for one run. */
function idNumber(birth: string, seq: number): string {
  const first17 = `420502${birth}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}
/** The same number with a wrong check digit. */
const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

const normalize = (h: string) => h.replace(/[\s*＊()（）]/g, '');

interface Template {
  headers: string[];
  headerRow: number;
}

/** The header row of the template the server hands out (the row that has 姓名). */
async function readTemplate(buffer: Buffer): Promise<Template> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  for (let r = 1; r <= Math.min(sheet.rowCount, 10); r++) {
    const values = (sheet.getRow(r).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    if (values.some((v) => normalize(v) === '姓名')) return { headers: values, headerRow: r };
  }
  throw new Error('no header row with 姓名 in the households template');
}

/** A households file in the template's layout: one object per person, keyed by the header without marks. */
async function householdsFile(template: Template, people: Record<string, string>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('户籍');
  for (let r = 1; r < template.headerRow; r++) sheet.addRow([]);
  sheet.addRow(template.headers);
  for (const p of people) sheet.addRow(template.headers.map((h) => p[normalize(h)] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('people: a village cadre imports households from Excel', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let template: Template;
  let villageCode: string;

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const person = (householdNo: string, address: string, name: string, relation: string, id: string) => ({
    户编号: householdNo, 所属村社区编码: villageCode, 地址: address, 姓名: name, 与户主关系: relation, 身份证号: id, 六访标签: '空巢老人',
  });

  async function upload(file: Buffer, name: string) {
    await page.locator('[data-test=import-file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await page.locator('[data-test=import-start]').click();
    await page.locator('[data-test=import-preview]').waitFor();
  }

  it('opens 数据导入 and reads the households template', async () => {
    await login(page, baseUrl, 'demo-village', password);
    await page.waitForURL(`${baseUrl}/`);
    await page.locator('.el-menu-item', { hasText: '数据导入' }).click();
    await page.waitForURL(`${baseUrl}/imports`);
    await page.locator('[data-test=import-kinds] [data-kind=households]').click();
    await page.locator('[data-test=import-upload]').waitFor();

    const res = await page.request.get(`${baseUrl}/api/imports/templates/households.xlsx`);
    expect(res.status()).toBe(200);
    template = await readTemplate(await res.body());
    expect(template.headers.map(normalize)).toEqual(expect.arrayContaining(['户编号', '地址', '姓名', '与户主关系', '身份证号']));

    const orgs = (await (await page.request.get(`${baseUrl}/api/orgs`)).json()) as { items: { code: string; parentId: string | null; id: string }[] };
    const ids = new Set(orgs.items.map((o) => o.id));
    villageCode = orgs.items.find((o) => !o.parentId || !ids.has(o.parentId))!.code;
  });

  it('shows the bad row and column and imports nothing', async () => {
    const good = idNumber('19580520', 101 + Math.floor(Math.random() * 800));
    const bad = wrongCheckDigit(idNumber('19620817', 101 + Math.floor(Math.random() * 800)));
    const file = await householdsFile(template, [
      person('1', '青山村五组 8 号', GOOD_HEAD, '户主', good),
      person('2', '青山村五组 9 号', BAD_HEAD, '户主', bad),
    ]);
    await upload(file, 'households-bad.xlsx');

    const table = page.locator('[data-test=import-errors]');
    await table.waitFor();
    await page.locator('[data-test=import-failed]').waitFor();
    const badRow = template.headerRow + 2;
    const line = table.locator('.el-table__row', { hasText: '身份证号' }).first();
    await line.waitFor();
    const cells = await line.locator('td').allTextContents();
    expect(cells[0]?.trim()).toBe(String(badRow));
    expect(cells[1]).toContain('身份证号');
    expect(cells[2]).toContain('校验位');
    await shot(page, '11-import-errors');

    // the annotated file downloads (the uploaded rows with an error column)
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=import-report]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // all or nothing: the good household of the same file is not there either
    const found = (await (await page.request.get(`${baseUrl}/api/households?q=${encodeURIComponent(GOOD_HEAD)}`)).json()) as { total: number };
    expect(found.total).toBe(0);
  });

  it('imports a good file and finds the household by the head’s pinyin initials', async () => {
    await page.locator('.el-button', { hasText: '换一个文件' }).first().click();
    await page.locator('[data-test=import-upload]').waitFor();
    const file = await householdsFile(template, [
      person('1', '青山村五组 8 号', GOOD_HEAD, '户主', idNumber('19580520', 101 + Math.floor(Math.random() * 800))),
      person('1', '青山村五组 8 号', '李秋生', '配偶', ''),
    ]);
    await upload(file, 'households-good.xlsx');
    // the preview (a dry run) comes first; 导入 commits the same file
    await page.locator('[data-test=import-commit]').click();
    const success = page.locator('[data-test=import-success]');
    await success.waitFor();
    expect(await success.textContent()).toMatch(/成功导入 \d+ 条/);
    await shot(page, '12-import-success');

    await page.locator('.el-menu-item', { hasText: '户籍台账' }).click();
    await page.waitForURL(`${baseUrl}/households`);
    await page.locator('[data-test=household-search]').fill('zcy');
    const row = page.locator('[data-test=household-table] .el-table__row', { hasText: GOOD_HEAD });
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('青山村五组 8 号');
    await shot(page, '13-household-found-by-initials');
  });
});
