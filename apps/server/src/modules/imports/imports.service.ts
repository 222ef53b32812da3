// Excel imports (F5): all-or-nothing. Every row is checked with the contract's schemas and the owning
// module's prepare… rules against maps loaded once; only a file without a single problem is written, in
// one transaction with one audit entry. A rejected file gets its rows back with an error column.
import type { FieldProblem } from '../../platform/http/errors.js';
import { uuidv7 } from 'uuidv7';
import {
  CreateGridInput, CreateHouseholdInput, CreateMemberInput, CreateOrgInput, formatMessage, idNumberProblem, normalizeIdNumber,
  type ImportErrorBody, type ImportKind, type Locale,
} from '@jiceng/contract';
import type { Db, Tx } from '../../db/client.js';
import type { Actor } from '../../platform/access/access.js';
import { appendAudit, byActor } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/http/errors.js';
import { insertOrgs, orgsByCode, prepareOrg, type OrgRef } from '../orgs/orgs.service.js';
import { gridsByCode, insertGrids, prepareGrid } from '../grids/grids.service.js';
import {
  insertHouseholds, prepareHousehold, takenResidentIdHashes, type Lookups, type PreparedHousehold,
} from '../grids/households.service.js';
import { insertMembers, prepareMember, takenMemberIdHashes, type MemberLookups } from '../members/members.service.js';
import { IMPORT_COLUMNS, IMPORT_RULES, IMPORT_TITLES } from './imports.columns.js';
import { keepReport } from './reports.js';
import { compact, Sheet } from './sheet.js';
import { TooManyRows, looksLikeXlsx, readFirstSheet, writeSheet, type SheetRow } from './xlsx.js';

/** Data rows per file (one county's households fit; bigger sets go in several files). */
export const IMPORT_MAX_ROWS = 200_000;
/** Problems listed in the JSON answer; the report workbook names every one. */
export const IMPORT_MAX_LISTED = 1000;

export interface UploadedFile {
  name: string;
  data: Buffer;
}

export type ImportOutcome = { ok: true; imported: number } | { ok: false; body: ImportErrorBody };

interface Checked {
  /** what the answer counts: households for `households`, rows otherwise */
  count: number;
  write(tx: Tx): Promise<void>;
}

type Check = (db: Db, actor: Actor, s: Sheet) => Promise<Checked>;

/** Stands in for an id whose code did not resolve, so the other fields still get checked. */
const unresolved = () => uuidv7();

// ——— the four kinds ———

const checkOrgs: Check = async (db, actor, s) => {
  const existing = await orgsByCode(db, actor.countyId);
  const byId = new Map([...existing.values()].map((o) => [o.id, o]));
  const fileCodes = new Map<string, number>(); // code → first row defining it
  for (const r of s.rows) {
    const code = s.get(r, 'code');
    if (code && !fileCodes.has(code)) fileCodes.set(code, r.row);
  }
  const lookups = { org: async (id: string) => byId.get(id) ?? null };
  const rows: Parameters<typeof insertOrgs>[1] = [];
  const defined = new Map<string, OrgRef>(); // codes prepared in this file, so far
  const locate = (r: SheetRow) => (path: string[]) => ({ row: r.row, key: path[0] === 'parentId' ? 'parentCode' : path[0]! });

  for (const r of s.rows) {
    let refsOk = true;
    const parentCode = s.get(r, 'parentCode');
    let parentId: string | undefined;
    if (parentCode) {
      const parent = defined.get(parentCode) ?? existing.get(parentCode);
      if (parent) parentId = parent.id;
      else {
        refsOk = false;
        parentId = unresolved();
        const later = fileCodes.get(parentCode);
        // a parent whose own row failed is not reported again here
        if (later !== undefined && later > r.row) s.addCode(r.row, 'parentCode', 'import.parentLater', { row: later });
        else if (later === undefined) s.addCode(r.row, 'parentCode', 'import.unknownCode', { code: parentCode });
      }
    }
    const code = s.get(r, 'code');
    if (code) {
      const first = fileCodes.get(code)!;
      if (first < r.row) s.addCode(r.row, 'code', 'import.duplicateRow', { row: first });
      else if (existing.has(code)) s.addCode(r.row, 'code', 'org.duplicateCode', { code });
    }
    const input = compact({
      parentId, name: s.text(r, 'name'), code: code || undefined,
      tier: s.choice(r, 'tier'), level: s.choice(r, 'level'), sector: s.choice(r, 'sector'),
    });
    const parsed = CreateOrgInput.safeParse(input);
    if (!parsed.success) s.addIssues(parsed.error.issues, input, locate(r));
    if (!parsed.success || !refsOk) continue;
    const { row, problems } = await prepareOrg(actor, parsed.data, lookups);
    addProblems(s, problems, locate(r));
    if (row) {
      rows.push(row);
      const ref: OrgRef = { id: row.id, path: row.path, tier: parsed.data.tier, level: parsed.data.level, archived: false };
      byId.set(row.id, ref);
      if (fileCodes.get(parsed.data.code) === r.row) defined.set(parsed.data.code, ref);
    }
  }
  return { count: rows.length, write: (tx) => insertOrgs(tx, rows) };
};

const checkGrids: Check = async (db, actor, s) => {
  const orgs = await orgsByCode(db, actor.countyId);
  const existing = await gridsByCode(db, actor.countyId);
  const byId = new Map([...orgs.values()].map((o) => [o.id, o]));
  const lookups = { org: async (id: string) => byId.get(id) ?? null };
  const seen = new Map<string, number>();
  const rows: Parameters<typeof insertGrids>[1] = [];
  const KEYS: Record<string, string> = { orgId: 'orgCode', partyGroupId: 'partyGroupCode' };
  for (const r of s.rows) {
    const locate = (path: string[]) => ({ row: r.row, key: KEYS[path[0]!] ?? path[0]! });
    let refsOk = true;
    const ref = (key: string) => {
      const c = s.get(r, key);
      if (!c) return undefined;
      const o = orgs.get(c);
      if (o) return o.id;
      refsOk = false;
      s.addCode(r.row, key, 'import.unknownCode', { code: c });
      return unresolved();
    };
    const orgId = ref('orgCode');
    const partyGroupId = ref('partyGroupCode');
    const code = s.get(r, 'code');
    if (code) {
      const prev = seen.get(code);
      if (prev !== undefined) s.addCode(r.row, 'code', 'import.duplicateRow', { row: prev });
      else if (existing.has(code)) s.addCode(r.row, 'code', 'grid.duplicateCode', { code });
      if (prev === undefined) seen.set(code, r.row);
    }
    const input = compact({ orgId, name: s.text(r, 'name'), code: code || undefined, partyGroupId });
    const parsed = CreateGridInput.safeParse(input);
    if (!parsed.success) s.addIssues(parsed.error.issues, input, locate);
    if (!parsed.success || !refsOk) continue;
    const { row, problems } = await prepareGrid(actor, parsed.data, lookups);
    addProblems(s, problems, locate);
    if (row) rows.push(row);
  }
  return { count: rows.length, write: (tx) => insertGrids(tx, rows) };
};

/** ID numbers seen so far in the file (normalized → first row); a later row with the same one is reported. */
function idSeen(s: Sheet, seen: Map<string, number>, r: SheetRow) {
  const raw = s.get(r, 'idNumber');
  if (!raw || idNumberProblem(raw)) return;
  const id = normalizeIdNumber(raw);
  const prev = seen.get(id);
  if (prev !== undefined) s.addCode(r.row, 'idNumber', 'import.duplicateRow', { row: prev });
  else seen.set(id, r.row);
}

const checkMembers: Check = async (db, actor, s) => {
  const orgs = await orgsByCode(db, actor.countyId);
  const grids = await gridsByCode(db, actor.countyId);
  const orgById = new Map([...orgs.values()].map((o) => [o.id, o]));
  const gridById = new Map([...grids.values()].map((g) => [g.id, { id: g.id, orgPath: g.orgPath }]));
  const lookups: MemberLookups = { org: async (id) => orgById.get(id) ?? null, grid: async (id) => gridById.get(id) ?? null };
  const seen = new Map<string, number>();
  const rows: Parameters<typeof insertMembers>[1] = [];
  const rowOf: number[] = [];
  const KEYS: Record<string, string> = { orgId: 'orgCode', gridId: 'gridCode' };
  for (const r of s.rows) {
    const locate = (path: string[]) => ({ row: r.row, key: KEYS[path[0]!] ?? path[0]! });
    let refsOk = true;
    const ref = (key: string, resolve: (c: string) => string | undefined) => {
      const c = s.get(r, key);
      if (!c) return undefined;
      const id = resolve(c);
      if (id) return id;
      refsOk = false;
      s.addCode(r.row, key, 'import.unknownCode', { code: c });
      return unresolved();
    };
    idSeen(s, seen, r);
    const input = compact({
      orgId: ref('orgCode', (c) => orgs.get(c)?.id),
      gridId: ref('gridCode', (c) => grids.get(c)?.id),
      name: s.text(r, 'name'), gender: s.choice(r, 'gender'), birthDate: s.date(r, 'birthDate'), phone: s.text(r, 'phone'),
      idNumber: s.text(r, 'idNumber'), status: s.choice(r, 'status'),
      activistOn: s.date(r, 'activistOn'), admittedOn: s.date(r, 'admittedOn'), fullOn: s.date(r, 'fullOn'),
      floating: s.bool(r, 'floating'), floatingTo: s.text(r, 'floatingTo'),
    });
    const parsed = CreateMemberInput.safeParse(input);
    if (!parsed.success) s.addIssues(parsed.error.issues, input, locate);
    if (!parsed.success || !refsOk) continue;
    const { row, problems } = await prepareMember(actor, parsed.data, lookups);
    addProblems(s, problems, locate);
    if (row) {
      rows.push(row);
      rowOf.push(r.row);
    }
  }
  const hashes = rows.map((m) => m.idHash).filter((h): h is string => !!h);
  const taken = await takenMemberIdHashes(db, actor.countyId, hashes);
  rows.forEach((m, i) => {
    if (m.idHash && taken.has(m.idHash)) s.addCode(rowOf[i]!, 'idNumber', 'idNumber.duplicate');
  });
  return { count: rows.length, write: (tx) => insertMembers(tx, rows) };
};

const HOUSEHOLD_KEYS = ['orgCode', 'gridCode', 'address', 'householdPhone', 'visitTags', 'note'] as const;
const HOUSEHOLD_FIELD: Record<string, string> = { orgId: 'orgCode', gridId: 'gridCode', phone: 'householdPhone', address: 'address', visitTags: 'visitTags', note: 'note' };

const checkHouseholds: Check = async (db, actor, s) => {
  const orgs = await orgsByCode(db, actor.countyId);
  const grids = await gridsByCode(db, actor.countyId);
  const orgById = new Map([...orgs.values()].map((o) => [o.id, o]));
  const gridById = new Map([...grids.values()].map((g) => [g.id, { id: g.id, orgId: g.orgId, orgPath: g.orgPath }]));
  const lookups: Lookups = { org: async (id) => orgById.get(id) ?? null, grid: async (id) => gridById.get(id) ?? null };

  const groups = new Map<string, SheetRow[]>();
  for (const r of s.rows) {
    const no = s.get(r, 'householdNo');
    if (!no) {
      s.addCode(r.row, 'householdNo', 'import.required');
      continue;
    }
    const g = groups.get(no);
    if (g) g.push(r);
    else groups.set(no, [r]);
  }

  const seen = new Map<string, number>();
  const prepared: PreparedHousehold[] = [];
  const residentRows: number[][] = [];
  for (const rows of groups.values()) {
    // household fields may stand on any row of the household; where several rows fill one, they must agree
    const hv: Partial<Record<(typeof HOUSEHOLD_KEYS)[number], { value: string; r: SheetRow }>> = {};
    for (const k of HOUSEHOLD_KEYS) {
      for (const r of rows) {
        const v = s.get(r, k);
        if (!v) continue;
        const firstSeen = hv[k];
        if (!firstSeen) hv[k] = { value: v, r };
        else if (firstSeen.value !== v) s.addCode(r.row, k, 'import.householdMismatch', { row: firstSeen.r.row });
      }
    }
    const at = (k: string) => hv[k as keyof typeof hv]?.r.row ?? rows[0]!.row;
    let refsOk = true;
    const gridCode = hv.gridCode?.value;
    const grid = gridCode ? grids.get(gridCode) : undefined;
    if (gridCode && !grid) {
      s.addCode(at('gridCode'), 'gridCode', 'import.unknownCode', { code: gridCode });
      refsOk = false;
    }
    const orgCode = hv.orgCode?.value;
    let orgId: string | undefined = grid?.orgId;
    if (orgCode) {
      orgId = orgs.get(orgCode)?.id;
      if (!orgId) {
        s.addCode(at('orgCode'), 'orgCode', 'import.unknownCode', { code: orgCode });
        refsOk = false;
      }
    } else if (!grid && !gridCode) {
      s.addCode(rows[0]!.row, 'orgCode', 'import.required');
      refsOk = false;
    }
    for (const r of rows) idSeen(s, seen, r);
    const input = compact({
      orgId: orgId ?? unresolved(),
      gridId: grid?.id ?? (gridCode ? unresolved() : undefined),
      address: hv.address?.value,
      phone: hv.householdPhone?.value,
      visitTags: hv.visitTags ? s.choices(hv.visitTags.r, 'visitTags') : undefined,
      note: hv.note?.value,
      residents: rows.map((r) => compact({
        name: s.text(r, 'name'), relation: s.choice(r, 'relation'), gender: s.choice(r, 'gender'), birthDate: s.date(r, 'birthDate'),
        phone: s.text(r, 'phone'), idNumber: s.text(r, 'idNumber'),
        disability: s.text(r, 'disability'), health: s.text(r, 'health'), poverty: s.text(r, 'poverty'),
      })),
    });
    const locate = (path: string[]) => {
      if (path[0] === 'residents') {
        const i = Number(path[1]);
        if (path.length >= 3 && rows[i]) return { row: rows[i].row, key: path[2]! };
        return { row: rows[0]!.row, key: 'relation' }; // the household as a whole: 每户有且只有一名户主, at most 30
      }
      const key = HOUSEHOLD_FIELD[path[0]!] ?? 'householdNo';
      return { row: at(key), key };
    };
    const parsed = CreateHouseholdInput.safeParse(input);
    if (!parsed.success) s.addIssues(parsed.error.issues, input, locate);
    if (!parsed.success || !refsOk) continue;
    const { prepared: p, problems } = await prepareHousehold(actor, parsed.data, lookups);
    addProblems(s, problems, locate);
    if (p) {
      prepared.push(p);
      residentRows.push(rows.map((r) => r.row));
    }
  }

  const hashes = prepared.flatMap((p) => p.residents.map((r) => r.idHash).filter((h): h is string => !!h));
  const taken = await takenResidentIdHashes(db, actor.countyId, hashes);
  if (taken.size) {
    prepared.forEach((p, i) => p.residents.forEach((r, j) => {
      if (r.idHash && taken.has(r.idHash)) s.addCode(residentRows[i]![j]!, 'idNumber', 'idNumber.duplicate');
    }));
  }
  return { count: prepared.length, write: (tx) => insertHouseholds(tx, prepared) };
};

function addProblems(s: Sheet, problems: FieldProblem[], locate: (path: string[]) => { row: number; key: string }) {
  for (const p of problems) {
    const at = locate(p.field.split('.'));
    s.addCode(at.row, at.key, p.code, p.params);
  }
}

const CHECKS: Record<ImportKind, Check> = { orgs: checkOrgs, members: checkMembers, grids: checkGrids, households: checkHouseholds };

// ——— the run ———

async function readUpload(file: UploadedFile) {
  if (!/\.xlsx$/i.test(file.name) || !looksLikeXlsx(file.data)) throw new AppError('import.file', 400);
  try {
    return await readFirstSheet(file.data, IMPORT_MAX_ROWS);
  } catch (err) {
    if (err instanceof TooManyRows) throw new AppError('import.tooLarge', 413, { max: IMPORT_MAX_ROWS });
    // the uploader sees "cannot read the file"; the log keeps why (one CI run failed here unexplained)
    console.warn(`import: unreadable .xlsx (${file.data.length} bytes): ${(err as Error).message}`);
    throw new AppError('import.file', 400);
  }
}

export async function runImport(db: Db, actor: Actor, kind: ImportKind, file: UploadedFile, locale: Locale): Promise<ImportOutcome> {
  const { header, rows } = await readUpload(file);
  if (rows.length === 0) throw new AppError('import.empty', 422);
  const s = new Sheet(IMPORT_COLUMNS[kind], header, rows, locale);
  if (!s.checkHeader()) return rejected(s, null);
  const checked = await CHECKS[kind](db, actor, s);
  if (s.hasProblems) return rejected(s, await report(s, actor, kind));
  try {
    await db.transaction(async (tx) => {
      await checked.write(tx);
      await appendAudit(tx, byActor(actor, {
        action: `import.${kind}`, entity: 'import', orgPath: actor.scope[0] ?? null,
        detail: { kind, rows: rows.length, imported: checked.count, file: file.name },
      }));
    });
  } catch (err) {
    // another import took a code or an ID number between the check and the write
    if ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
      throw new AppError(kind === 'orgs' ? 'org.duplicateCode' : kind === 'grids' ? 'grid.duplicateCode' : 'idNumber.duplicate', 409, { code: '' });
    }
    throw err;
  }
  return { ok: true, imported: checked.count };
}

function rejected(s: Sheet, reportId: string | null): ImportOutcome {
  const all = s.list();
  return {
    ok: false,
    body: {
      error: {
        code: 'import.invalid',
        message: formatMessage('import.invalid', s.locale, { count: all.length }),
        rows: all.slice(0, IMPORT_MAX_LISTED),
        reportUrl: reportId ? `/api/imports/reports/${reportId}.xlsx` : null,
      },
    },
  };
}

/** The uploaded rows again, bad cells in red and a 错误说明 column; kept for the uploader (see reports.ts). */
async function report(s: Sheet, actor: Actor, kind: ImportKind): Promise<string> {
  const width = s.header.length;
  const errorHeader = s.locale === 'en' ? 'Errors' : '错误说明';
  const reports = s.rows.map((r) => s.rowReport(r.row));
  const file = await writeSheet(
    IMPORT_TITLES[kind].replace('模板', ''),
    [...s.header.map((h) => ({ header: h, text: true })), { header: errorHeader, width: 60 }],
    (function* () {
      for (let i = 0; i < s.rows.length; i++) {
        const cells = s.rows[i]!.cells.slice(0, width);
        while (cells.length < width) cells.push('');
        yield [...cells, reports[i]?.text ?? ''];
      }
    })(),
    { bad: (i) => (reports[i] ? [...reports[i].bad, width] : undefined), errorColumn: width },
  );
  return keepReport(actor.userId, file, `${IMPORT_TITLES[kind].replace('模板', '')}错误清单.xlsx`);
}

// ——— templates ———

export async function importTemplate(kind: ImportKind): Promise<{ file: Buffer; name: string }> {
  const columns = IMPORT_COLUMNS[kind];
  const help: string[][] = [['列名', '是否必填', '填写说明', '可选值', '示例']];
  for (const c of columns) {
    const values = c.choices ? Object.values(c.choices).map((l) => l['zh-CN']).join('、') : '';
    help.push([c.header, c.required ? '必填' : '选填', c.note, values, c.example]);
  }
  help.push([], ['导入规则']);
  for (const rule of [
    '第 1 行是表头，请勿修改列名；从第 2 行起每行一条记录，空行会被跳过。不要在“导入数据”表里留示例行。',
    '全部行都正确才会导入；只要有一处错误，就不导入任何数据，并列出每个错误的行号、列名和原因，可下载标出错误的 Excel 修改后重新导入。',
    `单个文件最多 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行数据。编码须在您的管辖范围内。`,
    ...IMPORT_RULES[kind],
  ]) help.push([rule]);
  const file = await writeSheet('导入数据', columns.map((c) => ({ header: c.header, width: c.width, text: c.text })), [], {
    extraSheets: [{ name: '填写说明', rows: help, widths: [18, 10, 60, 40, 22] }],
    dropdowns: columns.flatMap((c, i) => (c.choices && !c.multi ? [{ column: i, values: Object.values(c.choices).map((l) => l['zh-CN']) }] : [])),
  });
  return { file, name: `${IMPORT_TITLES[kind]}.xlsx` };
}
