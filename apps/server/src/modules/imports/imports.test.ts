import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { checkDigitOf, type OrgView } from '@jiceng/contract';
import { createTestApp, call, login, type Session, type TestContext } from '../../../test/harness.js';
import { demoOrgs } from '../../../test/factories.js';
import { uploadFile } from '../../../test/upload.js';
import { writeSheet } from './xlsx.js';
import { readUploadSheets } from './reader.js';

let t: TestContext;
let county: Session;
let village: Session;
let byCode: (code: string) => OrgView;

const HOUSEHOLD_HEADER = ['户编号', '所属村(社区)编码', '网格编码', '地址', '户联系电话', '六访标签', '姓名', '与户主关系', '性别', '出生日期', '身份证号', '联系电话', '残疾情况', '健康状况', '困难类别'];

/** A valid 公民身份号码 (GB 11643) for a serial number and birth date. */
const idNo = (n: number, birth = '19580520', region = '420502') => {
  const first17 = `${region}${birth}${String(n).padStart(3, '0')}`;
  return first17 + checkDigitOf(first17);
};
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

async function xlsx(header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入数据');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));

const upload = (s: Session | null, kind: string, file: Buffer, opts: { filename?: string; field?: string; headers?: Record<string, string> } = {}) =>
  uploadFile(t.app, s, `/api/imports/${kind}`, file, { field: 'upload', ...opts });

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

async function householdCount(): Promise<number> {
  return (await call(t.app, county, 'GET', '/api/households?pageSize=1&includeArchived=true')).body.total;
}

beforeAll(async () => {
  t = await createTestApp();
  ({ county, byCode } = await demoOrgs(t.app));
  village = await login(t.app, 'demo-village');
  for (const [org, group, code] of [['SFX-QS-QS', 'SFX-QS-QS-B1-G1', 'QS-01'], ['SFX-QS-SM', 'SFX-QS-SM-G1', 'SM-01']] as const) {
    const r = await call(t.app, county, 'POST', '/api/grids', { orgId: byCode(org).id, partyGroupId: byCode(group).id, name: `${code} 网格`, code });
    expect(r.status).toBe(201);
  }
});
afterAll(() => t.close());

describe('imports: the gate comes first', () => {
  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ url: '/api/imports/templates/households.xlsx' })).statusCode).toBe(401);
    expect((await upload(null, 'households', Buffer.from('x'))).status).toBe(401);
  });

  it('answers 403 to a grid worker (no import.run)', async () => {
    const grid = await login(t.app, 'demo-grid');
    expect((await get(grid, '/api/imports/templates/households.xlsx')).statusCode).toBe(403);
    expect((await upload(grid, 'households', await xlsx(HOUSEHOLD_HEADER, [])) ).status).toBe(403);
  });

  it('refuses a file that is neither .xlsx nor CSV, and an unknown kind', async () => {
    const r = await upload(county, 'households', Buffer.from('%PDF-1.4'), { filename: 'a.pdf' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('import.file');
    expect((await upload(county, 'cases', await xlsx(['a'], [['b']]))).status).toBe(400);
  });

  it('says the file is empty when it has only the header', async () => {
    const r = await upload(county, 'households', await xlsx(HOUSEHOLD_HEADER, []));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('import.empty');
  });
});

describe('imports: reading large Chinese files', () => {
  it('keeps every character whole across the reader’s chunk boundaries', async () => {
    const names = Array.from({ length: 6000 }, (_, i) => [`${'欧阳司马诸葛上官'.slice(i % 4, (i % 4) + 3)}${i}`, '青山村一组 12 号']);
    const file = await writeSheet('导入数据', [{ header: '姓名' }, { header: '地址' }], names);
    const [sheet] = await readUploadSheets('a.xlsx', file, 10_000);
    const [header, ...rows] = sheet!.rows;
    expect(header!.cells).toEqual(['姓名', '地址']);
    expect(rows.map((r) => r.cells[0])).toEqual(names.map((n) => n[0]));
    expect(rows.some((r) => r.cells.join('').includes('\uFFFD'))).toBe(false);
  });
});

describe('imports: templates', () => {
  it('serves the households template with Chinese headers and a 填写说明 sheet', async () => {
    const res = await get(county, '/api/imports/templates/households.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('户籍导入模板.xlsx')}`);
    const wb = await readXlsx(res.rawPayload);
    const header = rowValues(wb.worksheets[0]!, 1);
    expect(header[0]).toBe('户编号');
    expect(header).toEqual(expect.arrayContaining(HOUSEHOLD_HEADER));
    expect(wb.worksheets[0]!.rowCount).toBe(1); // no example row to trip the importer
    const help = wb.getWorksheet('填写说明')!;
    const text = help.getSheetValues().flat().join(' ');
    for (const word of ['困难群众', '空巢老人', '户主', '配偶', '子女']) expect(text).toContain(word);
  });

  it('serves the members template with the status values', async () => {
    const wb = await readXlsx((await get(county, '/api/imports/templates/members.xlsx')).rawPayload);
    expect(rowValues(wb.worksheets[0]!, 1)).toEqual(expect.arrayContaining(['姓名', '身份证号', '所属党组织编码', '党员状态', '是否流动党员']));
    const text = wb.getWorksheet('填写说明')!.getSheetValues().flat().join(' ');
    for (const word of ['正式党员', '预备党员', '入党积极分子']) expect(text).toContain(word);
  });
});

const H = (no: string, org: string, grid: string, address: string, name: string, relation: string, id: string, tags = '') =>
  [no, org, grid, address, '', tags, name, relation, '', '', id, '', '', '', ''];

describe('imports: households, all or nothing', () => {
  const good = [
    H('1', 'SFX-QS-QS', 'QS-01', '青山村一组 1 号', '欧阳明辉', '户主', idNo(1), '空巢老人、困难群众'),
    H('1', '', '', '', '李桂兰', '配偶', idNo(2, '19600302')),
    H('2', 'SFX-QS-QS', 'QS-01', '青山村一组 2 号', '司马青云', '户主', idNo(3)),
    H('3', 'SFX-QS-QS', '', '青山村二组 5 号', '诸葛晓东', '户主', idNo(4)),
    H('3', '', '', '', '诸葛小雨', '子女', ''),
  ];
  let reportUrl = '';

  it('names every bad row and column, and writes nothing', async () => {
    const before = await householdCount();
    const bad = good.map((r) => [...r]);
    bad[2]![10] = wrongCheck(idNo(3)); // row 4: check digit
    bad[3]![2] = 'NOPE-99'; // row 5: unknown grid code
    const r = await upload(county, 'households', await xlsx(HOUSEHOLD_HEADER, bad));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('import.invalid');
    expect(r.body.error.message).toContain('2 处错误');
    expect(r.body.error.rows).toEqual([
      { row: 4, column: '身份证号', reason: '身份证号校验位错误' },
      { row: 5, column: '网格编码', reason: '编码“NOPE-99”不存在' },
    ]);
    expect(await householdCount()).toBe(before);
    reportUrl = r.body.error.reportUrl;
    expect(reportUrl).toMatch(/^\/api\/imports\/reports\/[0-9a-f-]+\.xlsx$/);
  });

  it('answers in English when asked', async () => {
    const bad = good.map((r) => [...r]);
    bad[0]![7] = '老板';
    const r = await upload(county, 'households', await xlsx(HOUSEHOLD_HEADER, bad), { headers: { 'accept-language': 'en' } });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain('nothing was imported');
    expect(r.body.error.rows[0]).toMatchObject({ row: 2, column: '与户主关系', reason: expect.stringContaining('“老板” is not allowed') });
  });

  it('keeps the annotated file for the uploader only', async () => {
    const res = await get(county, reportUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const ws = (await readXlsx(res.rawPayload)).worksheets[0]!;
    const header = rowValues(ws, 1);
    expect(header.at(-1)).toBe('错误说明');
    expect(rowValues(ws, 4).at(-1)).toBe('身份证号：身份证号校验位错误');
    expect(rowValues(ws, 5).at(-1)).toContain('网格编码');
    expect(rowValues(ws, 2)[header.length - 1] ?? '').toBe('');
    expect(ws.rowCount).toBe(6);
    const other = await login(t.app, 'demo-township');
    expect((await get(other, reportUrl)).statusCode).toBe(404);
  });

  it('imports the fixed file: 3 households, found by the head’s initials', async () => {
    const before = await householdCount();
    const r = await upload(county, 'households', await xlsx(HOUSEHOLD_HEADER, good), { filename: '青山村户籍.xlsx' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ imported: 3, created: 3, updated: 0 });
    expect(await householdCount()).toBe(before + 3);
    const found = await call(t.app, county, 'GET', '/api/households?q=oymh');
    expect(found.body.total).toBe(1);
    expect(found.body.items[0]).toMatchObject({ headName: '欧阳明辉', residentCount: 2, visitTags: ['emptyNest', 'needy'], gridName: 'QS-01 网格' });
    const audit = await call(t.app, county, 'GET', '/api/audit?action=import.households');
    expect(audit.body.items[0].detail).toMatchObject({ kind: 'households', rows: 5, created: 3, file: '青山村户籍.xlsx' });
  });

  it('reports an ID number twice in the file and one already in the county', async () => {
    const r = await upload(county, 'households', await xlsx(HOUSEHOLD_HEADER, [
      H('a', 'SFX-QS-QS', '', '青山村三组 1 号', '王一', '户主', idNo(50)),
      H('b', 'SFX-QS-QS', '', '青山村三组 2 号', '王二', '户主', idNo(50)),
      H('c', 'SFX-QS-QS', '', '青山村三组 3 号', '王三', '户主', idNo(1)),
    ]));
    expect(r.status).toBe(422);
    expect(r.body.error.rows).toEqual([
      { row: 3, column: '身份证号', reason: '与第 2 行重复' },
      { row: 4, column: '身份证号', reason: '本县已有相同身份证号的人员' },
    ]);
  });

  it('needs exactly one head per household and agreeing household fields', async () => {
    const r = await upload(county, 'households', await xlsx(HOUSEHOLD_HEADER, [
      H('x', 'SFX-QS-QS', '', '青山村四组 1 号', '赵一', '配偶', ''),
      H('y', 'SFX-QS-QS', '', '青山村四组 2 号', '赵二', '户主', ''),
      H('y', 'SFX-QS-QS', '', '青山村四组 3 号', '赵三', '子女', ''),
    ]));
    expect(r.status).toBe(422);
    expect(r.body.error.rows).toEqual([
      { row: 2, column: '与户主关系', reason: '每户应有且只有一名户主' },
      { row: 4, column: '地址', reason: '同一户编号的各行户信息应一致（与第 3 行不同）' },
    ]);
  });

  it('gives a village cadre an out-of-scope error for another village’s code', async () => {
    const r = await upload(village, 'households', await xlsx(HOUSEHOLD_HEADER, [
      H('1', 'SFX-QS-QS', '', '青山村五组 1 号', '钱一', '户主', ''),
      H('2', 'SFX-QS-SM', '', '石门村一组 1 号', '钱二', '户主', ''),
    ]));
    expect(r.status).toBe(422);
    expect(r.body.error.rows).toEqual([{ row: 3, column: '所属村(社区)编码', reason: '该记录不在您的管辖范围内' }]);
  });
});

const MEMBER_HEADER = ['姓名', '性别', '身份证号', '出生日期', '联系电话', '所属党组织编码', '网格编码', '党员状态', '确定积极分子日期', '接收预备党员日期', '转正日期', '是否流动党员', '流动去向'];

describe('imports: members, orgs, grids', () => {
  it('imports members and names bad ones', async () => {
    const bad = await upload(county, 'members', await xlsx(MEMBER_HEADER, [
      ['上官一', '', idNo(101, '19800101'), '', '', 'SFX-QS-QS-B1', 'QS-01', '群众', '', '', '', '否', ''],
      ['上官二', '', '', '', '', 'SFX-QS', '', '正式党员', '', '', '', '是', ''],
    ]));
    expect(bad.status).toBe(422);
    expect(bad.body.error.rows).toEqual([
      { row: 2, column: '党员状态', reason: expect.stringContaining('“群众”不是可选值') },
      { row: 3, column: '所属党组织编码', reason: '党员应归属到党支部或党小组' },
      { row: 3, column: '流动去向', reason: '流动党员请填写流动去向' },
    ]);
    const r = await upload(county, 'members', await xlsx(MEMBER_HEADER, [
      ['上官一', '', idNo(101, '19800101'), '', '13800000001', 'SFX-QS-QS-B1', 'QS-01', '正式党员', '2010-03-01', '2011/7/1', '2012-07-01', '否', ''],
      ['上官二', '女', '', '1999-09-09', '', 'SFX-QS-QS-B1-G1', '', '入党积极分子', '2024-01-05', '', '', '是', '广东省深圳市'],
    ]));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: 2 });
    const list = await call(t.app, county, 'GET', '/api/members?q=sgy&unmask=true&unmaskReason=check');
    expect(list.body.items[0]).toMatchObject({ name: '上官一', status: 'formal', gender: 'male', birthDate: '1980-01-01', admittedOn: '2011-07-01', gridName: 'QS-01 网格' });
  });

  it('imports orgs whose parents come earlier in the same file', async () => {
    const header = ['上级组织编码', '组织名称', '组织编码', '行政层级', '组织层级', '领域'];
    const later = await upload(county, 'orgs', await xlsx(header, [
      ['SFX-QS-NEW', '新村第一党小组', 'SFX-QS-NEW-G1', '村(社区)', '党小组', '农村'],
      ['SFX-QS', '中共新村支部委员会', 'SFX-QS-NEW', '村（社区）', '党支部', '农村'],
    ]));
    expect(later.status).toBe(422);
    expect(later.body.error.rows).toEqual([{ row: 2, column: '上级组织编码', reason: '上级组织应写在前面的行（现在第 3 行）' }]);
    const r = await upload(county, 'orgs', await xlsx(header, [
      ['SFX-QS', '中共新村支部委员会', 'SFX-QS-NEW', '村(社区)', '党支部', '农村'],
      ['SFX-QS-NEW', '新村第一党小组', 'SFX-QS-NEW-G1', '村(社区)', '党小组', '农村'],
    ]));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: 2 });
    const orgs = (await call(t.app, county, 'GET', '/api/orgs')).body.items as OrgView[];
    const branch = orgs.find((o) => o.code === 'SFX-QS-NEW')!;
    const group = orgs.find((o) => o.code === 'SFX-QS-NEW-G1')!;
    expect(group.parentId).toBe(branch.id);
    expect(group.path.startsWith(`${branch.path}.`)).toBe(true);
    const dup = await upload(county, 'orgs', await xlsx(header, [['SFX-QS', '重复', 'SFX-QS-NEW', '村(社区)', '党支部', '农村']]));
    expect(dup.body.error.rows).toEqual([{ row: 2, column: '组织编码', reason: '组织编码“SFX-QS-NEW”已被使用' }]);
  });

  it('imports grids', async () => {
    const header = ['所属村(社区)编码', '网格名称', '网格编码', '党小组编码'];
    const r = await upload(county, 'grids', await xlsx(header, [
      ['SFX-QS-SM', '石门村第二网格', 'SM-02', 'SFX-QS-SM-G2'],
      ['SFX-QS-SM', '石门村第三网格', 'SM-03', 'SFX-QS-QS-B1-G1'],
    ]));
    expect(r.status).toBe(422);
    expect(r.body.error.rows).toEqual([{ row: 3, column: '党小组编码', reason: '网格党小组应是本村(社区)的党小组' }]);
    const ok = await upload(county, 'grids', await xlsx(header, [['SFX-QS-SM', '石门村第二网格', 'SM-02', 'SFX-QS-SM-G2']]));
    expect(ok.body).toMatchObject({ imported: 1 });
    expect((await call(t.app, county, 'GET', '/api/grids?q=SM-02')).body.items[0]).toMatchObject({ name: '石门村第二网格', partyGroupName: expect.any(String) });
  });
});

describe('exports', () => {
  it('exports members as the list shows them, ID numbers masked', async () => {
    const list = await call(t.app, county, 'GET', '/api/members?status=formal&pageSize=500');
    const res = await get(county, '/api/members/export.xlsx?status=formal');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('党员名册.xlsx'));
    const ws = (await readXlsx(res.rawPayload)).worksheets[0]!;
    const header = rowValues(ws, 2);
    expect(ws.rowCount - 2).toBe(list.body.total);
    const idCol = header.indexOf('身份证号');
    const row = rowValues(ws, 3);
    expect(row[0]).toBe(list.body.items[0].id);
    expect(row[header.indexOf('姓名')]).toBe(list.body.items[0].name);
    expect(row[header.indexOf('所属党组织编码')]).toMatch(/^SFX-/);
    expect(row[header.indexOf('党员状态')]).toBe('正式党员');
    expect(row[idCol]).toBe(list.body.items[0].idNumber);
    expect(row[idCol]).toContain('*');
  });

  it('exports members in clear only for a holder of resident.unmask', async () => {
    const res = await get(county, '/api/members/export.xlsx?q=sgy&unmask=true&unmaskReason=check');
    const ws = (await readXlsx(res.rawPayload)).worksheets[0]!;
    expect(rowValues(ws, 2)[rowValues(ws, 1).indexOf('身份证号')]).toBe(idNo(101, '19800101'));
    expect(rowValues(ws, 1)).toContain('系统编号'); // no masking note above the header when in clear
    const evaluator = await login(t.app, 'demo-evaluator');
    expect((await get(evaluator, '/api/members/export.xlsx?unmask=true')).statusCode).toBe(403);
  });

  it('exports households and grids with the list filters', async () => {
    const grid = (await call(t.app, county, 'GET', '/api/grids?q=QS-01')).body.items[0];
    const list = await call(t.app, county, 'GET', `/api/households?gridId=${grid.id}`);
    const ws = (await readXlsx((await get(county, `/api/households/export.xlsx?gridId=${grid.id}`)).rawPayload)).worksheets[0]!;
    expect(list.body.total).toBe(2);
    // one row per family member, the note on masking above the header
    expect(rowValues(ws, 1)[0]).toContain('已脱敏');
    const header = rowValues(ws, 2);
    const rows = Array.from({ length: ws.rowCount - 2 }, (_, i) => rowValues(ws, i + 3));
    expect(rows.length).toBe(list.body.items.reduce((n: number, h: { residentCount: number }) => n + h.residentCount, 0));
    const heads = rows.filter((r) => r[header.indexOf('与户主关系')] === '户主').map((r) => r[header.indexOf('姓名')]);
    expect(heads).toEqual(list.body.items.map((h: { headName: string }) => h.headName));
    expect(new Set(rows.map((r) => r[header.indexOf('系统户号')]))).toEqual(new Set(list.body.items.map((h: { id: string }) => h.id)));
    const grids = (await readXlsx((await get(county, '/api/grids/export.xlsx?q=SM')).rawPayload)).worksheets[0]!;
    expect(grids.rowCount - 1).toBe((await call(t.app, county, 'GET', '/api/grids?q=SM')).body.items.length);
  });

  it('exports 131n bodies and pairings', async () => {
    const created = await call(t.app, county, 'POST', '/api/bodies', { orgId: byCode('SFX-QS-SM').id, kind: 'deliberationCouncil', name: '石门村村民议事会', leaderName: '周大山' });
    expect(created.status).toBe(201);
    const list = await call(t.app, county, 'GET', `/api/bodies?orgId=${byCode('SFX-QS-SM').id}`);
    const res = await get(county, `/api/bodies/export.xlsx?orgId=${byCode('SFX-QS-SM').id}`);
    expect(res.statusCode).toBe(200);
    const ws = (await readXlsx(res.rawPayload)).worksheets[0]!;
    expect(ws.rowCount - 1).toBe(list.body.items.length);
    expect(rowValues(ws, 1)).toEqual(expect.arrayContaining(['类别', '名称', '负责人']));
    expect(ws.getSheetValues().flat().join(' ')).toContain('村民议事会');
    const pairings = await get(county, '/api/pairings/export.xlsx?current=true');
    expect(pairings.statusCode).toBe(200);
    expect(rowValues((await readXlsx(pairings.rawPayload)).worksheets[0]!, 1)).toContain('结对单位');
  });
});
