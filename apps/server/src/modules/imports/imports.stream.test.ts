// The households import streams (issue 14 point 3): rows checked and written in batches of whole households inside
// one transaction. Batches of 40 rows here, so files of a few hundred rows cross many batch boundaries: a bad row
// at the very end still lands nothing, every bad row of every batch is reported, and the wild layouts (title rows,
// a cover sheet, numeric ID cells, merged cells, GBK CSV) read as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { uploadFile } from '../../../test/upload.js';
import { csv, gbk, idNo, workbook, type Cell } from '../../../test/fixtures/registers.js';
import { rowsOf } from '../../db/client.js';
import { IMPORT_BATCH_ROWS, setImportBatchRows } from './imports.service.js';

let t: TestContext;
let county: Session;

const HH = ['户编号', '所属村(社区)编码', '地址', '姓名', '与户主关系', '性别', '出生日期', '身份证号', '联系电话'];
const BATCH = 40;

const upload = (file: Buffer, query = '', filename = '台账.xlsx') =>
  uploadFile(t.app, county, `/api/imports/households${query ? `?${query}` : ''}`, file, { filename });
const reasons = (body: { errors?: { row: number; column: string; reason: string }[]; error?: { rows: { row: number; column: string; reason: string }[] } }) =>
  (body.errors ?? body.error?.rows ?? []).map((e) => `${e.row}|${e.column}`);

/** `n` households of two (head + spouse) on 流式<tag>路; serials from `from` (unique ID numbers across the file) */
function families(tag: string, n: number, from = 0): Cell[][] {
  const rows: Cell[][] = [];
  for (let h = 0; h < n; h++) {
    const k = from + h;
    const day = `0${1 + (k % 9)}1${k % 10}`;
    // gender and birth date left to the ID number (its own digits say them)
    rows.push([`${tag}-${h + 1}`, 'SFX-QS-QS', `流式${tag}路${h + 1}号`, `张${tag}${h}`, '户主', null, null, idNo(k % 1000, `19${50 + (k % 40)}${day}`), '13900000000']);
    rows.push([`${tag}-${h + 1}`, null, null, `李${tag}${h}`, '配偶', null, null, idNo(k % 1000, `19${51 + (k % 40)}${day}`), null]);
  }
  return rows;
}

async function stored(tag: string): Promise<{ households: number; residents: number }> {
  const [r] = rowsOf<{ households: number; residents: number }>(await t.database.db.execute(sql`
    select (select count(*)::int from households where address like ${`流式${tag}路%`}) as households,
           (select count(*)::int from residents r join households h on h.county_id = r.county_id and h.id = r.household_id
             where h.address like ${`流式${tag}路%`}) as residents`));
  return r!;
}

beforeAll(async () => {
  t = await createTestApp();
  county = await login(t.app, 'demo-county');
  setImportBatchRows(BATCH);
}, 120_000);
afterAll(async () => {
  setImportBatchRows(IMPORT_BATCH_ROWS);
  await t?.close();
});

describe('streamed households import', () => {
  it('lands nothing when the last row of a file of many batches is bad; the fixed file lands whole', async () => {
    const rows = families('A', 150); // 300 rows: 8 batches
    const bad = rows.map((r) => [...r]);
    const last = String(bad[bad.length - 1]![7]);
    bad[bad.length - 1]![7] = last.slice(0, 17) + (last[17] === '0' ? '1' : '0'); // a wrong check digit on the very last row
    const r = await upload(await workbook([{ name: '户籍', rows: [HH, ...bad], textColumns: [7] }]));
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(422);
    expect(r.body.error.preview).toMatchObject({ rows: 300, errorCount: 1 });
    expect(reasons(r.body)).toEqual(['301|身份证号']);
    expect(await stored('A')).toEqual({ households: 0, residents: 0 });

    const ok = await upload(await workbook([{ name: '户籍', rows: [HH, ...rows], textColumns: [7] }]));
    expect(ok.status, JSON.stringify(ok.body).slice(0, 500)).toBe(200);
    expect(ok.body).toMatchObject({ imported: 150, created: 150 });
    expect(await stored('A')).toEqual({ households: 150, residents: 300 });
    // the trigram index finds a name of the last batch (its pending entries merged)
    const found = (await call(t.app, county, 'GET', `/api/households?q=${encodeURIComponent('张A149')}`)).body.items;
    expect(found.map((h: { address: string }) => h.address)).toEqual(['流式A路150号']);
  });

  it('reports every bad row of every batch, at the user’s row numbers, in the answer and the report', async () => {
    const rows = families('B', 100, 200);
    const cells = rows.map((r) => [...r]);
    cells[4]![3] = ''; // row 8: no name (below: 3 title/header rows … data from row 4)
    cells[101]![4] = '邻居'; // row 105: no such relation
    cells[199]![7] = '12345'; // row 203, the last one
    const file = await workbook([{ name: '台账', rows: [['青山村户籍台账'], ['填报单位：青山村'], HH, ...cells], textColumns: [7] }]);
    const r = await upload(file);
    expect(r.status).toBe(422);
    expect(reasons(r.body)).toEqual(['8|姓名', '105|与户主关系', '203|身份证号']);
    expect(await stored('B')).toEqual({ households: 0, residents: 0 });
    const report = await t.app.inject({ method: 'GET', url: r.body.error.reportUrl, headers: { cookie: county.cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const errorCol = HH.length + 1;
    const said = (n: number) => String(ws.getRow(n).getCell(errorCol).value ?? '');
    expect(String(ws.getRow(1).getCell(1).value)).toBe('青山村户籍台账');
    expect(String(ws.getRow(9).getCell(4).value)).toBe('李B2'); // the rows stay at their numbers (row 9 = the 6th data row)
    expect(said(8)).not.toBe('');
    expect(said(105)).not.toBe('');
    expect(said(203)).not.toBe('');
    expect(said(9)).toBe('');
    expect(ws.rowCount).toBe(203);
  });

  it('reads a cover sheet, title rows, merged family cells and an ID Excel stored as a number, across batches', async () => {
    const rows = families('C', 60, 400); // 120 rows, 3 batches
    const merges: string[] = [];
    // the 地址 of every family merged over its two rows (C4:C5, C6:C7 …), the second row's cell empty
    for (let h = 0; h < 60; h++) {
      rows[h * 2 + 1]![2] = null;
      merges.push(`C${h * 2 + 4}:C${h * 2 + 5}`);
    }
    rows[81]![7] = 420502195805200000; // row 85: an ID number typed into a General cell
    const file = await workbook([
      { name: '封面', rows: [['青山村人口台账'], ['2026 年'], ['编制：村委会']] },
      { name: '台账', rows: [['青山村户籍台账'], null, HH, ...rows], textColumns: [7], merges },
    ]);
    const p = await upload(file, 'dryRun=true');
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ sheet: '台账', headerRow: 3, rows: 120, create: 60, errorCount: 1 });
    expect(reasons(p.body)).toEqual(['85|身份证号']);
    rows[81]![7] = idNo(481 % 1000, '19610211');
    const again = await upload(await workbook([
      { name: '封面', rows: [['青山村人口台账']] },
      { name: '台账', rows: [['青山村户籍台账'], null, HH, ...rows], textColumns: [7], merges },
    ]));
    expect(again.status, JSON.stringify(again.body).slice(0, 800)).toBe(200);
    expect(await stored('C')).toEqual({ households: 60, residents: 120 });
    const [spouse] = rowsOf<{ address: string }>(await t.database.db.execute(sql`
      select h.address from residents r join households h on h.county_id = r.county_id and h.id = r.household_id where r.name = '李C59'`));
    expect(spouse!.address).toBe('流式C路60号');
  });

  it('names a household whose rows come back after other households of an earlier batch', async () => {
    const rows = families('D', 40, 600); // 80 rows, 2 batches
    const stray = [...rows[1]!];
    rows.splice(1, 1); // household D-1's spouse moved to the end, 78 rows later
    rows.push(stray);
    const r = await upload(await workbook([{ name: '户籍', rows: [HH, ...rows], textColumns: [7] }]));
    expect(r.status).toBe(422);
    expect(reasons(r.body)).toEqual(['81|户编号']);
    expect(r.body.error.rows[0].reason).toContain('第 2 行');
    expect(await stored('D')).toEqual({ households: 0, residents: 0 });
  });

  it('reads a GBK CSV of many batches', async () => {
    const rows = families('E', 50, 700);
    const r = await upload(gbk(csv([HH, ...rows])), '', '户籍.csv');
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(200);
    expect(r.body).toMatchObject({ created: 50 });
    expect(await stored('E')).toEqual({ households: 50, residents: 100 });
    const [one] = rowsOf<{ name: string }>(await t.database.db.execute(sql`select name from residents where name = '李E49'`));
    expect(one?.name).toBe('李E49');
  });
});
