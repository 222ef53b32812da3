import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkDigitOf } from '@jiceng/contract/constants';
import { SCREENSHOTS, launch, login } from './browser';

const baseUrl = inject('baseUrl');
const password = inject('demoPassword');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WIDE = { width: 1366, height: 768 };
const NARROW = { width: 360, height: 740 };
const TAGS = ['困难群众', '空巢老人', '留守儿童', '残疾家庭', '流动党员', '失业人员'] as const;
const run = Math.floor(Math.random() * 900) + 100;

/**
 * A valid 公民身份号码 (GB 11643 check digit from the contract), of a region the demo county never uses (its
 * residents are of 宜昌 4205xx): a random sequence number could otherwise meet a seeded resident's number.
 */
const idNumber = (birth: string, seq: number) => {
  const first17 = `420902${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + checkDigitOf(first17);
};
const cellText = (v: ExcelJS.Cell) => v.text.replace(/[\s*]/g, '');

/** Each step at both widths, checked for a page wider than the screen. */
async function shots(page: Page, name: string) {
  for (const [size, viewport] of [['1366', WIDE], ['360', NARROW]] as const) {
    await page.setViewportSize(viewport);
    await page.waitForTimeout(300); // the layout switches to the drawer menu on a media query
    // the page scrolls inside its layout: make the window as tall as the page, then shoot it whole
    const page1 = page.locator('.jc-page').first();
    const height = await page1.evaluate((e) => e.getBoundingClientRect().top + e.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(Math.ceil(height), viewport.height), 4000) });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SCREENSHOTS, `imports-${name}-${size}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${size} px is wider than the screen`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize(WIDE);
}

async function openWizard(page: Page, kind: string, mode: 'create' | 'update') {
  await page.goto(`${baseUrl}/imports`);
  await page.locator(`[data-test=import-kinds] [data-kind=${kind}]`).click();
  await page.locator(`[data-test=import-modes] [data-mode=${mode}]`).click();
  expect(await page.locator(`[data-test=import-modes] [data-mode=${mode}]`).getAttribute('aria-checked')).toBe('true');
}

async function check(page: Page, buffer: Buffer, name: string) {
  await page.locator('[data-test=import-file]').setInputFiles({ name, mimeType: XLSX, buffer });
  await page.locator('[data-test=import-file-name]').waitFor();
  await page.locator('[data-test=import-start]').click();
  await page.locator('[data-test=import-preview]').waitFor();
}

const count = async (page: Page, key: 'rows' | 'create' | 'update' | 'unchanged') =>
  Number(await page.locator(`[data-test=import-counts] [data-count=${key}] .num`).textContent());

/** The preview's column table: header → [recognised as, status]. */
async function previewColumns(page: Page): Promise<Map<string, { field: string; status: string }>> {
  const rows = page.locator('[data-test=import-columns] .el-table__body-wrapper .el-table__row');
  const out = new Map<string, { field: string; status: string }>();
  for (const row of await rows.all()) {
    const [header, field, status] = (await row.locator('td').allTextContents()).map((s) => s.trim());
    out.set(header!.replace(/^[A-Z]+ · /, ''), { field: field!, status: status! });
  }
  return out;
}

/** No errors in the preview; else the first of them, as the wizard lists them. */
async function expectNoErrors(page: Page) {
  const rows = await page.locator('[data-test=import-errors] .el-table__row').allTextContents();
  expect(rows.slice(0, 5), 'errors in the preview (row, column, reason)').toEqual([]);
  expect(await page.locator('[data-test=import-failed]').count()).toBe(0);
}

async function commit(page: Page) {
  await page.locator('[data-test=import-commit]').click();
  await page.locator('[data-test=import-success]').waitFor();
  return (await page.locator('[data-test=import-result-counts]').textContent())!.trim();
}

/** Downloads a list page's export in the browser. */
async function exported(page: Page, listPath: string): Promise<ExcelJS.Workbook> {
  await page.goto(`${baseUrl}${listPath}`);
  await page.locator('[data-test=export]').waitFor();
  const downloading = page.waitForEvent('download');
  await page.locator('[data-test=export]').click();
  // a bulk export of personal data above the county's threshold asks for its purpose first
  const box = page.locator('.el-message-box');
  if ((await Promise.race([downloading.then(() => 'download'), box.waitFor().then(() => 'purpose')])) === 'purpose') {
    await box.locator('input').fill('导出后在 Excel 中修改再导入（e2e）');
    await box.locator('.el-button--primary').click();
  }
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  return book;
}

interface Table {
  sheet: ExcelJS.Worksheet;
  /** header (without marks) → column number */
  col: Map<string, number>;
  /** the data rows (non-blank rows under the header) */
  rows: ExcelJS.Row[];
}

/** The sheet and header row of an export: the first row (of the first 10) that holds `marker`. */
function tableOf(book: ExcelJS.Workbook, marker: string): Table {
  for (const sheet of book.worksheets) {
    for (let r = 1; r <= Math.min(sheet.rowCount, 10); r++) {
      const col = new Map<string, number>();
      sheet.getRow(r).eachCell((cell, c) => col.set(cellText(cell), c));
      if (!col.has(marker)) continue;
      const rows: ExcelJS.Row[] = [];
      for (let i = r + 1; i <= sheet.rowCount; i++) {
        const row = sheet.getRow(i);
        if ((row.values as unknown[]).some((v) => v !== null && v !== undefined && String(v).trim() !== '')) rows.push(row);
      }
      return { sheet, col, rows };
    }
  }
  throw new Error(`no header row with ${marker} in the export`);
}
const column = (t: Table, ...names: string[]) => {
  const hit = names.map((n) => t.col.get(n)).find((c) => c !== undefined);
  if (!hit) throw new Error(`none of ${names.join(' / ')} among the export's headers: ${[...t.col.keys()].join(', ')}`);
  return hit;
};
const buffer = async (book: ExcelJS.Workbook) => Buffer.from(await book.xlsx.writeBuffer());

/** Searches a list page and waits for the row. */
async function findRow(page: Page, table: string, input: string, q: string, hasText: string) {
  // the unfiltered first page must have arrived: the list keeps whichever answer comes last
  await page.locator(`[data-test=${table}] .el-table__row`).first().waitFor();
  await page.locator(`[data-test=${input}]`).fill(q);
  const row = page.locator(`[data-test=${table}] .el-table__row`, { hasText }).first();
  await row.waitFor();
  return row;
}

describe('imports: the wizard previews a real register, asks about unknown columns, and round-trips exports', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    context = await browser.newContext({ viewport: WIDE, locale: 'zh-CN', acceptDownloads: true });
    page = await context.newPage();
    await login(page, baseUrl, 'demo-village', password);
    await page.waitForURL(`${baseUrl}/`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports a village register with a title row, 身份证号码 and six yes/no 六访 columns after confirming the unknown column', async () => {
    const grids = (await (await page.request.get(`${baseUrl}/api/grids`)).json()) as { items: { code: string; orgName: string | null }[] };
    const grid = grids.items.find((g) => g.orgName?.includes('青山村')) ?? grids.items[0]!;

    const heads = [`卢${run}春`, `冯${run}秋`, `葛${run}冬`].map((n) => n.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!));
    // household no., head, name, relation, birth, phone, address, tags (困难群众 空巢老人 留守儿童 残疾家庭 流动党员 失业人员)
    const people: [string, string, string, string, string, string, string, string[]][] = [
      ['1', heads[0]!, heads[0]!, '户主', '19580520', '13907101001', `青山村六组 ${run} 号`, ['是', '否', '', '否', '', '√']],
      ['1', heads[0]!, `${heads[0]!.slice(0, 1)}秀兰`, '配偶', '19600311', '', `青山村六组 ${run} 号`, ['是', '否', '', '否', '', '√']],
      ['2', heads[1]!, heads[1]!, '户主', '19420802', '0710-3221001', `青山村七组 ${run} 号`, ['', '√', '', '', '', '']],
      ['3', heads[2]!, heads[2]!, '户主', '19850115', '13607101003', `青山村八组 ${run} 号`, ['否', '', '是', '是', '否', '']],
      ['3', heads[2]!, `${heads[2]!.slice(0, 1)}小雨`, '子女', '20150906', '', `青山村八组 ${run} 号`, ['否', '', '是', '是', '否', '']],
    ];
    const expectedTags = [['困难群众', '失业人员'], ['空巢老人'], ['留守儿童', '残疾家庭']];

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('户籍台账');
    const headers = ['户号', '户主姓名', '姓名', '与户主关系', '身份证号码', '手机号码', '地址', '网格编码', ...TAGS, '备用列'];
    sheet.addRow(['青山村户籍台账（2026年）']);
    sheet.mergeCells(1, 1, 1, headers.length);
    sheet.addRow([]);
    sheet.addRow(headers);
    people.forEach(([no, head, name, relation, birth, phone, address, tags], i) => {
      sheet.addRow([no, head, name, relation, idNumber(birth, run + i), phone, address, grid.code, ...tags, i === 0 ? '待核实' : '']);
    });
    // ID numbers and phones as text cells, as a careful cadre types them (PITFALLS 16)
    for (const c of [1, 5, 6, 8]) sheet.getColumn(c).numFmt = '@';

    await page.goto(`${baseUrl}/imports`);
    await page.locator('[data-test=import-kinds]').waitFor();
    await shots(page, '1-kind');
    await page.locator('[data-test=import-kinds] [data-kind=households]').click();
    await page.locator('[data-test=import-upload]').waitFor();
    expect(await page.locator('[data-test=import-modes] [data-mode=create]').getAttribute('aria-checked')).toBe('true');
    await page.locator('[data-test=import-file]').setInputFiles({ name: '青山村户籍台账.xlsx', mimeType: XLSX, buffer: await buffer(book) });
    await page.locator('[data-test=import-file-name]').waitFor();
    await shots(page, '2-file');
    await page.locator('[data-test=import-start]').click();
    await page.locator('[data-test=import-preview]').waitFor();

    expect(await page.locator('[data-test=import-found]').textContent()).toContain('第 3 行');
    expect(await page.locator('[data-test=import-found]').textContent()).toContain('户籍台账');
    const cols = await previewColumns(page);
    for (const h of ['户号', '户主姓名', '姓名', '与户主关系', '身份证号码', '手机号码', '地址', '网格编码', ...TAGS]) {
      expect(cols.get(h)?.status, h).toBe('导入');
      expect(cols.get(h)?.field, h).not.toBe('—');
    }
    expect(cols.get('备用列')).toEqual({ field: '—', status: '无法识别' });
    expect(await page.locator('[data-test=import-unknown]').textContent()).toContain('备用列');
    expect(await count(page, 'rows')).toBe(5);
    expect(await count(page, 'create')).toBe(3);
    expect(await count(page, 'update')).toBe(0);
    await expectNoErrors(page);
    // the unknown column must be confirmed before anything is imported
    expect(await page.locator('[data-test=import-commit]').isDisabled()).toBe(true);
    await shots(page, '3-preview');

    await page.locator('[data-test=import-ignore]').click();
    expect(await page.locator('[data-test=import-commit]').isDisabled()).toBe(false);
    expect(await commit(page)).toBe('新建 3，更新 0，无变化 0');
    await shots(page, '4-result');

    await page.locator('[data-test=import-go-list]').click();
    await page.waitForURL(`${baseUrl}/households`);
    for (const [i, head] of heads.entries()) {
      const row = await findRow(page, 'household-table', 'household-search', head, head);
      // the previous household's tags fade out (el-tag's leave transition): poll until the row has settled
      const tags = async () => (await row.locator('.el-tag').allTextContents()).map((s) => s.trim()).sort();
      await expect.poll(tags, { message: `the tags of ${head}` }).toEqual([...expectedTags[i]!].sort());
    }
  });

  it('refuses to commit while the preview has errors and links the annotated report', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('户籍');
    sheet.addRow(['户号', '姓名', '与户主关系', '身份证号码', '地址']);
    const bad = idNumber('19700101', run);
    sheet.addRow(['1', '错号人', '户主', bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1'), '青山村九组 1 号']);
    sheet.getColumn(4).numFmt = '@';
    await openWizard(page, 'households', 'create');
    await check(page, await buffer(book), 'bad.xlsx');
    await page.locator('[data-test=import-failed]').waitFor();
    const line = page.locator('[data-test=import-errors] .el-table__row').first();
    const cells = (await line.locator('td').allTextContents()).map((s) => s.trim());
    expect(cells[0]).toBe('2');
    expect(cells[1]).toContain('身份证号');
    expect(await page.locator('[data-test=import-commit]').isDisabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=import-report]').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await shots(page, '3-preview-errors');
  });

  it('members: export, change one phone in Excel, import in update mode: 1 updated, the rest unchanged', async () => {
    const book = await exported(page, '/members');
    const t = tableOf(book, '姓名');
    const phoneCol = column(t, '联系电话', '手机号码', '电话');
    const nameCol = column(t, '姓名');
    const target = t.rows[0]!;
    const name = target.getCell(nameCol).text;
    const phone = `139${String(run).padStart(3, '0')}${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    target.getCell(phoneCol).value = phone;

    await openWizard(page, 'members', 'update');
    await check(page, await buffer(book), '党员名册.xlsx');
    await expectNoErrors(page);
    expect(await page.locator('[data-test=import-unknown]').count()).toBe(0);
    expect(await count(page, 'update')).toBe(1);
    expect(await count(page, 'create')).toBe(0);
    expect(await count(page, 'unchanged')).toBe(t.rows.length - 1);
    await shots(page, '3-preview-update');
    expect(await commit(page)).toBe(`新建 0，更新 1，无变化 ${t.rows.length - 1}`);

    await page.goto(`${baseUrl}/members`);
    await findRow(page, 'member-table', 'member-search', name, phone);
  });

  it('grids: export, rename one grid in Excel, import in update mode: the list shows the new name', async () => {
    const book = await exported(page, '/grids');
    const t = tableOf(book, '网格名称');
    const nameCol = column(t, '网格名称');
    const target = t.rows[0]!;
    const renamed = `${target.getCell(nameCol).text}（${run}更名）`;
    target.getCell(nameCol).value = renamed;

    await openWizard(page, 'grids', 'update');
    await check(page, await buffer(book), '网格.xlsx');
    await expectNoErrors(page);
    expect(await page.locator('[data-test=import-unknown]').count()).toBe(0);
    expect(await count(page, 'update')).toBe(1);
    expect(await count(page, 'create')).toBe(0);
    expect(await count(page, 'unchanged')).toBe(t.rows.length - 1);
    expect(await commit(page)).toBe(`新建 0，更新 1，无变化 ${t.rows.length - 1}`);

    await page.goto(`${baseUrl}/grids`);
    await page.locator('[data-test=grid-table] .el-table__row', { hasText: renamed }).first().waitFor();
  });

  it('households: export (one row per member, 系统户号), change one address in Excel, import in update mode', async () => {
    const book = await exported(page, '/households');
    const t = tableOf(book, '系统户号');
    const idCol = column(t, '系统户号');
    const addressCol = column(t, '地址');
    const nameCol = column(t, '姓名');
    const relationCol = column(t, '与户主关系');
    const families = new Map<string, ExcelJS.Row[]>();
    for (const row of t.rows) {
      const id = row.getCell(idCol).text.trim();
      families.set(id, [...(families.get(id) ?? []), row]);
    }
    expect(families.size).toBeGreaterThan(1);
    expect(t.rows.length).toBeGreaterThan(families.size); // family members are there, not only heads
    // the household's fields are on the first row of the family, the members' rows leave them blank: one cell
    const [, members] = [...families].find(([, rows]) => rows.length === 1) ?? [...families][0]!;
    const head = members.find((r) => r.getCell(relationCol).text.trim() === '户主') ?? members[0]!;
    const headName = head.getCell(nameCol).text.trim();
    const address = `青山村新村路 ${run} 号`;
    const cells = members.map((r) => r.getCell(addressCol)).filter((c) => c.text.trim() !== '');
    expect(cells).toHaveLength(1);
    cells[0]!.value = address;

    await openWizard(page, 'households', 'update');
    await check(page, await buffer(book), '户籍台账.xlsx');
    await expectNoErrors(page);
    expect(await page.locator('[data-test=import-unknown]').count()).toBe(0);
    expect(await count(page, 'update')).toBe(1);
    expect(await count(page, 'create')).toBe(0);
    expect(await count(page, 'unchanged')).toBe(families.size - 1);
    expect(await commit(page)).toBe(`新建 0，更新 1，无变化 ${families.size - 1}`);

    await page.goto(`${baseUrl}/households`);
    await findRow(page, 'household-table', 'household-search', headName, address);
  });
});
